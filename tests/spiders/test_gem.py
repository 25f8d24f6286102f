"""Gem: first-request URLs, the Job Board API list (our fixture), a job page's posting read from GraphQL (the real
sample), bad bodies, a real crawl of the job page."""

from __future__ import annotations

import argparse
import asyncio
import json

import pytest
from scrapy import Request

from scraper import signals as job_signals
from scraper.commands import validate
from spiders.gem import GemSpider
from tests.helpers import OWN_FIXTURES, board_items, crawl, make_spider, parse_board, shared_fixture, stats

GRAPHQL = "gem/graphql/auger_oatsExternalJobPosting.json"
POSTS = OWN_FIXTURES / "gem/job_posts.json"  # ours: no real Job Board API answer is in the samples
# The job page address of the GraphQL sample; its job id is ours (the recorded answer does not carry it).
JOB_ID = "am9icG9zdDpzYW1wbGU"


@pytest.mark.parametrize("url,api", [
    ("https://jobs.gem.com/example", "https://api.gem.com/job_board/v0/example/job_posts/"),
    ("https://jobs.gem.com/example/", "https://api.gem.com/job_board/v0/example/job_posts/"),
    ("https://api.gem.com/job_board/v0/example/job_posts/", "https://api.gem.com/job_board/v0/example/job_posts/"),
    ("http://127.0.0.1:8123/job_board/v0/example/job_posts", "http://127.0.0.1:8123/job_board/v0/example/job_posts"),
    ("http://127.0.0.1:8123/example", "http://127.0.0.1:8123/job_board/v0/example/job_posts/"),
    (f"https://jobs.gem.com/auger/{JOB_ID}", "https://jobs.gem.com/api/public/graphql"),
])
def test_first_request_url(url, api):
    assert make_spider(GemSpider, url=url).api_url() == api


def first_request(spider):
    async def first():
        return [request async for request in spider.start()]
    (request,) = asyncio.run(first())
    return request


def test_a_job_page_asks_graphql_for_its_posting():
    spider = make_spider(GemSpider, url=f"http://127.0.0.1:8123/auger/{JOB_ID}")
    request = first_request(spider)
    assert (request.method, request.url) == ("POST", "http://127.0.0.1:8123/api/public/graphql")
    body = json.loads(request.body)
    assert body["operationName"] == "ExternalJobPostingQuery"
    assert body["variables"] == {"boardId": "auger", "extId": JOB_ID}
    assert "oatsExternalJobPosting(boardId: $boardId, extId: $extId)" in body["query"]
    assert request.callback == spider.parse_board and request.errback == spider.board_failed
    assert first_request(make_spider(GemSpider, url="https://jobs.gem.com/example")).method == "GET"


def test_a_url_without_a_board_is_refused():
    with pytest.raises(ValueError, match="board="):
        make_spider(GemSpider, url="https://jobs.gem.com/").api_url()


def completions(spider):
    seen = []
    spider.crawler.signals.connect(lambda **kw: seen.append(kw["board_url"]), signal=job_signals.board_completed,
                                   weak=False)
    return seen


def test_graphql_posting_maps_every_field():
    spider = make_spider(GemSpider, url=f"https://jobs.gem.com/auger/{JOB_ID}")
    completed = completions(spider)
    (item,) = board_items(spider, shared_fixture(GRAPHQL).read_bytes())
    # ids, title, url (the job page), company (the team's display name)
    assert item.id == f"gem:auger:{JOB_ID}"
    assert item.title == "Principal Software Development Engineer"
    assert item.url == f"https://jobs.gem.com/auger/{JOB_ID}"
    assert item.companyName == "Auger"
    # location with its ISO country (USA -> US), workplace (IN_OFFICE), employment type, department
    assert item.locations == [{"city": "Bellevue", "region": "", "country": "US"}]
    assert (item.workplace, item.employmentType, item.department) == ("onsite", "FULL_TIME",
                                                                      "AI Enablement Engineering")
    # the description and the compensation text under its own heading; pay read from that text
    headings = [line for line in item.description.splitlines() if line.startswith("#")]
    assert headings == ["### **About the Team & Role**", "#### **What You’ll Do**", "#### **What You Bring**",
                        "### **Compensation & Benefits**"]
    assert item.salary == {"min": 280000, "max": 330000, "currency": "USD", "period": "YEAR",
                           "raw": "$280,000 – $330,000 per year"}
    assert (item.seniority, item.experienceYears) == ("principal", {"min": 10, "max": None})
    assert {"SQL", "Python", "Apache Spark"} <= set(item.skills["required"])
    # no date in the answer
    assert item.datePosted == ""
    # one posting read is not the board: nothing may be closed for missing from it
    assert completed == []


def test_job_board_api_list():
    spider = make_spider(GemSpider, url="https://jobs.gem.com/example")
    completed = completions(spider)
    found = {i.postingId: i for i in board_items(spider, POSTS.read_bytes())}
    engineer, intern = found["4410327"], found["4410388"]
    assert (engineer.id, engineer.title) == ("gem:example:4410327", "Senior Backend Engineer")
    assert engineer.url == "https://jobs.gem.com/example/am9icG9zdDoxMjM0NTY"
    # every office's place, not just `location` (labels that name no country: none is invented)
    assert engineer.locations == [{"city": "San Francisco", "region": "CA", "country": ""},
                                  {"city": "New York", "region": "NY", "country": ""}]
    assert (engineer.workplace, engineer.employmentType, engineer.department) == ("hybrid", "FULL_TIME", "Engineering")
    assert (engineer.datePosted, engineer.dateModified) == ("2026-10-02T17:04:11Z", "2026-10-20T12:30:00Z")
    assert engineer.description.startswith("### About the role\n\nBuild the APIs behind our **scheduling** product.")
    assert engineer.salary["min"] == 170000
    # no HTML content: the plain text, escaped ("<3" stays text), in paragraphs
    assert (intern.workplace, intern.employmentType, intern.datePosted) == ("remote", "INTERN", "")
    assert "customers <3 the product" in intern.description.replace("\\<3", "<3")
    assert intern.description.count("\n\n") == 1
    assert completed == ["https://api.gem.com/job_board/v0/example/job_posts/"]


@pytest.mark.parametrize("url,body,stat", [
    ("https://jobs.gem.com/example", b"<html>nope</html>", "boards_failed/malformed"),
    ("https://jobs.gem.com/example", b'{"message": "Job board not found"}', "boards_failed/unexpected_shape"),
    ("https://jobs.gem.com/example", b"[]", "boards_empty"),
    (f"https://jobs.gem.com/auger/{JOB_ID}", b'{"errors": [{"message": "Cannot query field"}]}',
     "boards_failed/unexpected_shape"),
    (f"https://jobs.gem.com/auger/{JOB_ID}", b'{"data": {"oatsExternalJobPosting": null}}', "boards_empty"),
])
def test_bad_and_empty_answers_are_counted(url, body, stat):
    spider = make_spider(GemSpider, url=url)
    request = Request(spider.board_url, method="POST" if "auger" in url else "GET")
    assert parse_board(spider, body, request=request) == []
    assert stats(spider)[f"jobs/gem/{stat}"] == 1


def test_odd_posts_are_skipped():
    spider = make_spider(GemSpider, url="https://jobs.gem.com/example")
    body = json.dumps(["x", {"title": "No id"}, {"id": "1", "title": " "},
                       {"id": "2", "title": "Ok", "absolute_url": "https://jobs.gem.com/example/2",
                        "offices": ["junk"], "departments": [{}], "location": None}])
    (item,) = board_items(spider, body)
    assert (item.title, item.locations, item.department) == ("Ok", [], "")
    s = stats(spider)
    assert s["jobs/gem/postings_skipped/no_posting"] == 2
    assert s["jobs/gem/postings_skipped/no_title"] == 1


@pytest.mark.e2e
def test_crawl_a_job_page(httpserver, tmp_path):
    httpserver.expect_request("/api/public/graphql", method="POST").respond_with_data(
        shared_fixture(GRAPHQL).read_bytes(), content_type="application/json")
    result = crawl("gem", tmp_path, args={"url": httpserver.url_for(f"/auger/{JOB_ID}")},
                   settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    assert "jobs/state/schema_invalid" not in result.stats
    ((path, (front, body)),) = result.records().items()
    assert path.startswith("auger/principal-software-development-engineer-")
    assert (front["id"], front["companyName"], front["jobType"]) == (f"gem:auger:{JOB_ID}", "Auger", "full-time")
    assert front["url"] == httpserver.url_for(f"/auger/{JOB_ID}")
    assert front["salary"]["min"] == 280000 and front["location"] == "Bellevue, United States"
    # clean body: inline spans gone, words not glued at their boundaries
    assert body.startswith("## Job description\n\n### **About the Team & Role**\n\nAuger is building")
    assert "This role is **data-centric software engineering**. We hold" in body
    assert "into a **unified semantic layer** that analytics" in body
    assert "<span" not in body and "background-color" not in body
    (request, _), = [(r, s) for r, s in httpserver.log if r.path == "/api/public/graphql"]
    assert json.loads(request.data)["variables"] == {"boardId": "auger", "extId": JOB_ID}
