"""Eightfold: first requests for the URL forms, the real list and position samples, our own list and detail
(tests/fixtures/eightfold, written by us: see their _note), paging and its cap, bad bodies, the detail fallback,
a real crawl."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.commands import validate
from spiders.eightfold import EightfoldSpider
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

LIST = "eightfold/api/albemarle_apply_v2_jobs.json"
MICROSOFT = "eightfold/api/microsoft_position_detail.json"
OWN = OWN_FIXTURES / "eightfold"
ALB = "https://albemarle.eightfold.ai"


@pytest.mark.parametrize("url,kwargs,first,site", [
    (f"{ALB}/careers?domain=albemarle.com", {}, f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=0&num=10",
     "albemarle"),
    (f"{ALB}/careers/job/1099555326551?domain=albemarle.com&hl=en", {},
     f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=0&num=10", "albemarle"),
    (f"{ALB}/careers", {}, f"{ALB}/api/apply/v2/jobs?start=0&num=10", "albemarle"),
    # An API address is kept with its own filters; paging is added where it lacks it.
    (f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&location=Charlotte", {},
     f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&location=Charlotte&start=0&num=10", "albemarle"),
    (f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=20&num=5", {},
     f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=20&num=5", "albemarle"),
    ("https://apply.careers.microsoft.com/careers?domain=microsoft.com", {},
     "https://apply.careers.microsoft.com/api/apply/v2/jobs?domain=microsoft.com&start=0&num=10", "microsoft.com"),
    ("http://127.0.0.1:8080/", {"board": "albemarle"}, "http://127.0.0.1:8080/api/apply/v2/jobs?start=0&num=10",
     "albemarle"),
])
def test_first_request(url, kwargs, first, site):
    spider = make_spider(EightfoldSpider, url=url, **kwargs)
    assert spider.api_url() == first
    assert spider.site() == site


def not_found(spider, request):
    failure = Failure(HttpError(make_response(request.url, b"", status=404, request=request)))
    failure.request = request
    return list(spider.detail_failed(failure))


def test_list_sample_asks_each_position_and_keeps_the_list_when_details_fail():
    spider = make_spider(EightfoldSpider, url=f"{ALB}/careers?domain=albemarle.com")
    out = parse_board(spider, shared_fixture(LIST).read_bytes())
    assert [r.url for r in out] == [f"{ALB}/api/apply/v2/jobs/1099555326551?domain=albemarle.com",
                                    f"{ALB}/api/apply/v2/jobs/1099555208188?domain=albemarle.com"]  # 2 < 10: last page
    items = [item for request in out for item in not_found(spider, request)]
    got = {i.postingId: i for i in run_pipelines(spider, items).items}
    planner = got["1099555326551"]
    assert (planner.id, planner.title) == ("eightfold:albemarle:1099555326551", "Supply Planner, Bromine S&OP")
    assert planner.url == f"{ALB}/careers/job/1099555326551"
    assert planner.department == "Supply Chain"
    assert planner.datePosted == "2026-08-04T00:00:00Z"  # t_create 1785801600, epoch seconds
    assert planner.locations == [{"city": "Charlotte", "region": "North Carolina", "country": "US"},
                                 {"city": "Magnolia", "region": "Arkansas", "country": "US"}]
    assert got["1099555208188"].seniority == "director"
    s = stats(spider)
    assert s["jobs/eightfold/details_failed/not_found"] == 2
    assert s["jobs/eightfold/postings_without_description"] == 2  # the list's job_description is always ""


@pytest.fixture(scope="module")
def microsoft():
    """The real position sample answering its own detail request; its list entry is the position itself with
    the description emptied, as lists send it."""
    position = json.loads(shared_fixture(MICROSOFT).read_text())
    spider = make_spider(EightfoldSpider, url="https://apply.careers.microsoft.com/careers?domain=microsoft.com")
    (request,) = parse_board(spider, json.dumps({"count": 1, "positions": [{**position, "job_description": ""}]}))
    assert request.url == "https://apply.careers.microsoft.com/api/apply/v2/jobs/1970393556868060?domain=microsoft.com"
    items = spider.parse_detail(make_response(request.url, shared_fixture(MICROSOFT).read_bytes(), request=request),
                                **request.cb_kwargs)
    (item,) = run_pipelines(spider, list(items)).items
    return item


def test_position_sample_ids_url_dates_department(microsoft):
    assert (microsoft.id, microsoft.title) == ("eightfold:microsoft.com:1970393556868060", "Principal Data Scientist")
    assert microsoft.url == "https://apply.careers.microsoft.com/careers/job/1970393556868060"
    assert (microsoft.datePosted, microsoft.dateModified) == ("2026-05-19T20:43:24Z", "2026-05-21T21:00:15Z")
    assert microsoft.department == "Data Science"


def test_position_sample_country_first_places(microsoft):
    # "United States, Washington, Redmond"; "United States, Multiple Locations, Multiple Locations" names the country
    assert microsoft.locations[:3] == [{"city": "", "region": "", "country": "US"},
                                       {"city": "Redmond", "region": "Washington", "country": "US"},
                                       {"city": "Mountain View", "region": "California", "country": "US"}]
    assert len(microsoft.locations) == 9


def test_position_sample_description_and_what_the_text_gives(microsoft):
    assert microsoft.description.startswith("**Overview**\n\nDo you enjoy solving problems")
    assert "<span" not in microsoft.description and "data-ccp-props" not in microsoft.description
    assert microsoft.seniority == "principal"
    assert (microsoft.salary["min"], microsoft.salary["max"], microsoft.salary["currency"]) == (142800, 274800, "USD")


def test_all_fields_a_position_states():
    spider = make_spider(EightfoldSpider, url="http://127.0.0.1:8080/careers", board="acme")
    out = parse_board(spider, (OWN / "positions_page.json").read_bytes())
    *details, more = out
    # No domain in the address: the list's own domain keys the details.
    assert [r.url for r in details] == [f"http://127.0.0.1:8080/api/apply/v2/jobs/{i}?domain=acme.com"
                                        for i in (5000001, 5000002, 5000004)]
    assert more.url == "http://127.0.0.1:8080/api/apply/v2/jobs?start=5&num=10"  # count 23: more to read
    first = spider.parse_detail(make_response(details[0].url, (OWN / "position_detail.json").read_bytes(),
                                              request=details[0]), **details[0].cb_kwargs)
    items = [*first, *(i for r in details[1:] for i in not_found(spider, r))]
    got = {i.postingId: i for i in run_pipelines(spider, items).items}
    sre = got["5000001"]
    assert sre.applyUrl == "https://acme.wd3.myworkdayjobs.com/en-US/External/job/R-5000001/apply"
    assert (sre.workplace, sre.location, sre.locations) == ("remote", "Remote job",
                                                            [{"city": "", "region": "", "country": "DE"}])
    assert sre.dateModified == "2025-11-30T00:00:00Z"
    assert sre.description == ("Keep our **Kubernetes** clusters healthy.\n\n### You bring\n\n"
                               "* 5+ years of Linux\n* Terraform")
    lead = got["5000002"]
    assert (lead.title, lead.workplace) == ("Warehouse Lead", "hybrid")  # posting_name; location_flexibility
    assert lead.url == "http://127.0.0.1:8080/careers/job/5000002"
    assert lead.locations == [{"city": "Rotterdam", "region": "South Holland", "country": "NL"}]
    s = stats(spider)
    assert s["jobs/eightfold/postings_skipped/no_posting"] == 2 and s["jobs/eightfold/postings_skipped/no_title"] == 1


def positions(n, count=None, start=0):
    return json.dumps({"positions": [{"id": start + i, "name": f"Job {i}"} for i in range(1, n + 1)],
                       **({"count": count} if count is not None else {})})


def test_paging_steps_by_what_a_page_held_and_is_capped():
    spider = make_spider(EightfoldSpider, url=f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=10&num=10")
    *_, more = parse_board(spider, positions(10, count=45))
    assert more.url == f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=20&num=10"
    # A server that caps `num` lower: the next page starts after what came; without a count a short page is the last.
    spider = make_spider(EightfoldSpider, url=f"{ALB}/api/apply/v2/jobs?domain=albemarle.com&start=0&num=50")
    assert parse_board(spider, positions(10, count=45))[-1].url.endswith("start=10&num=50")
    assert all("/jobs/" in r.url for r in parse_board(spider, positions(10)))
    assert all("/jobs/" in r.url for r in parse_board(spider, positions(5, count=5)))
    # Paging values that are not numbers are read as the defaults.
    odd = make_spider(EightfoldSpider, url=f"{ALB}/api/apply/v2/jobs?start=x&num=-3")
    assert parse_board(odd, positions(10, count=45))[-1].url.endswith("start=10&num=-3")
    capped = make_spider(EightfoldSpider, settings={"EIGHTFOLD_MAX_PAGES": 1}, url=f"{ALB}/careers")
    out = parse_board(capped, positions(10, count=45))
    assert len(out) == 10 and all("/jobs/" in r.url for r in out)
    assert stats(capped)["jobs/eightfold/pagination_capped"] == 1


@pytest.mark.parametrize("body,reason", [
    (b'{"positions": [', "malformed"),
    (b'{"positions": {"id": 1}}', "unexpected_shape"),
    (b'{"error": "domain not found"}', "unexpected_shape"),
    (b"[]", "unexpected_shape"),
])
def test_bad_lists_are_counted(body, reason):
    spider = make_spider(EightfoldSpider, url=f"{ALB}/careers")
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/eightfold/boards_failed/{reason}"] == 1


@pytest.mark.parametrize("body,reason", [(b"<html>", "malformed"), (b'{"error": "x"}', "unexpected_shape"),
                                         (b"[1]", "unexpected_shape")])
def test_a_bad_detail_keeps_the_list_entry(body, reason):
    spider = make_spider(EightfoldSpider, url=f"{ALB}/careers?domain=albemarle.com")
    (request, _) = parse_board(spider, shared_fixture(LIST).read_bytes())
    (item,) = spider.parse_detail(make_response(request.url, body, request=request), **request.cb_kwargs)
    assert (item.title, item.departmentRaw) == ("Supply Planner, Bromine S&OP", "Supply Chain")
    assert stats(spider)[f"jobs/eightfold/details_failed/{reason}"] == 1


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    """The real list (its details fail) and the real position (its detail answers), one list page."""
    listing = json.loads(shared_fixture(LIST).read_text())
    position = json.loads(shared_fixture(MICROSOFT).read_text())
    listing["positions"].append({**position, "job_description": ""})
    listing["count"] = 3
    httpserver.expect_request("/api/apply/v2/jobs", query_string={"domain": "albemarle.com", "start": "0",
                                                                   "num": "10"}).respond_with_json(listing)
    httpserver.expect_request("/api/apply/v2/jobs/1970393556868060").respond_with_data(
        shared_fixture(MICROSOFT).read_bytes(), content_type="application/json")
    for missing in (1099555326551, 1099555208188):
        httpserver.expect_request(f"/api/apply/v2/jobs/{missing}").respond_with_data("{}", status=404)
    result = crawl("eightfold", tmp_path, args={"url": httpserver.url_for("/careers?domain=albemarle.com"),
                                                "board": "albemarle"}, settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    records = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(records) == {f"eightfold:albemarle:{i}" for i in (1099555326551, 1099555208188, 1970393556868060)}
    front, body = records["eightfold:albemarle:1970393556868060"]
    assert (front["department"], front["seniority"], front["timestamp"]) == ("Data Science", "principal",
                                                                             1779223404000)
    assert front["salary"]["currency"] == "USD"
    assert body.startswith("## Job description\n\n**Overview**\n\nDo you enjoy solving problems")
    assert "<span" not in body and "javascript:" not in body
    front, body = records["eightfold:albemarle:1099555326551"]
    assert (front["location"], front["department"]) == (
        "Charlotte, United States; Magnolia, United States", "Supply Chain")
    assert result.stats["jobs/eightfold/details_failed/not_found"] == 2
    assert result.stats["jobs/records/written"] == 3
