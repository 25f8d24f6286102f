"""Phenom: the search page's embedded jobs, paging with from=, each job's page for the text, a real crawl."""

from __future__ import annotations

import argparse
import json
import re
from urllib.parse import urlsplit

import pytest
from scrapy import Request

from scraper import signals as job_signals
from scraper.commands import validate
from spiders.phenom import PhenomSpider
from tests.helpers import OWN_FIXTURES, crawl, make_spider, parse_board, shared_fixture, stats
from tests.spiders.embedded_cases import HTML, answer, assert_clean_body, records

SAMPLE = "phenom/careers_site/phenom_own_search_results_ddo.html"
SEARCH = "https://careers.phenom.com/global/en/search-results"
JOB_PAGE = OWN_FIXTURES / "phenom" / "job_page_P-104461.html"


def search_page(jobs: list[dict], total: int) -> str:
    ddo = {"eagerLoadRefineSearch": {"status": 200, "hits": len(jobs), "totalHits": total, "data": {"jobs": jobs}}}
    script = f"var phApp = {{}};\nphApp.ddo = {json.dumps(ddo)}; phApp.experimentData = {{}};"
    return f"<html><script>{script}</script></html>"


def job(n: int) -> dict:
    return {"jobId": f"J{n}", "title": f"Job {n}", "city": "Austin", "state": "Texas", "country": "United States",
            "location": "Austin, Texas, United States", "postedDate": "2026-11-01T00:00:00.000+0000"}


@pytest.mark.parametrize("url,first,prefix", [
    (SEARCH, SEARCH, "/global/en"),
    (SEARCH + "?keywords=java&from=20&s=1", SEARCH + "?keywords=java&from=20&s=1", "/global/en"),
    ("https://careers.example.com/us/en", "https://careers.example.com/us/en/search-results", "/us/en"),
    ("https://careers.example.com/us/en/job/R123/Data-Engineer", "https://careers.example.com/us/en/search-results",
     "/us/en"),
    ("http://127.0.0.1:8080/search-results", "http://127.0.0.1:8080/search-results", ""),
])
def test_first_request(url, first, prefix):
    spider = make_spider(PhenomSpider, url=url)
    assert (spider.board_url, spider.prefix) == (first, prefix)


def test_sample_lists_jobs_asks_their_pages_and_the_next_search_page():
    spider = make_spider(PhenomSpider, url=SEARCH)
    requests = parse_board(spider, shared_fixture(SAMPLE).read_bytes(), headers=HTML)
    assert [r.url for r in requests] == ["https://careers.phenom.com/global/en/job/P-104461",
                                         "https://careers.phenom.com/global/en/job/P-104504",
                                         SEARCH + "?from=2&s=1"]  # 2 of totalHits 52 read (the sample is cut)
    assert requests[-1].callback == spider.parse_board and requests[-1].meta["page"] == 1


def test_sample_fields_with_the_jobs_page_and_without():
    spider = make_spider(PhenomSpider, url=SEARCH)
    requests = parse_board(spider, shared_fixture(SAMPLE).read_bytes(), headers=HTML)
    got = records(spider, answer(spider, requests, {"P-104461": JOB_PAGE}))
    pm, rdr = got["P-104461"], got["P-104504"]
    # ids and addresses
    assert pm.id == "phenom:careers.phenom.com:P-104461"
    assert pm.url == "https://careers.phenom.com/global/en/job/P-104461"
    # title
    assert (pm.title, rdr.title) == ("Senior Project Manager(German Speaker)", "Revenue Development Representative")
    # locations: the full label with its country
    assert pm.locations == [{"city": "Rotterdam", "region": "South Holland", "country": "NL"}]
    assert rdr.locations == [{"city": "Sydney", "region": "New South Wales", "country": "AU"}]
    # type, category (department is empty), date, locale
    assert (pm.employmentType, pm.department, rdr.department) == ("FULL_TIME", "OGD", "Sales")
    assert (pm.datePosted, rdr.datePosted) == ("2026-04-09T09:54:06Z", "2026-04-08T13:14:37Z")
    assert pm.postingLanguage == rdr.postingLanguage == "en"
    # text: the job page's full description; without the page, the search's teaser
    assert pm.description.startswith("**About the role**\n\nLead transformation programs")
    assert "de" in pm.languages and pm.experienceYears["min"] == 7
    assert rdr.description == ("We are looking for a Revenue Development Representative to generate new business "
                               "opportunities and help redefine the HR tech space.")
    assert stats(spider)["jobs/phenom/details_failed/not_found"] == 1


def test_paging_follows_from_until_total_hits_and_a_capped_site_is_not_complete():
    spider = make_spider(PhenomSpider, url=SEARCH, settings={"PHENOM_MAX_PAGES": 2})
    completed = []
    spider.crawler.signals.connect(lambda board_url, spider: completed.append(board_url),
                                   signal=job_signals.board_completed, weak=False)
    first = parse_board(spider, search_page([job(1), job(2)], total=5), headers=HTML)
    (page2,) = [r for r in first if r.callback == spider.parse_board]
    assert page2.url == SEARCH + "?from=2&s=1"
    second = parse_board(spider, search_page([job(3), job(4)], total=5), request=page2, headers=HTML)
    assert [r for r in second if r.callback == spider.parse_board] == []  # page 3 is past PHENOM_MAX_PAGES
    assert stats(spider)["jobs/phenom/pagination_capped"] == 1 and completed == []

    spider = make_spider(PhenomSpider, url=SEARCH)
    spider.crawler.signals.connect(lambda board_url, spider: completed.append(board_url),
                                   signal=job_signals.board_completed, weak=False)
    last = Request(SEARCH + "?from=4&s=1", meta={"page": 2})
    assert [r.url for r in parse_board(spider, search_page([job(5)], total=5), request=last, headers=HTML)] == [
        "https://careers.phenom.com/global/en/job/J5"]
    assert completed == [spider.board_url]


def test_multi_location_jobs_and_skipped_jobs():
    spider = make_spider(PhenomSpider, url=SEARCH)
    many = {**job(1), "multi_location_array": [{"location": "Austin, Texas, United States"},
                                               {"location": "Toronto, Ontario, Canada"}]}
    requests = parse_board(spider, search_page([many, {"title": "No id"}, {"jobId": "X"}], total=3), headers=HTML)
    (item,) = records(spider, answer(spider, requests)).values()
    assert item.locations == [{"city": "Austin", "region": "Texas", "country": "US"},
                              {"city": "Toronto", "region": "Ontario", "country": "CA"}]
    s = stats(spider)
    assert (s["jobs/phenom/postings_skipped/no_id"], s["jobs/phenom/postings_skipped/no_title"]) == (1, 1)


@pytest.mark.parametrize("body,reason", [
    ('<script>phApp.ddo = {"eagerLoadRefineSearch": {"data": {"jobs": [</script>', "malformed"),
    ("<html><body>Access denied</body></html>", "unexpected_shape"),
    ('<script>phApp.ddo = {"refineSearch": {"tokenAvailable": true}};</script>', "unexpected_shape"),
])
def test_bad_search_pages_are_counted(body, reason):
    spider = make_spider(PhenomSpider, url=SEARCH)
    assert parse_board(spider, body, headers=HTML) == []
    assert stats(spider)[f"jobs/phenom/boards_failed/{reason}"] == 1


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    httpserver.expect_request("/global/en/search-results", query_string="").respond_with_data(
        shared_fixture(SAMPLE).read_bytes(), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/global/en/search-results", query_string="from=2&s=1").respond_with_data(
        search_page([job(3)], total=3), content_type="text/html")
    httpserver.expect_request("/global/en/job/P-104461").respond_with_data(JOB_PAGE.read_bytes(),
                                                                           content_type="text/html")
    httpserver.expect_request(re.compile(r"^/global/en/job/")).respond_with_data("gone", status=404)
    result = crawl("phenom", tmp_path, args={"url": httpserver.url_for("/global/en/search-results")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    host = urlsplit(httpserver.url_for("/")).hostname
    got = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(got) == {f"phenom:{host}:P-104461", f"phenom:{host}:P-104504", f"phenom:{host}:J3"}
    front, body = got[f"phenom:{host}:P-104461"]
    assert (front["location"], front["jobType"]) == ("Rotterdam, Netherlands", "full-time")
    assert_clean_body(body)
    assert result.stats["jobs/phenom/details_failed/not_found"] == 2
    assert result.stats["jobs/records/written"] == 3
