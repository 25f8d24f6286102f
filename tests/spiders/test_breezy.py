"""Breezy HR: first-request URLs, the portal samples field by field, descriptions of the verbose feed, bad
bodies, an unknown company's redirect, a real crawl."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy import Request

from scraper.commands import validate
from spiders.breezy import BreezySpider
from tests.helpers import board_items, crawl, make_spider, parse_board, shared_fixture, stats

DEMO = "breezy/api/breezy_demo_trial_portal_json.json"
TWO = "breezy/api/two_tenants_portal_json_items.json"


@pytest.mark.parametrize("url,api", [
    ("https://acme.breezy.hr", "https://acme.breezy.hr/json?verbose=true"),
    ("https://acme.breezy.hr/", "https://acme.breezy.hr/json?verbose=true"),
    ("https://acme.breezy.hr/json", "https://acme.breezy.hr/json?verbose=true"),
    ("https://acme.breezy.hr/json?verbose=false", "https://acme.breezy.hr/json?verbose=false"),
    ("https://acme.breezy.hr/p/98323abf2296-employee-12", "https://acme.breezy.hr/json?verbose=true"),
    ("http://127.0.0.1:8123/", "http://127.0.0.1:8123/json?verbose=true"),
])
def test_first_request_url(url, api):
    assert make_spider(BreezySpider, url=url).api_url() == api


def items(relative, url="https://breezy.breezy.hr"):
    spider = make_spider(BreezySpider, url=url)
    return spider, {i.postingId: i for i in board_items(spider, shared_fixture(relative).read_bytes())}


def test_demo_portal_fields():
    spider, found = items(DEMO)
    employee, opening = found["98323abf2296"], found["088ac6d52139"]
    # ids, title, url, the position's own slug names the record
    assert employee.id == "breezy:breezy:98323abf2296"
    assert employee.title == "Employee #12"
    assert employee.url == "https://breezy.breezy.hr/p/98323abf2296-employee-12"
    assert employee.postingSlug == "98323abf2296-employee-12"
    # company
    assert {employee.companyName, opening.companyName} == {"MS Breezy Trial"}
    # dates
    assert (employee.datePosted, opening.datePosted) == ("2024-02-15T14:37:22Z", "2023-04-06T01:32:13Z")
    # employment type (type.name), department
    assert (employee.employmentType, opening.employmentType) == ("OTHER", "CONTRACTOR")
    assert (employee.department, opening.department) == ("Does Not Matter", "Sporting Goods")
    # locations: `locations[]` when given, else `location`
    assert employee.locations == [{"city": "Chaos", "region": "Florida", "country": "US"}]
    assert opening.locations == [{"city": "New York", "region": "New York", "country": "US"}]
    # is_remote false is not taken for an office job
    assert employee.workplace == ""
    # salary string with an en dash
    assert opening.salary == {"min": 1, "max": 5, "currency": "USD", "period": "YEAR", "raw": "$1 – $5 / year"}
    assert stats(spider)["jobs/breezy/postings_without_description"] == 2


def test_two_tenants_location_labels_remote_title_and_salary():
    _, found = items(TWO, url="https://mobilion-systems-inc.breezy.hr")
    scientist, copywriter = found["4fb21e266193"], found["a81548050f88"]
    assert scientist.board == "mobilion-systems-inc"
    assert scientist.locations == [{"city": "Chadds Ford", "region": "PA", "country": ""}]
    assert (scientist.department, scientist.salary["min"]) == ("Product Development", None)
    assert copywriter.locations == [{"city": "", "region": "", "country": "US"}]
    assert copywriter.workplace == "remote"  # from the title "(Remote)"; is_remote says false
    assert copywriter.salary == {"min": 110000, "max": 140000, "currency": "USD", "period": "YEAR",
                                 "raw": "$110,000 – $140,000 / year"}
    assert copywriter.department == ""  # null in the feed


def test_verbose_description_and_remote_flag():
    # A real row with what `?verbose=true` adds (a `description`; the HTML is ours) and a remote location.
    row = json.loads(shared_fixture(DEMO).read_text())[0]
    row["description"] = ("<p>Join our<strong> sales</strong> team.</p>"
                          "<ul><li>3+ years of experience in B2B sales</li></ul>")
    row["locations"][0]["is_remote"] = True
    spider = make_spider(BreezySpider, url="https://breezy.breezy.hr")
    (item,) = board_items(spider, json.dumps([row]))
    assert item.description == "Join our **sales** team.\n\n* 3+ years of experience in B2B sales"
    assert (item.workplace, item.location) == ("remote", "Remote job")
    assert item.experienceYears == {"min": 3, "max": None}
    assert "jobs/breezy/postings_without_description" not in stats(spider)


@pytest.mark.parametrize("body,stat", [
    (b"<!doctype html><html><body>Breezy HR</body></html>", "boards_failed/malformed"),
    (b'{"error": "not found"}', "boards_failed/unexpected_shape"),
    (b"[]", "boards_empty"),
])
def test_bad_and_empty_boards_are_counted(body, stat):
    spider = make_spider(BreezySpider, url="https://acme.breezy.hr")
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/breezy/{stat}"] == 1


def test_odd_positions_are_skipped():
    spider = make_spider(BreezySpider, url="https://acme.breezy.hr")
    body = json.dumps([7, {"name": "No id"}, {"id": "x1", "name": " "},
                       {"id": "x2", "friendly_id": "x2-ok", "name": "Ok", "location": "?", "type": "full",
                        "salary": 100}])
    (item,) = board_items(spider, body)
    assert (item.title, item.locations, item.salary["min"]) == ("Ok", [], None)
    assert item.url == "https://acme.breezy.hr/p/x2-ok"  # no url given: the position page
    s = stats(spider)
    assert s["jobs/breezy/postings_skipped/no_posting"] == 2
    assert s["jobs/breezy/postings_skipped/no_title"] == 1


def test_an_unknown_company_redirected_to_the_marketing_site_is_not_found():
    spider = make_spider(BreezySpider, url="https://nobody.breezy.hr")
    request = Request("https://breezy.hr/", meta={"redirect_urls": [spider.api_url()]})
    assert parse_board(spider, b"<!DOCTYPE html><html><body>Breezy</body></html>", request=request) == []
    assert stats(spider)["jobs/breezy/boards_failed/not_found"] == 1
    # A redirect that still ends at the feed (http -> https) is a board like any other.
    request = Request(spider.api_url(), meta={"redirect_urls": ["http://nobody.breezy.hr/json?verbose=true"]})
    assert parse_board(spider, b"[]", request=request) == []
    assert stats(spider)["jobs/breezy/boards_empty"] == 1


@pytest.mark.e2e
def test_crawl_portal(httpserver, tmp_path):
    httpserver.expect_request("/json", query_string="verbose=true").respond_with_data(
        shared_fixture(DEMO).read_bytes(), content_type="application/json")
    result = crawl("breezy", tmp_path, args={"url": httpserver.url_for("/"), "board": "breezy"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    records = result.records()
    assert sorted(records) == ["ms-breezy-trial/088ac6d52139-open-position.md",
                               "ms-breezy-trial/98323abf2296-employee-12.md"]
    front, body = records["ms-breezy-trial/088ac6d52139-open-position.md"]
    assert (front["id"], front["companyName"], front["jobType"]) == ("breezy:breezy:088ac6d52139", "MS Breezy Trial",
                                                                    "contract")
    assert front["url"] == "https://breezy.breezy.hr/p/088ac6d52139-open-position"
    assert (front["location"], front["timestamp"]) == ("New York, United States", 1680744733000)
    assert front["salary"]["raw"] == "$1 – $5 / year"
    assert body.strip() == "## Job description"  # the sample (recorded without ?verbose) has no text
    assert result.stats["jobs/breezy/postings_without_description"] == 2
    assert result.stats["jobs/records/written"] == 2


@pytest.mark.e2e
def test_crawl_unknown_company_redirected_to_marketing(httpserver, tmp_path):
    httpserver.expect_request("/json").respond_with_data("", status=302, headers={"Location": "/"})
    httpserver.expect_request("/").respond_with_data("<!DOCTYPE html><html><body>Breezy HR</body></html>",
                                                     content_type="text/html")
    result = crawl("breezy", tmp_path, args={"url": httpserver.url_for("/")}, settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert result.records() == {}
    assert result.stats["jobs/breezy/boards_failed/not_found"] == 1
