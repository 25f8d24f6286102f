"""Jobvite: the search listing (real rows of jobs.jobvite.com/feedingamerica/search) and posting pages (ours,
tests/fixtures/jobvite: no real posting page is among the samples)."""

import pytest

from spiders.jobvite import JobviteSpider
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
from tests.spiders.listing_helpers import not_found

LISTING = "jobvite/careers_site/feedingamerica_jobs_list.html"
HTML = {"Content-Type": "text/html"}


def spider_for(url="https://jobs.jobvite.com/feedingamerica", **kwargs):
    return make_spider(JobviteSpider, url=url, **kwargs)


@pytest.mark.parametrize("url,first", [
    ("https://jobs.jobvite.com/feedingamerica", "https://jobs.jobvite.com/feedingamerica/search"),
    ("https://jobs.jobvite.com/feedingamerica/jobs?nl=1", "https://jobs.jobvite.com/feedingamerica/search"),
    ("https://jobs.jobvite.com/feedingamerica/search?p=2", "https://jobs.jobvite.com/feedingamerica/search"),
    ("https://jobs.jobvite.com/feedingamerica/job/octxAfww", "https://jobs.jobvite.com/feedingamerica/search"),
    ("https://jobs.jobvite.com/careers/feedingamerica/jobs", "https://jobs.jobvite.com/feedingamerica/search"),
    ("jobs.jobvite.com/feedingamerica", "https://jobs.jobvite.com/feedingamerica/search"),
    ("http://127.0.0.1:8080/feedingamerica/search", "http://127.0.0.1:8080/feedingamerica/search"),
])
def test_url_forms_map_to_the_search_listing(url, first):
    spider = spider_for(url)
    assert spider.board_url == first
    assert spider.token == "feedingamerica"


def test_an_address_without_a_company_is_refused():
    with pytest.raises(ValueError, match="names no company"):
        spider_for("https://jobs.jobvite.com/")
    assert spider_for("http://127.0.0.1:8080/", board="feedingamerica").board_url == (
        "http://127.0.0.1:8080/feedingamerica/search")


def listing_records(spider, body):
    out = parse_board(spider, body, headers=HTML)
    return out, {i.postingId: i for i in run_pipelines(spider, [i for r in out for i in not_found(spider, r)]).items}


def test_listing_rows_alone_give_records():
    spider = spider_for()
    out, got = listing_records(spider, shared_fixture(LISTING).read_bytes())
    assert [r.url for r in out] == ["https://jobs.jobvite.com/feedingamerica/job/octxAfww",
                                    "https://jobs.jobvite.com/feedingamerica/job/ohAzAfwK"]
    assert list(got) == ["octxAfww", "ohAzAfwK"]
    first = got["octxAfww"]
    assert first.id == "jobvite:feedingamerica:octxAfww"
    assert first.title == "Manager, Development (Chicago/Hybrid)"
    assert first.url == "https://jobs.jobvite.com/feedingamerica/job/octxAfww"
    assert first.locations == [{"city": "Chicago", "region": "Illinois", "country": ""}]
    assert first.workplace == "hybrid"  # "(Chicago/Hybrid)" in the title
    assert got["ohAzAfwK"].title == "Manager, Technology Vendor Management (Chicago/Hybrid)"
    assert stats(spider)["jobs/jobvite/details_failed/not_found"] == 2


def test_a_location_count_is_no_place_and_the_page_title_names_the_company():
    body = shared_fixture(LISTING).read_text().replace(
        "<html>", "<html><head><title>Feeding America Careers</title></head>", 1).replace(
        '"jv-job-list-location">Chicago, Illinois</td></tr>\n<tr>',
        '"jv-job-list-location">2 Locations</td></tr>\n<tr>', 1)
    _, got = listing_records(spider_for(), body)
    assert got["octxAfww"].locations == [] and got["octxAfww"].location == ""
    assert got["ohAzAfwK"].locations == [{"city": "Chicago", "region": "Illinois", "country": ""}]
    assert {item.companyName for item in got.values()} == {"Feeding America"}


def detail_record(spider, page, posting_id, title):
    url = f"https://jobs.jobvite.com/feedingamerica/job/{posting_id}"
    listed = {"id": posting_id, "url": url, "title": title, "location": "Chicago, Illinois", "company": ""}
    request = spider.detail_request(url, listed, posting_id)
    response = make_response(url, (OWN_FIXTURES / "jobvite" / page).read_bytes(), headers=HTML, request=request)
    [item] = run_pipelines(spider, spider.parse_detail(response, **request.cb_kwargs)).items
    return item


def test_posting_page_with_jobposting():
    spider = spider_for()
    item = detail_record(spider, "job_jsonld.html", "octxAfww", "Manager, Development (Chicago/Hybrid)")
    assert item.companyName == "Feeding America"
    assert item.datePosted == "2026-11-02T00:00:00Z"  # date-only datePosted
    assert item.employmentType == "FULL_TIME"
    assert item.locations == [{"city": "Chicago", "region": "Illinois", "country": "US"}]
    assert item.department == "Development"  # the "department | location" line
    assert item.salary["min"] == 78000 and item.salary["currency"] == "USD" and item.salary["period"] == "YEAR"
    assert item.applyUrl == "https://jobs.jobvite.com/feedingamerica/job/octxAfww/apply?nl=0"
    assert item.description.startswith("The Manager, Development grows support from foundations")
    assert stats(spider).get("jobs/jobvite/details_without_jobposting") is None


def test_posting_page_without_jobposting_falls_back_to_its_markup():
    spider = spider_for()
    item = detail_record(spider, "job_markup_only.html", "ohAzAfwK",
                         "Manager, Technology Vendor Management (Chicago/Hybrid)")
    assert item.title == "Manager, Technology Vendor Management (Chicago/Hybrid)"
    assert item.department == "Information Technology"
    assert item.locations == [{"city": "Chicago", "region": "Illinois", "country": ""}]
    assert item.applyUrl == "https://jobs.jobvite.com/feedingamerica/job/ohAzAfwK/apply"
    assert item.description.startswith("You will run our relationships with technology vendors")
    assert "Description" not in item.description.split("\n")[0]
    assert item.salary["min"] == 85000 and item.salary["max"] == 95000  # from the text, by the pipelines
    assert stats(spider)["jobs/jobvite/details_without_jobposting"] == 1


def test_paging_follows_the_next_link_by_its_page_parameter():
    spider = spider_for("http://127.0.0.1:8080/feedingamerica/search")
    body = shared_fixture(LISTING).read_text().replace(
        "</table>", '</table><div class="jv-pagination"><a class="jv-pagination-next" href="#">Next</a></div>', 1)
    out = parse_board(spider, body, headers=HTML)
    [page] = [r for r in out if r.callback == spider.parse_board]
    assert page.url == "http://127.0.0.1:8080/feedingamerica/search?p=1"


@pytest.mark.e2e
def test_crawl_writes_clean_records(httpserver, tmp_path):
    s = httpserver
    s.expect_request("/robots.txt").respond_with_data("", status=404)
    s.expect_request("/feedingamerica/search").respond_with_data(shared_fixture(LISTING).read_bytes(),
                                                                 content_type="text/html")
    s.expect_request("/feedingamerica/job/octxAfww").respond_with_data(
        (OWN_FIXTURES / "jobvite" / "job_jsonld.html").read_bytes(), content_type="text/html")
    s.expect_request("/feedingamerica/job/ohAzAfwK").respond_with_data(
        (OWN_FIXTURES / "jobvite" / "job_markup_only.html").read_bytes(), content_type="text/html")
    run = crawl("jobvite", tmp_path, args={"url": s.url_for("/feedingamerica")})
    assert run.returncode == 0, run.log[-3000:]
    records = {meta["id"]: (meta, body) for meta, body in run.records().values()}
    assert set(records) == {"jobvite:feedingamerica:octxAfww", "jobvite:feedingamerica:ohAzAfwK"}
    meta, body = records["jobvite:feedingamerica:octxAfww"]
    assert meta["companyName"] == "Feeding America" and meta["department"] == "Development"
    assert "* Write grant proposals and reports\n* Manage a portfolio of 40 funders" in body
    meta, body = records["jobvite:feedingamerica:ohAzAfwK"]
    assert meta["url"] == s.url_for("/feedingamerica/job/ohAzAfwK")  # the listing's relative link, on this host
    assert "contracts, renewals and service reviews.\n\nWe offer a salary" in body
    for _, body in records.values():
        assert "<script" not in body and "app.js" not in body
    assert run.stats["jobs/jobvite/postings_yielded"] == 2
