"""scraper/listing.py, the base of the html-group spiders: paging and its cap, bodies that are not listings,
detail pages that fail or belong to another posting.  Run through the iCIMS and Jobvite spiders on the real
listing samples."""

import pytest

from scraper import signals as job_signals
from spiders.icims import IcimsSpider
from spiders.jazzhr import JazzHRSpider
from spiders.jobvite import JobviteSpider
from tests.helpers import make_response, make_spider, parse_board, run_pipelines, shared_fixture, stats
from tests.spiders.listing_helpers import not_found

ICIMS = "icims/careers_site/wipfli_jobs_search_cards.html"
JOBVITE = "jobvite/careers_site/feedingamerica_jobs_list.html"
HTML = {"Content-Type": "text/html"}
NEXT = ('<head><link rel="next" href="https://careers-wipfli.icims.com/jobs/search?pr={page}&amp;in_iframe=1">'
        '</head>')


def completed(spider):
    seen = []
    spider.crawler.signals.connect(lambda board_url, spider: seen.append(board_url),
                                   signal=job_signals.board_completed, weak=False)
    return seen


def icims_page(page, next_page=None, ids=("8214", "8212")):
    """The real listing with its card ids replaced (one page of a longer listing) and a next link."""
    body = shared_fixture(ICIMS).read_text()
    for old, new in zip(("8214", "8212"), ids, strict=True):
        body = body.replace(f"/jobs/{old}/", f"/jobs/{new}/")
    if next_page is not None:
        body = body.replace("<html>", "<html>" + NEXT.format(page=next_page), 1)
    return body


def page_request(spider, url, page):
    return spider.board_request(url, meta={"page": page})


def test_paging_reads_every_page_and_completes_the_board():
    spider = make_spider(IcimsSpider, url="http://127.0.0.1:8080/jobs/search?ss=1")
    done = completed(spider)
    first = parse_board(spider, icims_page(0, next_page=1), headers=HTML)
    [nxt] = [r for r in first if r.callback == spider.parse_board]
    assert nxt.url == "http://127.0.0.1:8080/jobs/search?pr=1&in_iframe=1" and nxt.meta["page"] == 1
    last = parse_board(spider, icims_page(1, ids=("9001", "9002")), request=nxt, headers=HTML)
    assert [r.cb_kwargs["listed"]["id"] for r in last] == ["9001", "9002"]
    assert done == [spider.board_url]
    assert stats(spider)["jobs/icims/postings_seen"] == 4


def test_paging_stops_at_the_cap_and_the_board_is_not_complete():
    spider = make_spider(IcimsSpider, url="http://127.0.0.1:8080/jobs/search?ss=1", settings={"ICIMS_MAX_PAGES": 2})
    done = completed(spider)
    first = parse_board(spider, icims_page(0, next_page=1), headers=HTML)
    [nxt] = [r for r in first if r.callback == spider.parse_board]
    second = parse_board(spider, icims_page(1, next_page=2, ids=("9001", "9002")), request=nxt, headers=HTML)
    assert all(r.callback == spider.parse_detail for r in second)  # no third page: capped
    assert stats(spider)["jobs/icims/pagination_capped"] == 1
    assert done == [], "a capped listing must not close the postings it did not read"


def test_a_next_page_with_nothing_new_stops_paging_and_the_board_is_not_complete():
    spider = make_spider(IcimsSpider, url="http://127.0.0.1:8080/jobs/search?ss=1")
    done = completed(spider)
    first = parse_board(spider, icims_page(0, next_page=1), headers=HTML)
    [nxt] = [r for r in first if r.callback == spider.parse_board]
    again = parse_board(spider, icims_page(0, next_page=1), request=nxt, headers=HTML)  # page 0 once more
    assert again == []
    assert stats(spider)["jobs/icims/pages_repeated"] == 1
    assert done == []


def test_a_next_link_to_the_page_itself_means_the_page_parameter():
    spider = make_spider(JobviteSpider, url="http://127.0.0.1:8080/feedingamerica/search")
    body = shared_fixture(JOBVITE).read_text().replace(
        "</table>", '</table><a class="jv-pagination-next" href="/feedingamerica/search?p=3">Next</a>', 1)
    out = parse_board(spider, body, headers=HTML, url="http://127.0.0.1:8080/feedingamerica/search?p=3")
    assert [r.url for r in out if r.callback == spider.parse_board] == [
        "http://127.0.0.1:8080/feedingamerica/search?p=4"]


@pytest.mark.parametrize("spider_cls,url", [
    (IcimsSpider, "https://careers-wipfli.icims.com/jobs/search?ss=1"),
    (JobviteSpider, "https://jobs.jobvite.com/feedingamerica"),
    (JazzHRSpider, "https://acme.applytojob.com/apply"),
])
@pytest.mark.parametrize("body,headers,reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", {"Content-Type": "image/png"}, "malformed"),
    (b'{"jobs": []}', {"Content-Type": "application/json"}, "unexpected_shape"),
    (b"<html><body><h1>Log in</h1><form action='/login'></form></body></html>", HTML, "unexpected_shape"),
    (b"", HTML, "unexpected_shape"),
    (b"<html>" + b"<div>" * 5000 + b"</html>", HTML, "unexpected_shape"),
])
def test_bodies_that_are_not_a_listing_are_counted_and_the_crawl_goes_on(spider_cls, url, body, headers, reason):
    spider = make_spider(spider_cls, url=url)
    done = completed(spider)
    assert parse_board(spider, body, headers=headers) == []
    assert stats(spider)[f"jobs/{spider.name}/boards_failed/{reason}"] == 1
    assert done == []


def test_rows_without_a_posting_link_and_unsafe_links_are_not_postings():
    spider = make_spider(JobviteSpider, url="https://jobs.jobvite.com/feedingamerica")
    body = shared_fixture(JOBVITE).read_text().replace("<table>", (
        '<table><tr><td><a href="/feedingamerica/jobs?foo">Search again</a></td></tr>'
        '<tr><td><a href="javascript:alert(1)//job/evil1">x</a></td></tr>'
        '<tr><td><a href="mailto:jobs@example.com?subject=/job/mail1">mail</a></td></tr>'
        '<tr><td><a href="http://[::1/feedingamerica/job/ipv6bad1">not a URL</a></td></tr>'), 1)
    out = parse_board(spider, body, headers=HTML)
    assert [r.cb_kwargs["listed"]["id"] for r in out] == ["octxAfww", "ohAzAfwK"]


def test_a_detail_page_of_another_posting_is_not_used():
    spider = make_spider(IcimsSpider, url="https://careers-wipfli.icims.com/jobs/search?ss=1")
    [request, _] = parse_board(spider, shared_fixture(ICIMS).read_bytes(), headers=HTML)
    # The SIG page's JobPosting names posting 11169, not 8214 (a redirect, a portal mix-up).
    page = shared_fixture("icims/careers_site/sig_job_page_jsonld.html").read_bytes()
    response = make_response(request.url, page, headers=HTML, request=request)
    [item] = run_pipelines(spider, spider.parse_detail(response, **request.cb_kwargs)).items
    assert (item.postingId, item.title) == ("8214", "Payroll Tax Specialist")
    assert item.companyName == "" and item.description == ""
    assert stats(spider)["jobs/icims/details_failed/other_posting"] == 1


def test_a_detail_that_is_not_a_page_keeps_the_row():
    spider = make_spider(IcimsSpider, url="https://careers-wipfli.icims.com/jobs/search?ss=1")
    [request, _] = parse_board(spider, shared_fixture(ICIMS).read_bytes(), headers=HTML)
    response = make_response(request.url, b"\x00\x01\x02", headers={"Content-Type": "application/octet-stream"},
                             request=request)
    [item] = list(spider.parse_detail(response, **request.cb_kwargs))
    assert item.title == "Payroll Tax Specialist"
    assert stats(spider)["jobs/icims/details_failed/not_html"] == 1


def test_a_detail_with_a_malformed_jsonld_block_is_counted_and_read_from_its_markup():
    spider = make_spider(JobviteSpider, url="https://jobs.jobvite.com/feedingamerica")
    [request, _] = parse_board(spider, shared_fixture(JOBVITE).read_bytes(), headers=HTML)
    page = ('<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": </script></head>'
            '<body><div class="jv-job-detail-description"><p>Lead our grant writing.</p></div></body></html>')
    response = make_response(request.url, page, headers=HTML, request=request)
    [item] = run_pipelines(spider, spider.parse_detail(response, **request.cb_kwargs)).items
    assert item.title == "Manager, Development (Chicago/Hybrid)"
    assert item.description == "Lead our grant writing."
    s = stats(spider)
    assert s["jobs/jobvite/malformed_jsonld"] == 1 and s["jobs/jobvite/details_without_jobposting"] == 1


def test_a_row_without_a_title_is_skipped_when_its_detail_has_none_either():
    spider = make_spider(JobviteSpider, url="https://jobs.jobvite.com/feedingamerica")
    body = shared_fixture(JOBVITE).read_text().replace(">Manager, Development (Chicago/Hybrid)<", "><", 1)
    [request, _] = parse_board(spider, body, headers=HTML)
    assert not_found(spider, request) == []
    assert stats(spider)["jobs/jobvite/postings_skipped/no_title"] == 1


def test_a_board_address_answering_with_a_posting_page_gives_that_posting():
    spider = make_spider(IcimsSpider, url="https://careers-sig.icims.com/jobs/search?ss=1")
    [item] = parse_board(spider, shared_fixture("icims/careers_site/sig_job_page_jsonld.html").read_bytes(),
                         headers=HTML)
    assert (item.id, item.title) == ("icims:careers-sig:11169", "Trading System Engineering Internship: Summer 2027")
