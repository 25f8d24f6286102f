"""Rippling: first-request URLs, the v1 list with its recorded detail, pay ranges, the v2 page (one job per
location merged, paging and its cap), failed details, bad bodies, a real crawl."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper import signals as job_signals
from scraper.commands import validate
from spiders.rippling import RipplingSpider
from tests.helpers import crawl, make_response, make_spider, parse_board, run_pipelines, shared_fixture, stats

API = "https://api.rippling.com/platform/api/ats"
LIST = "rippling/api/portside_v1_jobs_list.json"
DETAIL = "rippling/api/portside_v1_job_detail.json"
PAGE = "rippling/api/rippling_own_board_v2_jobs_page.json"
PMM = "f7008ce4-5157-4ba9-b75b-ed2a6448b579"


@pytest.mark.parametrize("url,api", [
    ("https://ats.rippling.com/portside/jobs", f"{API}/v2/board/portside/jobs?page=0&pageSize=100"),
    ("https://ats.rippling.com/en-GB/portside/jobs", f"{API}/v2/board/portside/jobs?page=0&pageSize=100"),
    (f"https://ats.rippling.com/portside/jobs/{PMM}", f"{API}/v2/board/portside/jobs?page=0&pageSize=100"),
    ("https://ats.rippling.com/embed/Portside", f"{API}/v2/board/Portside/jobs?page=0&pageSize=100"),
    (f"{API}/v1/board/portside/jobs", f"{API}/v1/board/portside/jobs"),
    (f"{API}/v2/board/rippling/jobs", f"{API}/v2/board/rippling/jobs?page=0&pageSize=100"),
    (f"{API}/v2/board/rippling/jobs?page=0&pageSize=2", f"{API}/v2/board/rippling/jobs?page=0&pageSize=2"),
    ("http://127.0.0.1:8123/portside/jobs",
     "http://127.0.0.1:8123/platform/api/ats/v2/board/portside/jobs?page=0&pageSize=100"),
])
def test_first_request_url(url, api):
    assert make_spider(RipplingSpider, url=url).api_url() == api


def test_a_url_without_a_board_is_refused():
    with pytest.raises(ValueError, match="board="):
        make_spider(RipplingSpider, url="https://ats.rippling.com/").api_url()


def failed(request, status=404):
    failure = Failure(HttpError(make_response(request.url, b"", status=status, request=request), "error"))
    failure.request = request
    return failure


def answered(spider, requests, details):
    """Every detail request answered from `details` (uuid -> body), else 404; the items through the pipelines."""
    out = []
    for request in requests:
        uuid = request.url.rsplit("/", 1)[-1]
        if uuid in details:
            out += request.callback(make_response(request.url, details[uuid], request=request), **request.cb_kwargs)
        else:
            out += request.errback(failed(request))
    return {i.postingId: i for i in run_pipelines(spider, out).items}


def v1_board(spider):
    return parse_board(spider, shared_fixture(LIST).read_bytes(), url=f"{API}/v1/board/portside/jobs")


def test_v1_list_asks_each_detail_under_the_list_path():
    spider = make_spider(RipplingSpider, url="http://127.0.0.1:8123/platform/api/ats/v1/board/portside/jobs")
    requests = parse_board(spider, shared_fixture(LIST).read_bytes())
    assert [r.url.rsplit("/", 1)[0] for r in requests] == [
        "http://127.0.0.1:8123/platform/api/ats/v1/board/portside/jobs"] * 4
    assert requests[0].url.endswith(PMM)
    json.dumps(requests[0].cb_kwargs)


def test_detail_sample_maps_every_field():
    spider = make_spider(RipplingSpider, url=f"{API}/v1/board/portside/jobs")
    item = answered(spider, v1_board(spider), {PMM: shared_fixture(DETAIL).read_bytes()})[PMM]
    # ids, title, url
    assert item.id == f"rippling:portside:{PMM}"
    assert item.title == "Product Marketing Manager"
    assert item.url == f"https://ats.rippling.com/portside/jobs/{PMM}"
    # company, date, employment type (the code, SALARIED_FT), department
    assert item.companyName == "Portside, Inc."
    assert item.datePosted == "2026-06-12T19:45:15Z"
    assert (item.employmentType, item.jobType) == ("FULL_TIME", "full-time")
    assert item.department == "Sales & Marketing"
    # "Remote (United States)": remote, in the US
    assert (item.workplace, item.locations) == ("remote", [{"city": "", "region": "", "country": "US"}])
    # the company's blurb, then the role (the sample's HTML was cut by its recorder)
    assert item.description.startswith("**About Portside**")
    assert item.description.index("About Portside") < item.description.index("Job")
    # payRangeDetails is [] here: no salary invented
    assert item.salary["min"] is None and item.salary["max"] is None


def test_failed_details_keep_the_list_entry():
    spider = make_spider(RipplingSpider, url=f"{API}/v1/board/portside/jobs")
    found = answered(spider, v1_board(spider), {})
    engineer = found["6830240a-8bcc-40f9-9067-2b287a12dc71"]
    assert (engineer.title, engineer.department) == ("Senior Salesforce Software Engineer", "Product & Engineering")
    assert engineer.locations == [{"city": "", "region": "", "country": "CA"}]
    assert found["fb7cb353-0246-4172-ab3a-08701129f772"].workplace == "remote"
    assert stats(spider)["jobs/rippling/details_failed/not_found"] == 4
    assert stats(spider)["jobs/rippling/postings_without_description"] == 4


def test_pay_ranges():
    # payRangeDetails entries as public Rippling readers describe them (rangeStart, rangeEnd, currency,
    # frequency, one per location); the values are ours.
    detail = json.loads(shared_fixture(DETAIL).read_text())
    spider = make_spider(RipplingSpider, url=f"{API}/v1/board/portside/jobs")

    def pay(ranges):
        body = json.dumps({**detail, "payRangeDetails": ranges})
        return answered(spider, v1_board(spider), {PMM: body.encode()})[PMM].salary

    assert pay([{"rangeStart": 150000, "rangeEnd": 180000, "currency": "USD", "frequency": "YEAR",
                 "location": "New York, NY", "isRemote": False},
                {"rangeStart": 130000, "rangeEnd": 160000, "currency": "USD", "frequency": "YEAR"},
                {"rangeStart": 140000, "rangeEnd": 190000, "currency": "CAD", "frequency": "YEAR"}]) == {
        "min": 130000, "max": 180000, "currency": "USD", "period": "YEAR", "raw": "130,000 - 180,000 USD per year"}
    assert pay([{"rangeStart": 18, "rangeEnd": 25, "currency": "USD", "frequency": "HOUR"}])["period"] == "HOUR"
    assert pay([{"rangeStart": None, "rangeEnd": None, "currency": "USD"}, "junk"])["min"] is None


def test_v1_rows_of_one_job_in_several_locations_are_one_posting():
    rows = json.loads(shared_fixture(LIST).read_text())
    again = {**rows[0], "workLocation": {"label": "New York, NY", "id": "New York, NY"}}
    spider = make_spider(RipplingSpider, url=f"{API}/v1/board/portside/jobs")
    requests = parse_board(spider, json.dumps([rows[0], again]))
    (item,) = answered(spider, requests, {}).values()
    assert item.locations == [{"city": "", "region": "", "country": "US"},
                              {"city": "New York", "region": "NY", "country": ""}]  # no country named
    assert stats(spider)["jobs/rippling/postings_seen"] == 1


def test_v2_page_merges_locations_and_asks_for_the_next_page():
    spider = make_spider(RipplingSpider, url="https://ats.rippling.com/rippling/jobs")
    detail, next_page = parse_board(spider, shared_fixture(PAGE).read_bytes())
    assert detail.url == f"{API}/v2/board/rippling/jobs/84d388b6-7656-434c-8862-0312eb6b97ac"
    assert next_page.url == f"{API}/v2/board/rippling/jobs?page=1&pageSize=100"
    assert next_page.meta["page"] == 1
    (item,) = answered(spider, [detail], {}).values()
    assert item.title == "Business Operations Manager"
    assert item.locations == [{"city": "San Francisco", "region": "California", "country": "US"},
                              {"city": "New York", "region": "New York", "country": "US"}]
    assert (item.workplace, item.department, item.postingLanguage) == ("onsite", "Bizops", "en")


def signalled(spider, signal):
    seen = []
    spider.crawler.signals.connect(lambda **kw: seen.append(kw["board_url"]), signal=signal, weak=False)
    return seen


def test_last_page_completes_the_board_and_endless_paging_is_capped():
    page = json.loads(shared_fixture(PAGE).read_text())
    spider = make_spider(RipplingSpider, url="https://ats.rippling.com/rippling/jobs")
    completed = signalled(spider, job_signals.board_completed)
    last = f"{API}/v2/board/rippling/jobs?page=314&pageSize=100"
    out = parse_board(spider, json.dumps({**page, "page": 314}), request=Request(last, meta={"page": 314}))
    assert [r.url.rsplit("/", 1)[-1] for r in out] == ["84d388b6-7656-434c-8862-0312eb6b97ac"]
    assert completed == [spider.board_url]

    capped = make_spider(RipplingSpider, settings={"RIPPLING_MAX_PAGES": 3},
                         url="https://ats.rippling.com/rippling/jobs")
    completed = signalled(capped, job_signals.board_completed)
    request, pages = Request(capped.api_url()), 0
    while request is not None:
        pages += 1
        number = request.meta.get("page", 0)
        out = parse_board(capped, json.dumps({**page, "page": number}), request=request)
        request = next((r for r in out if "page=" in r.url), None)
    assert pages == 3
    assert stats(capped)["jobs/rippling/pagination_capped"] == 1
    assert completed == []  # the rest of the board was not read: nothing may be closed


@pytest.mark.parametrize("body,stat", [
    (b"<html>Bad gateway</html>", "boards_failed/malformed"),
    (b'{"error_code": "RESOURCE_NOT_FOUND", "message": "Job Board not found", "resource": null}',
     "boards_failed/unexpected_shape"),
    (b"[]", "boards_empty"),
    (b'{"items": [], "page": 0, "pageSize": 100, "totalItems": 0, "totalPages": 0}', "boards_empty"),
])
def test_bad_and_empty_boards_are_counted(body, stat):
    spider = make_spider(RipplingSpider, url="https://ats.rippling.com/nobody/jobs")
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/rippling/{stat}"] == 1


def test_odd_rows_and_details():
    spider = make_spider(RipplingSpider, url=f"{API}/v1/board/acme/jobs")
    rows = ["junk", {"name": "no id"}, {"uuid": "u1"}, {"uuid": "u2", "name": "Ok"}]
    requests = parse_board(spider, json.dumps(rows))
    assert [r.url.rsplit("/", 1)[-1] for r in requests] == ["u1", "u2"]
    found = answered(spider, requests, {"u1": b"{not json", "u2": b'{"uuid": "u2", "description": "<p>Text</p>"}'})
    assert list(found) == ["u2"] and found["u2"].description == "Text"
    s = stats(spider)
    assert s["jobs/rippling/postings_skipped/no_posting"] == 2
    assert s["jobs/rippling/postings_skipped/no_title"] == 1
    assert s["jobs/rippling/details_failed/malformed"] == 1


@pytest.mark.e2e
def test_crawl_list_and_details(httpserver, tmp_path):
    base = "/platform/api/ats/v1/board/portside/jobs"
    httpserver.expect_request(base).respond_with_data(shared_fixture(LIST).read_bytes(),
                                                      content_type="application/json")
    httpserver.expect_request(f"{base}/{PMM}").respond_with_data(shared_fixture(DETAIL).read_bytes(),
                                                                 content_type="application/json")
    httpserver.expect_request(f"{base}/6830240a-8bcc-40f9-9067-2b287a12dc71").respond_with_data("oops", status=503)
    for gone in ("fb7cb353-0246-4172-ab3a-08701129f772", "44ba927f-fa95-422e-bad1-df4fa1021174"):
        httpserver.expect_request(f"{base}/{gone}").respond_with_data("", status=404)
    result = crawl("rippling", tmp_path, args={"url": httpserver.url_for(base)},
                   settings={"ROBOTSTXT_OBEY": "False", "RETRY_ENABLED": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    fronts = {front["title"]: (front, body) for front, body in result.records().values()}
    assert set(fronts) == {"Product Marketing Manager", "Sales Executive", "Senior Salesforce Software Engineer",
                           "Strategic Sales Executive"}
    front, body = fronts["Product Marketing Manager"]
    assert front["id"] == f"rippling:portside:{PMM}"
    assert (front["companyName"], front["jobType"], front["location"]) == ("Portside, Inc.", "full-time",
                                                                          "Remote job")
    assert front["timestamp"] == 1781293515000  # createdOn 2026-06-12T12:45:15.898-07:00, to the second
    # clean body: the inline-styled HTML became plain Markdown, no <meta>, no style
    assert body.startswith("## Job description\n\n**About Portside**")
    assert "<meta" not in body and "font-family" not in body
    front, _ = fronts["Senior Salesforce Software Engineer"]  # detail 503: the list entry alone
    assert (front["department"], front["locations"]) == ("Product & Engineering",
                                                         [{"city": "", "region": "", "country": "CA"}])
    s = result.stats
    assert s["jobs/rippling/details_failed/http_503"] == 1
    assert s["jobs/rippling/details_failed/not_found"] == 2
    assert s["jobs/records/written"] == 4
