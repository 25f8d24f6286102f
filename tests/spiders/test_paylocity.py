"""Paylocity: the board page's window.pageData, each job's page (JSON-LD) for the text, fallbacks, a real crawl."""

from __future__ import annotations

import argparse

import pytest

from scraper.commands import validate
from spiders.paylocity import PaylocitySpider
from tests.helpers import OWN_FIXTURES, crawl, make_spider, parse_board, shared_fixture, stats
from tests.spiders.embedded_cases import HTML, answer, assert_clean_body, records

SAMPLE = "paylocity/careers_site/ncaec_board_pagedata.html"
GUID = "211e692d-c45a-4e3a-ae01-3e497af97929"
BOARD = f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID}"
DETAIL = OWN_FIXTURES / "paylocity" / "job_details_4141169.html"


def spider_for(url: str = BOARD) -> PaylocitySpider:
    return make_spider(PaylocitySpider, url=url)


def board(spider, body: bytes | str, headers=HTML):
    return parse_board(spider, body, headers=headers)


@pytest.mark.parametrize("url,first", [
    (f"https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}", BOARD),
    (f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID}/North-Carolina-Advanced-Energy", BOARD),
    (f"recruiting.paylocity.com/recruiting/jobs/all/{GUID}?department=x", BOARD),
    (f"http://127.0.0.1:8080/recruiting/jobs/All/{GUID}", f"http://127.0.0.1:8080/Recruiting/Jobs/All/{GUID}"),
])
def test_first_request(url, first):
    assert spider_for(url).board_url == first


@pytest.mark.parametrize("url", ["https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169",
                                 "https://recruiting.paylocity.com/"])
def test_an_address_without_a_board_is_refused(url):
    with pytest.raises(ValueError, match="not a board"):
        spider_for(url)


def test_sample_board_asks_each_jobs_page():
    spider = spider_for()
    requests = board(spider, shared_fixture(SAMPLE).read_bytes())
    assert [r.url for r in requests] == ["https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169",
                                         "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4401262"]
    assert stats(spider)["jobs/paylocity/boards_ok"] == 1


def test_sample_fields_with_the_jobs_page_and_without():
    spider = spider_for()
    got = records(spider, answer(spider, board(spider, shared_fixture(SAMPLE).read_bytes()), {"4141169": DETAIL}))
    engineer, assistant = got["4141169"], got["4401262"]
    # ids and addresses
    assert engineer.id == f"paylocity:{GUID}:4141169"
    assert engineer.url == "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169"
    assert engineer.applyUrl == "https://recruiting.paylocity.com/Recruiting/Jobs/Apply/4141169"
    # title and company (the board's ModuleTitle)
    assert engineer.title == "Engineer/Associate Engineer, Power Systems"
    assert assistant.title == "Administrative Assistant (Hybrid)"
    assert {i.companyName for i in got.values()} == {"North Carolina Advanced Energy Corporation"}
    # locations: the job location's address, with its country as a code
    assert engineer.locations == [{"city": "Raleigh", "region": "NC", "country": "US"}]
    assert assistant.locations == [{"city": "Raleigh", "region": "NC", "country": "US"}]
    # workplace: the location the company named "Hybrid"; IsRemote is false
    assert engineer.workplace == assistant.workplace == "hybrid"
    # dates (PublishedDate, -05:00)
    assert engineer.datePosted == "2026-08-08T16:27:44Z" and assistant.datePosted == "2026-08-07T15:57:23Z"
    # the job's page gives the text and the employment type
    assert engineer.employmentType == "FULL_TIME"
    assert engineer.description.startswith("**Position summary**\n\nPlan and model distribution grids")
    assert "* Run load-flow studies in PSS/E" in engineer.description
    assert engineer.experienceYears == {"min": 2, "max": None}
    # no page for the second job: what the board lists (no description in this sample) still makes a record
    assert assistant.description == "" and assistant.employmentType == ""
    s = stats(spider)
    assert s["jobs/paylocity/details_failed/not_found"] == 1
    assert s["jobs/paylocity/postings_yielded"] == 2


@pytest.mark.parametrize("body,reason", [
    ('<html><script>window.pageData = {"Jobs": [{"JobId": 1, </script></html>', "malformed"),
    ("<html><body>Maintenance</body></html>", "unexpected_shape"),
    ('<html><script>window.pageData = {"Jobs": {"JobId": 1}};</script></html>', "unexpected_shape"),
    ('{"Jobs": [', "malformed"),
])
def test_bad_boards_are_counted(body, reason):
    spider = spider_for()
    assert board(spider, body) == []
    assert stats(spider)[f"jobs/paylocity/boards_failed/{reason}"] == 1


def test_bad_jobs_are_skipped_and_an_empty_board_reported():
    spider = spider_for()
    page = ('<script>window.pageData = {"ModuleTitle": "Acme", "Jobs": [{"JobTitle": "No id"}, {"JobId": 7},'
            ' "junk", {"JobId": 8, "JobTitle": "Welder"}]};</script>')
    assert [r.url for r in board(spider, page)] == ["https://recruiting.paylocity.com/Recruiting/Jobs/Details/8"]
    s = stats(spider)
    assert (s["jobs/paylocity/postings_skipped/no_id"], s["jobs/paylocity/postings_skipped/no_title"]) == (2, 1)
    empty = spider_for()
    assert board(empty, '<script>window.pageData = {"Jobs": []};</script>') == []
    assert stats(empty)["jobs/paylocity/boards_empty"] == 1


def test_a_malformed_jobs_page_keeps_the_boards_entry():
    spider = spider_for()
    requests = board(spider, shared_fixture(SAMPLE).read_bytes())
    broken = b'<script type="application/ld+json">{"@type": "JobPosting", </script>'
    got = records(spider, answer(spider, requests, {"4141169": broken}))
    assert got["4141169"].title == "Engineer/Associate Engineer, Power Systems" and got["4141169"].description == ""
    assert stats(spider)["jobs/paylocity/malformed_embedded"] == 1


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    httpserver.expect_request(f"/Recruiting/Jobs/All/{GUID}").respond_with_data(
        shared_fixture(SAMPLE).read_bytes(), content_type="text/html")
    httpserver.expect_request("/Recruiting/Jobs/Details/4141169").respond_with_data(
        DETAIL.read_bytes(), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/Recruiting/Jobs/Details/4401262").respond_with_data("gone", status=404)
    result = crawl("paylocity", tmp_path, args={"url": httpserver.url_for(f"/recruiting/jobs/All/{GUID}")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    got = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(got) == {f"paylocity:{GUID}:4141169", f"paylocity:{GUID}:4401262"}
    front, body = got[f"paylocity:{GUID}:4141169"]
    assert (front["companyName"], front["location"], front["jobType"]) == (
        "North Carolina Advanced Energy Corporation", "Raleigh, United States", "full-time")
    assert_clean_body(body)
    assert result.stats["jobs/paylocity/details_failed/not_found"] == 1
    assert result.stats["jobs/records/written"] == 2
