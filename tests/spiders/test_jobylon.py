"""Jobylon: the company embed's JavaScript job list, each job's page for the text, fallbacks, a real crawl."""

from __future__ import annotations

import argparse
import re

import pytest

from scraper.commands import validate
from spiders.jobylon import JobylonSpider
from tests.helpers import OWN_FIXTURES, crawl, make_spider, parse_board, shared_fixture, stats
from tests.spiders.embedded_cases import HTML, answer, assert_clean_body, records

SAMPLE = "jobylon/embed/mcdonalds_se_company_embed_v2.html"
EMBED = "https://cdn.jobylon.com/jobs/companies/1955/embed/v2/"
OWN = OWN_FIXTURES / "jobylon"
FIRST = "355795"  # "Kopia av McDonald's Varberg Nord söker nya glada medarbetare"


@pytest.mark.parametrize("url,first,pages", [
    (EMBED, EMBED, "https://emp.jobylon.com"),
    (EMBED + "?target=_blank&page_size=20", EMBED + "?target=_blank&page_size=20", "https://emp.jobylon.com"),
    ("https://emp.jobylon.com/companies/1955-mcdonalds-sverige/", EMBED, "https://emp.jobylon.com"),
    ("http://127.0.0.1:8080/jobs/companies/1955/embed/v2/", "http://127.0.0.1:8080/jobs/companies/1955/embed/v2/",
     "http://127.0.0.1:8080"),
])
def test_first_request_and_where_job_pages_are(url, first, pages):
    spider = make_spider(JobylonSpider, url=url)
    assert (spider.board_url, spider.pages, spider.company_id) == (first, pages, "1955")


def test_a_job_page_names_no_company():
    with pytest.raises(ValueError, match="names no company"):
        make_spider(JobylonSpider, url="https://emp.jobylon.com/jobs/355795-mcdonalds-sverige-x/")


def sample(bodies=None):
    spider = make_spider(JobylonSpider, url=EMBED)
    requests = parse_board(spider, shared_fixture(SAMPLE).read_bytes(), headers=HTML)
    return spider, requests, records(spider, answer(spider, requests, bodies))


def test_sample_lists_125_jobs_each_asked_on_its_page():
    spider, requests, got = sample()
    assert len(requests) == len(got) == 125
    assert requests[0].url == ("https://emp.jobylon.com/jobs/355795-mcdonalds-sverige-kopia-av-mcdonalds-varberg-"
                               "nord-soker-nya-glada-medarbetare/")
    s = stats(spider)
    assert (s["jobs/jobylon/postings_seen"], s["jobs/jobylon/details_failed/not_found"]) == (125, 125)
    assert "jobs/jobylon/malformed_embedded" not in s


def test_sample_fields_from_the_embed():
    _, _, got = sample()
    job = got[FIRST]
    # ids and addresses
    assert job.id == "jobylon:1955:355795"
    assert job.url.startswith("https://emp.jobylon.com/jobs/355795-")
    assert job.applyUrl == "https://emp.jobylon.com/applications/jobs/355795/create/"
    # title (JavaScript escapes read), company and logo
    assert job.title == "Kopia av McDonald's Varberg Nord söker nya glada medarbetare"
    assert {j.companyName for j in got.values()} == {"McDonald’s Sverige"}
    assert job.logoUrl.startswith("https://media-eu.jobylon.com/CACHE/companies/company-logo/mcdonalds-sverige/")
    # location (a city name), department (the restaurant), language (job-lang-sv)
    assert job.locations == [{"city": "Varberg", "region": "", "country": ""}]
    assert job.department == "233 - Varberg Nord"
    assert job.postingLanguage == "sv" and got["134393"].postingLanguage == "en"  # the Tornio job is in English
    assert (job.seniority, got["112431"].seniority) == ("junior", "")  # Ingångsnivå, Inget krav
    # Swedish labels: workplace, employment type, dates
    assert (job.workplace, job.employmentType, got["344100"].employmentType) == ("onsite", "PART_TIME", "FULL_TIME")
    assert (job.datePosted, job.validThrough) == ("2026-04-21T00:00:00Z", "2026-04-30T00:00:00Z")
    assert got["313165"].validThrough == "2026-05-31T00:00:00Z"  # "31 maj 2026"
    assert got["112431"].datePosted == "2022-01-20T00:00:00Z" and got["112431"].validThrough == ""
    assert sum(bool(j.datePosted) for j in got.values()) == 125
    # the embed's summary is "None" (Django's empty value): no description without the job's page
    assert job.description == ""


def test_the_jobs_page_gives_text_dates_and_country():
    _, _, got = sample({FIRST: OWN / "job_page_355795.html", "344100": OWN / "job_page_without_markup.html"})
    job = got[FIRST]
    assert job.description.startswith("Vill du jobba i ett glatt team?\n\n**Vi erbjuder**")
    assert job.locations == [{"city": "Varberg", "region": "", "country": "SE"}]
    assert (job.datePosted, job.validThrough, job.employmentType) == (
        "2026-04-21T00:00:00Z", "2026-04-30T00:00:00Z", "PART_TIME")
    # a page without JobPosting markup: its text block
    assert got["344100"].description == "### Om jobbet\n\nDu tar emot gäster och lagar mat."


@pytest.mark.parametrize("body,reason", [
    ("<script>JBL.embed_v2['jobs'] = [{id: '1', title: </script>", "malformed"),
    ("<html><body>Inga lediga jobb</body></html>", "unexpected_shape"),
    ("<script>JBL.embed_v2['jobs'] = {id: '1'};</script>", "unexpected_shape"),
])
def test_bad_embeds_are_counted(body, reason):
    spider = make_spider(JobylonSpider, url=EMBED)
    assert parse_board(spider, body, headers=HTML) == []
    assert stats(spider)[f"jobs/jobylon/boards_failed/{reason}"] == 1


def test_bad_jobs_are_skipped_and_a_job_without_a_page_kept():
    spider = make_spider(JobylonSpider, url=EMBED)
    body = ("<script>JBL.embed_v2['jobs'] = [{title: 'No id'}, {id: '2'}, 'x',"
            " {id: '3', title: 'Kock', url: 'https://elsewhere.example/3', locations_text: 'Malmö'},"
            " {id: '4', title: 'Diskare', url: '//elsewhere.example/4'}];</script>")
    third, fourth = parse_board(spider, body, headers=HTML)  # no request to another host: records from the embed
    assert (third.postingId, third.url, third.locationsRaw) == ("3", "https://elsewhere.example/3",
                                                                [{"label": "Malmö"}])
    assert (fourth.postingId, fourth.url) == ("4", "https://elsewhere.example/4")
    s = stats(spider)
    assert (s["jobs/jobylon/postings_skipped/no_id"], s["jobs/jobylon/postings_skipped/no_title"]) == (2, 1)


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    httpserver.expect_request("/jobs/companies/1955/embed/v2/").respond_with_data(
        shared_fixture(SAMPLE).read_bytes(), content_type="text/html; charset=utf-8")
    first = "/jobs/355795-mcdonalds-sverige-kopia-av-mcdonalds-varberg-nord-soker-nya-glada-medarbetare/"
    httpserver.expect_request(first).respond_with_data((OWN / "job_page_355795.html").read_bytes(),
                                                       content_type="text/html; charset=utf-8")
    httpserver.expect_request(re.compile(r"^/jobs/\d+-")).respond_with_data("gone", status=404)
    result = crawl("jobylon", tmp_path, args={"url": httpserver.url_for("/jobs/companies/1955/embed/v2/")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    got = {front["id"]: (front, body) for front, body in result.records().values()}
    assert len(got) == 125
    front, body = got["jobylon:1955:355795"]
    assert (front["location"], front["jobType"], front["workplace"]) == ("Varberg, Sweden", "part-time", "onsite")
    assert front["url"] == httpserver.url_for(first)
    assert_clean_body(body)
    assert result.stats["jobs/jobylon/details_failed/not_found"] == 124
    assert result.stats["jobs/records/written"] == 125
