"""Pinpoint: first-request URLs, the postings sample field by field, the sections under their own headers and
the compensation fields, bad bodies, a real crawl."""

from __future__ import annotations

import argparse
import json

import pytest

from scraper.commands import validate
from spiders.pinpoint import PinpointSpider
from tests.helpers import board_items, crawl, make_spider, parse_board, shared_fixture, stats

SAMPLE = "pinpoint/api/pinpoint_own_postings.json"


@pytest.mark.parametrize("url,api", [
    ("https://workwithus.pinpointhq.com", "https://workwithus.pinpointhq.com/postings.json"),
    ("https://workwithus.pinpointhq.com/postings.json", "https://workwithus.pinpointhq.com/postings.json"),
    ("https://workwithus.pinpointhq.com/en/postings/1ecbb6af-51bf-49fa-826f-285bffa71370",
     "https://workwithus.pinpointhq.com/postings.json"),
    ("https://careers.example.com/postings.json?department_id=3", "https://careers.example.com/postings.json?department_id=3"),
    ("http://127.0.0.1:8123/", "http://127.0.0.1:8123/postings.json"),
])
def test_first_request_url(url, api):
    assert make_spider(PinpointSpider, url=url).api_url() == api


def test_postings_sample_fields():
    spider = make_spider(PinpointSpider, url="https://workwithus.pinpointhq.com", company="Pinpoint")
    found = {i.postingId: i for i in board_items(spider, shared_fixture(SAMPLE).read_bytes())}
    sales, reliability = found["507634"], found["520855"]
    # ids, title (trailing space trimmed), url, company from -a company
    assert sales.id == "pinpoint:workwithus:507634"
    assert reliability.title == "Product Reliability Engineer"
    assert sales.url == "https://workwithus.pinpointhq.com/en/postings/1ecbb6af-51bf-49fa-826f-285bffa71370"
    assert sales.companyName == "Pinpoint"
    # location: city, province, and the label when it names a country
    assert sales.locations == [{"city": "London", "region": "London", "country": "GB"}]
    assert reliability.locations == [{"city": "London", "region": "London", "country": ""}]  # label "Remote"
    # workplace ("Fully remote") and employment type ("Full Time")
    assert (sales.workplace, sales.location, sales.employmentType) == ("remote", "Remote job", "FULL_TIME")
    # the description (cut at 200 characters by the sample's recorder, its emoji lost as "????")
    assert sales.description.startswith("Hi ???? I'm Cara, VP of Sales at Pinpoint.")
    assert sales.postingLanguage == "en"
    # the feed has no date and (here) no compensation: nothing invented
    assert (sales.datePosted, sales.salary["min"]) == ("", None)


def posting(**fields):
    """The sample's first posting with fields the documented feed carries (values ours)."""
    row = json.loads(shared_fixture(SAMPLE).read_text())["data"][0]
    return {**row, **fields}


def one(**fields):
    spider = make_spider(PinpointSpider, url="https://workwithus.pinpointhq.com")
    (item,) = board_items(spider, json.dumps({"data": [posting(**fields)]}))
    return item


def test_sections_under_their_own_headers():
    item = one(description="<p>About us.</p>",
               key_responsibilities="<ul><li>Own the pipeline</li></ul>", key_responsibilities_header="What you'll do",
               skills_knowledge_expertise="<ul><li>3+ years of experience in SaaS sales</li></ul>",
               skills_knowledge_expertise_header="What you'll bring",
               benefits=None, benefits_header="Benefits")
    assert item.descriptionHtml == [("", "<p>About us.</p>"),
                                    ("What you'll do", "<ul><li>Own the pipeline</li></ul>"),
                                    ("What you'll bring", "<ul><li>3+ years of experience in SaaS sales</li></ul>")]
    assert item.description == ("About us.\n\n## What you'll do\n\n* Own the pipeline\n\n"
                                "## What you'll bring\n\n* 3+ years of experience in SaaS sales")
    assert item.experienceYears == {"min": 3, "max": None}


def test_compensation_department_deadline_and_codes():
    item = one(compensation="£60,000 - £75,000", compensation_minimum=60000, compensation_maximum=75000,
               compensation_currency="GBP", compensation_frequency="yearly", compensation_visible=True,
               deadline_at="2026-12-31T23:59:00.000Z", workplace_type="hybrid", employment_type="part_time",
               employment_type_text=None, job={"id": "1", "department": {"id": "9", "name": "Sales"}})
    assert item.salary == {"min": 60000, "max": 75000, "currency": "GBP", "period": "YEAR", "raw": "£60,000 - £75,000"}
    assert (item.department, item.validThrough) == ("Sales", "2026-12-31T23:59:00Z")
    assert (item.workplace, item.employmentType) == ("hybrid", "PART_TIME")
    hidden = one(compensation="£60,000", compensation_minimum=60000, compensation_visible=False)
    assert hidden.salary["min"] is None  # the employer hides it
    text = one(compensation="Up to €5,000 per month")
    assert (text.salary["max"], text.salary["currency"], text.salary["period"]) == (5000, "EUR", "MONTH")


@pytest.mark.parametrize("body,stat", [
    (b"<html>Not here</html>", "boards_failed/malformed"),
    (b'[{"id": "1"}]', "boards_failed/unexpected_shape"),
    (b'{"data": {"id": "1"}}', "boards_failed/unexpected_shape"),
    (b'{"data": []}', "boards_empty"),
])
def test_bad_and_empty_boards_are_counted(body, stat):
    spider = make_spider(PinpointSpider, url="https://acme.pinpointhq.com")
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/pinpoint/{stat}"] == 1


def test_odd_postings_are_skipped():
    spider = make_spider(PinpointSpider, url="https://acme.pinpointhq.com")
    body = json.dumps({"data": [None, {"title": "No id"}, {"id": "2", "title": ""},
                                {"id": "3", "title": "Path only", "path": "/en/postings/abc", "location": "London"}]})
    (item,) = board_items(spider, body)
    assert (item.url, item.locations) == ("https://acme.pinpointhq.com/en/postings/abc", [])
    s = stats(spider)
    assert s["jobs/pinpoint/postings_skipped/no_posting"] == 2
    assert s["jobs/pinpoint/postings_skipped/no_title"] == 1


@pytest.mark.e2e
def test_crawl_postings(httpserver, tmp_path):
    httpserver.expect_request("/postings.json").respond_with_data(shared_fixture(SAMPLE).read_bytes(),
                                                                  content_type="application/json")
    result = crawl("pinpoint", tmp_path, args={"url": httpserver.url_for("/"), "board": "workwithus",
                                               "company": "Pinpoint"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    fronts = {front["title"]: (front, body) for front, body in result.records().values()}
    assert set(fronts) == {"Senior Account Executive", "Product Reliability Engineer"}
    front, body = fronts["Senior Account Executive"]
    assert (front["id"], front["workplace"], front["jobType"]) == ("pinpoint:workwithus:507634", "remote", "full-time")
    assert front["locations"] == [{"city": "London", "region": "London", "country": "GB"}]
    # clean body: Trix's <!--block--> comments and &nbsp; gone, paragraphs kept
    assert body.startswith("## Job description\n\nHi ???? I'm Cara, VP of Sales at Pinpoint.\n\nWe're a high-growth")
    assert "<!--" not in body and "&nbsp;" not in body
    assert result.stats["jobs/records/written"] == 2
