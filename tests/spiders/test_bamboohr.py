"""BambooHR: first-request URLs, the list samples with failing details, the detail (our fixture), bad
bodies, an unknown company's redirect, a real crawl."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper import signals as job_signals
from scraper.commands import validate
from spiders.bamboohr import BambooHRSpider
from tests.helpers import (
    OWN_FIXTURES,
    crawl,
    make_response,
    make_spider,
    parse_board,
    run_pipelines,
    shared_fixture,
    stats,
)

AUSTIN = "bamboohr/api/austin_dublin_careers_list.json"
BURNABY = "bamboohr/api/burnaby_careers_list_full.json"
FORT = "bamboohr/api/fort_lauderdale_careers_list.json"
DETAIL = OWN_FIXTURES / "bamboohr/job_detail.json"  # ours: no real detail answer is in the samples


@pytest.mark.parametrize("url,api", [
    ("https://acme.bamboohr.com/careers", "https://acme.bamboohr.com/careers/list"),
    ("https://acme.bamboohr.com/careers/list", "https://acme.bamboohr.com/careers/list"),
    ("https://acme.bamboohr.com/careers/41", "https://acme.bamboohr.com/careers/list"),
    ("acme.bamboohr.com", "https://acme.bamboohr.com/careers/list"),
    ("https://acme.bamboohr.com/jobs/embed2.php", "https://acme.bamboohr.com/careers/list"),
    ("http://127.0.0.1:8123/careers", "http://127.0.0.1:8123/careers/list"),
    ("http://127.0.0.1:8123/acme/careers/list", "http://127.0.0.1:8123/acme/careers/list"),
])
def test_first_request_url(url, api):
    assert make_spider(BambooHRSpider, url=url).api_url() == api


def failed(request, status=404):
    failure = Failure(HttpError(make_response(request.url, b"", status=status, request=request), "error"))
    failure.request = request
    return failure


def listed(spider, relative):
    """The board's items when every detail request fails (the list alone)."""
    requests = parse_board(spider, shared_fixture(relative).read_bytes())
    assert all(isinstance(r, Request) for r in requests)
    return run_pipelines(spider, [i for r in requests for i in r.errback(failed(r))]).items


def test_list_asks_each_detail_on_the_list_host():
    spider = make_spider(BambooHRSpider, url="http://127.0.0.1:8123/acme/careers")
    requests = parse_board(spider, shared_fixture(BURNABY).read_bytes())
    assert [r.url for r in requests] == [f"http://127.0.0.1:8123/acme/careers/{i}/detail"
                                         for i in ("41", "58", "59", "61")]
    json.dumps(requests[0].cb_kwargs)  # JOBDIR keeps it


def test_list_without_details_still_gives_records():
    spider = make_spider(BambooHRSpider, url="https://acme.bamboohr.com/careers")
    items = {i.postingId: i for i in listed(spider, AUSTIN)}
    bdm, engineer = items["125"], items["126"]
    # ids, title (the trailing space trimmed), url
    assert bdm.id == "bamboohr:acme:125"
    assert bdm.title == "Business Development Manager"
    assert bdm.url == "https://acme.bamboohr.com/careers/125"
    # department, employment status
    assert (bdm.department, bdm.employmentType) == ("Sales US", "FULL_TIME")
    assert (engineer.department, engineer.employmentType) == ("Deployment", "CONTRACTOR")
    # atsLocation (country named), and locationType "1": remote
    assert bdm.locations == [{"city": "Austin", "region": "Texas", "country": "US"}]
    assert engineer.locations == [{"city": "Dublin", "region": "Leinster", "country": "IE"}]
    assert (bdm.workplace, bdm.location) == ("remote", "Remote job")
    # the list gives no text, no date, no pay
    assert (bdm.description, bdm.datePosted, bdm.salary["min"]) == ("", "", None)
    s = stats(spider)
    assert s["jobs/bamboohr/details_failed/not_found"] == 2
    assert s["jobs/bamboohr/postings_without_description"] == 2


def test_older_location_form_and_on_site():
    spider = make_spider(BambooHRSpider, url="https://acme.bamboohr.com/careers")
    items = {i.postingId: i for i in listed(spider, FORT)}
    paralegal, intern = items["86"], items["87"]
    assert paralegal.locations == [{"city": "Fort Lauderdale", "region": "Florida", "country": ""}]
    assert (paralegal.workplace, paralegal.employmentType) == ("onsite", "FULL_TIME")  # locationType "0"
    assert (intern.department, intern.employmentType) == ("Marketing", "INTERN")
    assert intern.title == "Marketing & Social Media Intern"
    burnaby = listed(make_spider(BambooHRSpider, url="https://acme.bamboohr.com/careers"), BURNABY)
    assert [i.title for i in burnaby] == ["Process Operator", "Production Engineer", "Project Manager, Mining",
                                          "Project Engineer"]
    assert {i.locations[0]["city"] for i in burnaby} == {"Burnaby", "Vancouver"}
    assert {i.department for i in burnaby} == {"PGM-Ops", "Projects & Engineering"}


def detail_item(spider, body, entry):
    request = spider.detail_request("https://example.bamboohr.com/careers/59/detail", listed=entry, posting_id="59")
    response = make_response(request.url, body, request=request)
    return run_pipelines(spider, request.callback(response, **request.cb_kwargs)).items


def test_detail_maps_every_field():
    spider = make_spider(BambooHRSpider, url="https://example.bamboohr.com/careers")
    entry = json.loads(shared_fixture(BURNABY).read_text())["result"][2]
    (item,) = detail_item(spider, DETAIL.read_bytes(), entry)
    assert (item.id, item.title) == ("bamboohr:example:59", "Project Manager, Mining")
    assert item.url == "https://example.bamboohr.com/careers/59"  # jobOpeningShareUrl
    assert item.datePosted == "2026-10-14T00:00:00Z"
    assert item.locations == [{"city": "Vancouver", "region": "British Columbia", "country": "CA"}]
    assert (item.workplace, item.employmentType, item.department) == ("hybrid", "FULL_TIME",
                                                                      "Projects & Engineering")
    assert item.seniority == "senior"  # minimumExperience "Senior Level"
    assert item.salary == {"min": 110000, "max": 135000, "currency": "CAD", "period": "YEAR",
                           "raw": "$110,000 - $135,000 CAD per year"}
    assert item.experienceYears == {"min": 5, "max": None}
    assert item.description.startswith("**About the role**")  # the record writer adds "## Job description"
    assert "lead *mine-site* projects" in item.description
    assert "track(" not in item.description and "<script" not in item.description


def test_bad_details_keep_the_listing():
    spider = make_spider(BambooHRSpider, url="https://acme.bamboohr.com/careers")
    entry = json.loads(shared_fixture(BURNABY).read_text())["result"][2]
    (broken,) = detail_item(spider, b'{"result": {"jobOpening"', entry)
    (empty,) = detail_item(spider, b'{"meta": {}, "result": null}', entry)
    for item in (broken, empty):
        assert (item.title, item.department) == ("Project Manager, Mining", "Projects & Engineering")
        assert item.locations == [{"city": "Vancouver", "region": "British Columbia", "country": ""}]
    assert stats(spider)["jobs/bamboohr/details_failed/malformed"] == 1


@pytest.mark.parametrize("body,stat", [
    (b"<html><body>Service unavailable</body></html>", "boards_failed/malformed"),
    (b'{"meta": {"totalCount": 1}, "result": {"id": "1"}}', "boards_failed/unexpected_shape"),
    (b'["not", "a", "board"]', "boards_failed/unexpected_shape"),
    (b'{"meta": {"totalCount": 0}, "result": []}', "boards_empty"),
])
def test_bad_and_empty_boards_are_counted(body, stat):
    spider = make_spider(BambooHRSpider, url="https://acme.bamboohr.com/careers")
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/bamboohr/{stat}"] == 1


def test_odd_entries_are_skipped_and_the_board_goes_on():
    spider = make_spider(BambooHRSpider, url="https://acme.bamboohr.com/careers")
    body = json.dumps({"result": ["junk", {"jobOpeningName": "No id"}, {"id": "9"},
                                 {"id": "10", "jobOpeningName": "Ok"}]})
    requests = parse_board(spider, body)
    assert [r.url for r in requests] == ["https://acme.bamboohr.com/careers/9/detail",
                                         "https://acme.bamboohr.com/careers/10/detail"]
    items = [i for r in requests for i in r.errback(failed(r, status=500))]
    assert [i.title for i in items] == ["Ok"]
    s = stats(spider)
    assert s["jobs/bamboohr/postings_skipped/no_posting"] == 2
    assert s["jobs/bamboohr/postings_skipped/no_title"] == 1
    assert s["jobs/bamboohr/details_failed/http_500"] == 2


def test_an_unknown_company_redirected_to_the_marketing_site_is_not_found():
    spider = make_spider(BambooHRSpider, url="https://nobody.bamboohr.com/careers")
    failed_boards = []
    spider.crawler.signals.connect(lambda **kw: failed_boards.append(kw["reason"]), signal=job_signals.board_failed,
                                   weak=False)
    request = Request("https://www.bamboohr.com/", meta={"redirect_urls": [spider.api_url()]})
    assert parse_board(spider, b"<!DOCTYPE html><html><body>BambooHR</body></html>", request=request) == []
    assert stats(spider)["jobs/bamboohr/boards_failed/not_found"] == 1
    assert failed_boards == ["not_found"]


@pytest.mark.e2e
def test_crawl_list_and_details(httpserver, tmp_path):
    httpserver.expect_request("/careers/list").respond_with_data(shared_fixture(BURNABY).read_bytes(),
                                                                 content_type="application/json")
    httpserver.expect_request("/careers/59/detail").respond_with_data(DETAIL.read_bytes(),
                                                                      content_type="application/json")
    httpserver.expect_request("/careers/58/detail").respond_with_data('{"result": ', content_type="application/json")
    httpserver.expect_request("/careers/41/detail").respond_with_data("gone", status=404)
    httpserver.expect_request("/careers/61/detail").respond_with_data("oops", status=500)
    result = crawl("bamboohr", tmp_path, args={"url": httpserver.url_for("/careers"), "board": "example",
                                               "company": "Example Mining"},
                   settings={"ROBOTSTXT_OBEY": "False", "RETRY_ENABLED": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    fronts = {front["title"]: (front, body) for front, body in result.records().values()}
    assert set(fronts) == {"Process Operator", "Production Engineer", "Project Manager, Mining", "Project Engineer"}
    front, body = fronts["Project Manager, Mining"]
    assert (front["id"], front["companyName"]) == ("bamboohr:example:59", "Example Mining")
    assert (front["datePosted"], front["workplace"], front["jobType"]) == ("2026-10-14T00:00:00Z", "hybrid",
                                                                          "full-time")
    assert front["salary"]["min"] == 110000 and front["salary"]["currency"] == "CAD"
    # a clean body: words not glued at inline tags, no script, links absolute
    assert body.startswith("## Job description\n\n**About the role**")
    assert "lead *mine-site* projects from feasibility to **commissioning**" in body
    assert "track(" not in body and "<" not in body.replace("<3", "")
    assert "](/careers)" not in body and "[engineering team](https://" in body
    front, body = fronts["Process Operator"]  # its detail answered 404: the list entry alone
    assert front["url"] == httpserver.url_for("/careers/41")
    assert (front["workplace"], front["department"]) == ("onsite", "PGM-Ops")
    s = result.stats
    assert s["jobs/bamboohr/details_failed/not_found"] == 1
    assert s["jobs/bamboohr/details_failed/malformed"] == 1
    assert s["jobs/bamboohr/details_failed/http_500"] == 1
    assert s["jobs/records/written"] == 4
