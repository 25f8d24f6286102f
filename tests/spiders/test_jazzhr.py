"""JazzHR, on our own fixtures (tests/fixtures/jazzhr, README there: no real JazzHR sample exists)."""

import pytest

from spiders.jazzhr import JazzHRSpider
from tests.helpers import OWN_FIXTURES, crawl, make_response, make_spider, parse_board, run_pipelines, stats
from tests.samples import BY_PLATFORM, run_sample
from tests.spiders.listing_helpers import not_found

FIXTURES = OWN_FIXTURES / "jazzhr"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def spider_for(url="https://acme.applytojob.com/apply", **kwargs):
    return make_spider(JazzHRSpider, url=url, **kwargs)


@pytest.mark.parametrize("url,first,token", [
    ("https://acme.applytojob.com/apply", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.applytojob.com/apply/", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.applytojob.com/apply/jobs", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.applytojob.com/apply/jobs/feed", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.applytojob.com/apply/AbC123xyZ9/Senior-Robotics-Engineer",
     "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.applytojob.com/apply/jobs/details/AbC123xyZ9?&", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.applytojob.com", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("https://acme.theresumator.com/apply", "https://acme.theresumator.com/apply/jobs", "acme"),
    # The widget script names the board; the board is on its tenant host.
    ("https://app.jazz.co/widgets/basic/create/acme", "https://acme.applytojob.com/apply/jobs", "acme"),
    ("http://127.0.0.1:8080/apply", "http://127.0.0.1:8080/apply/jobs", "127.0.0.1"),
])
def test_url_forms_map_to_the_embed_listing(url, first, token):
    spider = spider_for(url)
    assert spider.board_url == first
    assert spider.token == token


def listing(spider, page="apply_jobs.html"):
    return parse_board(spider, (FIXTURES / page).read_bytes(), url=spider.board_url, headers=HTML)


def test_listing_table_rows_once_each_with_department_and_location():
    spider = spider_for()
    out = listing(spider)
    # The mobile block repeats every posting; the table gives each once.
    assert [r.url for r in out] == [f"https://acme.applytojob.com/apply/jobs/details/{i}"
                                    for i in ("AbC123xyZ9", "QwE987rtY6", "ZxC456vbN3")]
    rows = [r.cb_kwargs["listed"] for r in out]
    assert [(r["title"], r["location"], r["department"]) for r in rows] == [
        ("Senior Robotics Engineer", "Austin, TX", "Engineering"),
        ("Warehouse Associate (Part Time)", "Round Rock, TX", "Operations"),  # the section's heading row
        ("Customer Success Manager", "Remote", "Sales & Success"),
    ]
    assert {r["company"] for r in rows} == {"Acme Robotics, Inc"}  # the listing's Organization
    assert rows[0]["url"] == "https://acme.applytojob.com/apply/jobs/details/AbC123xyZ9"  # no empty "?&"
    assert stats(spider)["jobs/jazzhr/postings_seen"] == 3


def test_careers_page_layout_too():
    spider = spider_for()
    out = listing(spider, "apply_careers_page.html")
    rows = [r.cb_kwargs["listed"] for r in out]
    # The talent-pool link (/apply/vendor/309) outside the openings is not a posting.
    assert [(r["id"], r["title"], r["location"], r["department"]) for r in rows] == [
        ("AbC123xyZ9", "Senior Robotics Engineer", "Austin, TX", "Engineering"),
        ("ZxC456vbN3", "Customer Success Manager", "Remote", ""),
    ]
    assert rows[0]["url"] == "https://acme.applytojob.com/apply/AbC123xyZ9/Senior-Robotics-Engineer"


def test_an_inactive_career_page_is_not_a_board():
    spider = spider_for()
    page = ("<html><head><title>JazzHR - Inactive Career Page</title></head>"
            "<body>This account is no longer active.</body></html>")
    assert parse_board(spider, page, headers=HTML) == []
    assert stats(spider)["jobs/jazzhr/boards_failed/unexpected_shape"] == 1


def test_a_board_with_no_openings_is_empty_not_broken():
    spider = spider_for()
    page = '<html><body><table id="jobs_table"><tr><td>No jobs are currently available.</td></tr></table></body></html>'
    assert parse_board(spider, page, headers=HTML) == []
    assert stats(spider)["jobs/jazzhr/boards_empty"] == 1


def detail(spider, page, posting_id):
    row = next(r for r in listing(spider) if r.cb_kwargs["listed"]["id"] == posting_id)
    response = make_response(row.url, (FIXTURES / page).read_bytes(), headers=HTML, request=row)
    [item] = run_pipelines(spider, spider.parse_detail(response, **row.cb_kwargs)).items
    return item


@pytest.fixture(scope="module")
def with_jsonld():
    return detail(spider_for(), "detail_jsonld.html", "AbC123xyZ9")


def test_jsonld_page_identity(with_jsonld):
    assert with_jsonld.id == "jazzhr:acme:AbC123xyZ9"
    assert with_jsonld.title == "Senior Robotics Engineer"
    assert with_jsonld.url == "https://acme.applytojob.com/apply/AbC123xyZ9/Senior-Robotics-Engineer"


def test_jsonld_page_company(with_jsonld):
    assert with_jsonld.companyName == "Acme Robotics, Inc"
    assert with_jsonld.companyWebsite == "https://acme.example.com"
    assert with_jsonld.logoUrl == "https://acme.example.com/logo.png"


def test_jsonld_page_place_type_and_dates(with_jsonld):
    assert with_jsonld.locations == [{"city": "Austin", "region": "TX", "country": "US"}]
    assert with_jsonld.employmentType == "FULL_TIME" and with_jsonld.jobType == "full-time"
    assert with_jsonld.datePosted == "2026-08-01T00:00:00Z"
    assert with_jsonld.validThrough == "2026-10-30T00:00:00Z"
    assert with_jsonld.department == "Engineering"
    assert with_jsonld.seniority == "senior"


def test_jsonld_page_salary(with_jsonld):
    assert with_jsonld.salary["min"] == 135000 and with_jsonld.salary["max"] == 165000
    assert with_jsonld.salary["currency"] == "USD" and with_jsonld.salary["period"] == "YEAR"


def test_jsonld_page_description_without_the_application_form(with_jsonld):
    text = with_jsonld.description
    assert text.startswith("Acme Robotics builds the robots that move goods through warehouses.")
    assert "### What you will do\n\n* Design and ship motion planning in C++ and Python" in text
    assert "First Name" not in text and "Submit Application" not in text
    assert with_jsonld.experienceYears["min"] == 5
    assert {"C++", "Python", "Docker"} <= set(with_jsonld.skills["required"])


def test_page_without_jsonld_gives_its_labelled_fields():
    spider = spider_for()
    item = detail(spider, "detail_no_jsonld.html", "QwE987rtY6")
    assert item.title == "Warehouse Associate (Part Time)"
    assert item.url == "https://acme.applytojob.com/apply/jobs/details/QwE987rtY6"
    assert item.companyName == "Acme Robotics, Inc"
    assert item.employmentType == "PART_TIME"  # "<strong>Type: </strong>Part Time"
    assert item.department == "Operations"
    assert item.seniority == "junior"  # "Entry Level"
    assert item.locations == [{"city": "Round Rock", "region": "TX", "country": ""}]  # the listing's cell
    assert item.description.startswith("Join the team that keeps our warehouse running.")
    assert "Submit Application" not in item.description
    assert stats(spider)["jobs/jazzhr/details_without_jobposting"] == 1


def test_failed_detail_keeps_the_listing_row():
    spider = spider_for()
    row = listing(spider)[2]
    [item] = run_pipelines(spider, not_found(spider, row, status=410)).items
    assert (item.title, item.department, item.workplace) == ("Customer Success Manager", "Sales & Success", "remote")
    assert item.companyName == "Acme Robotics, Inc"


def test_sample_coverage_row_reads_our_fixtures():
    sample = BY_PLATFORM["jazzhr"]
    [path] = sample.files()
    run = run_sample(sample, path)
    assert run.postings_seen == 3
    assert sorted(item.postingId for item in run.items) == ["AbC123xyZ9", "QwE987rtY6", "ZxC456vbN3"]


@pytest.mark.e2e
def test_crawl_writes_clean_records(httpserver, tmp_path):
    s = httpserver
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/apply/jobs").respond_with_data((FIXTURES / "apply_jobs.html").read_bytes(),
                                                      content_type="text/html")
    s.expect_request("/apply/jobs/details/AbC123xyZ9").respond_with_data(
        (FIXTURES / "detail_jsonld.html").read_bytes(), content_type="text/html")
    s.expect_request("/apply/jobs/details/QwE987rtY6").respond_with_data(
        (FIXTURES / "detail_no_jsonld.html").read_bytes(), content_type="text/html")
    s.expect_request("/apply/jobs/details/ZxC456vbN3").respond_with_data("gone", status=410)
    run = crawl("jazzhr", tmp_path, args={"url": s.url_for("/apply"), "board": "acme"})
    assert run.returncode == 0, run.log[-3000:]
    records = {meta["id"]: (meta, body) for meta, body in run.records().values()}
    assert set(records) == {"jazzhr:acme:AbC123xyZ9", "jazzhr:acme:QwE987rtY6", "jazzhr:acme:ZxC456vbN3"}
    meta, body = records["jazzhr:acme:AbC123xyZ9"]
    assert meta["salary"]["min"] == 135000 and meta["companyName"] == "Acme Robotics, Inc"
    assert "As a **Senior Robotics Engineer** you will own motion planning" in body
    meta, body = records["jazzhr:acme:QwE987rtY6"]
    assert "20 to 25 hours a week.\n\n**Requirements**\n\n* Able to lift 50 lbs" in body
    for _, body in records.values():
        assert "<script" not in body and "window.jazz" not in body and "<form" not in body
    assert run.stats["jobs/jazzhr/details_failed/not_found"] == 1
