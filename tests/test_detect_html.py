"""Detection of the html-group platforms (iCIMS, JazzHR, Jobvite) from careers URLs and from company pages."""

import pytest

from scraper.detect import PLATFORMS, board_from_token, detect, detect_from_page, detect_from_url, resolve
from spiders.icims import IcimsSpider
from spiders.jazzhr import JazzHRSpider
from spiders.jobvite import JobviteSpider
from tests.helpers import make_spider, shared_fixture

SPIDERS = {"icims": IcimsSpider, "jazzhr": JazzHRSpider, "jobvite": JobviteSpider}

URL_CASES = [
    # iCIMS: any portal host <label>.icims.com, whatever the path.
    ("https://careers-wipfli.icims.com/jobs/search?ss=1", "icims", "careers-wipfli",
     "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1"),
    ("https://careers-sig.icims.com/jobs/11169/trading-system-engineering-internship%3a-summer-2027/job",
     "icims", "careers-sig", "https://careers-sig.icims.com/jobs/search?ss=1&in_iframe=1"),
    ("https://uscareers-acme.icims.com/jobs/intro?hashed=-625919477&mobile=false", "icims", "uscareers-acme",
     "https://uscareers-acme.icims.com/jobs/search?ss=1&in_iframe=1"),
    ("careers-wipfli.icims.com", "icims", "careers-wipfli",
     "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1"),
    # The framed search on a host that is not iCIMS's (a mirror): its filters kept, no page.
    ("http://127.0.0.1:8080/jobs/search?ss=1&in_iframe=1&pr=2", "icims", "",
     "http://127.0.0.1:8080/jobs/search?ss=1&in_iframe=1"),
    # JazzHR: <company>.applytojob.com (and the old theresumator.com), the widget script.
    ("https://acme.applytojob.com/apply", "jazzhr", "acme", "https://acme.applytojob.com/apply/jobs"),
    ("https://acme.applytojob.com/apply/AbC123xyZ9/Senior-Robotics-Engineer", "jazzhr", "acme",
     "https://acme.applytojob.com/apply/jobs"),
    ("https://acme.applytojob.com/apply/jobs/details/AbC123xyZ9?&", "jazzhr", "acme",
     "https://acme.applytojob.com/apply/jobs"),
    ("https://acme.theresumator.com/apply", "jazzhr", "acme", "https://acme.theresumator.com/apply/jobs"),
    ("https://app.jazz.co/widgets/basic/create/acme", "jazzhr", "acme", "https://acme.applytojob.com/apply/jobs"),
    ("http://127.0.0.1:8080/apply/jobs", "jazzhr", "", "http://127.0.0.1:8080/apply/jobs"),
    ("http://127.0.0.1:8080/apply/jobs/feed", "jazzhr", "", "http://127.0.0.1:8080/apply/jobs"),
    # Jobvite: jobs.jobvite.com/<company>[/careers prefix].
    ("https://jobs.jobvite.com/feedingamerica", "jobvite", "feedingamerica",
     "https://jobs.jobvite.com/feedingamerica/search"),
    ("https://jobs.jobvite.com/feedingamerica/job/octxAfww", "jobvite", "feedingamerica",
     "https://jobs.jobvite.com/feedingamerica/search"),
    ("https://jobs.jobvite.com/careers/feedingamerica/jobs?error=404", "jobvite", "feedingamerica",
     "https://jobs.jobvite.com/feedingamerica/search"),
]


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_url_detection(url, platform, token, api_url):
    found = detect_from_url(url)
    assert (found.platform, found.token, found.api_url) == (platform, token, api_url)
    assert platform in PLATFORMS and found.evidence


@pytest.mark.parametrize("url,platform,token,api_url", URL_CASES)
def test_the_detected_api_url_is_what_the_spider_requests_first(url, platform, token, api_url):
    spider = make_spider(SPIDERS[platform], url=api_url)
    assert spider.board_url == api_url
    assert make_spider(SPIDERS[platform], url=detect_from_url(url).board_url).board_url == api_url


@pytest.mark.parametrize("url", [
    "https://www.icims.com/",  # the vendor's site
    "https://api.icims.com/customers/1234/jobs",
    "https://icims.com.evil.example/jobs/search?ss=1",
    "https://app.applytojob.com/notfound.html",
    "https://www.applytojob.com/",
    "https://jobs.jobvite.com/",
    "https://jobs.jobvite.com/__assets__/scripts/careersite/public/iframeResizer.js",
    "https://www.jobvite.com/products/",
    "https://example.com/jobs/search?ss=1",  # a search page anywhere is not iCIMS without the framed content
    "https://example.com/apply/now",
])
def test_lookalikes_and_vendor_pages_are_no_board(url):
    found = detect_from_url(url)
    assert found is None or found.platform not in SPIDERS


def test_token_boards():
    assert board_from_token("icims", "careers-wipfli").api_url == (
        "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1")
    assert board_from_token("jazzhr", "acme").api_url == "https://acme.applytojob.com/apply/jobs"
    assert board_from_token("jobvite", "feedingamerica").api_url == "https://jobs.jobvite.com/feedingamerica/search"
    assert board_from_token("jobvite", "../x") is None


def test_a_company_page_framing_an_icims_portal():
    page = ('<html><body><h1>Careers at Wipfli</h1><iframe id="icims_content_iframe" '
            'src="https://careers-wipfli.icims.com/jobs/search?ss=1&amp;in_iframe=1&amp;hashed=-1834388451'
            '&amp;mobile=false&amp;width=1140&amp;height=500"></iframe></body></html>')
    found = detect_from_page("https://www.wipfli.com/careers", page)
    assert (found.platform, found.token) == ("icims", "careers-wipfli")
    assert found.api_url == "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1"
    assert "embed" in found.evidence


def test_the_real_icims_listing_cards_on_a_company_domain_link_to_the_portal():
    html = shared_fixture("icims/careers_site/wipfli_jobs_search_cards.html").read_bytes()
    found = detect_from_page("https://www.wipfli.com/careers/openings", html)
    assert (found.platform, found.token) == ("icims", "careers-wipfli")


def test_a_company_page_with_the_jazzhr_widget_script():
    page = ('<html><body><div id="resumator-jobs"></div>'
            '<script src="https://app.jazz.co/widgets/basic/create/acme" type="text/javascript"></script>'
            '</body></html>')
    found = detect_from_page("https://acme.example.com/careers", page)
    assert (found.platform, found.token, found.api_url) == ("jazzhr", "acme", "https://acme.applytojob.com/apply/jobs")


def test_a_company_page_linking_to_its_jazzhr_board():
    page = ('<html><body><a href="https://acme.applytojob.com/apply/AbC123xyZ9/Senior-Robotics-Engineer">Engineer</a>'
            '<a href="https://acme.applytojob.com/apply">All openings</a></body></html>')
    found = detect("https://www.acmerobotics.example/jobs", page)
    assert (found.platform, found.token) == ("jazzhr", "acme")


def test_a_company_page_framing_jobvite_and_loading_its_assets():
    page = ('<html><head><script src="//jobs.jobvite.com/__assets__/scripts/careersite/public/iframeResizer.js">'
            '</script></head><body><iframe src="https://jobs.jobvite.com/feedingamerica/jobs?nl=1"></iframe>'
            '</body></html>')
    found = detect_from_page("https://www.feedingamerica.org/about-us/careers", page)
    assert (found.platform, found.token) == ("jobvite", "feedingamerica")
    assert found.api_url == "https://jobs.jobvite.com/feedingamerica/search"


def test_resolve_with_the_platform_given():
    # A mirror address that names no board: the spider is given the address itself.
    found = resolve("http://127.0.0.1:8080/feedingamerica/search", platform="jobvite")
    assert (found.platform, found.crawl_url) == ("jobvite", "http://127.0.0.1:8080/feedingamerica/search")
    found = resolve("https://www.wipfli.com/careers", platform="icims", token="careers-wipfli")
    assert found.api_url == "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1"
