"""Detection of the feeds group's platforms (Oracle Recruiting Cloud, SAP SuccessFactors RMK, Eightfold) from
URLs and from a company's own pages; every detected address is one the platform's spider accepts."""

from __future__ import annotations

import pytest

from scraper.detect import PLATFORMS, board_from_token, detect_from_page, detect_from_url, resolve
from spiders.eightfold import EightfoldSpider
from spiders.oracle import OracleSpider
from spiders.successfactors import SuccessFactorsSpider
from tests.helpers import make_spider

SPIDERS = {"oracle": OracleSpider, "successfactors": SuccessFactorsSpider, "eightfold": EightfoldSpider}
ORC = "https://ejov.fa.ca2.oraclecloud.com"
ORC_LIST = (f"{ORC}/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=requisitionList."
            "secondaryLocations&finder=findReqs;siteNumber=CX_1,limit=100,offset=0,sortBy=POSTING_DATES_DESC")

URL_CASES = [
    # Oracle: the Candidate Experience site (any page of it), its REST API, on Oracle's hosts and any other
    (f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1", "oracle", "ejov/CX_1", ORC_LIST),
    (f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1/job/25587?utm_medium=x", "oracle", "ejov/CX_1", ORC_LIST),
    ("https://fa-ewji-saasfaprod1.fa.ocs.oraclecloud.com/hcmUI/CandidateExperience/fr/sites/CX_2/jobs", "oracle",
     "fa-ewji-saasfaprod1/CX_2",
     "https://fa-ewji-saasfaprod1.fa.ocs.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions"
     "?onlyData=true&expand=requisitionList.secondaryLocations&finder=findReqs;siteNumber=CX_2,limit=100,offset=0,"
     "sortBy=POSTING_DATES_DESC"),
    (f"{ORC}/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&finder=findReqs;siteNumber=CX_1,"
     "limit=25,offset=0", "oracle", "ejov/CX_1",
     f"{ORC}/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&finder=findReqs;siteNumber=CX_1,"
     "limit=25,offset=0"),
    (f"{ORC}/hcmRestApi/resources/latest/recruitingCEJobRequisitionDetails?expand=all&onlyData=true&finder=ById;"
     "Id=%2226011990%22,siteNumber=CX_1", "oracle", "ejov/CX_1", ORC_LIST),
    ("https://careers.acme.example/hcmUI/CandidateExperience/en/sites/careers/job/R288262", "oracle",
     "careers.acme.example/careers",
     "https://careers.acme.example/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand="
     "requisitionList.secondaryLocations&finder=findReqs;siteNumber=careers,limit=100,offset=0,"
     "sortBy=POSTING_DATES_DESC"),
    # SuccessFactors Recruiting Marketing: its feeds on the company's careers host
    ("https://jobs.aa.com/googlefeed.xml", "successfactors", "jobs.aa.com", "https://jobs.aa.com/googlefeed.xml"),
    ("https://careers.acme.example/sitemal.xml", "successfactors", "careers.acme.example",
     "https://careers.acme.example/sitemal.xml"),
    ("https://jobs.sap.com/services/rss/job/?locale=en_US&keywords=(sales)", "successfactors", "jobs.sap.com",
     "https://jobs.sap.com/services/rss/job/?locale=en_US&keywords=(sales)"),
    # Eightfold: <company>.eightfold.ai (careers pages, API), the API path on a company's own host
    ("https://albemarle.eightfold.ai/careers?domain=albemarle.com", "eightfold", "albemarle",
     "https://albemarle.eightfold.ai/api/apply/v2/jobs?domain=albemarle.com&start=0&num=10"),
    ("https://albemarle.eightfold.ai/careers/job/1099555326551", "eightfold", "albemarle",
     "https://albemarle.eightfold.ai/api/apply/v2/jobs?start=0&num=10"),
    ("https://albemarle.eightfold.ai/api/apply/v2/jobs?domain=albemarle.com&start=0&num=10", "eightfold", "albemarle",
     "https://albemarle.eightfold.ai/api/apply/v2/jobs?domain=albemarle.com&start=0&num=10"),
    ("https://apply.careers.microsoft.com/api/apply/v2/jobs/1970393556868060?domain=microsoft.com", "eightfold",
     "microsoft.com", "https://apply.careers.microsoft.com/api/apply/v2/jobs?domain=microsoft.com&start=0&num=10"),
    ("http://127.0.0.1:8123/api/apply/v2/jobs?domain=acme.com&start=0&num=10", "eightfold", "acme.com",
     "http://127.0.0.1:8123/api/apply/v2/jobs?domain=acme.com&start=0&num=10"),
]


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_detect_from_url(url, platform, token, api_url):
    found = detect_from_url(url)
    assert found is not None, url
    assert (found.platform, found.token, found.api_url) == (platform, token, api_url)
    assert platform in PLATFORMS and found.evidence
    # The API address is the spider's first request; the board address works as `-a url=` too.
    assert make_spider(SPIDERS[platform], url=found.api_url).board_url == api_url
    assert make_spider(SPIDERS[platform], url=found.board_url).board_url


@pytest.mark.parametrize("url", [
    "https://www.eightfold.ai/careers",  # Eightfold's own marketing site
    "https://vs-errors.eightfold.ai/10",  # its error tracker, loaded by every site
    "https://eightfold.ai.evil.example/careers",
    "https://ejov.fa.ca2.oraclecloud.com/",  # an Oracle host without a site
    "https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/",
    "https://ejov.fa.ca2.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions?finder=findReqs",
    "https://oraclecloud.com.evil.example/hcmUI/x",
    "https://jobs.aa.com/",  # an RMK site's pages: only its page tells (see below)
    "https://jobs.aa.com/feeds/googlefeed.xml.bak",
])
def test_not_a_board(url):
    assert detect_from_url(url) is None


PAGE = "https://www.acme.example/careers"


def page(body, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("html,expected", [
    (page('<iframe src="https://acme.eightfold.ai/careers?domain=acme.com"></iframe>'), ("eightfold", "acme")),
    (page('<a href="https://acme.eightfold.ai/careers/job/7">Job</a><a href="https://acme.eightfold.ai/careers">All</a>'),
     ("eightfold", "acme")),
    (page('<a href="https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/1">Job</a>'),
     ("oracle", "ejov/CX_1")),
    (page('<iframe src="https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1"></iframe>'),
     ("oracle", "ejov/CX_1")),
    # RMK and Eightfold sites on the company's own domain load their platform's CDN assets
    (page("", '<link rel="stylesheet" href="https://rmkcdn.successfactors.com/a1b2c3/site.css">'),
     ("successfactors", "")),
    (page('<img src="https://rmkcdn.successfactors.com/83e0592a/logo.png">'), ("successfactors", "")),
    (page("", '<link href="https://static.vscdn.net/fonts/css/eightfold-font-base.css" rel="stylesheet">'),
     ("eightfold", "")),
])
def test_detect_from_page(html, expected):
    found = detect_from_page(PAGE, html)
    assert found is not None
    assert (found.platform, found.token) == expected
    assert make_spider(SPIDERS[found.platform], url=found.crawl_url).board_url


def test_own_domain_sites_are_read_on_the_page_host():
    rmk = detect_from_page("https://jobs.aa.com/", page('<img src="https://rmkcdn.successfactors.com/x/logo.png">'))
    assert (rmk.board_url, rmk.api_url) == ("https://jobs.aa.com", "https://jobs.aa.com/googlefeed.xml")
    eightfold = detect_from_page("http://127.0.0.1:8000/careers",
                                 page("", '<link href="https://static.vscdn.net/fonts/css/x.css">'))
    assert eightfold.api_url == "http://127.0.0.1:8000/api/apply/v2/jobs"
    assert make_spider(EightfoldSpider, url=eightfold.api_url).board_url == (
        "http://127.0.0.1:8000/api/apply/v2/jobs?start=0&num=10")
    # A link to the site's Eightfold board beats the CDN mark and names the account.
    linked = detect_from_page(PAGE, page('<img src="https://static.vscdn.net/x.png">'
                                         '<a href="https://acme.eightfold.ai/careers">Jobs</a>'))
    assert (linked.token, linked.api_url) == ("acme", "https://acme.eightfold.ai/api/apply/v2/jobs?start=0&num=10")


def test_board_from_token_and_configured_platforms():
    eightfold = board_from_token("eightfold", "albemarle")
    assert (eightfold.board_url, eightfold.api_url) == (
        "https://albemarle.eightfold.ai/careers", "https://albemarle.eightfold.ai/api/apply/v2/jobs?start=0&num=10")
    assert board_from_token("oracle", "ejov/CX_1") is None  # an Oracle site needs its host
    assert board_from_token("successfactors", "jobs.aa.com") is None
    # A careers site configured as SuccessFactors is read through its Google feed where it is.
    rmk = resolve("https://jobs.aa.com/", "successfactors")
    assert rmk.api_url == "https://jobs.aa.com/googlefeed.xml"
    assert resolve("https://careers.acme.example/", "eightfold").api_url == (
        "https://careers.acme.example/api/apply/v2/jobs")
    # An Oracle site's URL says where it is; a bare host does not (the evidence says so).
    assert resolve(f"{ORC}/hcmUI/CandidateExperience/en/sites/CX_1", "oracle").api_url == ORC_LIST
    unknown = resolve("https://careers.acme.example/", "oracle")
    assert unknown.api_url == "" and "does not locate" in unknown.evidence
