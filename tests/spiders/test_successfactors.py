"""SAP SuccessFactors RMK: first requests for the URL forms, the real Google feed sample, our own feed
(tests/fixtures/successfactors, written by us: see its comment), title location suffixes, bad bodies, a real crawl."""

from __future__ import annotations

import argparse

import pytest

from scraper.commands import validate
from spiders.successfactors import SuccessFactorsSpider, place, split_title
from tests.helpers import OWN_FIXTURES, crawl, make_spider, parse_board, run_pipelines, shared_fixture, stats

SAMPLE = "successfactors/googlefeed/american_airlines_googlefeed.xml"
XML = {"Content-Type": "application/xml; charset=UTF-8"}


@pytest.mark.parametrize("url,kwargs,first,site", [
    ("https://jobs.aa.com", {}, "https://jobs.aa.com/googlefeed.xml", "jobs.aa.com"),
    ("https://jobs.aa.com/search/?q=&locationsearch=Dallas", {}, "https://jobs.aa.com/googlefeed.xml", "jobs.aa.com"),
    ("https://jobs.lionsgate.com/go/View-All-Openings/8023300/", {}, "https://jobs.lionsgate.com/googlefeed.xml",
     "jobs.lionsgate.com"),
    ("https://jobs.aa.com/googlefeed.xml", {}, "https://jobs.aa.com/googlefeed.xml", "jobs.aa.com"),
    ("https://careers.acme.example/sitemal.xml", {}, "https://careers.acme.example/sitemal.xml",
     "careers.acme.example"),
    ("https://careers.acme.example/feeds/allJobs", {}, "https://careers.acme.example/feeds/allJobs",
     "careers.acme.example"),
    ("https://jobs.sap.com/services/rss/job/?locale=en_US&keywords=(sales)", {},
     "https://jobs.sap.com/services/rss/job/?locale=en_US&keywords=(sales)", "jobs.sap.com"),
    ("http://127.0.0.1:8080/", {"board": "aa"}, "http://127.0.0.1:8080/googlefeed.xml", "aa"),
])
def test_first_request(url, kwargs, first, site):
    spider = make_spider(SuccessFactorsSpider, url=url, **kwargs)
    assert spider.api_url() == first
    assert spider.site() == site


@pytest.mark.parametrize("title,expected", [
    ("Engineer, IT AI (Fort Worth, TX, US)", ("Engineer, IT AI", "Fort Worth, TX, US")),
    ("Logistics Specialist Supervisor (St. Louis, MO, US, 63141)", ("Logistics Specialist Supervisor",
                                                                     "St. Louis, MO, US")),
    ("2026UKH - Lead Power Quantitative Risk Modeler (London, LND, GB)",
     ("2026UKH - Lead Power Quantitative Risk Modeler", "London, LND, GB")),
    ("Analyst (Tel Aviv, Israel, 6944020)", ("Analyst", "Tel Aviv, Israel")),
    ("Backend Developer (Java, Go)", ("Backend Developer (Java, Go)", "")),
    ("Sales Manager (m/w/d)", ("Sales Manager (m/w/d)", "")),
    ("Nurse (Night shift) (Basel, BS, CH)", ("Nurse (Night shift)", "Basel, BS, CH")),
    ("(Dallas, TX, US)", ("(Dallas, TX, US)", "")),
])
def test_title_location_suffix(title, expected):
    assert split_title(title) == expected


def test_postal_codes_are_dropped():
    assert place("Richardson, TX, US, 75080") == "Richardson, TX, US"
    assert place("Abu Dhabi, AE, 939") == "Abu Dhabi, AE"
    assert place("London, LND, GB, SW1A 1AA") == "London, LND, GB"
    assert place("75080") == "75080"


@pytest.fixture(scope="module")
def sample():
    spider = make_spider(SuccessFactorsSpider, url="https://jobs.aa.com")
    items = parse_board(spider, shared_fixture(SAMPLE).read_bytes(), headers=XML)
    return spider, {i.postingId: i for i in run_pipelines(spider, items).items}


def test_sample_ids_titles_urls(sample):
    spider, got = sample
    assert set(got) == {"1436476000", "1434335900"}
    engineer, cleaner = got["1436476000"], got["1434335900"]
    assert (engineer.id, engineer.board) == ("successfactors:jobs.aa.com:1436476000", "jobs.aa.com")
    assert (engineer.title, cleaner.title) == ("Engineer, IT AI", "Cleaner & Porter")
    assert engineer.url == "https://jobs.aa.com/job/Fort-Worth-Engineer%2C-IT-AI-TX-76101/1436476000/"
    assert engineer.host == "https://jobs.aa.com/"
    assert stats(spider)["jobs/successfactors/postings_yielded"] == 2


def test_sample_company_department_expiry(sample):
    _, got = sample
    engineer, cleaner = got["1436476000"], got["1434335900"]
    assert (engineer.companyName, cleaner.companyName) == ("American Airlines", "")  # only the first names it
    assert (engineer.department, cleaner.department) == ("Information Technology", "Jobs at Airport")
    assert (engineer.validThrough, cleaner.validThrough) == ("2026-11-01T00:00:00Z", "")


def test_sample_locations(sample):
    _, got = sample
    assert got["1436476000"].locations == [{"city": "Fort Worth", "region": "TX", "country": "US"}]
    assert got["1434335900"].location == "Pittsburgh, United States"


def test_sample_descriptions_unescaped_once(sample):
    _, got = sample
    engineer = got["1436476000"]
    assert engineer.description == "Bachelor's degree and 2 years of experience building AI applications."
    assert engineer.experienceYears == {"min": 2, "max": None}
    assert got["1434335900"].description == "Keep the airport clean."


def test_own_feed_fields_the_sample_lacks():
    spider = make_spider(SuccessFactorsSpider, url="http://127.0.0.1:8080/", board="acme")
    items = parse_board(spider, (OWN_FIXTURES / "successfactors/feed_edge_cases.xml").read_bytes())
    got = {i.postingId: i for i in run_pipelines(spider, items).items}
    assert set(got) == {"1200000100", "1200000101", "1200000102"}  # guid, link id, g:id
    supervisor = got["1200000100"]
    assert (supervisor.title, supervisor.titleRaw) == ("Logistics Specialist Supervisor",
                                                       "Logistics Specialist Supervisor (Richardson, TX, US, 75080)")
    assert supervisor.locations == [{"city": "Richardson", "region": "TX", "country": "US"}]
    assert (supervisor.datePosted, supervisor.employmentType) == ("2026-11-30T08:00:00Z", "FULL_TIME")
    assert (supervisor.salary["min"], supervisor.salary["max"], supervisor.salary["currency"],
            supervisor.salary["period"]) == (52000, 61000, "USD", "YEAR")
    assert supervisor.description == "Lead the **night** shift.\n\n* Forklift licence"
    developer = got["1200000101"]
    assert developer.title == "Backend Developer (Java, Go)"
    assert developer.locations == [{"city": "Tel Aviv", "region": "", "country": "IL"}]  # g:location, no postcode
    assert developer.description == "Build services in **Java** and Go."  # real HTML in CDATA: kept as it is
    assert got["1200000102"].locations == [{"city": "Basel", "region": "BS", "country": "CH"}]
    s = stats(spider)
    assert s["jobs/successfactors/postings_skipped/no_posting"] == 1
    assert s["jobs/successfactors/postings_skipped/no_title"] == 1


@pytest.mark.parametrize("body,reason", [
    (b"<rss><channel><item>", "malformed"),
    (b"<!doctype html><html><body><p>Jobs<br></body></html>", "malformed"),
    (b"<html><body><p>Search jobs</p></body></html>", "unexpected_shape"),
    (b"<source><job><title>Indeed-style feed</title></job></source>", "unexpected_shape"),
])
def test_bad_feeds_are_counted(body, reason):
    spider = make_spider(SuccessFactorsSpider, url="https://jobs.aa.com")
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/successfactors/boards_failed/{reason}"] == 1


def test_an_empty_feed():
    spider = make_spider(SuccessFactorsSpider, url="https://jobs.aa.com")
    assert parse_board(spider, b"<rss version='2.0'><channel><title>Jobs</title></channel></rss>") == []
    assert stats(spider)["jobs/successfactors/boards_empty"] == 1


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    httpserver.expect_request("/googlefeed.xml").respond_with_data(shared_fixture(SAMPLE).read_bytes(),
                                                                   content_type="application/xml")
    result = crawl("successfactors", tmp_path, args={"url": httpserver.url_for("/"), "board": "aa"},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    records = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(records) == {"successfactors:aa:1436476000", "successfactors:aa:1434335900"}
    front, body = records["successfactors:aa:1436476000"]
    assert (front["title"], front["location"], front["companyName"], front["department"]) == (
        "Engineer, IT AI", "Fort Worth, United States", "American Airlines", "Information Technology")
    assert front["validThrough"] == "2026-11-01T00:00:00Z"
    assert body == "## Job description\n\nBachelor's degree and 2 years of experience building AI applications.\n"
    assert result.stats["jobs/records/written"] == 2
