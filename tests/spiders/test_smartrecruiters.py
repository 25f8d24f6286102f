"""SmartRecruiters: first-request URLs, list paging, detail sections, failed details, real crawls."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper import signals as job_signals
from scraper.commands import validate
from spiders.smartrecruiters import SmartRecruitersSpider
from tests.helpers import (
    crawl,
    item_dict,
    make_response,
    make_spider,
    parse_board,
    run_pipelines,
    shared_fixture,
    stats,
)

API = "https://api.smartrecruiters.com/v1/companies"
DETAIL = "smartrecruiters/api/westerndigital_posting_detail.json"
DETAIL_ID = "744000140949875"


@pytest.mark.parametrize("url,kwargs,api", [
    ("https://jobs.smartrecruiters.com/WesternDigital", {},
     f"{API}/WesternDigital/postings?limit=100&offset=0"),
    ("https://careers.smartrecruiters.com/HireVue/", {}, f"{API}/HireVue/postings?limit=100&offset=0"),
    ("jobs.smartrecruiters.com/WesternDigital/744000140949875-summer-2027-intern-hardware-engineering", {},
     f"{API}/WesternDigital/postings?limit=100&offset=0"),
    (f"{API}/knight/postings", {}, f"{API}/knight/postings?limit=100"),
    (f"{API}/knight/postings?limit=10&offset=20", {}, f"{API}/knight/postings?limit=10&offset=20"),
    ("http://127.0.0.1:8123/HireVue", {}, "http://127.0.0.1:8123/v1/companies/HireVue/postings?limit=100&offset=0"),
    ("http://127.0.0.1:8123/v1/companies/HireVue/postings", {},
     "http://127.0.0.1:8123/v1/companies/HireVue/postings?limit=100"),
    ("https://careers.example.com/", {"board": "Acme"},
     "https://careers.example.com/v1/companies/Acme/postings?limit=100&offset=0"),
])
def test_first_request_url(url, kwargs, api):
    assert make_spider(SmartRecruitersSpider, url=url, **kwargs).api_url() == api


def test_a_url_without_a_company_is_refused():
    with pytest.raises(ValueError, match="board="):
        make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/").api_url()


def failed(request, status=404):
    failure = Failure(HttpError(make_response(request.url, b"", status=status, request=request), "error"))
    failure.request = request
    return failure


def board(spider, relative, url=None):
    return parse_board(spider, shared_fixture(relative).read_bytes(), url)


def test_detail_gives_sections_urls_and_compensation():
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/WesternDigital")
    request = spider.detail_request(f"{API}/WesternDigital/postings/{DETAIL_ID}",
                                    listed={"id": DETAIL_ID,
                                            "name": "Summer 2027 Intern - Hardware Engineering"},
                                    posting_id=DETAIL_ID)
    response = make_response(request.url, shared_fixture(DETAIL).read_bytes(), request=request)
    (posting,) = run_pipelines(spider, request.callback(response, **request.cb_kwargs)).items
    record = item_dict(posting)
    assert record["id"] == f"smartrecruiters:WesternDigital:{DETAIL_ID}"
    assert record["title"] == "Summer 2027 Intern - Hardware Engineering"
    assert record["url"] == ("https://jobs.smartrecruiters.com/WesternDigital/"
                             "744000140949875-summer-2027-intern-hardware-engineering")
    assert record["applyUrl"] == record["url"] + "?oga=true"
    assert record["companyName"] == "Western Digital"
    assert record["datePosted"] == "2026-07-31T15:44:17Z"
    assert (record["employmentType"], record["workplace"], record["seniority"]) == (
        "INTERN", "hybrid", "intern")
    assert record["locations"] == [{"city": "San Jose", "region": "CA", "country": "US"}]
    assert record["salary"] == {"min": 34, "max": 47, "currency": "USD", "period": "HOUR",
                                "raw": "34 - 47 USD per hour"}
    assert record["postingLanguage"] == "en"
    headings = [line for line in record["description"].splitlines() if line.startswith("## ")]
    assert headings == ["## Company Description", "## Job Description", "## Qualifications",
                        "## Additional Information"]
    assert record["description"].startswith("## Company Description\n\nWD is building the infrastructure")


def test_list_asks_for_each_detail_on_the_crawled_host_and_pages_by_what_it_got():
    spider = make_spider(SmartRecruitersSpider, url="http://127.0.0.1:8123/HireVue")
    out = board(spider, "smartrecruiters/api/hirevue_postings_list.json")
    *details, next_page = out
    assert [r.url for r in details] == [f"http://127.0.0.1:8123/v1/companies/HireVue/postings/{i}"
                                        for i in ("744000138728139", "744000136509359", "744000133640099")]
    json.dumps(details[0].cb_kwargs)
    # totalFound 5, three listed: the next page starts at 3.
    assert next_page.url == "http://127.0.0.1:8123/v1/companies/HireVue/postings?limit=100&offset=3"
    assert next_page.meta["page"] == 1


def test_failed_details_keep_the_listing():
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/HireVue")
    *details, _ = board(spider, "smartrecruiters/api/hirevue_postings_list.json")
    items = [item for r in details for item in r.errback(failed(r, status=503))]
    result = run_pipelines(spider, items)
    records = {i.postingId: item_dict(i) for i in result.items}
    intern = records["744000138728139"]
    assert intern["title"] == "Data Science Intern | Fully Remote US"
    assert intern["url"] == "https://jobs.smartrecruiters.com/HireVue/744000138728139"
    assert intern["companyName"] == "HireVue Inc"
    assert intern["datePosted"] == "2026-07-20T20:54:18Z"
    assert (intern["employmentType"], intern["workplace"], intern["seniority"]) == (
        "PART_TIME", "remote", "intern")
    assert intern["department"] == "Data Science"
    assert intern["locations"] == [{"city": "Sandy", "region": "UT", "country": "US"}]
    deal = records["744000136509359"]
    assert deal["locations"] == [{"city": "Warsaw", "region": "", "country": "PL"}]
    assert (deal["employmentType"], deal["seniority"], deal["department"]) == ("FULL_TIME", "junior", "Sales")
    s = stats(spider)
    assert s["jobs/smartrecruiters/details_failed/http_503"] == 3
    assert s["jobs/smartrecruiters/postings_without_description"] == 3


def test_onsite_when_both_flags_are_false():
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/knight")
    (request,) = board(spider, "smartrecruiters/api/knight_postings.json")
    (posting,) = run_pipelines(spider, request.errback(failed(request))).items
    assert (posting.workplace, posting.employmentType, posting.seniority) == ("onsite", "PART_TIME", "")
    assert posting.datePosted == "2018-06-08T02:11:28Z"
    assert posting.location == "St. Louis, United States"


def test_last_page_stops_paging_and_endless_paging_is_capped():
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/AutomationAnywhere1")
    page1 = f"{API}/AutomationAnywhere1/postings?limit=100&offset=3"
    out = board(spider, "smartrecruiters/api/automationanywhere_postings_page1.json", url=page1)
    # 3 + 1 listed = totalFound: no further page.
    assert [r.url for r in out] == [f"{API}/AutomationAnywhere1/postings/743999706414750"]

    endless = json.dumps({"totalFound": 10_000, "content": [{"id": "1", "name": "Again"}]})
    capped = make_spider(SmartRecruitersSpider, settings={"SMARTRECRUITERS_MAX_PAGES": 3},
                         url="https://jobs.smartrecruiters.com/Loop")
    request, pages = capped.board_request(capped.api_url()), 0
    while request is not None:
        pages += 1
        out = list(capped.parse_board(make_response(request.url, endless, request=request)))
        request = out[-1] if len(out) == 2 else None
    assert pages == 3
    assert stats(capped)["jobs/smartrecruiters/pagination_capped"] == 1


def signalled(spider, signal):
    seen = []

    def handler(**kwargs):
        seen.append({k: v for k, v in kwargs.items() if k not in ("signal", "sender", "spider")})
    spider.crawler.signals.connect(handler, signal=signal, weak=False)
    return seen


def test_the_crawl_state_hears_listed_postings_and_only_a_complete_listing():
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/AutomationAnywhere1")
    listed = signalled(spider, job_signals.posting_listed)
    completed = signalled(spider, job_signals.board_completed)
    board(spider, "smartrecruiters/api/automationanywhere_postings_page0.json")
    assert [s["posting_id"] for s in listed] == [f"smartrecruiters:AutomationAnywhere1:{i}" for i in
                                                 ("743999706414750", "743999706405540", "743999704892584")]
    assert completed == []  # a next page is pending
    board(spider, "smartrecruiters/api/automationanywhere_postings_page1.json",
          url=f"{API}/AutomationAnywhere1/postings?limit=100&offset=3")
    assert completed == [{"board_url": f"{API}/AutomationAnywhere1/postings?limit=100&offset=0"}]

    capped = make_spider(SmartRecruitersSpider, settings={"SMARTRECRUITERS_MAX_PAGES": 1},
                         url="https://jobs.smartrecruiters.com/AutomationAnywhere1")
    completed = signalled(capped, job_signals.board_completed)
    board(capped, "smartrecruiters/api/automationanywhere_postings_page0.json")
    assert completed == []  # cut off by the cap: postings past it are not gone
    assert stats(capped)["jobs/smartrecruiters/pagination_capped"] == 1


@pytest.mark.parametrize("body,reason", [
    (b"<html>gateway</html>", "malformed"),
    (b'{"message": "Company not found"}', "unexpected_shape"),
])
def test_bad_boards_are_counted(body, reason):
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/nobody")
    assert list(spider.parse_board(make_response(spider.api_url(), body))) == []
    assert stats(spider)[f"jobs/smartrecruiters/boards_failed/{reason}"] == 1


def test_a_listing_without_a_title_is_skipped_when_its_detail_fails():
    spider = make_spider(SmartRecruitersSpider, url="https://jobs.smartrecruiters.com/Acme")
    body = b'{"totalFound": 1, "content": [{"id": "9"}]}'
    (request,) = list(spider.parse_board(make_response(spider.api_url(), body)))
    assert list(request.errback(failed(request))) == []
    assert stats(spider)["jobs/smartrecruiters/postings_skipped/no_title"] == 1


@pytest.mark.e2e
def test_crawl_pages_and_failing_details(httpserver, tmp_path):
    base = "/v1/companies/AutomationAnywhere1/postings"
    httpserver.expect_request(base, query_string={"limit": "100", "offset": "0"}).respond_with_data(
        shared_fixture("smartrecruiters/api/automationanywhere_postings_page0.json").read_bytes(),
        content_type="application/json")
    httpserver.expect_request(base, query_string={"limit": "100", "offset": "3"}).respond_with_data(
        shared_fixture("smartrecruiters/api/automationanywhere_postings_page1.json").read_bytes(),
        content_type="application/json")
    httpserver.expect_request(f"{base}/743999706414750").respond_with_data("", status=404)
    result = crawl("smartrecruiters", tmp_path, args={"url": httpserver.url_for("/AutomationAnywhere1")},
                   settings={"ROBOTSTXT_OBEY": "False", "RETRY_ENABLED": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    fronts = {front["title"]: front for front, _ in result.records().values()}
    assert set(fronts) == {"Pricing Analyst", "Sr. Sales Executive (4418)",
                           "Strategic Account Manager/Senior Account Executive - Seattle (4120)"}
    pricing = fronts["Pricing Analyst"]
    assert pricing["url"] == httpserver.url_for("/AutomationAnywhere1/743999706414750")
    assert (pricing["companyName"], pricing["employmentType"], pricing["workplace"]) == (
        "Automation Anywhere", "FULL_TIME", "onsite")
    assert pricing["locations"] == [{"city": "San Jose", "region": "CA", "country": "US"}]
    assert result.stats["jobs/smartrecruiters/boards_ok"] == 2
    assert result.stats["jobs/smartrecruiters/details_failed/not_found"] == 1
    assert result.stats["jobs/smartrecruiters/details_failed/http_500"] == 2
    assert result.stats["jobs/records/written"] == 3
