"""`scrapy crawl careers` over a companies file naming an Oracle Recruiting Cloud site, an Eightfold list address and a
company page of an SAP SuccessFactors RMK site (detected from its CDN assets), all served by one local server from
the real samples in ../shared/fixtures."""

import json
from urllib.parse import urlsplit

import pytest

from tests.helpers import crawl, shared_fixture

pytestmark = pytest.mark.e2e


def test_careers_spider_crawls_the_feeds_groups_platforms(httpserver, tmp_path):
    oracle = shared_fixture("oracle/api/ejov_recruitingCEJobRequisitions_list.json").read_bytes()
    eightfold = shared_fixture("eightfold/api/albemarle_apply_v2_jobs.json").read_bytes()
    rmk_feed = shared_fixture("successfactors/googlefeed/american_airlines_googlefeed.xml").read_bytes()
    rmk_page = ('<!doctype html><html><head><link rel="stylesheet" href="https://rmkcdn.successfactors.com/8a1b/main.css">'
                "</head><body><h1>Careers at American Airlines</h1></body></html>")

    s = httpserver
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/hcmRestApi/resources/latest/recruitingCEJobRequisitions").respond_with_data(
        oracle, content_type="application/json")
    s.expect_request("/hcmRestApi/resources/latest/recruitingCEJobRequisitionDetails").respond_with_data(
        "{}", status=404)
    s.expect_request("/api/apply/v2/jobs").respond_with_data(eightfold, content_type="application/json")
    for position in (1099555326551, 1099555208188):
        s.expect_request(f"/api/apply/v2/jobs/{position}").respond_with_data("{}", status=404)
    s.expect_request("/careers/american").respond_with_data(rmk_page, content_type="text/html")
    s.expect_request("/googlefeed.xml").respond_with_data(rmk_feed, content_type="application/xml")
    companies = [
        {"name": "Ejov", "careers_url": s.url_for("/hcmUI/CandidateExperience/en/sites/CX_1")},
        {"name": "Albemarle", "careers_url": s.url_for("/api/apply/v2/jobs?domain=albemarle.com")},
        {"name": "American Airlines", "careers_url": s.url_for("/careers/american")},
    ]
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))

    run = crawl("careers", tmp_path, args={"companies": companies_file})
    assert run.returncode == 0, run.log[-3000:]
    st = run.stats
    for platform, postings in (("oracle", 2), ("eightfold", 2), ("successfactors", 2)):
        assert st[f"jobs/careers/detected/{platform}"] == 1, platform
        assert st[f"jobs/{platform}/postings_yielded"] == postings, platform
    by_company = {}
    for path, (meta, body) in run.records().items():
        by_company.setdefault(path.split("/")[0], []).append((meta, body))
    assert set(by_company) == {"ejov", "albemarle", "american-airlines"}
    host = urlsplit(s.url_for("/")).hostname  # no board given: an Oracle site off Oracle's hosts is named by its host
    assert {m["id"] for m, _ in by_company["ejov"]} == {f"oracle:{host}:25587", f"oracle:{host}:26876"}
    assert {m["id"] for m, _ in by_company["albemarle"]} == {"eightfold:albemarle.com:1099555326551",
                                                             "eightfold:albemarle.com:1099555208188"}
    assert {m["title"] for m, _ in by_company["american-airlines"]} == {"Engineer, IT AI", "Cleaner & Porter"}
    assert {m["companyName"] for m, _ in by_company["american-airlines"]} == {"American Airlines"}
    assert all(request.host.startswith(("127.0.0.1", "localhost")) for request, _ in s.log)
