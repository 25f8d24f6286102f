"""Personio: first-request URLs, the XML feed sample, unknown tenants, bad XML, real crawls."""

from __future__ import annotations

import argparse

import pytest
from twisted.python.failure import Failure

from scraper import signals as job_signals
from scraper.commands import validate
from scraper.security import OffsiteRedirect
from spiders.personio import PersonioSpider
from tests.helpers import (
    OWN_FIXTURES,
    crawl,
    item_dict,
    make_response,
    make_spider,
    run_pipelines,
    shared_fixture,
    stats,
)

SAMPLE = "personio/xml/personio_own_feed_one_position.xml"
XML = {"Content-Type": "text/xml; charset=UTF-8"}


@pytest.mark.parametrize("url,kwargs,api,board", [
    ("https://personio.jobs.personio.de", {}, "https://personio.jobs.personio.de/xml?language=en",
     "personio"),
    ("https://acme.jobs.personio.com/", {}, "https://acme.jobs.personio.com/xml?language=en", "acme"),
    ("acme.jobs.personio.de/job/1834171?language=de", {}, "https://acme.jobs.personio.de/xml?language=en",
     "acme"),
    ("https://acme.jobs.personio.de/xml?language=de", {}, "https://acme.jobs.personio.de/xml?language=de",
     "acme"),
    ("http://127.0.0.1:8123/", {}, "http://127.0.0.1:8123/xml?language=en", "127.0.0.1"),
    ("http://127.0.0.1:8123/xml", {"board": "acme"}, "http://127.0.0.1:8123/xml", "acme"),
])
def test_first_request_url_and_board(url, kwargs, api, board):
    spider = make_spider(PersonioSpider, url=url, **kwargs)
    assert spider.api_url() == api
    assert spider.tenant() == board


def feed(spider, body, headers=XML, url=None):
    return list(spider.parse_board(make_response(url or spider.api_url(), body, headers=headers)))


def test_feed_sample():
    spider = make_spider(PersonioSpider, url="https://personio.jobs.personio.de")
    items = feed(spider, shared_fixture(SAMPLE).read_bytes())
    (posting,) = run_pipelines(spider, items).items
    record = item_dict(posting)
    assert record["id"] == "personio:personio:1834171"
    assert record["title"] == "Staff Software Engineer, Data Platform"
    assert record["url"] == "https://personio.jobs.personio.de/job/1834171"
    assert record["companyName"] == "Personio SE & Co. KG"
    assert record["datePosted"] == "2024-11-13T14:10:41Z"
    assert (record["employmentType"], record["seniority"], record["department"]) == (
        "FULL_TIME", "principal", "Product and Tech")  # the title's "Staff" outranks <seniority>experienced
    assert record["locations"] == [{"city": "Munich", "region": "", "country": ""},
                                   {"city": "Berlin", "region": "", "country": ""}]
    assert record["workplace"] == "hybrid"  # from the text (the feed has no workplace field); hand label: hybrid
    body = record["description"]
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## The Role: How you'll make an impact at Personio", "## Role Responsibilities: What you'll do",
        "## Role Requirements: What you need to succeed", "## Why Personio"]
    # "<br><br>" in the CDATA is a paragraph break, not a stray backslash line.
    assert "**This position is hybrid based in either Dublin or Munich locations**\n\nAt Personio" in body
    assert "\\" not in body
    assert stats(spider)["jobs/personio/postings_yielded"] == 1


def test_edge_cases_offices_codes_missing_fields_and_entities():
    spider = make_spider(PersonioSpider, url="https://acme.jobs.personio.de")
    items = feed(spider, (OWN_FIXTURES / "personio/edge_cases.xml").read_bytes())
    result = run_pipelines(spider, items)
    records = {p.postingId: p for p in result.items}
    assert set(records) == {"101", "104"}
    student = records["101"]
    # a working student is a part-time employee at intern level (tests/eval labels, issue 4)
    assert (student.employmentType, student.seniority, student.workplace) == ("PART_TIME", "intern", "remote")
    assert student.location == "Remote job"
    assert student.description == "## Deine Aufgaben\n\n* Tickets & Chats\n\n&secret;"  # never expanded
    sales = records["104"]
    assert sales.title == "Sales Manager – DACH & Nordics"  # the external entity is dropped, not read
    assert sales.employmentType == "PART_TIME"
    assert sales.locations == [{"city": "Hamburg", "region": "", "country": ""},
                               {"city": "Köln", "region": "", "country": ""}]
    s = stats(spider)
    assert s["jobs/personio/postings_seen"] == 4
    assert s["jobs/personio/postings_skipped/no_title"] == 1
    assert s["jobs/personio/postings_skipped/no_posting"] == 1
    assert s["jobs/personio/postings_without_description"] == 1


def test_office_strings_become_locations_and_old_style_offices_are_read():
    body = b"""<workzag-jobs><position><id>7</id><name>Country Manager</name>
      <office>Athens, Greece</office><additionalOffices>Berlin</additionalOffices>
      <jobDescription><name>Role</name><value><![CDATA[<p>Grow Greece.</p>]]></value></jobDescription>
      </position></workzag-jobs>"""
    spider = make_spider(PersonioSpider, url="https://acme.jobs.personio.de")
    (posting,) = run_pipelines(spider, feed(spider, body)).items
    assert posting.locations == [{"city": "Athens", "region": "", "country": "GR"},
                                 {"city": "Berlin", "region": "", "country": ""}]
    assert posting.description == "## Role\n\nGrow Greece."


@pytest.mark.parametrize("body,headers,reason", [
    (b"<!DOCTYPE html><html><body>HR software for SMEs</body></html>", {"Content-Type": "text/html"},
     "not_found"),
    (b"  <html><head><title>Personio</title></head></html>", {}, "not_found"),
    (b"<workzag-jobs><position><id>1</id>", XML, "malformed"),
    (b"", XML, "malformed"),
    (b"<jobs><job/></jobs>", XML, "unexpected_shape"),
])
def test_not_a_feed_is_counted(body, headers, reason):
    spider = make_spider(PersonioSpider, url="https://nobody.jobs.personio.de")
    failed = []
    spider.crawler.signals.connect(lambda **kw: failed.append(kw["reason"]), signal=job_signals.board_failed,
                                   weak=False)
    assert feed(spider, body, headers=headers) == []
    assert stats(spider)[f"jobs/personio/boards_failed/{reason}"] == 1
    assert failed == [reason]  # the crawl state closes nothing of a board that did not answer


def test_a_redirect_off_the_site_is_an_unknown_tenant():
    spider = make_spider(PersonioSpider, url="https://nobody.jobs.personio.de")
    request = make_response(spider.api_url(), b"").request
    failure = Failure(OffsiteRedirect(f"off-site redirect from {request.url} to https://www.personio.com/"))
    failure.request = request
    spider.board_failed(failure)
    assert stats(spider)["jobs/personio/boards_failed/not_found"] == 1


def test_an_empty_board_is_a_board():
    spider = make_spider(PersonioSpider, url="https://quiet.jobs.personio.de")
    assert feed(spider, b'<?xml version="1.0" encoding="UTF-8"?>\n<workzag-jobs>\n</workzag-jobs>') == []
    assert stats(spider)["jobs/personio/boards_ok"] == 1


@pytest.mark.e2e
def test_crawl_feed(httpserver, tmp_path):
    httpserver.expect_request("/xml", query_string="language=en").respond_with_data(
        shared_fixture(SAMPLE).read_bytes(), content_type="text/xml; charset=UTF-8")
    result = crawl("personio", tmp_path, args={"url": httpserver.url_for("/"), "board": "personio"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    ((path, (front, body)),) = result.records().items()
    assert path.startswith("personio-se-co-kg/")
    assert front["id"] == "personio:personio:1834171"
    assert front["url"] == httpserver.url_for("/job/1834171")
    assert (front["jobType"], front["location"], front["timestamp"]) == ("full-time", "Munich; Berlin",
                                                                        1731507041000)
    assert body.startswith("## Job description\n\n## The Role: How you'll make an impact at Personio\n\n")
    assert result.stats["jobs/records/written"] == 1


@pytest.mark.e2e
def test_crawl_unknown_tenant_redirected_to_marketing(httpserver, tmp_path):
    httpserver.expect_request("/xml").respond_with_data("", status=307, headers={"Location": "/en/"})
    httpserver.expect_request("/en/").respond_with_data("<!DOCTYPE html><html><body>Personio</body></html>",
                                                        content_type="text/html; charset=utf-8")
    result = crawl("personio", tmp_path, args={"url": httpserver.url_for("/")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    assert result.records() == {}
    assert result.stats["jobs/personio/boards_failed/not_found"] == 1
    assert "not a Personio feed" in result.log
