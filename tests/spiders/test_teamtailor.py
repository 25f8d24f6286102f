"""Teamtailor: first-request URLs, the JSON Feed sample, paging, the RSS fallback, real crawls."""

from __future__ import annotations

import argparse

import pytest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.commands import validate
from spiders.teamtailor import TeamtailorSpider
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

SAMPLE = "teamtailor/careers_site/teamtailor_jobs_jsonfeed.json"
OWN = OWN_FIXTURES / "teamtailor"


@pytest.mark.parametrize("url,kwargs,api,board", [
    ("https://career.teamtailor.com", {}, "https://career.teamtailor.com/jobs.json", "career"),
    ("https://weroad.teamtailor.com/jobs", {}, "https://weroad.teamtailor.com/jobs.json", "weroad"),
    ("https://acme.career.teamtailor.com/jobs/7000001-csm", {}, "https://acme.career.teamtailor.com/jobs.json",
     "acme"),
    ("careers.acme.example", {}, "https://careers.acme.example/jobs.json", "careers.acme.example"),
    ("https://careers.acme.example/jobs.rss", {"board": "acme"}, "https://careers.acme.example/jobs.rss",
     "acme"),
    ("https://weroad.teamtailor.com/jobs.json", {}, "https://weroad.teamtailor.com/jobs.json", "weroad"),
    ("http://127.0.0.1:8123/", {"board": "acme"}, "http://127.0.0.1:8123/jobs.json", "acme"),
])
def test_first_request_url_and_board(url, kwargs, api, board):
    spider = make_spider(TeamtailorSpider, url=url, **kwargs)
    assert spider.api_url() == api
    assert spider.site() == board


def board(spider, body, url=None, headers=None):
    return parse_board(spider, body, url, headers=headers)


def test_json_feed_sample():
    spider = make_spider(TeamtailorSpider, url="https://career.teamtailor.com")
    items = board(spider, shared_fixture(SAMPLE).read_bytes(), headers={"Content-Type": "application/json"})
    result = run_pipelines(spider, items)
    records = {p.postingId: item_dict(p) for p in result.items}
    assert set(records) == {"7167985", "7069633"}
    madrid = records["7167985"]
    assert madrid["id"] == "teamtailor:career:7167985"
    assert madrid["title"] == "Account Executive - Italy (Madrid based)"
    assert madrid["url"] == "https://career.teamtailor.com/jobs/7167985-account-executive-italy-madrid-based"
    assert madrid["companyName"] == "Teamtailor"
    assert madrid["datePosted"] == "2026-02-04T08:26:20Z"
    assert madrid["locations"] == [{"city": "Madrid", "region": "Europe", "country": "ES"}]
    copenhagen = records["7069633"]
    assert copenhagen["locations"] == [{"city": "Stockholm", "region": "Sweden", "country": "SE"},
                                       {"city": "København", "region": "Europe", "country": "DK"}]
    assert copenhagen["location"] == "Stockholm, Sweden; København, Denmark"
    # The upstream sample was trimmed to ids, titles, dates and places: no description.
    assert stats(spider)["jobs/teamtailor/postings_without_description"] == 2


def test_json_feed_item_with_everything_and_the_next_page_on_the_crawled_host():
    spider = make_spider(TeamtailorSpider, url="http://127.0.0.1:8123/", board="acme")
    posting, next_page = board(spider, (OWN / "jobs_page1.json").read_bytes())
    assert next_page.url == "http://127.0.0.1:8123/jobs.json?page=2"
    (posting,) = run_pipelines(spider, [posting]).items
    assert posting.id == "teamtailor:acme:7300001"
    assert (posting.companyName, posting.employmentType, posting.workplace) == (
        "Acme AB", "FULL_TIME", "remote")
    assert (posting.datePosted, posting.dateModified, posting.validThrough) == (
        "2026-03-02T09:15:00Z", "2026-03-05T07:00:00Z", "2026-04-30T00:00:00Z")
    assert posting.locations == [{"city": "Göteborg", "region": "", "country": "SE"}]
    assert posting.salary == {"min": 45000, "max": 60000, "currency": "SEK", "period": "MONTH",
                              "raw": "45,000 - 60,000 SEK per month"}
    assert posting.description == "Own our **data platform**.\n\n### What you bring\n\n* SQL\n* Python"

    last = make_spider(TeamtailorSpider, url="http://127.0.0.1:8123/", board="acme")
    (posting,) = run_pipelines(last, board(last, (OWN / "jobs_page2.json").read_bytes())).items
    assert (posting.employmentType, posting.locations) == ("PART_TIME", [{"city": "Malmö", "region": "",
                                                                          "country": "SE"}])


def test_feed_paging_is_capped():
    spider = make_spider(TeamtailorSpider, settings={"TEAMTAILOR_MAX_PAGES": 1}, url="https://careers.acme.example")
    out = board(spider, (OWN / "jobs_page1.json").read_bytes())
    assert [type(o).__name__ for o in out] == ["JobPosting"]
    assert stats(spider)["jobs/teamtailor/pagination_capped"] == 1


def test_rss_feed():
    spider = make_spider(TeamtailorSpider, url="https://acme.teamtailor.com/jobs.rss")
    items = board(spider, (OWN / "jobs.rss").read_bytes(), headers={"Content-Type": "application/rss+xml"})
    records = {p.postingId: p for p in run_pipelines(spider, items).items}
    assert set(records) == {"7733995", "7000001"}
    backend = records["7733995"]
    assert backend.id == "teamtailor:acme:7733995"
    assert (backend.title, backend.companyName, backend.department) == (
        "Backend Engineer", "Acme AB", "Engineering")
    assert backend.url == "https://acme.teamtailor.com/jobs/7733995-backend-engineer"
    assert backend.datePosted == "2026-05-13T15:12:26Z"
    assert backend.workplace == "hybrid"
    assert backend.locations == [{"city": "Stockholm", "region": "", "country": "SE"},
                                 {"city": "Berlin", "region": "", "country": "DE"}]
    assert backend.description == "Build our **payments** platform.\n\n### You have\n\n* Go"
    csm = records["7000001"]
    assert (csm.workplace, csm.location, csm.locations) == ("remote", "Remote job", [])
    assert csm.description == "Help customers succeed."
    assert stats(spider)["jobs/teamtailor/postings_skipped/no_title"] == 1


def failed(url, status):
    request = make_response(url, b"").request
    failure = Failure(HttpError(make_response(url, b"", status=status, request=request), "error"))
    failure.request = request
    return failure


def test_a_missing_json_feed_falls_back_to_rss_and_other_failures_are_counted():
    spider = make_spider(TeamtailorSpider, url="https://acme.teamtailor.com")
    (rss,) = spider.feed_failed(failed("https://acme.teamtailor.com/jobs.json", 404))
    assert rss.url == "https://acme.teamtailor.com/jobs.rss"
    assert (rss.callback, rss.errback) == (spider.parse_board, spider.board_failed)
    assert spider.feed_failed(failed("https://acme.teamtailor.com/jobs.json", 503)) == []
    assert spider.feed_failed(failed("https://acme.teamtailor.com/jobs.rss", 404)) == []
    s = stats(spider)
    assert s["jobs/teamtailor/json_feed_missing"] == 1
    assert s["jobs/teamtailor/boards_failed/http_503"] == 1
    assert s["jobs/teamtailor/boards_failed/not_found"] == 1


@pytest.mark.parametrize("body,reason", [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {"0": {}}}', "unexpected_shape"),
    (b'{"items": [', "malformed"),
    (b"<?xml version='1.0'?><feed><entry/></feed>", "unexpected_shape"),
])
def test_bad_feeds_are_counted(body, reason):
    spider = make_spider(TeamtailorSpider, url="https://acme.teamtailor.com")
    assert board(spider, body) == []
    assert stats(spider)[f"jobs/teamtailor/boards_failed/{reason}"] == 1


def test_a_career_page_is_not_a_feed():
    spider = make_spider(TeamtailorSpider, url="https://weroad.teamtailor.com")
    html = shared_fixture("teamtailor/careers_site/weroad_jobs_list.html").read_bytes()
    assert board(spider, html, headers={"Content-Type": "text/html; charset=utf-8"}) == []
    assert stats(spider)["jobs/teamtailor/boards_failed/malformed"] == 1


@pytest.mark.e2e
def test_crawl_json_feed(httpserver, tmp_path):
    httpserver.expect_request("/jobs.json").respond_with_data(shared_fixture(SAMPLE).read_bytes(),
                                                              content_type="application/feed+json")
    result = crawl("teamtailor", tmp_path, args={"url": httpserver.url_for("/"), "board": "career"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    fronts = {front["id"]: front for front, _ in result.records().values()}
    assert set(fronts) == {"teamtailor:career:7167985", "teamtailor:career:7069633"}
    madrid = fronts["teamtailor:career:7167985"]
    assert (madrid["location"], madrid["companyName"], madrid["timestamp"]) == ("Madrid, Spain", "Teamtailor",
                                                                              1770193580000)
    assert result.stats["jobs/records/written"] == 2


@pytest.mark.e2e
def test_crawl_falls_back_to_rss(httpserver, tmp_path):
    httpserver.expect_request("/jobs.json").respond_with_data("Not found", status=404)
    httpserver.expect_request("/jobs.rss").respond_with_data(
        (OWN / "jobs.rss").read_bytes(), content_type="application/rss+xml; charset=utf-8")
    result = crawl("teamtailor", tmp_path, args={"url": httpserver.url_for("/jobs"), "board": "acme"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    records = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(records) == {"teamtailor:acme:7733995", "teamtailor:acme:7000001"}
    front, body = records["teamtailor:acme:7733995"]
    assert (front["workplace"], front["department"], front["location"]) == (
        "hybrid", "Engineering", "Stockholm, Sweden; Berlin, Germany")
    assert body == "## Job description\n\nBuild our **payments** platform.\n\n### You have\n\n* Go\n"
    assert result.stats["jobs/teamtailor/json_feed_missing"] == 1
    assert result.stats["jobs/teamtailor/postings_skipped/no_title"] == 1
    assert result.stats["jobs/records/written"] == 2
