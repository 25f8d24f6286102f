import json

import pytest

from spiders.jsonld import JsonLdSpider
from tests.helpers import (
    OWN_FIXTURES,
    crawl,
    make_response,
    make_spider,
    parse_board,
    run_pipelines,
    shared_fixture,
    stats,
)

SITE = "http://127.0.0.1:8080"
HOSTAWAY = "https://careers.hostaway.com/o/account-executive-100-remote-uk"


def wrap(posting):
    """A bare JobPosting object as the page that would carry it."""
    block = json.dumps(posting).replace("</", "<\\/")
    return (
        f'<html><head><title>{posting.get("title", "")}</title><script type="application/ld+json">{block}'
        f"</script></head><body><h1>Job</h1></body></html>"
    )


def sample_page(name):
    return wrap(json.loads(shared_fixture(f"jsonld/{name}").read_text()))


def parse(spider, url, body, **response_kwargs):
    return parse_board(spider, body, url, **response_kwargs)


def records(spider, items):
    return run_pipelines(spider, items, skip=["MarkdownRecordsPipeline"]).items


@pytest.mark.parametrize(
    "url,board,first,token",
    [
        ("https://careers.example.com/jobs", "", "https://careers.example.com/jobs", "careers.example.com"),
        ("careers.example.com", "", "https://careers.example.com/", "careers.example.com"),
        ("http://127.0.0.1:8080/careers?team=eng", "", "http://127.0.0.1:8080/careers?team=eng", "127.0.0.1"),
        ("https://Jobs.Example.com/o/42", "example", "https://Jobs.Example.com/o/42", "example"),
    ],
)
def test_first_request(url, board, first, token):
    spider = make_spider(JsonLdSpider, url=url, board=board)
    request = spider.board_request(spider.api_url())
    assert request.url == first.replace("Jobs.Example.com", "jobs.example.com")
    assert request.callback == spider.parse_board
    [item] = parse(spider, request.url, wrap({"@type": "JobPosting", "title": "T", "identifier": "id-1"}))
    assert item.board == token and item.id == f"jsonld:{token}:id-1"


def test_the_four_bare_jobposting_samples():
    spider = make_spider(JsonLdSpider, url=SITE + "/careers")
    items = []
    for name, path in (
        ("ashby_confluent_jobposting.json", "/jobs/confluent"),
        ("ashby_docker_jobposting.json", "/jobs/docker"),
        ("uber_careers_jobposting.json", "/jobs/uber"),
        ("workday_adobe_jobposting.json", "/jobs/adobe"),
    ):
        items += parse(spider, SITE + path, sample_page(name))
    got = {item.title: item for item in records(spider, items)}
    assert len(got) == 4

    confluent = got["Principal Engineer, Engineering AI Productivity"]
    assert confluent.id == "jsonld:127.0.0.1:85107937-8f12-4336-abb8-e88f344c6bcc"
    assert confluent.url == confluent.applyUrl == SITE + "/jobs/confluent"  # directApply
    assert confluent.companyName == "Confluent"
    assert confluent.companyWebsite == "https://www.confluent.io/"
    assert confluent.logoUrl == "https://app.ashbyhq.com/api/images/org-theme-logo/logo.png"
    assert confluent.datePosted == "2026-05-13T00:00:00Z"
    assert (confluent.employmentType, confluent.workplace) == ("FULL_TIME", "remote")
    assert confluent.locations == [{"city": "", "region": "", "country": "US"}]
    assert confluent.applicantRegionsRaw == ["United States"]
    assert confluent.salary == {
        "min": 285000,
        "max": 342000,
        "currency": "USD",
        "period": "YEAR",
        "raw": "285,000 - 342,000 USD per year",
    }
    assert "Confluent" in confluent.description

    docker = got["Staff Software Engineer, Infrastructure"]
    assert docker.locations == [{"city": "", "region": "", "country": "CA"}]
    assert docker.applicantRegionsRaw == ["United States", "Canada"]
    assert docker.salary["min"] is None and docker.workplace == "remote"

    uber = got["Staff Software Engineer"]
    assert uber.id == "jsonld:127.0.0.1:156729"
    assert uber.employmentType == "FULL_TIME"  # "Full-Time"
    assert uber.locations == [{"city": "Seattle", "region": "Washington", "country": "US"}]
    # The sample's description is entity-escaped HTML: its markup must survive as markup.
    assert uber.description.startswith("**About the Role**") and "&lt;" not in uber.description
    # No jobLocationType; the text says "at least half of their work time in their assigned office".
    assert uber.workplace == "hybrid"

    adobe = got["Senior Software Engineer"]  # a sample without @context
    assert adobe.id == "jsonld:127.0.0.1:R168193"
    assert adobe.companyName == "ADUS-Adobe Inc." and adobe.companyWebsite == "" and adobe.applyUrl == ""
    assert adobe.locations == [{"city": "San Francisco", "region": "", "country": "US"}]
    assert adobe.datePosted == "2026-05-26T00:00:00Z"
    assert stats(spider)["jobs/jsonld/postings_yielded"] == 4


@pytest.mark.parametrize("syntax", ["jsonld", "microdata", "rdfa"])
def test_schemaorg_example_gives_the_same_fields_in_every_syntax(syntax):
    url = SITE + "/jobs/software-engineer"
    spider = make_spider(JsonLdSpider, url=url)
    body = shared_fixture(f"schemaorg/examples/eg-0028_JobPosting_{syntax}.html").read_bytes()
    [item] = records(spider, parse(spider, url, body))
    assert item.title == "Software Engineer"
    assert item.url == url and item.id.startswith("jsonld:127.0.0.1:")
    assert item.datePosted == "2011-10-31T00:00:00Z"
    assert item.employmentType == "FULL_TIME"
    assert item.locations == [{"city": "Kirkland", "region": "WA", "country": ""}]
    assert item.salary == {
        "min": 100000,
        "max": 100000,
        "currency": "USD",
        "period": "",
        "raw": "100,000 USD",
    }
    assert item.description.split("\n\n") == [
        "Description: ABC Company Inc. seeks a full-time mid-level software engineer to develop "
        "in-house tools.",
        "## Responsibilities",
        "Design and write specifications for tools for in-house customers "
        "Build tools according to specifications",
        "## Qualifications",
        "Ability to work in a team environment with members of varying skill levels. Highly motivated. "
        "Learns quickly.",
        "## Skills",
        "Web application development using Java/J2EE Web application development using Python or familiarity "
        "with dynamic programming languages",
        "## Education requirements",
        "Bachelor's Degree in Computer Science, Information Systems or related fields of study.",
        "## Experience requirements",
        "Minumum 3 years experience as a software engineer",
        "## Benefits",
        "Medical, Life, Dental",
        "## Incentives",
        "Performance-based annual bonus plan, project-completion bonuses",
    ]
    # The example's JSON-LD version leaves the organization out; the other two nest it in the description.
    assert item.companyName == ("" if syntax == "jsonld" else "ABC Company Inc.")


def test_a_real_careers_page():
    spider = make_spider(JsonLdSpider, url=HOSTAWAY)
    body = shared_fixture(
        "recruitee/careers_site/hostaway_offer_account-executive-100-remote-uk.html"
    ).read_bytes()
    [item] = records(
        spider, parse(spider, HOSTAWAY, body, headers={"Content-Type": "text/html; charset=utf-8"})
    )
    assert item.id == "jsonld:careers.hostaway.com:2424333"
    assert item.title == "Account Executive - 100% remote - UK"
    assert item.url == HOSTAWAY and item.host == "https://careers.hostaway.com/"
    assert item.companyName == "Hostaway"
    assert (
        item.logoUrl
        == "https://careers.recruiteecdn.com/image/upload/production/images/Bmrn/zb8BPF_2_EL_.png"
    )
    assert item.datePosted == "2026-01-21T00:00:00Z" and item.validThrough == ""
    assert (item.employmentType, item.workplace) == ("FULL_TIME", "remote")
    assert item.locations == [{"city": "London", "region": "LND", "country": "GB"}]
    assert item.applicantRegionsRaw == ["United Kingdom"]
    assert item.salary["min"] is None
    assert "This is a FULLY remote role" in item.description
    assert stats(spider).get("jobs/jsonld/detail_pages_capped") is None


INDEX = """<html><body><nav><a href="/about">About</a> <a href="/">Home</a>
<a href="/careers">Careers</a></nav>
<a href="/jobs/1">One</a> <a href="jobs/2?ref=list">Two</a> <a href="/jobs/1#apply">One again</a>
<a href="https://elsewhere.example.com/jobs/3">Off-site</a>
<a href="http://127.0.0.1:9999/jobs/4">Other port</a>
<a href="mailto:jobs@example.com">Mail</a> <a href="/brochure.pdf">PDF</a></body></html>"""


def test_an_index_is_followed_to_same_site_pages_only():
    spider = make_spider(JsonLdSpider, url=SITE + "/careers")
    out = parse(spider, SITE + "/careers", INDEX, headers={"Content-Type": "text/html"})
    assert [r.url for r in out] == [SITE + "/jobs/1", SITE + "/jobs/2?ref=list", SITE + "/about", SITE + "/"]
    assert all(r.callback == spider.parse_detail and r.errback == spider.detail_failed for r in out)
    capped = make_spider(JsonLdSpider, url=SITE + "/careers", max_detail_pages="2")
    assert [r.url for r in parse(capped, SITE + "/careers", INDEX)] == [
        SITE + "/jobs/1",
        SITE + "/jobs/2?ref=list",
    ]
    assert stats(capped)["jobs/jsonld/detail_pages_capped"] == 1


def test_a_page_with_postings_is_not_an_index_and_detail_pages_are_not_followed():
    spider = make_spider(JsonLdSpider, url=SITE + "/careers")
    page = wrap({"@type": "JobPosting", "title": "Own"}).replace("<h1>Job</h1>", '<a href="/jobs/1">x</a>')
    out = parse(spider, SITE + "/careers", page)
    assert [type(o).__name__ for o in out] == ["JobPosting"]
    detail = list(spider.parse_detail(make_response(SITE + "/jobs/1", INDEX)))
    assert detail == []
    assert stats(spider)["jobs/jsonld/pages_without_posting"] == 1


def test_bad_pages_are_counted():
    spider = make_spider(JsonLdSpider, url=SITE + "/careers")
    assert (
        parse(spider, SITE + "/careers", b"%PDF-1.4 \x00\x01", headers={"Content-Type": "application/pdf"})
        == []
    )
    assert stats(spider)["jobs/jsonld/not_html"] == 1
    assert stats(spider)["jobs/jsonld/boards_failed/malformed"] == 1
    body = (OWN_FIXTURES / "jsonld/malformed_and_untitled.html").read_bytes()
    items = list(
        spider.parse_detail(make_response(SITE + "/jobs/9", body, headers={"Content-Type": "text/html"}))
    )
    assert [i.title for i in items] == ["Kept after a broken block"]
    s = stats(spider)
    assert s["jobs/jsonld/malformed_jsonld"] == 1
    assert s["jobs/jsonld/postings_skipped/no_posting"] == 1  # the JobPosting without a title
    assert s["jobs/jsonld/postings_seen"] == 2
    binary = make_response(SITE + "/x.bin", b"\x00\x01", headers={"Content-Type": "application/octet-stream"})
    assert list(spider.parse_detail(binary)) == []
    assert stats(spider)["jobs/jsonld/not_html"] == 2
    assert "jobs/jsonld/pages_without_posting" not in stats(spider)


# ---------------------------------------------------------------------------
# end to end: a careers index on 127.0.0.1 linking to posting pages


@pytest.mark.e2e
def test_crawl_an_index(httpserver, tmp_path):
    pages = {
        "/jobs/confluent": "ashby_confluent_jobposting.json",
        "/jobs/docker": "ashby_docker_jobposting.json",
        "/jobs/uber": "uber_careers_jobposting.json",
        "/jobs/adobe": "workday_adobe_jobposting.json",
    }
    off_site = f"http://127.0.0.1:{httpserver.port + 1}/jobs/elsewhere"
    links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in [*pages, "/jobs/gone"])
    index = (
        f'<html><body><a href="/about">About us</a><ul>{links}</ul><a href="/jobs/uber#apply">Uber</a>'
        f'<a href="{off_site}">Partner</a></body></html>'
    )
    httpserver.expect_request("/careers").respond_with_data(index, content_type="text/html")
    for path, name in pages.items():
        httpserver.expect_request(path).respond_with_data(sample_page(name), content_type="text/html")
    httpserver.expect_request("/about").respond_with_data(
        "<html><body>About</body></html>", content_type="text/html"
    )
    httpserver.expect_request("/jobs/gone").respond_with_data("gone", status=404)

    result = crawl(
        "jsonld", tmp_path, args={"url": httpserver.url_for("/careers")}, settings={"ROBOTSTXT_OBEY": "False"}
    )
    assert result.returncode == 0, result.log[-3000:]
    recs = {fm["title"]: (fm, body) for fm, body in result.records().values()}
    assert sorted(recs) == [
        "Principal Engineer, Engineering AI Productivity",
        "Senior Software Engineer",
        "Staff Software Engineer",
        "Staff Software Engineer, Infrastructure",
    ]
    fm, body = recs["Principal Engineer, Engineering AI Productivity"]
    assert fm["url"] == httpserver.url_for("/jobs/confluent")
    assert fm["salary"]["min"] == 285000 and fm["workplace"] == "remote" and fm["companyName"] == "Confluent"
    assert body.startswith("## Job description")
    assert recs["Staff Software Engineer"][0]["locations"] == [
        {"city": "Seattle", "region": "Washington", "country": "US"}
    ]
    s = result.stats
    assert s["jobs/jsonld/boards_ok"] == 1
    assert s["jobs/jsonld/postings_yielded"] == 4
    assert s["jobs/jsonld/pages_without_posting"] == 1
    assert s["jobs/jsonld/details_failed/not_found"] == 1
    assert not any(
        key.startswith("jobs/jsonld/details_failed/conn") for key in s
    )  # the other port: never asked
    requested = sorted(req.path for req, _ in httpserver.log)
    assert requested == [
        "/about",
        "/careers",
        "/jobs/adobe",
        "/jobs/confluent",
        "/jobs/docker",
        "/jobs/gone",
        "/jobs/uber",
    ]
