"""Oracle Recruiting Cloud: first requests for the URL forms, the real list and detail samples, our all-fields list
(tests/fixtures/oracle, written by us: see its _note), paging and its cap, bad bodies, the detail fallback, a
real crawl."""

from __future__ import annotations

import argparse
import json

import pytest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from werkzeug import Response as WerkzeugResponse

from scraper.commands import validate
from spiders.oracle import OracleSpider
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

ORC = "https://ejov.fa.ca2.oraclecloud.com"
LIST = "/hcmRestApi/resources/latest/recruitingCEJobRequisitions"
DETAIL = "/hcmRestApi/resources/latest/recruitingCEJobRequisitionDetails"
FIRST = (f"{LIST}?onlyData=true&expand=requisitionList.secondaryLocations"
         "&finder=findReqs;siteNumber={site},limit=100,offset=0,sortBy=POSTING_DATES_DESC")
AMEX = "oracle/api/amex_recruitingCEJobRequisitionDetails.json"
LOCAL = "http://127.0.0.1:8080"


@pytest.mark.parametrize("url,kwargs,first,tenant", [
    (f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1", {}, ORC + FIRST.format(site="CX_1"), "ejov"),
    (f"{ORC}/hcmUI/CandidateExperience/fr/sites/CX_2/job/25587?utm_source=x", {}, ORC + FIRST.format(site="CX_2"),
     "ejov"),
    ("https://careers.acme.example/hcmUI/CandidateExperience/en/sites/careers/jobs", {},
     "https://careers.acme.example" + FIRST.format(site="careers"), "careers.acme.example"),
    # An API address is kept, its own page size and facets included; paging is added where it lacks it.
    (f"{ORC}{LIST}?onlyData=true&finder=findReqs;siteNumber=CX_1,facetsList=LOCATIONS;TITLES,limit=25,offset=0",
     {}, f"{ORC}{LIST}?onlyData=true&finder=findReqs;siteNumber=CX_1,facetsList=LOCATIONS;TITLES,limit=25,offset=0",
     "ejov"),
    (f"{ORC}{LIST}?onlyData=true&finder=findReqs%3BsiteNumber%3DCX_1", {},
     f"{ORC}{LIST}?onlyData=true&finder=findReqs;siteNumber=CX_1,limit=100,offset=0", "ejov"),
    (f"{LOCAL}/hcmUI/CandidateExperience/en/sites/CX_1", {"board": "ejov"}, LOCAL + FIRST.format(site="CX_1"), "ejov"),
])
def test_first_request(url, kwargs, first, tenant):
    spider = make_spider(OracleSpider, url=url, **kwargs)
    assert spider.api_url() == first
    assert spider.tenant() == tenant


@pytest.mark.parametrize("url", [f"{ORC}/", f"{ORC}/hcmUI/CandidateExperience/en/sites/", f"{ORC}{LIST}?onlyData=true"])
def test_an_address_without_a_site_is_refused(url):
    with pytest.raises(ValueError, match="names no site"):
        make_spider(OracleSpider, url=url)


def spider_for(url=f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1", **kwargs):
    return make_spider(OracleSpider, url=url, **kwargs)


def not_found(spider, request):
    failure = Failure(HttpError(make_response(request.url, b"", status=404, request=request)))
    failure.request = request
    return list(spider.detail_failed(failure))


def listing_records(spider, body):
    """The list page's detail requests, each failing: the records the list alone gives, and the other requests."""
    out = parse_board(spider, body)
    details = [r for r in out if DETAIL in r.url]
    items = [item for request in details for item in not_found(spider, request)]
    return {i.postingId: i for i in run_pipelines(spider, items).items}, [r for r in out if DETAIL not in r.url]


def test_list_samples_ask_each_detail_and_keep_the_list_when_details_fail():
    spider = spider_for()
    got, more = listing_records(spider, shared_fixture("oracle/api/ejov_recruitingCEJobRequisitions_list.json")
                                .read_bytes())
    assert more == []  # 2 requisitions on a page of 100, no TotalJobsCount: the last page
    assert set(got) == {"25587", "26876"}
    inspector, leader = got["25587"], got["26876"]
    assert (inspector.id, inspector.title) == ("oracle:ejov:25587", "Bridge Inspector")
    assert inspector.url == f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1/job/25587"
    assert inspector.datePosted == "2026-08-07T00:00:00Z"
    assert inspector.locations == [{"city": "PERTH", "region": "WESTERN AUSTRALIA", "country": "AU"}]
    assert leader.locations == [{"city": "SAN FRANCISCO", "region": "CA", "country": "US"},
                                {"city": "HOUSTON", "region": "TX", "country": "US"},
                                {"city": "ATLANTA", "region": "GA", "country": "US"},
                                {"city": "MIAMI", "region": "FL", "country": "US"},
                                {"city": "IRVINE", "region": "CA", "country": "US"}]
    s = stats(spider)
    assert s["jobs/oracle/details_failed/not_found"] == 2
    assert s["jobs/oracle/postings_without_description"] == 2  # ShortDescriptionStr is "" in this sample


def test_the_list_short_description_stands_in_and_the_total_pages_on():
    spider = spider_for()
    got, (next_page,) = listing_records(spider, shared_fixture(
        "oracle/api/uchealth_recruitingCEJobRequisitions_list.json").read_bytes())
    # TotalJobsCount 382: the next page starts after the 2 requisitions this one held.
    assert next_page.url == ORC + FIRST.format(site="CX_1").replace("offset=0", "offset=2")
    assert next_page.meta["page"] == 1
    assistant = got["21593"]
    assert assistant.title == "Anesthesia Technician Assistant, Operating Room, Full-time, Second Shift"
    assert assistant.description == ("Location: UC Medical Center\\\nDepartment: Operating Room\\\n"
                                     "Hours: Full-time / 40hrs\\\nShift: First Shift / 8hr")
    assert assistant.locations == [{"city": "Cincinnati", "region": "OH", "country": "US"}]
    assert assistant.employmentType == "FULL_TIME"  # from the text: the list names no schedule here
    assert got["21929"].datePosted == "2026-07-01T00:00:00Z"


@pytest.fixture(scope="module")
def amex():
    """The real detail sample answering its own requisition's detail request (the list entry is the detail's
    list-level fields: the real list sends no description HTML)."""
    detail = json.loads(shared_fixture(AMEX).read_text())
    listed = {k: v for k, v in detail["items"][0].items() if not k.endswith("Str")}
    spider = spider_for()
    (request,) = parse_board(spider, json.dumps({"items": [{"requisitionList": [listed]}]}))
    assert request.url == (f"{ORC}{DETAIL}?expand=all&onlyData=true&finder=ById;Id=%2226011990%22,siteNumber=CX_1")
    items = list(spider.parse_detail(make_response(request.url, shared_fixture(AMEX).read_bytes(), request=request),
                                     **request.cb_kwargs))
    (item,) = run_pipelines(spider, items).items
    return item


def test_detail_sample_ids_title_url_place(amex):
    assert amex.id == "oracle:ejov:26011990"
    assert amex.title.startswith("Campus Undergraduate Summer Internship Program - 2027 Strategy & Analytics")
    assert amex.url == f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1/job/26011990"
    assert amex.locations == [{"city": "Phoenix", "region": "AZ", "country": "US"}]


def test_detail_sample_sections_under_their_own_names(amex):
    body = amex.description
    assert body.startswith("**Business Unit/Role Specific Info**\n\nCredit and Fraud Risk (CFR) is a global function")
    headings = [line for line in body.split("\n") if line.startswith("## ")]
    assert headings == ["## Responsibilities", "## Qualifications", "## Corporate description",
                        "## Organization description"]
    assert "[shared values](https://www.americanexpress.com/en-us/company/who-we-are/)" in body
    assert "<p" not in body and "&nbsp;" not in body


def test_detail_sample_requirements_from_the_text(amex):
    assert (amex.seniority, amex.employmentType) == ("intern", "INTERN")
    assert {"SQL", "Python", "Java"} <= set(amex.skills["niceToHave"])


def test_all_fields_a_requisition_states():
    spider = spider_for(url=f"{LOCAL}/hcmUI/CandidateExperience/de/sites/CX_1", board="acme")
    got, more = listing_records(spider, (OWN_FIXTURES / "oracle/requisitions_all_fields.json").read_bytes())
    assert more == []  # TotalJobsCount 6 reached
    backend = got["300100"]
    assert backend.url == f"{LOCAL}/hcmUI/CandidateExperience/de/sites/CX_1/job/300100"
    assert (backend.companyName, backend.department) == ("Acme Deutschland GmbH", "Payments Platform")
    assert (backend.workplace, backend.employmentType) == ("hybrid", "FULL_TIME")
    assert (backend.datePosted, backend.validThrough) == ("2026-11-20T00:00:00Z", "2026-12-31T00:00:00Z")
    # the primary location once, though the secondary list names it again
    assert backend.locations == [{"city": "Berlin", "region": "Berlin", "country": "DE"},
                                 {"city": "Munich", "region": "Bavaria", "country": "DE"}]
    store = got["300101"]
    assert (store.workplace, store.employmentType, store.department) == ("onsite", "TEMPORARY", "Retail France")
    assert store.locations == [{"city": "Lyon", "region": "", "country": "FR"}]
    remote = got["300105"]
    assert (remote.workplace, remote.location, remote.locations) == (
        "remote", "Remote job", [{"city": "", "region": "", "country": "ES"}])
    s = stats(spider)
    assert s["jobs/oracle/postings_skipped/no_posting"] == 2  # no Id; not a dict
    assert s["jobs/oracle/postings_skipped/no_title"] == 1


def page(reqs, total=None, **finder):
    search = {"requisitionList": reqs, **({"TotalJobsCount": total} if total is not None else {})}
    return json.dumps({"items": [search], "count": 1, "hasMore": False})


def test_paging_steps_by_what_a_page_held_and_is_capped():
    reqs = [{"Id": str(i), "Title": f"Job {i}"} for i in range(3)]
    spider = spider_for(url=f"{ORC}{LIST}?onlyData=true&finder=findReqs;siteNumber=CX_1,limit=3,offset=6")
    *_, more = parse_board(spider, page(reqs, total=20))
    assert more.url.endswith("finder=findReqs;siteNumber=CX_1,limit=3,offset=9")
    # Without a total, a full page means more may follow; a short one is the last.
    assert DETAIL not in parse_board(spider_for(url=more.url), page(reqs))[-1].url
    assert all(DETAIL in r.url for r in parse_board(spider_for(url=more.url), page(reqs[:2])))
    assert all(DETAIL in r.url for r in parse_board(spider_for(url=more.url), page(reqs, total=9)))
    capped = make_spider(OracleSpider, settings={"ORACLE_MAX_PAGES": 1},
                         url=f"{ORC}/hcmUI/CandidateExperience/en/sites/X")
    out = parse_board(capped, page(reqs, total=20))
    assert all(DETAIL in r.url for r in out) and len(out) == 3
    assert stats(capped)["jobs/oracle/pagination_capped"] == 1


@pytest.mark.parametrize("body,reason", [
    (b'{"items": [', "malformed"),
    (b'{"items": {"requisitionList": []}}', "unexpected_shape"),
    (b'{"items": [{"requisitionList": {"Id": "1"}}]}', "unexpected_shape"),
    (b'{"items": ["x"]}', "unexpected_shape"),
    (b"[]", "unexpected_shape"),
])
def test_bad_lists_are_counted(body, reason):
    spider = spider_for()
    assert parse_board(spider, body) == []
    assert stats(spider)[f"jobs/oracle/boards_failed/{reason}"] == 1


def test_an_empty_site():
    spider = spider_for()
    assert parse_board(spider, page([], total=0)) == []
    assert stats(spider)["jobs/oracle/boards_empty"] == 1


@pytest.mark.parametrize("body,reason", [(b"<html>", "malformed"), (b'{"items": []}', "unexpected_shape"),
                                         (b'{"items": ["x"]}', "unexpected_shape")])
def test_a_bad_detail_keeps_the_list_entry(body, reason):
    spider = spider_for()
    (request,) = parse_board(spider, page([{"Id": "7", "Title": "Nurse", "PrimaryLocation": "Oslo, Norway",
                                            "ShortDescriptionStr": "Night shifts."}]))
    (item,) = spider.parse_detail(make_response(request.url, body, request=request), **request.cb_kwargs)
    assert (item.title, item.descriptionHtml, item.locationsRaw) == (
        "Nurse", [("", "Night shifts.")], [{"label": "Oslo, Norway", "country": ""}])
    assert stats(spider)[f"jobs/oracle/details_failed/{reason}"] == 1


@pytest.mark.e2e
def test_crawl(httpserver, tmp_path):
    """The AMEX requisition (its detail answers) and a UC Health one (its detail fails) on one list page."""
    detail = json.loads(shared_fixture(AMEX).read_text())
    amex = {k: v for k, v in detail["items"][0].items() if not k.endswith("Str")}
    uchealth = json.loads(shared_fixture("oracle/api/uchealth_recruitingCEJobRequisitions_list.json").read_text())
    reqs = [amex, uchealth["items"][0]["requisitionList"][0]]

    def details(request):
        if '"26011990"' in request.args.get("finder", ""):
            return WerkzeugResponse(shared_fixture(AMEX).read_bytes(), content_type="application/json")
        return WerkzeugResponse("{}", status=404)

    httpserver.expect_request(LIST).respond_with_data(page(reqs, total=2), content_type="application/json")
    httpserver.expect_request(DETAIL).respond_with_handler(details)
    result = crawl("oracle", tmp_path, args={"url": httpserver.url_for("/hcmUI/CandidateExperience/en/sites/CX_1"),
                                             "board": "ejov"}, settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.log[-3000:]
    assert validate.run(argparse.Namespace(directory=str(result.output_dir))) == 0
    records = {front["id"]: (front, body) for front, body in result.records().values()}
    assert set(records) == {"oracle:ejov:26011990", "oracle:ejov:21593"}
    front, body = records["oracle:ejov:26011990"]
    assert (front["location"], front["employmentType"], front["seniority"]) == ("Phoenix, United States", "INTERN",
                                                                                 "intern")
    assert front["url"] == httpserver.url_for("/hcmUI/CandidateExperience/en/sites/CX_1/job/26011990")
    assert body.startswith("## Job description\n\n**Business Unit/Role Specific Info**\n\n")
    assert "\n## Responsibilities\n" in body and "\n## Qualifications\n" in body
    assert "innovation, [shared values](https://www.americanexpress.com/en-us/company/who-we-are/) and" in body
    assert "<" not in body.replace("<br>", "") and " \n" not in body
    front, body = records["oracle:ejov:21593"]
    assert body.startswith("## Job description\n\nLocation: UC Medical Center")
    assert result.stats["jobs/oracle/details_failed/not_found"] == 1
    assert result.stats["jobs/records/written"] == 2
    assert all(request.host.startswith(("127.0.0.1", "localhost")) for request, _ in httpserver.log)
