"""Comeet: the careers API's positions and the hosted careers page that embeds them, bad input, a real crawl."""

from __future__ import annotations

import argparse
import json

import pytest

from scraper.commands import validate
from spiders.comeet import ComeetSpider
from tests.helpers import crawl, make_spider, parse_board, shared_fixture, stats
from tests.spiders.embedded_cases import HTML, JSON, assert_clean_body, records

SAMPLE = "comeet/api/wiliot_careers_api_positions.json"
API = "https://www.comeet.co/careers-api/2.0/company/F6.003/positions?token=6F329B2DE6379829B229B2037983E8B3E8B"


def careers_page() -> str:
    """The hosted careers page as public Comeet scrapers read it: the positions (the API's shape) in the script
    variable COMPANY_POSITIONS_DATA, followed by POSITION_DATA.  Built from the recorded API sample, not recorded
    itself."""
    positions = shared_fixture(SAMPLE).read_text()
    return ("<!DOCTYPE html><html><head><title>Wiliot - Careers</title></head><body><div id='app'></div>"
            "<script>\nvar COMPANY_POSITIONS_DATA = " + positions + ";\nvar POSITION_DATA = null;</script>"
            "</body></html>")


@pytest.mark.parametrize("url,first", [
    (API, API + "&details=true"),
    (API + "&details=false", API + "&details=false"),
    ("https://www.comeet.com/jobs/wiliot/F6.003", "https://www.comeet.com/jobs/wiliot/F6.003"),
    ("https://www.comeet.com/jobs/wiliot/F6.003/forward-deployed-engineer/18.767",
     "https://www.comeet.com/jobs/wiliot/F6.003"),
    ("http://127.0.0.1:8080/jobs/wiliot/F6.003/", "http://127.0.0.1:8080/jobs/wiliot/F6.003"),
    ("http://127.0.0.1:8080/careers-api/2.0/company/F6.003/positions?token=T",
     "http://127.0.0.1:8080/careers-api/2.0/company/F6.003/positions?token=T&details=true"),
])
def test_first_request(url, first):
    spider = make_spider(ComeetSpider, url=url)
    assert spider.board_url == first and spider.uid == "F6.003"


@pytest.mark.parametrize("url", ["https://www.comeet.com/jobs/wiliot", "https://www.comeet.co/careers-api/2.0/"])
def test_an_address_without_a_board_is_refused(url):
    with pytest.raises(ValueError, match="neither"):
        make_spider(ComeetSpider, url=url)


def sample_records(url: str, body: bytes | str, headers) -> tuple[dict, ComeetSpider]:
    spider = make_spider(ComeetSpider, url=url)
    got = records(spider, parse_board(spider, body, headers=headers))
    return got, spider


@pytest.mark.parametrize("source", ["api", "page"])
def test_sample_fields(source):
    if source == "api":
        got, spider = sample_records(API, shared_fixture(SAMPLE).read_bytes(), JSON)
    else:
        got, spider = sample_records("https://www.comeet.com/jobs/wiliot/F6.003", careers_page(), HTML)
    new_york, plano = got["18.767"], got["18.767-9B.20A"]
    # ids and addresses: the company's own page for the posting, the Comeet page to apply on
    assert new_york.id == "comeet:F6.003:18.767"
    assert new_york.url == "https://www.wiliot.com/positions/position-18_767"
    assert new_york.applyUrl == "https://www.comeet.com/jobs/wiliot/F6.003/forward-deployed-engineer/18.767"
    assert plano.applyUrl.endswith("/18.767-9B.20A")
    # title, company
    assert new_york.title == plano.title == "Forward Deployed Engineer"
    assert new_york.companyName == "Wiliot"
    # locations with country codes
    assert new_york.locations == [{"city": "New York", "region": "NY", "country": "US"}]
    assert plano.locations == [{"city": "Plano", "region": "TX", "country": "US"}]
    # workplace_type "On-site", is_remote false
    assert new_york.workplace == "onsite"
    # time_updated is the only date the source gives: a modification date, not a publication date
    assert new_york.dateModified == "2026-08-12T02:36:49Z" and new_york.datePosted == ""
    # details: the Description section (cut at 600 characters by the sample's author) is the main text; empty
    # sections dropped
    assert new_york.description.startswith("Wiliot was founded by the team")
    assert "Responsibilities" not in new_york.description
    # department, employment type, experience level: null in the sample
    assert (new_york.department, new_york.employmentType) == ("", "")
    assert stats(spider)["jobs/comeet/postings_yielded"] == 2


def test_every_stated_field_of_a_position():
    position = {
        "uid": "A1.00B", "name": "Data Scientist", "department": "R&D", "employment_type": "Full-time",
        "experience_level": "Senior", "workplace_type": "Hybrid", "company_name": "Acme", "time_updated": "2026-11-02",
        "location": {"name": "Tel Aviv", "city": "Tel Aviv", "country": "IL", "state": "", "is_remote": False},
        "url_comeet_hosted_page": "https://www.comeet.com/jobs/acme/A1.000/data-scientist/A1.00B",
        "details": [{"name": "Requirements", "value": "<ul><li>Python</li></ul>", "order": 2},
                    {"name": "Description", "value": "<p>Models.</p>", "order": 1}],
    }
    spider = make_spider(ComeetSpider, url="https://www.comeet.com/jobs/acme/A1.000")
    (item,) = records(spider, parse_board(spider, json.dumps([position]), headers=JSON)).values()
    assert (item.department, item.employmentType, item.workplace, item.seniority) == (
        "R&D", "FULL_TIME", "hybrid", "senior")
    assert item.url == item.applyUrl == position["url_comeet_hosted_page"]  # no page of the company's own
    assert item.locations == [{"city": "Tel Aviv", "region": "", "country": "IL"}]
    assert item.description == "Models.\n\n## Requirements\n\n* Python"


@pytest.mark.parametrize("body,headers,reason", [
    ("[{", JSON, "malformed"),
    ('{"error": "invalid token"}', JSON, "unexpected_shape"),
    ("<html><script>var COMPANY_POSITIONS_DATA = [{\"uid\": </script></html>", HTML, "malformed"),
    ("<html><body>Page not found</body></html>", HTML, "unexpected_shape"),
])
def test_bad_boards_are_counted(body, headers, reason):
    spider = make_spider(ComeetSpider, url="https://www.comeet.com/jobs/wiliot/F6.003")
    assert parse_board(spider, body, headers=headers) == []
    assert stats(spider)[f"jobs/comeet/boards_failed/{reason}"] == 1


def test_bad_positions_are_skipped():
    spider = make_spider(ComeetSpider, url=API)
    body = '[{"name": "No uid"}, {"uid": "1.2"}, 7, {"uid": "3.4", "name": "Welder"}]'
    assert [i.postingId for i in parse_board(spider, body, headers=JSON)] == ["3.4"]
    s = stats(spider)
    assert (s["jobs/comeet/postings_skipped/no_id"], s["jobs/comeet/postings_skipped/no_title"]) == (2, 1)
    assert s["jobs/comeet/postings_without_description"] == 1


@pytest.mark.e2e
def test_crawl_the_careers_page(httpserver, tmp_path):
    httpserver.expect_request("/jobs/wiliot/F6.003").respond_with_data(careers_page(), content_type="text/html")
    result = crawl("comeet", tmp_path, args={"url": httpserver.url_for("/jobs/wiliot/F6.003")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    got = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(got) == {"comeet:F6.003:18.767", "comeet:F6.003:18.767-9B.20A"}
    front, body = got["comeet:F6.003:18.767"]
    assert (front["companyName"], front["location"], front["workplace"]) == ("Wiliot", "New York, United States",
                                                                            "onsite")
    assert_clean_body(body)
    assert result.stats["jobs/records/written"] == 2
