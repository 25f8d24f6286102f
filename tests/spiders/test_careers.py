"""`scrapy crawl careers` over a companies file whose boards are served by one local server on 127.0.0.1,
on several platforms at once (real samples from ../shared/fixtures), plus a company whose own careers page
carries JSON-LD and a company whose page shows no board at all."""

import json

import pytest

from tests.helpers import crawl, shared_fixture

pytestmark = pytest.mark.e2e


def test_careers_spider_crawls_several_platforms_from_one_companies_file(httpserver, tmp_path):
    greenhouse = shared_fixture("greenhouse/api/gitlab_jobs_content.json").read_bytes()
    lever = shared_fixture("lever/api/leverdemo_postings.json").read_bytes()
    ashby = shared_fixture("ashby/api/highlightta_job_board.json").read_bytes()
    recruitee = shared_fixture("recruitee/api/bauhaus_nl_offers.json").read_bytes()
    personio = shared_fixture("personio/xml/personio_own_feed_one_position.xml").read_bytes()
    posting = json.loads(shared_fixture("jsonld/ashby_confluent_jobposting.json").read_text())
    page = ("<!doctype html><html><head><title>Careers</title><script type=\"application/ld+json\">"
            + json.dumps(posting) + "</script></head><body><h1>Join us</h1></body></html>")

    s = httpserver
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/v1/boards/gitlab/jobs").respond_with_data(greenhouse, content_type="application/json")
    s.expect_request("/v0/postings/leverdemo").respond_with_data(lever, content_type="application/json")
    s.expect_request("/posting-api/job-board/highlightta").respond_with_data(ashby, content_type="application/json")
    s.expect_request("/bauhaus/api/offers/").respond_with_data(recruitee, content_type="application/json")
    s.expect_request("/xml").respond_with_data(personio, content_type="application/xml")
    s.expect_request("/careers/confluent").respond_with_data(page, content_type="text/html")
    s.expect_request("/careers/nothing").respond_with_data("<html><body>No jobs here.</body></html>",
                                                             content_type="text/html")
    companies = [
        {"name": "GitLab", "careers_url": s.url_for("/v1/boards/gitlab/jobs")},
        {"name": "Lever Demo", "careers_url": s.url_for("/v0/postings/leverdemo?mode=json")},
        {"name": "HighlightTA", "careers_url": s.url_for("/posting-api/job-board/highlightta")},
        {"name": "BAUHAUS", "careers_url": s.url_for("/bauhaus/api/offers/"), "featured": 5},
        # A Personio feed on a host that names no tenant: the platform is given, no token (with a token, a
        # careers URL that is not a Personio host means "the public board <token>.jobs.personio.de").
        {"name": "Personio", "careers_url": s.url_for("/"), "platform": "personio"},
        {"name": "Confluent", "careers_url": s.url_for("/careers/confluent")},
        {"name": "Nothing Inc", "careers_url": s.url_for("/careers/nothing")},
    ]
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))

    run = crawl("careers", tmp_path, args={"companies": companies_file})
    assert run.returncode == 0, run.log[-3000:]
    st = run.stats
    for platform in ("greenhouse", "lever", "ashby", "recruitee", "personio", "jsonld"):
        assert st[f"jobs/careers/detected/{platform}"] == 1, platform
        assert st[f"jobs/{platform}/postings_yielded"] >= 1, platform
    assert st["jobs/careers/undetected"] == 1  # Nothing Inc: logged and counted, the crawl went on
    records = run.records()
    by_company = {}
    for path, (meta, _) in records.items():
        by_company.setdefault(path.split("/")[0], []).append(meta)
    assert set(by_company) == {"gitlab", "lever-demo", "highlightta", "bauhaus", "personio", "confluent"}
    assert len(by_company["gitlab"]) == 2 and len(by_company["lever-demo"]) == 6
    assert len(by_company["bauhaus"]) == 3 and {m["featured"] for m in by_company["bauhaus"]} == {5}
    assert {m["source"] for m in by_company["gitlab"]} == {"greenhouse"}
    assert {m["companyName"] for m in by_company["lever-demo"]} == {"Lever Demo"}
    assert all(m["id"].startswith("lever:leverdemo:") for m in by_company["lever-demo"])
    assert [m["id"].split(":")[0] for m in by_company["personio"]] == ["personio"]
    # The companies' own answers were requested on the given host only.
    assert all(request.host.startswith(("127.0.0.1", "localhost")) for request, _ in s.log)
