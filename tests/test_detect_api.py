"""Detection of the wave-2 API platforms (BambooHR, Breezy, Rippling, Pinpoint, Gem): careers and API URLs,
the posting URLs in the real samples, company pages that embed or link a board, configured tokens; and every
detected api_url is the first request of the platform's spider."""

from __future__ import annotations

import json

import pytest

from scraper.detect import board_from_token, detect_from_page, detect_from_url, resolve
from tests.helpers import make_spider, shared_fixture
from tests.samples import spider_class

URL_CASES = [
    # BambooHR: the careers site, its list, a job, the embed script and the old embed page
    ("https://acme.bamboohr.com/careers", "bamboohr", "acme", "https://acme.bamboohr.com/careers/list"),
    ("https://acme.bamboohr.com/careers/list", "bamboohr", "acme", "https://acme.bamboohr.com/careers/list"),
    ("https://acme.bamboohr.com/careers/41?source=aWQ9MTI%3D", "bamboohr", "acme",
     "https://acme.bamboohr.com/careers/list"),
    ("https://ph7.bamboohr.com/js/embed.js", "bamboohr", "ph7", "https://ph7.bamboohr.com/careers/list"),
    ("https://acme.bamboohr.com/jobs/embed2.php?departmentId=0", "bamboohr", "acme",
     "https://acme.bamboohr.com/careers/list"),
    # Breezy: the portal, a position, the JSON
    ("https://acme.breezy.hr", "breezy", "acme", "https://acme.breezy.hr/json?verbose=true"),
    ("https://acme.breezy.hr/p/4fb21e266193-applications-scientist", "breezy", "acme",
     "https://acme.breezy.hr/json?verbose=true"),
    ("https://acme.breezy.hr/json", "breezy", "acme", "https://acme.breezy.hr/json?verbose=true"),
    # Rippling: the board (with a locale, a job, the embed form), the v1 and v2 APIs; slugs keep their case
    ("https://ats.rippling.com/portside/jobs", "rippling", "portside",
     "https://api.rippling.com/platform/api/ats/v2/board/portside/jobs?page=0&pageSize=100"),
    ("https://ats.rippling.com/en-GB/algorand/jobs", "rippling", "algorand",
     "https://api.rippling.com/platform/api/ats/v2/board/algorand/jobs?page=0&pageSize=100"),
    ("https://ats.rippling.com/Portside/jobs/f7008ce4-5157-4ba9-b75b-ed2a6448b579", "rippling", "Portside",
     "https://api.rippling.com/platform/api/ats/v2/board/Portside/jobs?page=0&pageSize=100"),
    ("https://ats.rippling.com/embed/gotenna", "rippling", "gotenna",
     "https://api.rippling.com/platform/api/ats/v2/board/gotenna/jobs?page=0&pageSize=100"),
    ("https://api.rippling.com/platform/api/ats/v1/board/portside/jobs", "rippling", "portside",
     "https://api.rippling.com/platform/api/ats/v1/board/portside/jobs"),
    ("https://api.rippling.com/platform/api/ats/v2/board/rippling/jobs?page=0&pageSize=2", "rippling", "rippling",
     "https://api.rippling.com/platform/api/ats/v2/board/rippling/jobs?page=0&pageSize=2"),
    # Pinpoint: the site, a posting, the feed
    ("https://workwithus.pinpointhq.com", "pinpoint", "workwithus", "https://workwithus.pinpointhq.com/postings.json"),
    ("https://workwithus.pinpointhq.com/en/postings/1ecbb6af-51bf-49fa-826f-285bffa71370", "pinpoint",
     "workwithus", "https://workwithus.pinpointhq.com/postings.json"),
    # Gem: the board, a job page (its board is read), the Job Board API
    ("https://jobs.gem.com/auger", "gem", "auger", "https://api.gem.com/job_board/v0/auger/job_posts/"),
    ("https://jobs.gem.com/polar/am9icG9zdDparTigzDB_RewSqH5o5htc", "gem", "polar",
     "https://api.gem.com/job_board/v0/polar/job_posts/"),
    ("https://api.gem.com/job_board/v0/auger/job_posts/", "gem", "auger",
     "https://api.gem.com/job_board/v0/auger/job_posts/"),
    # API paths on any host (a mirror, 127.0.0.1)
    ("http://127.0.0.1:8123/platform/api/ats/v1/board/portside/jobs", "rippling", "portside",
     "http://127.0.0.1:8123/platform/api/ats/v1/board/portside/jobs"),
    ("http://127.0.0.1:8123/platform/api/ats/v2/board/portside/jobs", "rippling", "portside",
     "http://127.0.0.1:8123/platform/api/ats/v2/board/portside/jobs?page=0&pageSize=100"),
    ("http://127.0.0.1:8123/job_board/v0/auger/job_posts", "gem", "auger",
     "http://127.0.0.1:8123/job_board/v0/auger/job_posts/"),
    ("https://careers.example.com/postings.json", "pinpoint", "", "https://careers.example.com/postings.json"),
]


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_detect_from_url(url, platform, token, api_url):
    found = detect_from_url(url)
    assert found is not None and (found.platform, found.token, found.api_url) == (platform, token, api_url)


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_detected_api_url_is_the_spiders_first_request(url, platform, token, api_url):
    found = detect_from_url(url)
    assert make_spider(spider_class(platform), url=found.crawl_url).api_url() == api_url
    assert make_spider(spider_class(platform), url=found.board_url, board=token).api_url()  # accepted too


@pytest.mark.parametrize("url", [
    "https://www.bamboohr.com/pricing", "https://help.bamboohr.com/s/article/1", "https://bamboohr.com/careers",
    "https://www.breezy.hr/", "https://app.breezy.hr/signin", "https://breezy.hr/json",
    "https://ats.rippling.com/", "https://ats.rippling.com/api/v2/", "https://www.rippling.com/careers",
    "https://www.pinpointhq.com/", "https://developers.pinpointhq.com/docs",
    "https://jobs.gem.com/", "https://www.gem.com/careers", "https://jobs.gem.com/static/app.js",
    "https://acme.bamboohr.com.evil.example/careers", "https://example.com/careers/postings.json",
])
def test_not_a_board(url):
    assert detect_from_url(url) is None


@pytest.mark.parametrize("relative,key,platform,token", [
    ("breezy/api/breezy_demo_trial_portal_json.json", "url", "breezy", "breezy"),
    ("rippling/api/portside_v1_jobs_list.json", "url", "rippling", "portside"),
    ("rippling/api/rippling_own_board_v2_jobs_page.json", "url", "rippling", "rippling"),
    ("pinpoint/api/pinpoint_own_postings.json", "url", "pinpoint", "workwithus"),
])
def test_sample_posting_urls_name_their_board(relative, key, platform, token):
    data = json.loads(shared_fixture(relative).read_text(encoding="utf-8"))
    rows = data if isinstance(data, list) else data.get("items") or data.get("data")
    urls = [row[key] for row in rows]
    assert urls
    for url in urls:
        found = detect_from_url(url)
        assert found is not None and (found.platform, found.token) == (platform, token), url


def test_rippling_detail_sample_names_its_board():
    detail = json.loads(shared_fixture("rippling/api/portside_v1_job_detail.json").read_text())
    for url in (detail["url"], detail["board"]["boardURL"]):
        assert (detect_from_url(url).platform, detect_from_url(url).token) == ("rippling", "portside")


# ---- company pages ---------------------------------------------------------------------------

PAGE = "https://www.acme.example/careers"


def page(body, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("html,platform,token", [
    # BambooHR's embed: a div and its script
    (page('<div id="BambooHR" data-domain="acme.bamboohr.com" data-version="1.0.0"></div>'
          '<script src="https://acme.bamboohr.com/js/embed.js" async defer></script>'), "bamboohr", "acme"),
    (page('<iframe src="https://acme.bamboohr.com/jobs/embed2.php?departmentId=0"></iframe>'), "bamboohr", "acme"),
    (page('<a href="https://acme.breezy.hr/">Open positions</a> <a href="https://acme.breezy.hr/p/1-x">x</a>'),
     "breezy", "acme"),
    (page('<iframe src="https://ats.rippling.com/embed/acme"></iframe>'), "rippling", "acme"),
    (page('<a href="https://ats.rippling.com/en-GB/acme/jobs">Jobs</a>'), "rippling", "acme"),
    (page('<a class="btn" href="https://acme.pinpointhq.com">See our vacancies</a>'), "pinpoint", "acme"),
    (page('<iframe src="https://jobs.gem.com/acme" width="100%"></iframe>'), "gem", "acme"),
    (page("", head='<script>window.jobsUrl = "https://jobs.gem.com/acme";</script>'), "gem", "acme"),
])
def test_detect_from_page(html, platform, token):
    found = detect_from_page(PAGE, html)
    assert found is not None and (found.platform, found.token) == (platform, token), found


def test_marketing_links_are_not_boards():
    html = page('<a href="https://www.bamboohr.com/">HR software by BambooHR</a>'
                '<a href="https://breezy.hr/">Breezy</a><a href="https://www.gem.com/">Gem</a>'
                '<a href="https://www.rippling.com/">Rippling</a><a href="https://www.pinpointhq.com/">Pinpoint</a>')
    assert detect_from_page(PAGE, html) is None


@pytest.mark.parametrize("platform,token,api_url", [
    ("bamboohr", "acme", "https://acme.bamboohr.com/careers/list"),
    ("breezy", "acme", "https://acme.breezy.hr/json?verbose=true"),
    ("rippling", "Portside", "https://api.rippling.com/platform/api/ats/v2/board/Portside/jobs?page=0&pageSize=100"),
    ("pinpoint", "workwithus", "https://workwithus.pinpointhq.com/postings.json"),
    ("gem", "auger", "https://api.gem.com/job_board/v0/auger/job_posts/"),
])
def test_board_from_token(platform, token, api_url):
    found = board_from_token(platform, token)
    assert found is not None and (found.platform, found.api_url) == (platform, api_url)


def test_resolve_pinpoint_on_its_own_domain():
    found = resolve("https://careers.example.com/", platform="pinpoint")
    assert (found.platform, found.api_url) == ("pinpoint", "https://careers.example.com/postings.json")
