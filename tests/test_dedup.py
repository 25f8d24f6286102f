"""Cross-source duplicates: unit rules, and a real crawl where the same jobs come through Ramp's Ashby board
(real sample) and through JSON-LD on Ramp's own careers pages (built from the same real postings, as Ashby's
job pages embed them): one record per job, the other URL kept in the datasets' sameAs."""

import json

import pytest

from scraper.datasets import read_jsonl
from scraper.dedup import canonical_url, dedup_key, normalize_title, same_job, same_place, same_title
from tests.helpers import crawl, shared_fixture


@pytest.mark.parametrize("a,b", [
    ("https://job-boards.greenhouse.io/gitlab/jobs/8503792002?gh_src=linkedin",
     "https://job-boards.greenhouse.io/gitlab/jobs/8503792002"),
    ("https://jobs.lever.co/palantir/abc?lever-source=LinkedIn&lever-origin=applied",
     "HTTPS://JOBS.LEVER.CO/palantir/abc/"),
    ("https://jobs.ashbyhq.com/ramp/f564dcf9?utm_source=x&utm_medium=y#apply",
     "https://jobs.ashbyhq.com/ramp/f564dcf9"),
])
def test_canonical_urls_ignore_tracking(a, b):
    assert canonical_url(a) == canonical_url(b)


def test_canonical_urls_keep_what_names_the_job():
    assert canonical_url("https://x.example/jobs?gh_jid=1") != canonical_url("https://x.example/jobs?gh_jid=2")


@pytest.mark.parametrize("a,b,same", [
    ("Software Engineer, Frontend", "Software Engineer, Frontend (m/f/d)", True),
    ("Senior Backend Engineer (m/w/d)", "Senior Backend Engineer", True),
    ("Account Executive - Italy", "Account Executive – Italy", True),
    ("Software Engineer, Frontend", "Software Engineer, Backend", False),
    ("Senior Software Engineer", "Software Engineer", False),
    ("Data Analyst", "Data Analyst Intern", False),
])
def test_titles(a, b, same):
    assert same_title(a, b) is same


def test_same_job_needs_company_title_and_place():
    record = {"companyName": "Ramp Business Corporation Inc.", "title": "Mobile Engineer, Android",
              "locations": [{"city": "New York City", "region": "NY", "country": "US"},
                            {"city": "San Fransisco", "region": "CA", "country": "US"}]}
    assert dedup_key(record) == dedup_key({"companyName": "ramp business corporation"}) == "ramp business"
    page = {"companyName": "Ramp", "title": "Mobile Engineer, Android (m/f/d)",
            "locations": [{"city": "New York", "region": "NY", "country": "US"}]}
    assert same_job(record, {**page, "companyName": "Ramp Business Corporation"})
    assert not same_job(record, {**page, "companyName": "Brex"})
    assert not same_job(record, {**page, "companyName": "Ramp Business Corporation",
                                 "locations": [{"city": "Miami", "country": "US"}]})
    assert not same_job(record, {**page, "companyName": "Ramp Business Corporation",
                                 "locations": [{"city": "", "country": "DE"}]})
    assert same_place(record, {"locations": []})  # a side without a place does not object
    assert normalize_title("Ingénieur (m/w/d)") == "ingenieur"


def jsonld_page(posting: dict, url: str, title: str) -> str:
    job = {"@context": "https://schema.org", "@type": "JobPosting", "title": title, "url": url,
           "description": posting.get("descriptionHtml") or "<p>See the posting.</p>",
           "datePosted": (posting.get("publishedAt") or "")[:10],
           "hiringOrganization": {"@type": "Organization", "name": "Ramp"},
           "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "New York",
                                                          "addressRegion": "NY", "addressCountry": "US"}}}
    return (f"<!doctype html><html><head><script type=\"application/ld+json\">{json.dumps(job)}</script></head>"
            "<body></body></html>")


@pytest.mark.e2e
def test_same_jobs_from_ashby_and_json_ld_become_one_record_each(httpserver, tmp_path):
    board = json.loads(shared_fixture("ashby/api/ramp_job_board.json").read_text())
    by_title = {job["title"]: job for job in board["jobs"]}
    mobile, frontend = by_title["Mobile Engineer, Android"], by_title["Software Engineer, Frontend"]
    s = httpserver
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/posting-api/job-board/ramp").respond_with_data(json.dumps(board),
                                                                      content_type="application/json")
    # Ramp's own page for one job names the Ashby posting's URL (the canonical-URL match) ...
    s.expect_request("/careers/mobile").respond_with_data(
        jsonld_page(mobile, mobile["jobUrl"] + "?utm_source=careers", mobile["title"]), content_type="text/html")
    # ... and for another has its own URL and a title with a gender marker (the fuzzy match).
    s.expect_request("/careers/frontend").respond_with_data(
        jsonld_page(frontend, s.url_for("/careers/frontend"), frontend["title"] + " (m/f/d)"),
        content_type="text/html")
    companies = [{"name": "Ramp", "careers_url": s.url_for("/posting-api/job-board/ramp")},
                 # platform jsonld: read the page itself (detection would otherwise follow the page's link to
                 # the public Ashby board, and tests contact nothing but 127.0.0.1)
                 {"name": "Ramp", "careers_url": s.url_for("/careers/mobile"), "platform": "jsonld"},
                 {"name": "Ramp", "careers_url": s.url_for("/careers/frontend"), "platform": "jsonld"}]
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))

    run = crawl("careers", tmp_path, args={"companies": companies_file},
                settings={"CONCURRENT_REQUESTS": "1"})  # the Ashby board first, then the pages
    assert run.returncode == 0, run.log[-3000:]
    assert run.stats["jobs/state/merged"] == 2
    rows = list(read_jsonl(run.output_dir / "datasets" / "jobs.jsonl"))
    listed = [job for job in board["jobs"] if job.get("isListed", True)]
    assert len(rows) == len(listed)  # one row per job, not per source
    assert {r["source"] for r in rows} == {"ashby"}
    same_as = {r["title"]: r["sameAs"] for r in rows if r["sameAs"]}
    assert same_as == {"Mobile Engineer, Android": [mobile["jobUrl"] + "?utm_source=careers"],
                       "Software Engineer, Frontend": [s.url_for("/careers/frontend")]}
    assert len(list(run.output_dir.rglob("*.md"))) == len(listed)

    # The next crawl knows the merged postings: nothing new, nothing written, still merged.
    again = crawl("careers", tmp_path, args={"companies": companies_file}, settings={"CONCURRENT_REQUESTS": "1"})
    assert again.stats.get("jobs/state/new", 0) == 0 and again.stats["jobs/state/merged"] == 2
