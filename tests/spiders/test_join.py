"""JOIN: the company page's __NEXT_DATA__ (and the jobs API), paging, the Markdown detail, a real crawl.

No real JOIN response is recorded: tests/fixtures/join holds fixtures of our own (see its README.md)."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy import Request

from scraper import signals as job_signals
from scraper.commands import validate
from spiders.join import JoinSpider
from tests.helpers import OWN_FIXTURES, crawl, make_spider, parse_board, stats
from tests.spiders.embedded_cases import HTML, JSON, answer, assert_clean_body, records

OWN = OWN_FIXTURES / "join"
PAGE = "https://join.com/companies/nordlicht-robotics"
DETAILS = {"16497003": OWN / "job_detail.json", "16497010": OWN / "job_detail_parts.json"}


@pytest.mark.parametrize("url,first", [
    (PAGE, PAGE),
    (PAGE + "/16497003-senior-backend-engineer-m-w-d", PAGE),
    ("join.com/companies/nordlicht-robotics?page=2", PAGE),
    ("https://join.com/api/public/companies/310/jobs?page=1&pageSize=5",
     "https://join.com/api/public/companies/310/jobs?page=1&pageSize=5"),
    ("http://127.0.0.1:8080/companies/nordlicht-robotics", "http://127.0.0.1:8080/companies/nordlicht-robotics"),
])
def test_first_request(url, first):
    assert make_spider(JoinSpider, url=url).board_url == first


@pytest.mark.parametrize("url", ["https://join.com/", "https://join.com/jobs/123"])
def test_an_address_without_a_company_is_refused(url):
    with pytest.raises(ValueError, match="neither"):
        make_spider(JoinSpider, url=url)


def company_page(spider=None, name="company_page.html", request=None):
    spider = spider or make_spider(JoinSpider, url=PAGE)
    return spider, parse_board(spider, (OWN / name).read_bytes(), request=request, headers=HTML)


def test_company_page_asks_each_jobs_detail_and_the_next_page():
    spider, requests = company_page()
    assert [r.url for r in requests] == [f"https://join.com/api/public/jobs/{n}" for n in
                                         (16497003, 16497010, 16497022, 16497031, 16497044)] + [PAGE + "?page=2"]
    assert requests[-1].meta["page"] == 1
    _, second = company_page(spider, "company_page_2.html", request=requests[-1])
    assert [r.url for r in second] == ["https://join.com/api/public/jobs/16497052",
                                       "https://join.com/api/public/jobs/16497060"]  # pageCount 2: the last page


def test_fields_with_details_and_without():
    spider, requests = company_page()
    got = records(spider, answer(spider, requests, DETAILS, headers=JSON))
    backend, student, csm, freelance = got["16497003"], got["16497010"], got["16497022"], got["16497044"]
    # ids and the job page address
    assert backend.id == "join:310:16497003"
    assert backend.url == "https://join.com/companies/nordlicht-robotics/16497003-senior-backend-engineer-m-w-d"
    # title, company
    assert backend.title == "Senior Backend Engineer (m/w/d)"
    assert {i.companyName for i in got.values()} == {"Nordlicht Robotics GmbH"}
    # locations with country codes
    assert backend.locations == [{"city": "Berlin", "region": "", "country": "DE"}]
    assert csm.locations == [{"city": "Vienna", "region": "", "country": "AT"}]
    # workplace types
    assert (backend.workplace, student.workplace, csm.workplace) == ("hybrid", "onsite", "remote")
    # employment types: JOIN's own names ("Employee" says nothing of the hours)
    assert (backend.employmentType, student.employmentType, freelance.employmentType) == (
        "", "PART_TIME", "CONTRACTOR")
    # category as the department, createdAt as the posting date
    assert (backend.department, backend.datePosted) == ("Software Development", "2026-11-02T09:15:49Z")
    # salary in cents with its frequency
    assert backend.salary == {"min": 65000, "max": 80000, "currency": "EUR", "period": "YEAR",
                              "raw": "65,000 - 80,000 EUR per year"}
    assert (student.salary["min"], student.salary["max"], student.salary["period"]) == (15, 18, "HOUR")
    assert csm.salary["min"] is None  # no amounts: the frequency alone is no salary
    # the detail's Markdown description, or the ad's parts under their own headings
    assert backend.description.startswith("### About us\n\nNordlicht Robotics builds **autonomous warehouse robots**.")
    assert "* Own PostgreSQL schemas and their migrations" in backend.description
    assert student.description == (
        "We are looking for a **working student** (20 h/week).\n\n## Tasks\n\n* Plan our social media posts\n"
        "* Write newsletter drafts\n\n## Requirements\n\n* Enrolled student\n* Very good German and English\n\n"
        "## Benefits\n\n* Flexible hours\n* Free lunch\n\nApply with your CV.")
    # a failed detail keeps the listed job
    assert csm.description == "" and csm.title == "Customer Success Manager"
    s = stats(spider)
    assert (s["jobs/join/postings_yielded"], s["jobs/join/details_failed/not_found"]) == (5, 3)


def test_html_in_the_markdown_is_cleaned_like_any_html():
    spider, requests = company_page()
    body = json.dumps({"description": "Hi <script>alert(1)</script> <b>there</b>\n\n<div onclick='x'>Bye</div>"})
    got = records(spider, answer(spider, requests[:1], {"16497003": body.encode()}, headers=JSON))
    assert got["16497003"].description == "Hi **there**\n\nBye"


def test_the_jobs_api_answers_the_same_items():
    spider = make_spider(JoinSpider, url="https://join.com/api/public/companies/310/jobs?page=1&pageSize=5")
    requests = parse_board(spider, (OWN / "api_jobs.json").read_bytes(), headers=JSON)
    assert requests[-1].url == "https://join.com/api/public/companies/310/jobs?page=2&pageSize=5"
    got = records(spider, answer(spider, requests, DETAILS, headers=JSON))
    # the API names no company: the detail's company gives the name and the job page address; a job whose
    # detail failed has no address, and a record needs one (the company page is the address to crawl)
    assert got["16497003"].companyName == "Nordlicht Robotics GmbH" and got["16497003"].board == "310"
    assert got["16497003"].url == "https://join.com/companies/nordlicht-robotics/16497003-senior-backend-engineer-m-w-d"
    assert set(got) == {"16497003", "16497010"}


def test_paging_is_capped_and_a_capped_board_is_not_complete():
    spider = make_spider(JoinSpider, url=PAGE, settings={"JOIN_MAX_PAGES": 1})
    completed = []
    spider.crawler.signals.connect(lambda board_url, spider: completed.append(board_url),
                                   signal=job_signals.board_completed, weak=False)
    _, requests = company_page(spider)
    assert [r for r in requests if r.callback == spider.parse_board] == []
    assert stats(spider)["jobs/join/pagination_capped"] == 1 and completed == []
    spider = make_spider(JoinSpider, url=PAGE)
    spider.crawler.signals.connect(lambda board_url, spider: completed.append(board_url),
                                   signal=job_signals.board_completed, weak=False)
    company_page(spider, "company_page_2.html", request=Request(PAGE + "?page=2", meta={"page": 1}))
    assert completed == [PAGE]


@pytest.mark.parametrize("body,reason", [
    ('<script id="__NEXT_DATA__" type="application/json">{"props": </script>', "malformed"),
    ("<html><body>Company not found</body></html>", "unexpected_shape"),
    ('<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {}}}</script>',
     "unexpected_shape"),
])
def test_bad_pages_are_counted(body, reason):
    spider = make_spider(JoinSpider, url=PAGE)
    assert parse_board(spider, body, headers=HTML) == []
    assert stats(spider)[f"jobs/join/boards_failed/{reason}"] == 1


def test_a_malformed_detail_keeps_the_listed_job():
    spider, requests = company_page()
    got = records(spider, answer(spider, requests[:1], {"16497003": b'{"description": '}, headers=JSON))
    assert got["16497003"].title == "Senior Backend Engineer (m/w/d)" and got["16497003"].description == ""
    assert stats(spider)["jobs/join/details_failed/malformed"] == 1


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    httpserver.expect_request("/companies/nordlicht-robotics", query_string="").respond_with_data(
        (OWN / "company_page.html").read_bytes(), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/companies/nordlicht-robotics", query_string="page=2").respond_with_data(
        (OWN / "company_page_2.html").read_bytes(), content_type="text/html; charset=utf-8")
    for job_id, path in DETAILS.items():
        httpserver.expect_request(f"/api/public/jobs/{job_id}").respond_with_data(
            path.read_bytes(), content_type="application/json")
    result = crawl("join", tmp_path, args={"url": httpserver.url_for("/companies/nordlicht-robotics")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    got = {front["id"]: (front, body) for front, body in result.records().values()}
    assert len(got) == 7
    front, body = got["join:310:16497003"]
    assert (front["location"], front["workplace"], front["salary"]["currency"]) == (
        "Berlin, Germany", "hybrid", "EUR")
    assert front["url"] == httpserver.url_for("/companies/nordlicht-robotics/16497003-senior-backend-engineer-m-w-d")
    assert_clean_body(body)
    assert result.stats["jobs/join/details_failed/http_500"] == 5  # the server knows two details only
    assert result.stats["jobs/records/written"] == 7
