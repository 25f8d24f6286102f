"""Detection of JOIN, Comeet, Jobylon, Paylocity and Phenom boards: from URLs, from company pages, by token;
every address detection gives is one the platform's spider requests first."""

from __future__ import annotations

import pytest

from scraper.detect import board_from_token, detect_from_page, detect_from_url, resolve
from spiders.comeet import ComeetSpider
from spiders.jobylon import JobylonSpider
from spiders.join import JoinSpider
from spiders.paylocity import PaylocitySpider
from spiders.phenom import PhenomSpider
from tests.helpers import make_spider, shared_fixture

SPIDERS = {"join": JoinSpider, "comeet": ComeetSpider, "jobylon": JobylonSpider, "paylocity": PaylocitySpider,
           "phenom": PhenomSpider}
GUID = "211e692d-c45a-4e3a-ae01-3e497af97929"
TOKEN = "6F329B2DE6379829B229B2037983E8B3E8B"
COMEET_API = f"https://www.comeet.co/careers-api/2.0/company/F6.003/positions?token={TOKEN}"

URL_CASES = [
    # JOIN: company pages, job pages, the jobs API (on any host)
    ("https://join.com/companies/qdrant", "join", "qdrant", "https://join.com/companies/qdrant"),
    ("https://join.com/companies/karriere-bei-ptsoftware/16497003-full-stack-developer", "join",
     "karriere-bei-ptsoftware", "https://join.com/companies/karriere-bei-ptsoftware"),
    ("www.join.com/companies/myralearning?page=2", "join", "myralearning", "https://join.com/companies/myralearning"),
    ("https://join.com/api/public/companies/310/jobs?page=1&pageSize=5", "join", "310",
     "https://join.com/api/public/companies/310/jobs"),
    ("http://127.0.0.1:8080/api/public/companies/310/jobs", "join", "310",
     "http://127.0.0.1:8080/api/public/companies/310/jobs"),
    # Comeet: the hosted careers page (any page under it), the careers API with its token (on any host)
    ("https://www.comeet.com/jobs/wiliot/F6.003", "comeet", "F6.003", "https://www.comeet.com/jobs/wiliot/F6.003"),
    ("https://www.comeet.com/jobs/wiliot/f6.003/forward-deployed-engineer/18.767", "comeet", "F6.003",
     "https://www.comeet.com/jobs/wiliot/F6.003"),
    (COMEET_API, "comeet", "F6.003", COMEET_API + "&details=true"),
    ("http://127.0.0.1:8080/careers-api/2.0/company/F6.003/positions?token=ABC", "comeet", "F6.003",
     "http://127.0.0.1:8080/careers-api/2.0/company/F6.003/positions?token=ABC&details=true"),
    # Jobylon: the embed and the company page
    ("https://cdn.jobylon.com/jobs/companies/1955/embed/v2/", "jobylon", "1955",
     "https://cdn.jobylon.com/jobs/companies/1955/embed/v2/"),
    ("https://cdn.jobylon.com/jobs/companies/1955/embed/v2/?target=_parent", "jobylon", "1955",
     "https://cdn.jobylon.com/jobs/companies/1955/embed/v2/"),
    ("https://emp.jobylon.com/companies/138-volumental/", "jobylon", "138",
     "https://cdn.jobylon.com/jobs/companies/138/embed/v2/"),
    # Paylocity: the board
    (f"https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}", "paylocity", GUID,
     f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID}"),
    (f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID.upper()}/North-Carolina", "paylocity", GUID,
     f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID.upper()}"),
    # Phenom: search pages on the company's own domain
    ("https://careers.phenom.com/global/en/search-results", "phenom", "careers.phenom.com",
     "https://careers.phenom.com/global/en/search-results"),
    ("https://jobs.baesystems.com/global/en/search-results?from=0&s=1", "phenom", "jobs.baesystems.com",
     "https://jobs.baesystems.com/global/en/search-results"),
    ("https://careers.example.com/us/en/search-results/", "phenom", "careers.example.com",
     "https://careers.example.com/us/en/search-results"),
]


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_detect_from_url(url, platform, token, api_url):
    found = detect_from_url(url)
    assert (found.platform, found.token, found.api_url) == (platform, token, api_url)


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_the_spider_requests_the_detected_address_first(url, platform, token, api_url):
    found = detect_from_url(url)
    assert make_spider(SPIDERS[platform], url=found.crawl_url).board_url == api_url


@pytest.mark.parametrize("url", [
    "https://join.com/", "https://join.com/jobs", "https://join.com/api/public/jobs/16497003",
    "https://www.comeet.com/jobs/wiliot", "https://www.comeet.com/", "https://www.comeet.co/careers-api/api.js",
    "https://www.comeet.co/careers-api/2.0/company/F6.003/positions",  # no token: the API refuses it
    "https://emp.jobylon.com/jobs/355795-mcdonalds-sverige-x/", "https://cdn.jobylon.com/embedder.js",
    "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169", "https://recruiting.paylocity.com/",
    "https://www.example.com/search-results", "https://www.example.com/blog/en/posts/search-results",
    "https://join.com.evil.example/companies/qdrant", "https://recruiting.paylocity.com.evil.example/recruiting/jobs/"
    f"All/{GUID}",
])
def test_not_a_board(url):
    assert detect_from_url(url) is None


PAGE_CASES = [
    # Embeds and links through the host rules
    ('<iframe src="https://cdn.jobylon.com/jobs/companies/1955/embed/v2/"></iframe>', "jobylon", "1955"),
    (f'<iframe src="https://recruiting.paylocity.com/recruiting/jobs/All/{GUID}"></iframe>', "paylocity", GUID),
    ('<a href="https://join.com/companies/qdrant">Jobs</a><a href="https://join.com/companies/qdrant/1-x">x</a>',
     "join", "qdrant"),
    ('<a href="https://www.comeet.com/jobs/wiliot/F6.003">Open positions</a>', "comeet", "F6.003"),
    # Comeet's careers widget: only its script says which company
    ("""<script>window.comeetInit = function() { COMEET.init({"token": "7432B9215C9244FE86E8632D5244FE863A18",
        "company-uid": "47.003", "company-name": "GoTech", //add more parameters here
     }); }; (function(d, s, id) { js.src = "//www.comeet.co/careers-api/api.js"; }(document, 'script', 'x'));
     </script><script type="comeet-applyform" data-position-uid="47.B1C"></script>""", "comeet", "47.003"),
    # Jobylon's v1 widget
    ("<div id='jobylon-jobs-widget'></div><script>window.jbl_company_id = 2986;</script>", "jobylon", "2986"),
]


@pytest.mark.parametrize("html,platform,token", PAGE_CASES)
def test_detect_from_page(html, platform, token):
    found = detect_from_page("https://www.acme.example/careers", f"<html><body>{html}</body></html>")
    assert (found.platform, found.token) == (platform, token)
    assert make_spider(SPIDERS[platform], url=found.crawl_url).board_url == found.api_url


def test_comeet_widget_gives_the_careers_api():
    html = PAGE_CASES[4][0]
    found = detect_from_page("https://www.acme.example/careers", html)
    assert found.api_url == ("https://www.comeet.co/careers-api/2.0/company/47.003/positions"
                             "?token=7432B9215C9244FE86E8632D5244FE863A18&details=true")


def test_a_phenom_site_from_its_own_page():
    found = detect_from_page("https://careers.phenom.com/global/en/search-results",
                             shared_fixture("phenom/careers_site/phenom_own_search_results_ddo.html").read_bytes())
    assert (found.platform, found.api_url) == ("phenom", "https://careers.phenom.com/global/en/search-results")
    home = ('<html><head><link rel="stylesheet" href="https://cdn.phenompeople.com/CareerConnectResources/x.css">'
            "</head><body><script>var phApp = phApp || {\"baseUrl\": \"https://jobs.bell.ca/ca/en/\"};</script>"
            "</body></html>")
    found = detect_from_page("https://jobs.bell.ca/", home)
    assert (found.platform, found.token, found.api_url) == ("phenom", "jobs.bell.ca",
                                                            "https://jobs.bell.ca/ca/en/search-results")
    assets_only = '<html><head><script src="https://cdn.phenompeople.com/a/b.js"></script></head></html>'
    found = detect_from_page("https://careers.acme.example/us/en/", assets_only)
    assert found.api_url == "https://careers.acme.example/us/en/search-results"


def test_an_embed_beats_the_comeet_widget_and_bad_widgets_name_nothing():
    widget = PAGE_CASES[4][0]
    found = detect_from_page("https://www.acme.example/", widget + PAGE_CASES[0][0])
    assert found.platform == "jobylon"
    broken = '<script>COMEET.init({"token": "T", "company-uid": </script>'
    assert detect_from_page("https://www.acme.example/", broken) is None
    assert detect_from_page("https://www.acme.example/", '<script>COMEET.init({"company-uid": "x"})</script>') is None


@pytest.mark.parametrize("platform,token,api_url", [
    ("join", "qdrant", "https://join.com/companies/qdrant"),
    ("jobylon", "1955", "https://cdn.jobylon.com/jobs/companies/1955/embed/v2/"),
    ("paylocity", GUID, f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{GUID}"),
])
def test_board_from_token(platform, token, api_url):
    assert board_from_token(platform, token).api_url == api_url


def test_resolve_a_phenom_site_given_as_configured():
    found = resolve("https://careers.phenom.com/global/en", "phenom")
    assert found.platform == "phenom"
    assert make_spider(PhenomSpider, url=found.crawl_url).board_url == (
        "https://careers.phenom.com/global/en/search-results")
    assert resolve("https://careers.phenom.com/global/en/search-results", "phenom").token == "careers.phenom.com"
