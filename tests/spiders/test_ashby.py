"""Ashby spider: first-request URLs, field mapping on real boards, bad input, and real crawls
against 127.0.0.1."""

import json
from collections import Counter

import pytest

from spiders.ashby import AshbySpider
from tests.helpers import (
    OWN_FIXTURES,
    board_items,
    crawl,
    make_response,
    make_spider,
    shared_fixture,
    stats,
)


@pytest.mark.parametrize(
    "url,expected",
    [
        (
            "https://jobs.ashbyhq.com/linear",
            "https://api.ashbyhq.com/posting-api/job-board/linear?includeCompensation=true",
        ),
        (
            "jobs.ashbyhq.com/Linear/",
            "https://api.ashbyhq.com/posting-api/job-board/Linear?includeCompensation=true",
        ),
        # a posting's page names its board; the API has no single-posting endpoint
        (
            "https://jobs.ashbyhq.com/cursor/0ec39ed7-a5dc-4551-bb26-b7f4f9fb4a74/application",
            "https://api.ashbyhq.com/posting-api/job-board/cursor?includeCompensation=true",
        ),
        (
            "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=true",
            "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=true",
        ),
        (
            "https://api.ashbyhq.com/posting-api/job-board/ramp",
            "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=true",
        ),
        (
            "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=false",
            "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=true",
        ),
        (
            "http://127.0.0.1:8765/ramp",
            "http://127.0.0.1:8765/posting-api/job-board/ramp?includeCompensation=true",
        ),
        (
            "http://127.0.0.1:8765/posting-api/job-board/ramp",
            "http://127.0.0.1:8765/posting-api/job-board/ramp?includeCompensation=true",
        ),
    ],
)
def test_first_request_url(url, expected):
    assert make_spider(AshbySpider, url=url).api_url() == expected


def test_a_url_without_a_board_needs_the_board_argument():
    with pytest.raises(ValueError, match="board"):
        make_spider(AshbySpider, url="https://careers.example.test/").api_url()
    spider = make_spider(AshbySpider, url="https://careers.example.test/", board="acme")
    assert (
        spider.api_url() == "https://careers.example.test/posting-api/job-board/acme?includeCompensation=true"
    )


def board(path, url="https://jobs.ashbyhq.com/acme"):
    spider = make_spider(AshbySpider, url=url)
    return spider, board_items(spider, path.read_bytes())


def by_id(items):
    return {item.postingId: item for item in items}


def test_compensation_tiers_and_addresses():
    _, items = board(
        shared_fixture("ashby/api/highlightta_job_board.json"), url="https://jobs.ashbyhq.com/HighlightTA"
    )
    jobs = by_id(items)
    sre = jobs["fc2f1f85-46a0-4a31-b165-683e39c07c04"]
    assert sre.id == "ashby:HighlightTA:fc2f1f85-46a0-4a31-b165-683e39c07c04"
    assert sre.title == "Senior Site Reliability Engineer"
    assert sre.url == "https://jobs.ashbyhq.com/HighlightTA/fc2f1f85-46a0-4a31-b165-683e39c07c04"
    assert sre.applyUrl == sre.url + "/application"
    assert sre.salary == {
        "min": 102800,
        "max": 137000,
        "currency": "CAD",
        "period": "YEAR",
        "raw": "CA$102.8K - CA$137K",
    }
    assert sre.workplace == "hybrid"  # workplaceType wins over isRemote
    assert sre.locations == [{"city": "Toronto", "region": "Ontario", "country": "CA"}]
    assert sre.datePosted == "2026-07-08T19:48:19Z"
    assert sre.employmentType == "FULL_TIME"
    assert sre.department == "HighlightTA Confidential"
    recruiter = jobs["90fb3621-899e-4b59-925d-25080ec91e18"]
    assert recruiter.workplace == "remote" and recruiter.location == "Remote job"
    assert recruiter.locations == [{"city": "", "region": "", "country": "CA"}]
    assert recruiter.salary["min"] is None  # compensation not shown on this posting
    assert recruiter.description.startswith("### **About HighlightTA**")


def test_secondary_locations_and_onsite():
    _, items = board(shared_fixture("ashby/api/openevidence_job_board.json"))
    for job in items:
        assert job.workplace == "onsite"
        assert job.locations == [
            {"city": "San Francisco", "region": "California", "country": "US"},
            {"city": "Miami", "region": "Florida", "country": "US"},
        ]


def test_ramp_remote_secondary_locations_carry_their_country():
    _, items = board(shared_fixture("ashby/api/ramp_job_board.json"), url="https://jobs.ashbyhq.com/ramp")
    assert len(items) == 6
    security = by_id(items)["34413f8d-26bf-4bbc-8ade-eb309a0e2245"]
    assert security.title == "Security Engineer, Cloud"  # the source has a leading space
    assert security.locations == [
        {"city": "New York City", "region": "NY", "country": "US"},
        {"city": "", "region": "", "country": "CA"},  # "Remote (Canada)"
        {"city": "", "region": "", "country": "US"},
        {"city": "Miami", "region": "Florida", "country": "US"},
    ]
    assert all(item.salary["min"] is None for item in items)  # this recording has no compensation


def test_a_whole_board():
    spider, items = board(
        shared_fixture("ashby/api/cursor_job_board_full.json"), url="https://jobs.ashbyhq.com/cursor"
    )
    raw = json.loads(shared_fixture("ashby/api/cursor_job_board_full.json").read_text())["jobs"]
    assert len(items) == len(raw) == 54
    assert Counter(item.workplace for item in items) == Counter(
        {"": 24, "onsite": 13, "hybrid": 10, "remote": 7}
    )
    assert {item.employmentType for item in items} == {"FULL_TIME"}
    assert all(item.datePosted and item.description for item in items)
    assert stats(spider)["jobs/ashby/postings_yielded"] == 54


def test_linear_region_addresses_are_not_invented_into_places():
    _, items = board(shared_fixture("ashby/api/linear_job_board.json"), url="https://jobs.ashbyhq.com/linear")
    jobs = by_id(items)
    # "Europe", addressCountry "European Union": no country code for that
    assert jobs["d3bc1ced-3ce4-4086-a050-555055dbb1ff"].locations == []
    assert jobs["cd5ae036-0223-427a-b038-ba16ef9dcb32"].locations == [
        {"city": "", "region": "", "country": "US"}
    ]
    assert {item.workplace for item in items} == {"remote"}


def test_edge_cases():
    spider, items = board(OWN_FIXTURES / "ashby/edge_board.json")
    counted = stats(spider)
    assert counted["jobs/ashby/postings_seen"] == 4
    assert counted["jobs/ashby/postings_skipped/unlisted"] == 1
    assert counted["jobs/ashby/postings_skipped/no_title"] == 1
    assert counted["jobs/ashby/postings_skipped/no_id"] == 1
    assert counted["jobs/ashby/postings_without_description"] == 1
    (job,) = items
    # the salary component after equity, in the first tier (the summary is empty)
    assert job.salary == {
        "min": 40,
        "max": 45,
        "currency": "EUR",
        "period": "HOUR",
        "raw": "40 - 45 EUR per hour",
    }
    assert job.employmentType == "PART_TIME"
    assert job.workplace == "remote"  # isRemote, no workplaceType
    assert job.locations == [{"city": "", "region": "", "country": "DE"}]


def test_malformed_and_wrong_shapes():
    spider = make_spider(AshbySpider, url="https://jobs.ashbyhq.com/acme")
    url = spider.api_url()
    assert list(spider.parse_board(make_response(url, b'{"jobs": [}'))) == []
    assert list(spider.parse_board(make_response(url, b'{"success": false, "errors": ["not found"]}'))) == []
    assert list(spider.parse_board(make_response(url, b'{"apiVersion": "1", "jobs": []}'))) == []
    counted = stats(spider)
    assert counted["jobs/ashby/boards_failed/malformed"] == 1
    assert counted["jobs/ashby/boards_failed/unexpected_shape"] == 1
    assert counted["jobs/ashby/boards_empty"] == 1


@pytest.mark.e2e
def test_crawl_a_board_served_on_loopback(httpserver, tmp_path):
    body = shared_fixture("ashby/api/highlightta_job_board.json").read_bytes()
    httpserver.expect_request(
        "/posting-api/job-board/HighlightTA", query_string="includeCompensation=true"
    ).respond_with_data(body, content_type="application/json")
    result = crawl(
        "ashby",
        tmp_path,
        args={"url": httpserver.url_for("/HighlightTA"), "company": "HighlightTA"},
        settings={"ROBOTSTXT_OBEY": "False"},
    )
    assert result.returncode == 0, result.log[-2000:]
    records = result.records()
    assert len(records) == 2
    front, body_md = records[
        "highlightta/senior-site-reliability-engineer-fc2f1f85-46a0-4a31-b165-683e39c07c04.md"
    ]
    assert front["salary"] == {
        "min": 102800,
        "max": 137000,
        "currency": "CAD",
        "period": "YEAR",
        "raw": "CA$102.8K - CA$137K",
    }
    assert front["locations"] == [{"city": "Toronto", "region": "Ontario", "country": "CA"}]
    assert front["employmentType"] == "FULL_TIME" and front["jobType"] == "full-time"
    assert front["timestamp"] == 1783540099000  # publishedAt 2026-07-08T19:48:19.767Z, to the second
    assert body_md.startswith("## Job description\n\n### **Company Overview**")
    assert result.stats["jobs/ashby/postings_yielded"] == 2


@pytest.mark.e2e
def test_crawl_a_missing_board(httpserver, tmp_path):
    httpserver.expect_request("/posting-api/job-board/nobody").respond_with_data("Not Found", status=404)
    result = crawl(
        "ashby", tmp_path, args={"url": httpserver.url_for("/nobody")}, settings={"ROBOTSTXT_OBEY": "False"}
    )
    assert result.returncode == 0, result.log[-2000:]
    assert result.records() == {}
    assert result.stats["jobs/ashby/boards_failed/not_found"] == 1
