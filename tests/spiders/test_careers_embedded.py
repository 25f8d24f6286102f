"""`scrapy crawl careers` over one companies file naming a JOIN, Comeet, Jobylon, Paylocity and Phenom board, all
served from 127.0.0.1 (the recorded samples; our JOIN fixtures): each is detected or configured, crawled by its
platform's spider, and written."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import OWN_FIXTURES, crawl, shared_fixture

pytestmark = pytest.mark.e2e

GUID = "211e692d-c45a-4e3a-ae01-3e497af97929"


def test_careers_crawls_the_embedded_group(httpserver, tmp_path):
    s = httpserver
    html, js = "text/html; charset=utf-8", "application/json"
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/api/public/companies/310/jobs").respond_with_data(
        (OWN_FIXTURES / "join" / "api_jobs.json").read_bytes(), content_type=js)
    s.expect_request("/api/public/jobs/16497003").respond_with_data(
        (OWN_FIXTURES / "join" / "job_detail.json").read_bytes(), content_type=js)
    s.expect_request("/careers-api/2.0/company/F6.003/positions").respond_with_data(
        shared_fixture("comeet/api/wiliot_careers_api_positions.json").read_bytes(), content_type=js)
    s.expect_request("/jobs/companies/1955/embed/v2/").respond_with_data(
        shared_fixture("jobylon/embed/mcdonalds_se_company_embed_v2.html").read_bytes(), content_type=html)
    s.expect_request(f"/Recruiting/Jobs/All/{GUID}").respond_with_data(
        shared_fixture("paylocity/careers_site/ncaec_board_pagedata.html").read_bytes(), content_type=html)
    s.expect_request("/global/en/search-results", query_string="").respond_with_data(
        shared_fixture("phenom/careers_site/phenom_own_search_results_ddo.html").read_bytes(), content_type=html)
    # Everything else (other job pages, the next search page, JOIN's page 2) is gone.
    s.expect_request(re.compile(".*")).respond_with_data("gone", status=404)
    companies = [
        {"name": "Nordlicht Robotics", "careers_url": s.url_for("/api/public/companies/310/jobs?page=1&pageSize=5")},
        {"name": "Wiliot", "careers_url": s.url_for("/careers-api/2.0/company/F6.003/positions?token=T")},
        {"name": "McDonald's Sverige", "careers_url": s.url_for("/jobs/companies/1955/embed/v2/"),
         "platform": "jobylon"},
        {"name": "NCAEC", "careers_url": s.url_for(f"/recruiting/jobs/All/{GUID}"), "platform": "paylocity"},
        {"name": "Phenom", "careers_url": s.url_for("/global/en/search-results")},
    ]
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))

    run = crawl("careers", tmp_path, args={"companies": companies_file})
    assert run.returncode == 0, run.log[-3000:]
    st = run.stats
    for platform in ("join", "comeet", "jobylon", "paylocity", "phenom"):
        assert st[f"jobs/careers/detected/{platform}"] == 1, platform
    assert (st["jobs/join/postings_yielded"], st["jobs/comeet/postings_yielded"], st["jobs/jobylon/postings_yielded"],
            st["jobs/paylocity/postings_yielded"], st["jobs/phenom/postings_yielded"]) == (5, 2, 125, 2, 2)
    by_company: dict[str, list[dict]] = {}
    for front, _ in run.records().values():
        by_company.setdefault(front["companyName"], []).append(front)
    # The JOIN API names no company: the one job whose detail answered has its name and address, the others
    # no address, so no record.
    assert {name: len(fronts) for name, fronts in by_company.items()} == {
        "Nordlicht Robotics": 1, "Wiliot": 2, "McDonald's Sverige": 125, "NCAEC": 2, "Phenom": 2}
    assert st["jobs/records/written"] == 132
