"""Lever spider: first-request URLs, field mapping on real postings, paging and its cap, bad
input, and a real paged crawl against 127.0.0.1."""

import json

import pytest
from scrapy import Request

from scraper import signals as job_signals
from scraper.items import JobPosting
from spiders.lever import LeverSpider
from tests.helpers import (
    OWN_FIXTURES,
    crawl,
    make_response,
    make_spider,
    run_pipelines,
    shared_fixture,
    stats,
)


@pytest.mark.parametrize(
    "url,expected",
    [
        (
            "https://jobs.lever.co/leverdemo",
            "https://api.lever.co/v0/postings/leverdemo?mode=json&skip=0&limit=100",
        ),
        ("jobs.lever.co/leverdemo/", "https://api.lever.co/v0/postings/leverdemo?mode=json&skip=0&limit=100"),
        (
            "https://jobs.eu.lever.co/acme",
            "https://api.eu.lever.co/v0/postings/acme?mode=json&skip=0&limit=100",
        ),
        # a posting's page (or its apply form): that one posting
        (
            "https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c",
            "https://api.lever.co/v0/postings/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c?mode=json",
        ),
        (
            "https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c/apply",
            "https://api.lever.co/v0/postings/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c?mode=json",
        ),
        (
            "https://jobs.lever.co/leverdemo?lever-via=abc&team=Sales",
            "https://api.lever.co/v0/postings/leverdemo?mode=json&skip=0&limit=100",
        ),
        # API addresses as given, in JSON mode, paged (a given limit is kept)
        (
            "https://api.lever.co/v0/postings/leverdemo?mode=json",
            "https://api.lever.co/v0/postings/leverdemo?mode=json&skip=0&limit=100",
        ),
        (
            "https://api.eu.lever.co/v0/postings/acme",
            "https://api.eu.lever.co/v0/postings/acme?mode=json&skip=0&limit=100",
        ),
        (
            "https://api.lever.co/v0/postings/leverdemo?mode=json&limit=25",
            "https://api.lever.co/v0/postings/leverdemo?mode=json&limit=25&skip=0",
        ),
        # other hosts keep their origin
        (
            "http://127.0.0.1:8765/leverdemo",
            "http://127.0.0.1:8765/v0/postings/leverdemo?mode=json&skip=0&limit=100",
        ),
        (
            "http://127.0.0.1:8765/v0/postings/leverdemo?mode=json",
            "http://127.0.0.1:8765/v0/postings/leverdemo?mode=json&skip=0&limit=100",
        ),
    ],
)
def test_first_request_url(url, expected):
    assert make_spider(LeverSpider, url=url).api_url() == expected


def test_a_url_without_a_site_needs_the_board_argument():
    with pytest.raises(ValueError, match="board"):
        make_spider(LeverSpider, url="https://careers.example.test/").api_url()
    spider = make_spider(LeverSpider, url="https://careers.example.test/", board="acme")
    assert spider.api_url() == "https://careers.example.test/v0/postings/acme?mode=json&skip=0&limit=100"


def page(spider, body, **meta):
    url = spider.api_url()
    request = Request(url, meta=meta)
    return list(spider.parse_board(make_response(url, body, request=request)))


def postings(path, url="https://jobs.lever.co/acme"):
    spider = make_spider(LeverSpider, url=url)
    results = page(spider, path.read_bytes())
    items = [r for r in results if isinstance(r, JobPosting)]
    return spider, run_pipelines(spider, items, skip=["MarkdownRecordsPipeline"]).items


def by_id(items):
    return {item.postingId: item for item in items}


def test_leverdemo_board():
    spider, items = postings(
        shared_fixture("lever/api/leverdemo_postings.json"), url="https://jobs.lever.co/leverdemo"
    )
    assert len(items) == 6
    jobs = by_id(items)
    paid = jobs["c559265a-55ec-4f75-ac56-78290081f6e7"]
    assert paid.id == "lever:leverdemo:c559265a-55ec-4f75-ac56-78290081f6e7"
    assert paid.url == "https://jobs.lever.co/leverdemo/c559265a-55ec-4f75-ac56-78290081f6e7"
    assert paid.applyUrl == "https://jobs.lever.co/leverdemo/c559265a-55ec-4f75-ac56-78290081f6e7/apply"
    assert paid.salary == {
        "min": 10000,
        "max": 125000,
        "currency": "USD",
        "period": "YEAR",
        "raw": "10,000 - 125,000 USD per year",
    }
    assert paid.workplace == "remote"
    assert paid.locations == [{"city": "Amsterdam", "region": "", "country": "NL"}]
    assert paid.datePosted == "2019-11-25T16:00:10Z"  # createdAt 1574697610709
    assert paid.department == "Business Development"
    writer = jobs["33538a2f-d27d-4a96-8f05-fa4b0e4d940e"]
    assert writer.employmentType == "FULL_TIME"  # "Regular Full Time (Salary)"
    assert writer.workplace == "hybrid"
    assert writer.locations == [{"city": "Arlington", "region": "TX", "country": "US"}]
    # the posting's country tells a state from a country of the same name or code
    assert jobs["dbedd284-e008-4961-b75c-e70d284eab5a"].locations == [
        {"city": "Atlanta", "region": "Georgia", "country": "US"}
    ]
    assert jobs["1897fca1-502e-4511-b279-de479e99fbea"].locations == [
        {"city": "Bombay", "region": "MH", "country": "IN"}
    ]
    assert jobs["1897fca1-502e-4511-b279-de479e99fbea"].workplace == ""  # "unspecified"
    nowhere = jobs["79eda854-d6ba-4e73-9eb0-524daefed2d8"]
    assert nowhere.locations == [] and nowhere.department == "Sales"  # no department: the team
    assert stats(spider)["jobs/lever/postings_yielded"] == 6


def test_sections_follow_the_posting_in_source_order():
    _, (job, _) = postings(
        shared_fixture("lever/api/palantir_postings.json"), url="https://jobs.lever.co/palantir"
    )
    assert [heading for heading, _ in job.descriptionHtml] == [
        "",
        "Administrative Business Partner (Foundry)",
        "What We Value",
        "What We Require",
        "",
    ]
    body = job.description
    positions = [
        body.index(s)
        for s in (
            "**A World-Changing Company**",
            "## Administrative Business Partner (Foundry)",
            "## What We Value",
            "## What We Require",
            "Life at Palantir",
        )
    ]
    assert positions == sorted(positions)
    assert "* Provide administrative support to a portfolio" in body
    assert job.employmentType == "FULL_TIME"
    assert job.locations == [{"city": "London", "region": "", "country": "GB"}]
    assert job.datePosted == "2024-03-25T21:50:16Z"


def test_salary_and_a_korean_posting():
    _, items = postings(
        shared_fixture("lever/api/matchgroup_postings.json"), url="https://jobs.lever.co/matchgroup"
    )
    jobs = by_id(items)
    hinge = jobs["3414ba28-35f7-45d3-8e13-35c883959635"]
    assert hinge.title == "Android Engineer III"
    assert hinge.salary["min"] == 150000 and hinge.salary["max"] == 180000
    assert hinge.salary["currency"] == "USD" and hinge.salary["period"] == "YEAR"
    assert hinge.locations == [{"city": "New York", "region": "New York", "country": "US"}]
    assert hinge.department == "Hinge"
    azar = jobs["4004a95b-ed89-4193-ad1a-a2ed5d4703d5"]
    assert azar.locations == [{"city": "Seoul", "region": "", "country": "KR"}]
    assert "Android팀은" in azar.description


def test_contract_roles():
    _, items = postings(shared_fixture("lever/api/idealistconsulting_postings.json"))
    assert {item.employmentType for item in items} == {"CONTRACTOR"}
    assert {item.workplace for item in items} == {"remote"}
    assert by_id(items)["a24ec4e5-5caa-473d-abd4-b71f09a8167b"].locations == [
        {"city": "Chicago", "region": "IL", "country": "US"}
    ]


@pytest.mark.parametrize(
    "sample,title,sections",
    [
        ("mistral_posting-no-lists.json", "Account Executive, Digital Native US", [""]),
        ("mistral_posting-with-lists.json", "AI Developer Advocate - Singapore", ["", "What we offer"]),
        (
            "palantir_posting_single.json",
            "Administrative Business Partner",
            ["", "Administrative Business Partner (Foundry)", "What We Value", "What We Require", ""],
        ),
    ],
)
def test_single_posting_endpoint(sample, title, sections):
    _, items = postings(shared_fixture(f"lever/api/{sample}"))
    assert [item.title for item in items] == [title]
    assert [heading for heading, _ in items[0].descriptionHtml] == sections


def test_edge_cases():
    spider, items = postings(OWN_FIXTURES / "lever/edge_postings.json")
    counted = stats(spider)
    assert counted["jobs/lever/postings_seen"] == 4
    assert counted["jobs/lever/postings_skipped/no_title"] == 1
    assert counted["jobs/lever/postings_skipped/no_id"] == 2
    (job,) = items
    # no combined description: opening + body; an empty list is no section
    assert job.descriptionHtml == [
        ("", "<p>Opening words.</p><p>Body words.</p>"),
        ("What you do", "<ul><li>Lift</li><li>Sort</li></ul>"),
    ]
    assert job.salary == {
        "min": 14.5,
        "max": 16,
        "currency": "EUR",
        "period": "HOUR",
        "raw": "14.50 - 16 EUR per hour",
    }
    assert job.employmentType == "PART_TIME"
    assert job.workplace == "onsite"
    # the posting's country belongs to its primary location only
    assert job.locations == [
        {"city": "Rotterdam", "region": "", "country": "NL"},
        {"city": "Utrecht", "region": "", "country": "NL"},
    ]
    assert job.datePosted == "2023-11-14T22:13:20Z"


def completions(spider):
    """The board_url of every board_completed signal the spider sends."""
    sent = []
    spider.crawler.signals.connect(
        lambda board_url, **_: sent.append(board_url), signal=job_signals.board_completed, weak=False
    )
    return sent


def test_paging_goes_on_after_a_full_page_and_stops_after_a_short_one():
    spider = make_spider(LeverSpider, url="http://127.0.0.1:8765/v0/postings/acme?limit=2")
    completed = completions(spider)
    full = json.dumps([{"id": f"p{i}", "text": f"Job {i}", "description": "<p>x</p>"} for i in range(2)])
    requests = [r for r in page(spider, full) if isinstance(r, Request)]
    assert [(r.url, r.meta["page"]) for r in requests] == [
        ("http://127.0.0.1:8765/v0/postings/acme?limit=2&mode=json&skip=2", 1)
    ]
    assert requests[0].callback == spider.parse_board and requests[0].errback == spider.board_failed
    requests = [r for r in page(spider, full, page=1) if isinstance(r, Request)]
    assert [r.url for r in requests] == ["http://127.0.0.1:8765/v0/postings/acme?limit=2&mode=json&skip=4"]
    assert completed == []
    short = json.dumps([{"id": "p9", "text": "Last", "description": "<p>x</p>"}])
    assert [r for r in page(spider, short, page=2) if isinstance(r, Request)] == []
    assert completed == ["http://127.0.0.1:8765/v0/postings/acme?limit=2&mode=json&skip=0"]
    # an empty later page is the end, not an empty board
    assert page(spider, "[]", page=3) == []
    assert "jobs/lever/boards_empty" not in stats(spider)
    assert page(make_spider(LeverSpider, url="https://jobs.lever.co/empty"), "[]") == []


def test_paging_is_capped():
    spider = make_spider(
        LeverSpider, settings={"LEVER_MAX_PAGES": 3}, url="https://api.lever.co/v0/postings/acme?limit=1"
    )
    completed = completions(spider)
    full = json.dumps([{"id": "same", "text": "A server that ignores skip", "description": "<p>x</p>"}])
    assert [r for r in page(spider, full, page=1) if isinstance(r, Request)]
    assert [r for r in page(spider, full, page=2) if isinstance(r, Request)] == []
    assert stats(spider)["jobs/lever/pagination_capped"] == 1
    # pages were left unread: the board is not reported complete, so nothing is taken for closed
    assert completed == []


def test_malformed_and_wrong_shapes():
    spider = make_spider(LeverSpider, url="https://jobs.lever.co/acme")
    assert page(spider, "[{'id': 1}]") == []
    assert page(spider, '{"ok": false, "error": "Document not found"}') == []
    counted = stats(spider)
    assert counted["jobs/lever/boards_failed/malformed"] == 1
    assert counted["jobs/lever/boards_failed/unexpected_shape"] == 1


@pytest.mark.e2e
def test_crawl_pages_served_on_loopback(httpserver, tmp_path):
    demo = json.loads(shared_fixture("lever/api/leverdemo_postings.json").read_text())
    for skip, chunk in ((0, demo[:4]), (4, demo[4:])):
        httpserver.expect_request(
            "/v0/postings/leverdemo", query_string=f"mode=json&limit=4&skip={skip}"
        ).respond_with_json(chunk)
    result = crawl(
        "lever",
        tmp_path,
        args={"url": httpserver.url_for("/v0/postings/leverdemo?mode=json&limit=4"), "company": "Lever Demo"},
        settings={"ROBOTSTXT_OBEY": "False"},
    )
    assert result.returncode == 0, result.log[-2000:]
    records = result.records()
    assert len(records) == 6
    assert all(path.startswith("lever-demo/") for path in records)
    front, body = records["lever-demo/account-executive-cdb8268a-ec7f-413b-9664-27b428627b5c.md"]
    assert front["companyName"] == "Lever Demo"
    assert front["id"] == "lever:leverdemo:cdb8268a-ec7f-413b-9664-27b428627b5c"
    assert front["salary"]["min"] == 50000 and front["salary"]["period"] == "YEAR"
    assert front["datePosted"] == "2021-11-24T19:25:59Z"
    assert front["workplace"] == "hybrid" and front["location"] == "San Francisco, United States"
    assert "## What to expect while in this role" in body
    assert result.stats["jobs/lever/boards_ok"] == 2
    assert result.stats["jobs/lever/postings_yielded"] == 6
    assert result.stats["jobs/records/written"] == 6
