"""Workable: first-request URLs, the widget and v2/v3 samples through the pipelines, and real crawls."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.commands import validate
from spiders.workable import WorkableSpider
from tests.helpers import (
    OWN_FIXTURES,
    crawl,
    item_dict,
    make_response,
    make_spider,
    parse_board,
    run_pipelines,
    shared_fixture,
    stats,
)

API = "https://apply.workable.com"
WIDGET = "workable/api/huggingface_widget_accounts.json"


@pytest.mark.parametrize("url,kwargs,api,account", [
    ("https://apply.workable.com/huggingface", {}, f"{API}/api/v1/widget/accounts/huggingface?details=true",
     "huggingface"),
    ("apply.workable.com/huggingface/", {}, f"{API}/api/v1/widget/accounts/huggingface?details=true",
     "huggingface"),
    ("https://apply.workable.com/huggingface/j/F4C096B22E/", {},
     f"{API}/api/v1/widget/accounts/huggingface?details=true", "huggingface"),
    ("https://huggingface.workable.com/", {}, f"{API}/api/v1/widget/accounts/huggingface?details=true",
     "huggingface"),
    (f"{API}/api/v1/widget/accounts/zaelab?details=true", {},
     f"{API}/api/v1/widget/accounts/zaelab?details=true", "zaelab"),
    (f"{API}/api/v1/widget/accounts/zaelab", {}, f"{API}/api/v1/widget/accounts/zaelab", "zaelab"),
    (f"{API}/api/v3/accounts/gable/jobs", {}, f"{API}/api/v3/accounts/gable/jobs", "gable"),
    ("http://127.0.0.1:8123/huggingface", {}, "http://127.0.0.1:8123/api/v1/widget/accounts/huggingface?details=true",
     "huggingface"),
    ("http://127.0.0.1:8123/api/v3/accounts/gable/jobs", {}, "http://127.0.0.1:8123/api/v3/accounts/gable/jobs",
     "gable"),
    ("https://careers.example.com/", {"board": "acme"},
     "https://careers.example.com/api/v1/widget/accounts/acme?details=true", "acme"),
])
def test_first_request_url(url, kwargs, api, account):
    spider = make_spider(WorkableSpider, url=url, **kwargs)
    assert spider.api_url() == api
    assert spider.account() == account


@pytest.mark.parametrize("url", ["https://apply.workable.com/", "https://apply.workable.com/j/F4C096B22E"])
def test_a_url_without_an_account_is_refused(url):
    with pytest.raises(ValueError, match="board="):
        make_spider(WorkableSpider, url=url).api_url()


def failed(request, status=404):
    """The failure Scrapy hands an errback for an HTTP error response."""
    failure = Failure(HttpError(make_response(request.url, b"", status=status, request=request), "error"))
    failure.request = request
    return failure


def board(spider, relative, url=None):
    return parse_board(spider, shared_fixture(relative).read_bytes(), url,
                       headers={"Content-Type": "application/json"})


def test_widget_without_descriptions_asks_v2_and_keeps_the_listing_when_that_fails():
    spider = make_spider(WorkableSpider, url="https://apply.workable.com/huggingface/")
    requests = board(spider, WIDGET)
    assert [r.url for r in requests] == [f"{API}/api/v2/accounts/huggingface/jobs/{code}"
                                         for code in ("F4C096B22E", "19A136F8E2", "0BD8C06DB3")]
    json.dumps(requests[0].cb_kwargs)  # per-request state must survive a JOBDIR queue
    items = [item for r in requests for item in r.errback(failed(r))]
    result = run_pipelines(spider, items)
    records = {i.postingId: item_dict(i) for i in result.items}
    xet = records["F4C096B22E"]
    assert xet["title"] == "Low-level Senior Software Engineer, Xet Storage - EMEA Remote"
    assert xet["id"] == "workable:huggingface:F4C096B22E"
    assert xet["url"] == "https://apply.workable.com/j/F4C096B22E"
    assert xet["applyUrl"] == "https://apply.workable.com/j/F4C096B22E/apply"
    assert xet["companyName"] == "Hugging Face"
    assert xet["datePosted"] == "2026-07-30T00:00:00Z"
    assert (xet["employmentType"], xet["workplace"], xet["seniority"]) == ("FULL_TIME", "remote", "senior")
    assert xet["department"] == "Product"
    assert xet["locations"] == [{"city": "Paris", "region": "Île-de-France", "country": "FR"}]
    assert xet["location"] == "Remote job"
    assert xet["description"] == ""
    wild = records["0BD8C06DB3"]
    assert wild["datePosted"] == "2024-10-17T00:00:00Z"
    assert wild["locations"] == [{"city": "", "region": "", "country": "US"}]
    assert wild["seniority"] == ""
    s = stats(spider)
    assert s["jobs/workable/details_failed/not_found"] == 3
    assert s["jobs/workable/postings_yielded"] == 3
    assert s["jobs/workable/postings_without_description"] == 3


def test_a_malformed_detail_keeps_the_listing():
    spider = make_spider(WorkableSpider, url="https://apply.workable.com/huggingface/")
    request = board(spider, WIDGET)[0]
    response = make_response(request.url, b"{oops", headers={"Content-Type": "application/json"},
                             request=request)
    (posting,) = request.callback(response, **request.cb_kwargs)
    assert (posting.postingId, posting.companyName) == ("F4C096B22E", "Hugging Face")
    assert stats(spider)["jobs/workable/details_failed/malformed"] == 1


def test_one_job_listed_per_location_is_one_posting_with_every_location():
    spider = make_spider(WorkableSpider, url="https://apply.workable.com/zaelab")
    requests = board(spider, "workable/api/zaelab_widget_accounts.json")
    assert len(requests) == 1
    result = run_pipelines(spider, requests[0].errback(failed(requests[0])))
    (posting,) = result.items
    assert posting.title == "Business Analyst - Spanish Speaking"
    assert posting.locations == [{"city": "", "region": "", "country": "ES"},
                                 {"city": "", "region": "", "country": "PT"}]
    assert (posting.department, posting.workplace, posting.companyName) == (
        "Business Consulting", "remote", "Zaelab")
    assert stats(spider)["jobs/workable/postings_seen"] == 1


def test_widget_with_details_needs_no_second_request():
    data = json.loads(shared_fixture(WIDGET).read_text())
    data["jobs"][0]["description"] = "<p>We build <strong>Xet</strong> storage.</p>"
    spider = make_spider(WorkableSpider, url="https://apply.workable.com/huggingface/")
    out = list(spider.parse_board(make_response(spider.api_url(), json.dumps(data))))
    assert [type(o).__name__ for o in out] == ["JobPosting", "Request", "Request"]
    (posting,) = run_pipelines(spider, out[:1]).items
    assert posting.description == "We build **Xet** storage."


def test_v2_detail_gives_sections_workplace_and_type():
    spider = make_spider(WorkableSpider, url=f"{API}/api/v3/accounts/gable/jobs")
    page = make_response(spider.api_url(), (OWN_FIXTURES / "workable/v3_jobs_page1.json").read_bytes())
    request, next_page = list(spider.parse_board(page))
    assert request.url == f"{API}/api/v2/accounts/gable/jobs/6EF9ADEAB7"
    assert (next_page.method, json.loads(next_page.body)) == ("POST", {"token": "page-2-token"})
    detail = make_response(request.url, shared_fixture("workable/api/gable_job_detail.json").read_bytes(),
                           request=request)
    (posting,) = run_pipelines(spider, request.callback(detail, **request.cb_kwargs)).items
    assert posting.id == "workable:gable:6EF9ADEAB7"
    assert posting.title == "Staff Software Engineer, Infrastructure"
    assert posting.url == "https://apply.workable.com/gable/j/6EF9ADEAB7/"
    assert posting.applyUrl == "https://apply.workable.com/gable/j/6EF9ADEAB7/apply/"
    assert (posting.workplace, posting.employmentType, posting.department) == (
        "hybrid", "FULL_TIME", "Engineering")
    assert posting.locations == [{"city": "Seattle", "region": "Washington", "country": "US"}]
    assert posting.datePosted == "2026-04-24T00:00:00Z"
    assert posting.postingLanguage == "en"
    assert posting.description.startswith("**Staff Software Engineer, Infrastructure**")
    assert "\n\n## Requirements\n\n* 7+ years of hands-on experience" in posting.description
    assert "\n\n## Benefits\n\n* Be part of a pioneering team" in posting.description


def test_v3_paging_stops_at_the_last_page_and_at_the_cap():
    spider = make_spider(WorkableSpider, url=f"{API}/api/v3/accounts/gable/jobs")
    last = make_response(spider.api_url(), (OWN_FIXTURES / "workable/v3_jobs_page2.json").read_bytes())
    assert [r.url for r in spider.parse_board(last)] == [f"{API}/api/v2/accounts/gable/jobs/A1B2C3D4E5"]
    capped = make_spider(WorkableSpider, settings={"WORKABLE_MAX_PAGES": 1},
                         url=f"{API}/api/v3/accounts/gable/jobs")
    first = make_response(capped.api_url(), (OWN_FIXTURES / "workable/v3_jobs_page1.json").read_bytes())
    assert len(list(capped.parse_board(first))) == 1
    assert stats(capped)["jobs/workable/pagination_capped"] == 1


@pytest.mark.parametrize("body,reason", [
    (b"{not json", "malformed"),
    (b'{"name": "Acme", "jobs": "none"}', "unexpected_shape"),
    (b"[]", "unexpected_shape"),
])
def test_bad_boards_are_counted(body, reason):
    spider = make_spider(WorkableSpider, url="https://apply.workable.com/acme")
    assert list(spider.parse_board(make_response(spider.api_url(), body))) == []
    assert stats(spider)[f"jobs/workable/boards_failed/{reason}"] == 1


def test_untitled_or_codeless_jobs_are_skipped():
    body = {"name": "Acme", "jobs": [
        {"shortcode": "AAA", "title": "", "description": "<p>x</p>"},
        {"title": "No code", "description": "<p>x</p>"},
        {"shortcode": "BBB", "title": "Kept", "description": "<p>x</p>"},
    ]}
    spider = make_spider(WorkableSpider, url="https://apply.workable.com/acme")
    out = list(spider.parse_board(make_response(spider.api_url(), json.dumps(body))))
    assert [o.title for o in out] == ["Kept"]
    assert stats(spider)["jobs/workable/postings_skipped/no_title"] == 1


@pytest.mark.e2e
def test_crawl_v3_pages_and_v2_details(httpserver, tmp_path):
    jobs = "/api/v3/accounts/gable/jobs"
    httpserver.expect_request(jobs, method="POST", json={}).respond_with_data(
        (OWN_FIXTURES / "workable/v3_jobs_page1.json").read_bytes(), content_type="application/json")
    httpserver.expect_request(jobs, method="POST", json={"token": "page-2-token"}).respond_with_data(
        (OWN_FIXTURES / "workable/v3_jobs_page2.json").read_bytes(), content_type="application/json")
    httpserver.expect_request("/api/v2/accounts/gable/jobs/6EF9ADEAB7").respond_with_data(
        shared_fixture("workable/api/gable_job_detail.json").read_bytes(), content_type="application/json")
    httpserver.expect_request("/api/v2/accounts/gable/jobs/A1B2C3D4E5").respond_with_data("gone", status=410)
    result = crawl("workable", tmp_path, args={"url": httpserver.url_for(jobs)},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    records = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(records) == {"workable:gable:6EF9ADEAB7", "workable:gable:A1B2C3D4E5"}
    front, body = records["workable:gable:6EF9ADEAB7"]
    assert front["url"] == httpserver.url_for("/gable/j/6EF9ADEAB7/")
    assert (front["workplace"], front["employmentType"], front["jobType"]) == (
        "hybrid", "FULL_TIME", "full-time")
    assert "## Requirements" in body and "## Benefits" in body
    front, body = records["workable:gable:A1B2C3D4E5"]
    assert (front["workplace"], front["employmentType"], front["department"]) == ("remote", "PART_TIME",
                                                                                  "Engineering / Support")
    assert front["locations"] == [{"city": "Berlin", "region": "Berlin", "country": "DE"}]
    assert result.stats["jobs/workable/details_failed/not_found"] == 1
    assert result.stats["jobs/records/written"] == 2
