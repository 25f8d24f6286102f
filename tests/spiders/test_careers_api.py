"""`scrapy crawl careers` over one companies file whose boards on BambooHR, Breezy, Rippling, Pinpoint and Gem are
served by one local server on 127.0.0.1 (real samples from ../shared/fixtures; the Gem Job Board API list and the
BambooHR detail are our fixtures): detected from their API paths or given their platform, crawled through the
platform spiders' list, detail and GraphQL requests, routed back by the careers spider."""

import json
from urllib.parse import urlsplit

import pytest

from tests.helpers import OWN_FIXTURES, crawl, shared_fixture

pytestmark = pytest.mark.e2e

JOB_ID = "am9icG9zdDpzYW1wbGU"  # ours: the GraphQL sample does not carry its job page's id
PMM = "f7008ce4-5157-4ba9-b75b-ed2a6448b579"


def test_careers_spider_crawls_the_api_platforms(httpserver, tmp_path):
    s = httpserver
    js = "application/json"
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/bamboo/careers/list").respond_with_data(
        shared_fixture("bamboohr/api/burnaby_careers_list_full.json").read_bytes(), content_type=js)
    s.expect_request("/bamboo/careers/59/detail").respond_with_data(
        (OWN_FIXTURES / "bamboohr/job_detail.json").read_bytes(), content_type=js)
    for job in ("41", "58", "61"):
        s.expect_request(f"/bamboo/careers/{job}/detail").respond_with_data("", status=404)
    s.expect_request("/breezy/json", query_string="verbose=true").respond_with_data(
        shared_fixture("breezy/api/breezy_demo_trial_portal_json.json").read_bytes(), content_type=js)
    rippling = "/platform/api/ats/v1/board/portside/jobs"
    s.expect_request(rippling).respond_with_data(
        shared_fixture("rippling/api/portside_v1_jobs_list.json").read_bytes(), content_type=js)
    s.expect_request(f"{rippling}/{PMM}").respond_with_data(
        shared_fixture("rippling/api/portside_v1_job_detail.json").read_bytes(), content_type=js)
    for job in ("fb7cb353-0246-4172-ab3a-08701129f772", "6830240a-8bcc-40f9-9067-2b287a12dc71",
                "44ba927f-fa95-422e-bad1-df4fa1021174"):
        s.expect_request(f"{rippling}/{job}").respond_with_data("", status=404)
    s.expect_request("/postings.json").respond_with_data(
        shared_fixture("pinpoint/api/pinpoint_own_postings.json").read_bytes(), content_type=js)
    s.expect_request("/api/public/graphql", method="POST").respond_with_data(
        shared_fixture("gem/graphql/auger_oatsExternalJobPosting.json").read_bytes(), content_type=js)
    s.expect_request("/job_board/v0/example/job_posts/").respond_with_data(
        (OWN_FIXTURES / "gem/job_posts.json").read_bytes(), content_type=js)
    companies = [
        # BambooHR's and Breezy's feed paths (/careers/list, /json) are too common to take for theirs on any
        # host: on a host that is not theirs the platform is given (with no token: a token would name the
        # public board <token>.bamboohr.com).
        {"name": "Burnaby Metals", "careers_url": s.url_for("/bamboo/careers/list"), "platform": "bamboohr"},
        {"name": "Breezy Trial", "careers_url": s.url_for("/breezy/json"), "platform": "breezy"},
        {"name": "Portside", "careers_url": s.url_for(rippling)},
        {"name": "Pinpoint", "careers_url": s.url_for("/postings.json")},
        {"name": "Auger", "careers_url": s.url_for(f"/auger/{JOB_ID}"), "platform": "gem"},
        {"name": "Example Gem", "careers_url": s.url_for("/job_board/v0/example/job_posts/")},
    ]
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))

    run = crawl("careers", tmp_path, args={"companies": companies_file})
    assert run.returncode == 0, run.log[-3000:]
    st = run.stats
    assert st["jobs/careers/companies"] == 6
    for platform, count in (("bamboohr", 1), ("breezy", 1), ("rippling", 1), ("pinpoint", 1), ("gem", 2)):
        assert st[f"jobs/careers/detected/{platform}"] == count, platform
    assert (st["jobs/bamboohr/postings_yielded"], st["jobs/breezy/postings_yielded"]) == (4, 2)
    assert (st["jobs/rippling/postings_yielded"], st["jobs/pinpoint/postings_yielded"]) == (4, 2)
    assert st["jobs/gem/postings_yielded"] == 3
    by_company = {}
    for path, (meta, body) in run.records().items():
        by_company.setdefault(path.split("/")[0], []).append((meta, body))
    assert {company: len(records) for company, records in by_company.items()} == {
        "burnaby-metals": 4, "breezy-trial": 2, "portside": 4, "pinpoint": 2, "auger": 1, "example-gem": 2}
    (detailed,) = [m for m, _ in by_company["burnaby-metals"] if m["title"] == "Project Manager, Mining"]
    host = urlsplit(s.url_for("/")).hostname  # names the board: the URL has no BambooHR subdomain
    assert (detailed["id"], detailed["workplace"]) == (f"bamboohr:{host}:59", "hybrid")
    ((auger, auger_body),) = by_company["auger"]
    assert (auger["id"], auger["salary"]["min"]) == (f"gem:auger:{JOB_ID}", 280000)
    assert auger_body.startswith("## Job description\n\n### **About the Team & Role**")
    assert {m["companyName"] for m, _ in by_company["portside"]} == {"Portside"}  # the companies file's name
    # every request went to the local server
    assert all(request.host.startswith(("127.0.0.1", "localhost")) for request, _ in s.log)
