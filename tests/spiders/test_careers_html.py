"""`scrapy crawl careers` over one companies file whose iCIMS, JazzHR and Jobvite boards are served by one local
server on 127.0.0.1 (the real iCIMS and Jobvite listings, our own JazzHR and Jobvite pages)."""

import json

import pytest

from tests.helpers import OWN_FIXTURES, crawl, shared_fixture

pytestmark = pytest.mark.e2e


def test_careers_crawls_the_html_group_boards(httpserver, tmp_path):
    s = httpserver
    html = "text/html"
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/jobs/search").respond_with_data(
        shared_fixture("icims/careers_site/wipfli_jobs_search_cards.html").read_bytes(), content_type=html)
    s.expect_request("/jobs/8214/payroll-tax-specialist/job").respond_with_data("gone", status=410)
    s.expect_request("/jobs/8212/payroll-support-specialist/job").respond_with_data("not found", status=404)
    s.expect_request("/apply/jobs").respond_with_data((OWN_FIXTURES / "jazzhr" / "apply_jobs.html").read_bytes(),
                                                      content_type=html)
    s.expect_request("/apply/jobs/details/AbC123xyZ9").respond_with_data(
        (OWN_FIXTURES / "jazzhr" / "detail_jsonld.html").read_bytes(), content_type=html)
    for other in ("QwE987rtY6", "ZxC456vbN3"):
        s.expect_request(f"/apply/jobs/details/{other}").respond_with_data("not found", status=404)
    s.expect_request("/feedingamerica/search").respond_with_data(
        shared_fixture("jobvite/careers_site/feedingamerica_jobs_list.html").read_bytes(), content_type=html)
    s.expect_request("/feedingamerica/job/octxAfww").respond_with_data(
        (OWN_FIXTURES / "jobvite" / "job_jsonld.html").read_bytes(), content_type=html)
    s.expect_request("/feedingamerica/job/ohAzAfwK").respond_with_data("not found", status=404)
    companies = [
        # Detected from the address: the framed iCIMS search and JazzHR's embed listing, on any host.
        {"name": "Wipfli", "careers_url": s.url_for("/jobs/search?ss=1&in_iframe=1")},
        {"name": "Acme Robotics", "careers_url": s.url_for("/apply/jobs")},
        # A Jobvite listing on a host that is not Jobvite's: the platform is given.
        {"name": "Feeding America", "careers_url": s.url_for("/feedingamerica/search"), "platform": "jobvite"},
    ]
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))

    run = crawl("careers", tmp_path, args={"companies": companies_file})
    assert run.returncode == 0, run.log[-3000:]
    st = run.stats
    for platform, records in (("icims", 2), ("jazzhr", 3), ("jobvite", 2)):
        assert st[f"jobs/careers/detected/{platform}"] == 1, platform
        assert st[f"jobs/{platform}/postings_yielded"] == records, platform
    by_company = {}
    for path, (meta, body) in run.records().items():
        by_company.setdefault(path.split("/")[0], {})[meta["id"]] = (meta, body)
    assert set(by_company) == {"wipfli", "acme-robotics", "feeding-america"}
    # Boards on a host that names none are known by the host.
    assert set(by_company["wipfli"]) == {f"icims:{s.host}:8214", f"icims:{s.host}:8212"}
    meta, body = by_company["acme-robotics"][f"jazzhr:{s.host}:AbC123xyZ9"]
    assert meta["companyName"] == "Acme Robotics" and meta["salary"]["max"] == 165000
    assert "own motion planning for our picking arm" in body
    meta, body = by_company["feeding-america"]["jobvite:feedingamerica:octxAfww"]
    assert meta["department"] == "Development" and meta["datePosted"] == "2026-11-02T00:00:00Z"
    # Every request (listings and detail pages) went to the given host; failed details were counted.
    assert all(request.host.startswith(("127.0.0.1", "localhost")) for request, _ in s.log)
    for platform, failed in (("icims", 2), ("jazzhr", 2), ("jobvite", 1)):
        assert st[f"jobs/{platform}/details_failed/not_found"] == failed, platform
