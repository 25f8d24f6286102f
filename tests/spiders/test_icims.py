"""iCIMS: the framed job search (real listing cards of careers-wipfli.icims.com) and a job page's JobPosting
(real, careers-sig.icims.com/jobs/11169, with its "UNAVAILABLE" address placeholders as published)."""

import pytest

from spiders.icims import IcimsSpider
from tests.helpers import crawl, make_response, make_spider, parse_board, run_pipelines, shared_fixture, stats
from tests.spiders.listing_helpers import not_found

LISTING = "icims/careers_site/wipfli_jobs_search_cards.html"
JOB_PAGE = "icims/careers_site/sig_job_page_jsonld.html"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def spider_for(url="https://careers-wipfli.icims.com/jobs/search?ss=1", **kwargs):
    return make_spider(IcimsSpider, url=url, **kwargs)


@pytest.mark.parametrize("url,first,token", [
    ("https://careers-wipfli.icims.com/jobs/search?ss=1",
     "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli"),
    ("https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1&pr=3",
     "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli"),
    # A search address keeps its own filters; every other address asks for the whole portal.
    ("https://careers-wipfli.icims.com/jobs/search?searchLocation=13183--&ss=1",
     "https://careers-wipfli.icims.com/jobs/search?searchLocation=13183--&ss=1&in_iframe=1", "careers-wipfli"),
    ("https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job?in_iframe=1",
     "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli"),
    ("https://careers-wipfli.icims.com/jobs/intro?hashed=0",
     "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli"),
    ("careers-wipfli.icims.com", "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli"),
    ("http://127.0.0.1:8080/jobs/search?ss=1&in_iframe=1",
     "http://127.0.0.1:8080/jobs/search?ss=1&in_iframe=1", "127.0.0.1"),
])
def test_url_forms_map_to_the_framed_search(url, first, token):
    spider = spider_for(url)
    assert spider.board_url == first
    assert spider.token == token


def test_a_mirror_takes_its_board_token_from_the_arguments():
    spider = spider_for("http://127.0.0.1:8080/jobs/search", board="careers-wipfli")
    [request, _] = parse_board(spider, shared_fixture(LISTING).read_bytes(), headers=HTML)
    [item] = not_found(spider, request)
    assert item.id == "icims:careers-wipfli:8214"


def test_listing_cards_ask_for_each_job_page_on_the_given_host():
    spider = spider_for("http://127.0.0.1:8080/jobs/search?ss=1")
    out = parse_board(spider, shared_fixture(LISTING).read_bytes(), headers=HTML)
    assert [r.url for r in out] == [
        "http://127.0.0.1:8080/jobs/8214/payroll-tax-specialist/job?in_iframe=1",
        "http://127.0.0.1:8080/jobs/8212/payroll-support-specialist/job?in_iframe=1",
    ]
    assert [r.cb_kwargs["listed"]["title"] for r in out] == ["Payroll Tax Specialist", "Payroll Support Specialist"]
    assert stats(spider)["jobs/icims/postings_seen"] == 2


def test_listing_cards_alone_give_records_when_job_pages_fail():
    spider = spider_for()
    out = parse_board(spider, shared_fixture(LISTING).read_bytes(), headers=HTML)
    items = run_pipelines(spider, [i for r in out for i in not_found(spider, r)]).items
    by_id = {item.postingId: item for item in items}
    assert list(by_id) == ["8214", "8212"]
    first = by_id["8214"]
    assert first.id == "icims:careers-wipfli:8214"
    assert first.title == "Payroll Tax Specialist"
    # The public address, without the framed-content parameter the request carried.
    assert first.url == "https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job"
    assert first.locations == [{"city": "", "region": "", "country": "US"}]  # "Job Locations: US"
    assert first.description == ""
    s = stats(spider)
    assert s["jobs/icims/details_failed/not_found"] == 2
    assert s["jobs/icims/postings_without_description"] == 2


@pytest.fixture
def sig_record():
    """The real job page answering the detail request of a listing row that links to it."""
    spider = spider_for("https://careers-sig.icims.com/jobs/search?ss=1")
    url = "https://careers-sig.icims.com/jobs/11169/trading-system-engineering-internship%3a-summer-2027/job"
    listed = {"id": "11169", "url": url, "title": "Trading System Engineering Internship", "location": "HK",
              "department": "", "employment_type": "", "company": ""}
    request = spider.detail_request(url + "?in_iframe=1", listed, "11169")
    response = make_response(request.url, shared_fixture(JOB_PAGE).read_bytes(), headers=HTML, request=request)
    [item] = run_pipelines(spider, spider.parse_detail(response, **request.cb_kwargs)).items
    return item


def test_job_page_identity_title_and_urls(sig_record):
    assert sig_record.id == "icims:careers-sig:11169"
    assert sig_record.title == "Trading System Engineering Internship: Summer 2027"  # the page wins over the row
    assert sig_record.url == ("https://careers-sig.icims.com/jobs/11169/"
                              "trading-system-engineering-internship%3a-summer-2027/job")
    assert sig_record.applyUrl == sig_record.url  # directApply: true


def test_job_page_organization(sig_record):
    assert sig_record.companyName == "Susquehanna International Group, LLP"
    assert sig_record.companyWebsite == "http://www.sig.com/"


def test_job_page_location_without_its_placeholders(sig_record):
    assert sig_record.locations == [{"city": "Hong Kong", "region": "", "country": "HK"}]
    assert "UNAVAILABLE" not in repr(sig_record.locations) + sig_record.location


def test_job_page_dates_type_and_category(sig_record):
    assert sig_record.datePosted == "2026-07-06T00:00:00Z"
    assert sig_record.validThrough == "2027-07-06T00:00:00Z"
    assert sig_record.employmentType == "OTHER"  # as published; the listing row stated none
    assert sig_record.department == "Interns + Co-ops"  # occupationalCategory


def test_job_page_description(sig_record):
    text = sig_record.description
    assert text.startswith("### Overview\n\nSusquehanna is looking for highly motivated full-time students")
    assert "### What we’re looking for" in text
    assert "* Strong software development skills in C++, C, Rust, C#, or Java" in text
    assert "rendered body (not parsed)" not in text  # the page's JobPosting has a description: no fallback
    assert "C++" in sig_record.skills["required"]


def test_coded_listing_location_is_country_region_city():
    spider = spider_for()
    body = shared_fixture(LISTING).read_text().replace("<span>US</span>", "<span>US-TX-Austin</span>", 1)
    [request, _] = parse_board(spider, body, headers=HTML)
    [item] = run_pipelines(spider, not_found(spider, request)).items
    assert item.locations == [{"city": "Austin", "region": "TX", "country": "US"}]


def test_listing_pages_behind_link_rel_next():
    spider = spider_for("http://127.0.0.1:8080/jobs/search?ss=1")
    nxt = ('<link rel="next" href="https://careers-wipfli.icims.com/jobs/search?pr=1&amp;in_iframe=1'
           '&amp;searchRelation=keyword_all">')
    body = shared_fixture(LISTING).read_text().replace("<html>", f"<html><head>{nxt}</head>", 1)
    out = parse_board(spider, body, headers=HTML)
    [page] = [r for r in out if r.callback == spider.parse_board]
    assert page.url == "http://127.0.0.1:8080/jobs/search?pr=1&in_iframe=1&searchRelation=keyword_all"
    assert page.meta["page"] == 1


@pytest.mark.e2e
def test_crawl_writes_clean_records(httpserver, tmp_path):
    """A real `scrapy crawl icims`: the real listing, whose first card is re-pointed at the real job page's id
    (the two samples are different companies' portals), that job page, and a 410 for the other card."""
    listing = shared_fixture(LISTING).read_text().replace(
        "https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job",
        "/jobs/11169/trading-system-engineering-internship%3a-summer-2027/job")
    s = httpserver
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/jobs/search").respond_with_data(listing, content_type="text/html")
    # The server sees the path decoded ("%3a" is ":").
    s.expect_request("/jobs/11169/trading-system-engineering-internship:-summer-2027/job").respond_with_data(
        shared_fixture(JOB_PAGE).read_bytes(), content_type="text/html")
    s.expect_request("/jobs/8212/payroll-support-specialist/job").respond_with_data("gone", status=410)
    run = crawl("icims", tmp_path, args={"url": s.url_for("/jobs/search?ss=1"), "board": "careers-sig"})
    assert run.returncode == 0, run.log[-3000:]
    records = {meta["id"]: (meta, body) for meta, body in run.records().values()}
    assert set(records) == {"icims:careers-sig:11169", "icims:careers-sig:8212"}
    meta, body = records["icims:careers-sig:11169"]
    assert meta["title"] == "Trading System Engineering Internship: Summer 2027"
    assert meta["companyName"] == "Susquehanna International Group, LLP"
    assert meta["locations"] == [{"city": "Hong Kong", "region": "", "country": "HK"}]
    assert "based at our US Headquarters. **This program offers students" in body
    assert "\n* Exceptional logical reasoning skills\n" in body
    assert "<script" not in body and "UNAVAILABLE" not in body
    assert records["icims:careers-sig:8212"][0]["title"] == "Payroll Support Specialist"
    assert all(request.args.get("in_iframe") == "1" for request, _ in s.log if request.path.startswith("/jobs/"))
    assert run.stats["jobs/icims/details_failed/not_found"] == 1
