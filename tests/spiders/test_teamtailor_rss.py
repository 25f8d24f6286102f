"""Teamtailor's RSS feed (read through scraper.feeds) on the real UpCloud sample: every field the feed states, and a
real crawl that falls back from the missing JSON Feed to it."""

from __future__ import annotations

import argparse

import pytest

from scraper.commands import validate
from spiders.teamtailor import TeamtailorSpider
from tests.helpers import crawl, make_spider, parse_board, run_pipelines, shared_fixture, stats

SAMPLE = "teamtailor/rss/upcloud_jobs_rss.xml"
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


@pytest.fixture(scope="module")
def records():
    spider = make_spider(TeamtailorSpider, url="https://upcloud.teamtailor.com/jobs.rss")
    items = parse_board(spider, shared_fixture(SAMPLE).read_bytes(), headers=RSS)
    return spider, {item.postingId: item for item in run_pipelines(spider, items).items}


def test_ids_titles_urls_company(records):
    spider, got = records
    assert set(got) == {"8323453", "7958695"}
    analyst = got["8323453"]
    assert (analyst.id, analyst.board) == ("teamtailor:upcloud:8323453", "upcloud")
    assert analyst.title == "Business Intelligence Analyst"
    assert analyst.url == "https://upcloud.teamtailor.com/jobs/8323453-business-intelligence-analyst"
    assert analyst.host == "https://upcloud.teamtailor.com/"
    assert {item.companyName for item in got.values()} == {"UpCloud"}  # the channel title
    assert stats(spider)["jobs/teamtailor/postings_yielded"] == 2


def test_dates_departments_workplaces(records):
    _, got = records
    analyst, developer = got["8323453"], got["7958695"]
    assert (analyst.datePosted, developer.datePosted) == ("2026-09-04T11:50:13Z", "2026-06-23T13:35:08Z")
    assert (analyst.department, developer.department) == ("Finance", "Product Engineering")
    # remoteStatus: "hybrid" and "fully" (remote)
    assert (analyst.workplace, developer.workplace) == ("hybrid", "remote")


def test_locations(records):
    _, got = records
    analyst, developer = got["8323453"], got["7958695"]
    assert analyst.locations == [{"city": "Helsinki", "region": "", "country": "FI"}]
    assert analyst.location == "Helsinki, Finland"
    assert developer.locations == [{"city": "Helsinki", "region": "", "country": "FI"}]
    assert developer.location == "Remote job"


def test_descriptions(records):
    _, got = records
    analyst = got["8323453"].description
    assert analyst.startswith("We are looking for a **Business Intelligence Analyst** to join UpCloud’s Finance team")
    assert "\n\nThis is an opportunity for someone early in their career" in analyst
    assert "<" not in analyst and "&" not in analyst
    assert got["7958695"].postingLanguage == "en"


@pytest.mark.e2e
def test_crawl_falls_back_to_the_real_rss_feed(httpserver, tmp_path):
    httpserver.expect_request("/jobs.json").respond_with_data("Not found", status=404)
    httpserver.expect_request("/jobs.rss").respond_with_data(shared_fixture(SAMPLE).read_bytes(),
                                                             content_type=RSS["Content-Type"])
    result = crawl("teamtailor", tmp_path, args={"url": httpserver.url_for("/jobs"), "board": "upcloud"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    records = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(records) == {"teamtailor:upcloud:8323453", "teamtailor:upcloud:7958695"}
    front, body = records["teamtailor:upcloud:8323453"]
    assert (front["companyName"], front["department"], front["workplace"], front["location"]) == (
        "UpCloud", "Finance", "hybrid", "Helsinki, Finland")
    assert body.startswith("## Job description\n\nWe are looking for a **Business Intelligence Analyst** to join")
    assert "<span" not in body and "\n\n\n" not in body
    assert result.stats["jobs/teamtailor/json_feed_missing"] == 1
    assert result.stats["jobs/records/written"] == 2
