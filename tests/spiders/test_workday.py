import json

import pytest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper import signals as job_signals
from spiders.workday import WorkdaySpider
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

CRAWLED_AT = "2026-07-01T12:00:00Z"
ROOT = "http://127.0.0.1:8080/wday/cxs/acme/External"


def spider_for(url=ROOT + "/jobs", **kwargs):
    spider = make_spider(WorkdaySpider, url=url, **kwargs)
    spider.crawled_at = CRAWLED_AT  # relative dates ("Posted 3 Days Ago") count back from here
    return spider


def board_page(spider, body, request=None):
    return parse_board(spider, body, request=request or spider.board_request(spider.api_url()))


def records(spider, items):
    return {
        item.postingId: item for item in run_pipelines(spider, items, skip=["MarkdownRecordsPipeline"]).items
    }


def not_found(spider, request):
    failure = Failure(HttpError(make_response(request.url, b"", status=404, request=request)))
    failure.request = request
    return list(spider.detail_failed(failure))


@pytest.mark.parametrize(
    "url,board,api,tenant",
    [
        (
            "https://acme.wd5.myworkdayjobs.com/External",
            "",
            "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
            "acme",
        ),
        (
            "https://acme.wd5.myworkdayjobs.com/en-US/External",
            "",
            "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
            "acme",
        ),
        (
            "https://acme.wd5.myworkdayjobs.com/en-US/External/job/Berlin/Engineer_R1",
            "",
            "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
            "acme",
        ),
        (
            "acme.wd1.myworkdayjobs.com/Careers",
            "",
            "https://acme.wd1.myworkdayjobs.com/wday/cxs/acme/Careers/jobs",
            "acme",
        ),
        (
            "https://ACME.wd103.myworkdayjobs.com/fr-FR/Careers?q=x",
            "",
            "https://acme.wd103.myworkdayjobs.com/wday/cxs/acme/Careers/jobs",
            "acme",
        ),
        (
            "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
            "",
            "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
            "acme",
        ),
        (
            "https://wd3.myworkdaysite.com/recruiting/acme/External",
            "",
            "https://wd3.myworkdaysite.com/wday/cxs/acme/External/jobs",
            "acme",
        ),
        (
            "https://wd3.myworkdaysite.com/en-US/recruiting/acme/External/details/x",
            "",
            "https://wd3.myworkdaysite.com/wday/cxs/acme/External/jobs",
            "acme",
        ),
        ("http://127.0.0.1:8080/wday/cxs/acme/External/jobs", "", ROOT + "/jobs", "acme"),
        ("http://127.0.0.1:8080/wday/cxs/acme/External", "", ROOT + "/jobs", "acme"),
        ("http://127.0.0.1:8080/External", "acme", ROOT + "/jobs", "acme"),
        ("http://127.0.0.1:8080/en-US/External", "acme", ROOT + "/jobs", "acme"),
        ("http://127.0.0.1:8080/recruiting/acme/External", "", ROOT + "/jobs", "acme"),
    ],
)
def test_first_request(url, board, api, tenant):
    spider = make_spider(WorkdaySpider, url=url, board=board)
    request = spider.board_request(spider.api_url())
    assert request.url == api
    assert spider.tenant == tenant
    assert request.method == "POST"
    assert request.headers["Content-Type"] == b"application/json"
    assert json.loads(request.body) == {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/External",
        "https://acme.wd5.myworkdayjobs.com/",
        "https://careers.acme.com/en-US/",
    ],
)
def test_an_address_without_tenant_or_site_is_refused(url):
    with pytest.raises(ValueError, match="tenant"):
        make_spider(WorkdaySpider, url=url)


def test_list_sample_requests_each_detail_and_keeps_the_list_when_details_fail():
    spider = spider_for()
    out = board_page(
        spider, shared_fixture("workday/cxs/boston_quant_jobs_list_with_facets.json").read_bytes()
    )
    assert [r.url for r in out] == [
        ROOT + "/job/Boston/Quantitative-Researcher-Intern--Summer-2027_R1505",
        ROOT + "/job/Boston/Quantitative-Developer-Intern--Summer-2027_R1506",
        ROOT + "/job/Boston/Quantitative-Researcher_R1066-5",
        ROOT + "/job/Boston/Quantitative-Developer_R1433",
    ]  # total 4 reached: no further page
    assert all(r.method == "GET" and r.callback == spider.parse_detail for r in out)
    items = [item for request in out for item in not_found(spider, request)]
    got = records(spider, items)
    assert list(got) == [
        "Quantitative-Researcher-Intern--Summer-2027_R1505",
        "Quantitative-Developer-Intern--Summer-2027_R1506",
        "Quantitative-Researcher_R1066-5",
        "Quantitative-Developer_R1433",
    ]
    first = got["Quantitative-Researcher-Intern--Summer-2027_R1505"]
    assert first.title == "Quantitative Researcher Intern, Summer 2027"
    assert (
        first.url
        == "http://127.0.0.1:8080/External/job/Boston/Quantitative-Researcher-Intern--Summer-2027_R1505"
    )
    assert first.id == "workday:acme:Quantitative-Researcher-Intern--Summer-2027_R1505"
    assert first.datePosted == "2026-06-13T12:00:00Z"  # "Posted 18 Days Ago"
    assert got["Quantitative-Developer_R1433"].datePosted == "2026-06-01T12:00:00Z"  # "Posted 30+ Days Ago"
    assert first.locations == [{"city": "Boston", "region": "", "country": ""}]
    assert first.description == ""
    s = stats(spider)
    assert s["jobs/workday/boards_ok"] == 1
    assert s["jobs/workday/postings_seen"] == 4
    assert s["jobs/workday/details_failed/not_found"] == 4
    assert s["jobs/workday/postings_yielded"] == 4
    assert s["jobs/workday/postings_without_description"] == 4


def test_multi_location_placeholder_is_not_a_location():
    spider = spider_for()
    out = board_page(spider, shared_fixture("workday/cxs/careerkit_workday_jobs_list.json").read_bytes())
    got = records(spider, [item for request in out for item in not_found(spider, request)])
    first = got["Solution-Architect---Senior-Solution-Architect---PubSec---SLED-NGO_JR354232"]
    assert first.title == "Solution Architect / Senior Solution Architect - PubSec - SLED/NGO"
    assert first.locations == []  # "3 Locations"
    assert first.datePosted == "2026-06-30T12:00:00Z"  # "Posted Yesterday"
    assert (
        got["Customer-Success-Manager---Global-Public-Sector--State---Local-Gov-_JR332446"].datePosted
        == "2026-06-28T12:00:00Z"
    )


def test_paging_uses_the_first_pages_total_and_stops_at_max_pages():
    spider = spider_for(max_pages="2")
    first = board_page(spider, shared_fixture("workday/cxs/workday_tenant_jobs_list.json").read_bytes())
    page2 = [r for r in first if r.method == "POST"]
    assert len(page2) == 1 and len(first) == 5
    assert json.loads(page2[0].body)["offset"] == 4
    assert page2[0].meta["total"] == 347
    # Later pages report total 0; the first page's 347 still decides, and max_pages stops the crawl.
    body = json.loads(shared_fixture("workday/cxs/workday_tenant_jobs_list.json").read_text()) | {"total": 0}
    completed = []
    spider.crawler.signals.connect(lambda board_url, spider: completed.append(board_url),
                                   signal=job_signals.board_completed, weak=False)
    second = board_page(spider, json.dumps(body), request=page2[0])
    assert [r.method for r in second] == ["GET"] * 4
    assert stats(spider)["jobs/workday/pagination_capped"] == 1
    assert completed == [], "a capped listing is not a complete board: unread postings must not be closed"
    got = records(spider, [item for request in first[:4] for item in not_found(spider, request)])
    assert got["Analytics-Sr-Software-Engineer--US-Federal-_JR-0105494"].workplace == "hybrid"  # "Flex"
    assert got["Sr-Site-Reliability-Engineer--US-Federal-_JR-0105486"].workplace == "onsite"  # "Onsite"
    assert got["Sr-Site-Reliability-Engineer--US-Federal-_JR-0105486"].datePosted == "2026-06-30T12:00:00Z"


def test_paging_without_a_total_stops_at_a_short_page():
    spider = spider_for(page_size="2")
    full = {"jobPostings": [{"title": f"Job {i}", "externalPath": f"/job/X/Job_{i}"} for i in range(2)]}
    assert [r.method for r in board_page(spider, json.dumps(full))] == ["GET", "GET", "POST"]
    short = {"jobPostings": full["jobPostings"][:1]}
    assert [r.method for r in board_page(spider, json.dumps(short))] == ["GET"]


def test_detail_sample_maps_every_field():
    detail = json.loads(shared_fixture("workday/cxs/synchrony_job_detail.json").read_text())
    spider = spider_for(url="http://127.0.0.1:8080/wday/cxs/synchronyfinancial/University/jobs")
    listed = {
        "title": "BLP Intern – Technology",
        "externalPath": "/job/Stamford-Hub/BLP-Intern---Technology_2601695-1",
        "locationsText": "Stamford Hub",
        "postedOn": "Posted 30+ Days Ago",
    }
    request = spider.parse_posting(listed, None)
    assert request.url == (
        "http://127.0.0.1:8080/wday/cxs/synchronyfinancial/University"
        "/job/Stamford-Hub/BLP-Intern---Technology_2601695-1"
    )
    items = list(
        spider.parse_detail(
            make_response(request.url, json.dumps(detail), request=request), **request.cb_kwargs
        )
    )
    [item] = records(spider, items).values()
    assert item.id == "workday:synchronyfinancial:BLP-Intern---Technology_2601695-1"
    assert item.title == "BLP Intern – Technology"
    assert item.url == (
        "https://synchronyfinancial.wd5.myworkdayjobs.com/University/job/Stamford-Hub/"
        "BLP-Intern---Technology_2601695-1"
    )
    assert item.companyName == "Synchrony Bank"
    assert item.datePosted == "2026-06-16T00:00:00Z"  # startDate wins over "Posted 30+ Days Ago"
    assert item.employmentType == "FULL_TIME" and item.jobType == "full-time"
    assert item.locations == [{"city": "Stamford Hub", "region": "", "country": "US"}]
    assert item.location == "Stamford Hub, United States"
    # No remoteType in the sample; the text offers "the option to work from home near one of our hubs".
    assert item.workplace == "hybrid"
    assert item.description.startswith("**Business Leadership Program** **Internship** **Overview:**")
    assert "10-week paid assignment" in item.description
    assert stats(spider)["jobs/workday/postings_yielded"] == 1


def test_detail_with_remote_type_and_additional_locations():
    spider = spider_for()
    listed = {"title": "Engineer", "externalPath": "/job/Berlin/Engineer_R1", "postedOn": "Posted Today"}
    detail = {
        "jobPostingInfo": {
            "title": "Engineer",
            "jobDescription": "<p>Build things.</p>",
            "location": "Berlin",
            "additionalLocations": ["Munich, Germany", "Warsaw, Poland"],
            "remoteType": "Hybrid",
            "timeType": "Part time",
            "country": {"descriptor": "Germany"},
        }
    }
    request = spider.parse_posting(listed, None)
    [item] = records(
        spider, spider.parse_detail(make_response(request.url, json.dumps(detail)), listed)
    ).values()
    assert item.workplace == "hybrid"
    assert item.employmentType == "PART_TIME"
    assert item.datePosted == CRAWLED_AT  # "Posted Today"
    assert item.locations == [
        {"city": "Berlin", "region": "", "country": "DE"},
        {"city": "Munich", "region": "", "country": "DE"},
        {"city": "Warsaw", "region": "", "country": "PL"},
    ]
    assert item.url == "http://127.0.0.1:8080/External/job/Berlin/Engineer_R1"


def test_malformed_and_odd_bodies_are_counted():
    spider = spider_for()
    assert board_page(spider, (OWN_FIXTURES / "workday/list_truncated.json").read_bytes()) == []
    assert board_page(spider, b'{"jobs": []}') == []
    s = stats(spider)
    assert s["jobs/workday/malformed_body"] == 1
    assert s["jobs/workday/boards_failed/malformed"] == 1
    assert s["jobs/workday/boards_failed/unexpected_shape"] == 1

    out = board_page(spider, (OWN_FIXTURES / "workday/list_missing_fields.json").read_bytes())
    assert [r.url for r in out] == [
        ROOT + "/job/Hamburg-Germany/Platform-Engineer_R100",
        ROOT + "/job/Berlin/Untitled_R102",
    ]
    assert stats(spider)["jobs/workday/postings_skipped/no_posting"] == 1  # no externalPath

    gone = (OWN_FIXTURES / "workday/detail_without_posting_info.json").read_bytes()
    kept = list(spider.parse_detail(make_response(out[0].url, gone), **out[0].cb_kwargs))
    [item] = records(spider, kept).values()
    assert (item.title, item.workplace, item.datePosted) == ("Platform Engineer", "remote", CRAWLED_AT)
    assert item.locations == [{"city": "Hamburg", "region": "", "country": "DE"}]
    assert list(spider.parse_detail(make_response(out[1].url, b"<html>oops"), **out[1].cb_kwargs)) == []
    s = stats(spider)
    assert s["jobs/workday/details_failed/unexpected_shape"] == 1
    assert s["jobs/workday/details_failed/malformed"] == 1
    assert s["jobs/workday/postings_skipped/no_title"] == 1


def test_empty_board():
    spider = spider_for()
    assert board_page(spider, b'{"total": 0, "jobPostings": [], "facets": []}') == []
    assert stats(spider)["jobs/workday/boards_ok"] == 1


# ---------------------------------------------------------------------------
# end to end: a real `scrapy crawl` against a local Workday look-alike


def _list_body(offset, limit):
    return {"appliedFacets": {}, "limit": limit, "offset": offset, "searchText": ""}


@pytest.mark.e2e
def test_crawl_pages_details_and_failures(httpserver, tmp_path):
    detail = json.loads(shared_fixture("workday/cxs/synchrony_job_detail.json").read_text())
    info = detail["jobPostingInfo"]
    own = {
        "title": info["title"],
        "externalPath": "/job/Stamford-Hub/BLP-Intern---Technology_2601695-1",
        "locationsText": info["location"],
        "postedOn": info["postedOn"],
    }
    # The sample's similarJobs are list entries of the same board: six postings, three pages of two.
    postings = [own] + detail["similarJobs"]
    api = "/wday/cxs/synchronyfinancial/University"
    for page in range(3):
        chunk = postings[page * 2 : page * 2 + 2]
        httpserver.expect_request(
            api + "/jobs", method="POST", json=_list_body(page * 2, 2)
        ).respond_with_json({"total": 6 if page == 0 else 0, "jobPostings": chunk, "facets": []})
    httpserver.expect_request(api + own["externalPath"], method="GET").respond_with_json(detail)
    httpserver.expect_request(api + postings[1]["externalPath"]).respond_with_data(
        '{"jobPostingInfo": {', status=200
    )
    for posting in postings[2:]:
        httpserver.expect_request(api + posting["externalPath"]).respond_with_data("gone", status=404)

    result = crawl(
        "workday",
        tmp_path,
        args={"url": httpserver.url_for("/en-US/University"), "board": "synchronyfinancial", "page_size": 2},
        settings={"ROBOTSTXT_OBEY": "False"},
    )
    assert result.returncode == 0, result.log[-3000:]
    recs = result.records()
    assert len(recs) == 6, sorted(recs)
    by_title = {fm["title"]: (fm, body) for fm, body in recs.values()}
    fm, body = by_title["BLP Intern – Technology"]
    assert fm["id"] == "workday:synchronyfinancial:BLP-Intern---Technology_2601695-1"
    assert fm["companyName"] == "Synchrony Bank"
    assert fm["datePosted"] == "2026-06-16T00:00:00Z"
    assert fm["employmentType"] == "FULL_TIME"
    assert fm["locations"] == [{"city": "Stamford Hub", "region": "", "country": "US"}]
    assert body.startswith("## Job description") and "10-week paid assignment" in body
    fm, body = by_title["BLP Intern - Marketing"]  # detail 404: the list entry alone
    assert fm["url"] == httpserver.url_for("/University/job/Stamford-Hub/BLP-Intern---Marketing_2601691")
    assert (fm["datePosted"], fm["employmentType"]) == ("2026-06-16T00:00:00Z", "FULL_TIME")
    s = result.stats
    assert s["jobs/workday/boards_ok"] == 3
    assert s["jobs/workday/postings_seen"] == 6
    assert s["jobs/workday/postings_yielded"] == 6
    assert s["jobs/workday/details_failed/malformed"] == 1
    assert s["jobs/workday/details_failed/not_found"] == 4
    posts = [json.loads(req.data) for req, _ in httpserver.log if req.method == "POST"]
    assert [p["offset"] for p in posts] == [0, 2, 4]


@pytest.mark.e2e
def test_crawl_unknown_board(httpserver, tmp_path):
    httpserver.expect_request("/wday/cxs/acme/External/jobs", method="POST").respond_with_data(
        "nope", status=404
    )
    result = crawl(
        "workday",
        tmp_path,
        args={"url": httpserver.url_for("/wday/cxs/acme/External/jobs")},
        settings={"ROBOTSTXT_OBEY": "False"},
    )
    assert result.returncode == 0, result.log[-3000:]
    assert result.records() == {}
    assert result.stats["jobs/workday/boards_failed/not_found"] == 1
