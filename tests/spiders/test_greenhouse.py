"""Greenhouse spider: first-request URLs, field mapping on real boards and single jobs, bad
input, and a real crawl against 127.0.0.1."""

import json

import pytest
import yaml
from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from spiders.greenhouse import GreenhouseSpider
from tests.helpers import (
    OWN_FIXTURES,
    board_items,
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
            "https://boards.greenhouse.io/stripe",
            "https://boards-api.greenhouse.io/v1/boards/stripe/jobs?content=true",
        ),
        (
            "job-boards.greenhouse.io/gitlab/",
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
        ),
        (
            "https://job-boards.eu.greenhouse.io/optimove",
            "https://boards-api.eu.greenhouse.io/v1/boards/optimove/jobs?content=true",
        ),
        (
            "https://boards.eu.greenhouse.io/optimove",
            "https://boards-api.eu.greenhouse.io/v1/boards/optimove/jobs?content=true",
        ),
        (
            "https://boards.greenhouse.io/acme/jobs",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
        ),
        (
            "https://boards.greenhouse.io/embed/job_app?for=acme&token=4012",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs/4012?pay_transparency=true",
        ),
        (
            "https://boards.greenhouse.io/embed/job_board?for=acme",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
        ),
        # a posting's page: that one job, with its pay ranges
        (
            "https://boards.greenhouse.io/stripe/jobs/7761694",
            "https://boards-api.greenhouse.io/v1/boards/stripe/jobs/7761694?pay_transparency=true",
        ),
        # API addresses are used as they are, with the content the spider needs
        (
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
        ),
        (
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs",
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
        ),
        (
            "https://boards-api.greenhouse.io/v1/boards/gitlab",
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
        ),
        (
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs/8565469002",
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs/8565469002?pay_transparency=true",
        ),
        # any other host keeps its own origin (mirrors, tests)
        ("http://127.0.0.1:8765/gitlab", "http://127.0.0.1:8765/v1/boards/gitlab/jobs?content=true"),
        (
            "http://127.0.0.1:8765/v1/boards/generalassembly/embed/jobs?content=true",
            "http://127.0.0.1:8765/v1/boards/generalassembly/embed/jobs?content=true",
        ),
        (
            "http://127.0.0.1:8765/v1/boards/gitlab/jobs",
            "http://127.0.0.1:8765/v1/boards/gitlab/jobs?content=true",
        ),
    ],
)
def test_first_request_url(url, expected):
    assert make_spider(GreenhouseSpider, url=url).api_url() == expected


def test_board_argument_names_the_board_of_a_custom_domain():
    spider = make_spider(GreenhouseSpider, url="https://careers.example.test/", board="acme")
    assert spider.api_url() == "https://careers.example.test/v1/boards/acme/jobs?content=true"


def test_a_url_without_a_token_is_refused():
    with pytest.raises(ValueError, match="board"):
        make_spider(GreenhouseSpider, url="https://careers.example.test/").api_url()


def board(path, url="https://boards.greenhouse.io/acme", **kwargs):
    """(spider, items through the pipelines) for one board body read from a file."""
    spider = make_spider(GreenhouseSpider, url=url, **kwargs)
    return spider, board_items(spider, path.read_bytes())


def by_id(items):
    return {item.postingId: item for item in items}


def test_amplitude_board_maps_every_field():
    spider, items = board(
        shared_fixture("greenhouse/api/amplitude_jobs_content.json"),
        url="https://job-boards.greenhouse.io/amplitude",
    )
    assert len(items) == 2
    job = by_id(items)["8636903002"]
    assert job.id == "greenhouse:amplitude:8636903002"
    assert job.title == "Customer Data Scientist - Experimentation"
    assert job.url == "https://job-boards.greenhouse.io/amplitude/jobs/8636903002"
    assert job.host == "https://job-boards.greenhouse.io/"
    assert job.companyName == "Amplitude"  # the source has a trailing space
    assert job.datePosted == "2026-07-16T15:55:32Z"  # first_published 11:55:32-04:00
    assert job.dateModified == "2026-07-29T12:50:01Z"
    assert job.employmentType == "FULL_TIME"  # custom field "Employment Type": "Regular"
    assert job.locations == [{"city": "London", "region": "", "country": "GB"}]
    assert job.department == "Solutions Consulting"
    assert job.postingLanguage == "en"
    # content is entity-escaped HTML: unescaped once, then converted
    assert job.descriptionHtml[0][1].startswith('<div class="content-intro"><p>Amplitude is the leading')
    assert job.description.startswith("Amplitude is the leading AI analytics platform")
    assert "&lt;" not in job.description and "<p>" not in job.description
    assert job.applyUrl == ""  # Greenhouse gives no apply address of its own
    assert by_id(items)["8651132002"].locations == [{"city": "Bangalore", "region": "", "country": "IN"}]
    assert stats(spider)["jobs/greenhouse/postings_yielded"] == 2


def test_gitlab_pay_transparency_block_and_remote_location():
    _, items = board(
        shared_fixture("greenhouse/api/gitlab_jobs_content.json"),
        url="https://job-boards.greenhouse.io/gitlab",
    )
    jobs = by_id(items)
    ai = jobs["8565469002"]
    assert ai.salary == {
        "min": 108400,
        "max": 129600,
        "currency": "USD",
        "period": "",
        "raw": "$108,400 - $129,600 USD",
    }
    assert ai.workplace == "remote" and ai.location == "Remote job"
    assert ai.locations == [{"city": "", "region": "", "country": "US"}]  # "Remote, US"
    italy = jobs["8503792002"]
    assert italy.locations == [{"city": "", "region": "", "country": "IT"}]
    assert italy.salary["min"] is None  # no pay range published for Italy
    assert italy.department == "EMEA - Commercial"


@pytest.mark.parametrize(
    "sample,expected",
    [
        # pay-range block titled "Annual Cash Compensation Range:" wins over the custom fields
        ("hubspot_job_detail.json", {"min": 266200, "max": 425900, "currency": "USD", "period": "YEAR"}),
        ("pinterest_job_detail.json", {"min": 208454, "max": 364795, "currency": "USD", "period": ""}),
        ("databricks_job_detail.json", {"min": 217000, "max": 312200, "currency": "USD", "period": ""}),
        ("scaleai_job_detail.json", {"min": 252000, "max": 315000, "currency": "USD", "period": ""}),
        # no block: the currency_range custom field, with "Pay Frequency: Annual"
        ("sofi_job_detail.json", {"min": 198400, "max": 341000, "currency": "USD", "period": "YEAR"}),
        ("stripe_job_detail.json", {"min": None, "max": None, "currency": "", "period": ""}),
    ],
)
def test_single_job_detail_salaries(sample, expected):
    _, items = board(shared_fixture(f"greenhouse/api/{sample}"))
    assert len(items) == 1
    salary = items[0].salary
    assert {k: salary[k] for k in expected} == expected


def test_single_job_details_map_like_board_jobs():
    _, items = board(
        shared_fixture("greenhouse/api/pinterest_job_detail.json"),
        url="https://boards.greenhouse.io/pinterest/jobs/7923195",
    )
    job = items[0]
    assert job.id == "greenhouse:pinterest:7923195"
    assert job.title == "Staff Software Engineer, Growth AI"
    assert job.url == "https://www.pinterestcareers.com/jobs/?gh_jid=7923195"
    assert job.companyName == "Pinterest"
    assert job.employmentType == "FULL_TIME"
    assert job.department == "Core Engineering"
    assert job.locations == [
        {"city": "San Francisco", "region": "CA", "country": "US"},
        {"city": "Palo Alto", "region": "CA", "country": "US"},
        {"city": "Seattle", "region": "WA", "country": "US"},
        {"city": "Los Angeles", "region": "CA", "country": "US"},
    ]
    _, (sofi,) = board(shared_fixture("greenhouse/api/sofi_job_detail.json"))
    assert sofi.locations == [
        {"city": "Seattle", "region": "WA", "country": ""},
        {"city": "San Francisco", "region": "CA", "country": ""},
    ]
    _, (digitalocean,) = board(shared_fixture("greenhouse/api/digitalocean_job_detail.json"))
    assert digitalocean.workplace == "remote"  # custom field "Career Page - Remote/Local": "Remote"
    _, (coinbase,) = board(shared_fixture("greenhouse/api/coinbase_job_7822885_questions.json"))
    assert coinbase.locations == [{"city": "", "region": "", "country": "CA"}]  # "Remote - Canada"
    assert coinbase.workplace == "remote"


def test_lists_without_content_still_make_records_and_are_counted():
    spider, items = board(
        shared_fixture("greenhouse/api/stripe_jobs_list.json"), url="https://boards.greenhouse.io/stripe"
    )
    assert len(items) == 6
    assert all(item.description == "" for item in items)
    assert stats(spider)["jobs/greenhouse/postings_without_description"] == 6
    japan = by_id(items)["8042978"]
    assert japan.locations == [{"city": "", "region": "", "country": "JP"}]
    assert japan.postingLanguage == "ja"


def test_the_full_anthropic_list():
    _, items = board(
        shared_fixture("greenhouse/api/anthropic_jobs_list_full.json"),
        url="https://job-boards.greenhouse.io/anthropic",
    )
    raw = json.loads(shared_fixture("greenhouse/api/anthropic_jobs_list_full.json").read_text())["jobs"]
    assert len(items) == len(raw) == 449
    assert {item.title for item in items} == {" ".join(job["title"].split()) for job in raw}
    assert all(item.datePosted.endswith("Z") and item.companyName == "Anthropic" for item in items)
    # "Location Type" custom field: Onsite/Hybrid/Remote where the board set it
    workplaces = {item.workplace for item in items}
    assert {"onsite", "hybrid"} <= workplaces


def test_vcr_cassette_of_the_embed_api():
    cassette = yaml.safe_load(
        shared_fixture("greenhouse/cassettes/greenhouse_io_jobs_with_content.yml").read_text()
    )
    response = cassette["http_interactions"][0]["response"]
    url = cassette["http_interactions"][0]["request"]["uri"]
    spider = make_spider(GreenhouseSpider, url=url)
    assert spider.api_url() == url
    body = response["body"]["string"]
    results = list(
        spider.parse_board(make_response(url, body, headers={"Content-Type": "text/html; charset=utf-8"}))
    )
    items = run_pipelines(spider, results, skip=["MarkdownRecordsPipeline"]).items
    assert [i.title for i in items] == ["Application developer", "Finance Analyst"]
    assert items[0].id == "greenhouse:generalassembly:721"
    assert items[0].description.startswith("### Who this job is right for\n\nAnim wes anderson")
    assert items[0].locations == [{"city": "New York", "region": "NY", "country": ""}]


def test_an_error_body_is_not_a_board():
    cassette = yaml.safe_load(shared_fixture("greenhouse/cassettes/greenhouse_io_invalid_id.yml").read_text())
    interaction = cassette["http_interactions"][0]
    spider = make_spider(GreenhouseSpider, url="https://boards.greenhouse.io/generalassembly")
    assert (
        list(
            spider.parse_board(
                make_response(interaction["request"]["uri"], interaction["response"]["body"]["string"])
            )
        )
        == []
    )
    assert stats(spider)["jobs/greenhouse/boards_failed/unexpected_shape"] == 1
    spider, _ = board(shared_fixture("greenhouse/api/stripe_departments.json"))
    assert stats(spider)["jobs/greenhouse/boards_failed/unexpected_shape"] == 1


def test_edge_cases_are_skipped_or_kept_with_counts():
    spider, items = board(OWN_FIXTURES / "greenhouse/edge_board.json")
    counted = stats(spider)
    assert counted["jobs/greenhouse/postings_seen"] == 5
    assert counted["jobs/greenhouse/postings_skipped/no_title"] == 1
    assert counted["jobs/greenhouse/postings_skipped/no_id"] == 2  # no id, and not an object
    assert counted["jobs/greenhouse/postings_without_description"] == 1
    jobs = by_id(items)
    assert set(jobs) == {"102", "103"}
    payroll = jobs["102"]
    assert payroll.salary == {
        "min": 25.5,
        "max": 30,
        "currency": "EUR",
        "period": "HOUR",
        "raw": "25.50 - 30 EUR per hour",
    }
    assert payroll.workplace == "hybrid"  # the custom field wins over "Remote (...)" in the location
    assert payroll.employmentType == "PART_TIME"
    assert payroll.locations == [{"city": "", "region": "", "country": "US"}]
    assert payroll.datePosted == ""  # first_published is null: nothing invented from updated_at
    assert payroll.dateModified == "2024-03-01T08:00:00Z"
    assert payroll.description == "### About\n\nFish & chips"
    assert jobs["103"].description == "" and jobs["103"].locations == [
        {"city": "Lyon", "region": "", "country": "FR"}
    ]


def test_malformed_and_empty_boards():
    spider, items = board(OWN_FIXTURES / "greenhouse/truncated.json")
    assert items == []
    assert stats(spider)["jobs/greenhouse/malformed_body"] == 1
    assert stats(spider)["jobs/greenhouse/boards_failed/malformed"] == 1
    spider = make_spider(GreenhouseSpider, url="https://boards.greenhouse.io/acme")
    assert (
        list(spider.parse_board(make_response(spider.api_url(), '{"jobs": [], "meta": {"total": 0}}'))) == []
    )
    assert stats(spider)["jobs/greenhouse/boards_empty"] == 1


def failure_for(request, exc):
    try:
        raise exc
    except Exception:
        failure = Failure()
    failure.request = request
    return failure


def test_a_missing_board_is_counted():
    spider = make_spider(GreenhouseSpider, url="https://boards.greenhouse.io/nope")
    request = Request(spider.api_url())
    response = Response(request.url, status=404, request=request)
    assert not spider.board_failed(failure_for(request, HttpError(response)))
    assert stats(spider)["jobs/greenhouse/boards_failed/not_found"] == 1


def test_an_eu_api_host_that_does_not_resolve_falls_back_to_the_global_api_once():
    spider = make_spider(GreenhouseSpider, url="https://job-boards.eu.greenhouse.io/optimove")
    request = Request(spider.api_url())
    (retry,) = spider.board_failed(failure_for(request, DNSLookupError("boards-api.eu.greenhouse.io")))
    assert retry.url == "https://boards-api.greenhouse.io/v1/boards/optimove/jobs?content=true"
    assert retry.meta["eu_fallback"] is True and retry.callback == spider.parse_board
    assert not spider.board_failed(failure_for(retry.replace(url=request.url), DNSLookupError("again")))
    assert stats(spider)["jobs/greenhouse/eu_api_fallback"] == 1
    assert stats(spider)["jobs/greenhouse/boards_failed/dns"] == 1


def test_an_eu_api_address_the_user_gave_is_not_swapped_for_another_host():
    spider = make_spider(GreenhouseSpider, url="https://boards-api.eu.greenhouse.io/v1/boards/optimove/jobs")
    request = Request(spider.api_url())
    assert not spider.board_failed(failure_for(request, DNSLookupError("boards-api.eu.greenhouse.io")))
    assert stats(spider)["jobs/greenhouse/boards_failed/dns"] == 1


@pytest.mark.e2e
def test_crawl_a_board_served_on_loopback(httpserver, tmp_path):
    body = shared_fixture("greenhouse/api/gitlab_jobs_content.json").read_bytes()
    httpserver.expect_request("/v1/boards/gitlab/jobs", query_string="content=true").respond_with_data(
        body, content_type="application/json"
    )
    result = crawl(
        "greenhouse",
        tmp_path,
        args={"url": httpserver.url_for("/gitlab")},
        settings={"ROBOTSTXT_OBEY": "False"},
    )
    assert result.returncode == 0, result.log[-2000:]
    records = result.records()
    assert sorted(records) == [
        "gitlab/account-executive-italy-8503792002.md",
        "gitlab/ai-engineer-8565469002.md",
    ]
    front, body_md = records["gitlab/ai-engineer-8565469002.md"]
    assert front["id"] == "greenhouse:gitlab:8565469002"
    assert front["url"] == "https://job-boards.greenhouse.io/gitlab/jobs/8565469002"
    assert front["companyName"] == "GitLab"
    assert front["datePosted"] == "2026-05-29T11:49:29Z"
    assert front["salary"]["min"] == 108400 and front["salary"]["currency"] == "USD"
    assert front["location"] == "Remote job"
    assert body_md.startswith("## Job description\n\nGitLab is the intelligent orchestration platform")
    assert result.stats["jobs/greenhouse/boards_ok"] == 1
    assert result.stats["jobs/greenhouse/postings_yielded"] == 2
    assert result.stats["jobs/records/written"] == 2
