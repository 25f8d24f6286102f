import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.cli import main
from scraper.detect import (
    PLATFORMS,
    board_from_token,
    detect,
    detect_from_page,
    detect_from_url,
    resolve,
)
from tests.helpers import shared_fixture

# ---- URLs -----------------------------------------------------------------------------------

URL_CASES = [
    # Greenhouse: hosted boards (US and EU), job links, embeds, the boards API
    ("https://boards.greenhouse.io/gitlab", "greenhouse", "gitlab"),
    ("https://job-boards.greenhouse.io/anthropic/jobs/4017544008", "greenhouse", "anthropic"),
    ("https://job-boards.eu.greenhouse.io/scaleops", "greenhouse", "scaleops"),
    ("https://boards.eu.greenhouse.io/acme/jobs/1?gh_src=x", "greenhouse", "acme"),
    ("http://boards.greenhouse.io/generalassembly/jobs/721", "greenhouse", "generalassembly"),
    ("https://boards.greenhouse.io/embed/job_board?for=acme", "greenhouse", "acme"),
    ("https://boards.greenhouse.io/embed/job_board/js?for=acme&b=https://acme.example", "greenhouse", "acme"),
    ("https://boards.greenhouse.io/embed/job_app?for=acme&token=123", "greenhouse", "acme"),
    ("https://job-boards.greenhouse.io/embed/job_board?for=acme", "greenhouse", "acme"),
    ("https://boards-api.greenhouse.io/v1/boards/stripe/jobs", "greenhouse", "stripe"),
    ("https://boards-api.greenhouse.io/v1/boards/anthropic/jobs/5101378008?questions=true",
     "greenhouse", "anthropic"),
    ("boards.greenhouse.io/gitlab", "greenhouse", "gitlab"),
    ("HTTPS://Job-Boards.Greenhouse.IO/gitlab", "greenhouse", "gitlab"),
    # Lever
    ("https://jobs.lever.co/palantir", "lever", "palantir"),
    ("https://jobs.lever.co/mistral/618c9763-cb22-4343-baca-cf1cf6b05f5c/apply", "lever", "mistral"),
    ("https://jobs.eu.lever.co/acme/5cde0d09/apply", "lever", "acme"),
    ("https://api.lever.co/v0/postings/leverdemo?mode=json", "lever", "leverdemo"),
    ("https://api.eu.lever.co/v0/postings/mobileye", "lever", "mobileye"),
    # Ashby
    ("https://jobs.ashbyhq.com/linear", "ashby", "linear"),
    ("https://jobs.ashbyhq.com/ramp/1db75064-e38c-4b21-8310-21471943d0be/application", "ashby", "ramp"),
    ("https://jobs.ashbyhq.com/bluedot/embed?version=2", "ashby", "bluedot"),
    ("https://api.ashbyhq.com/posting-api/job-board/HighlightTA?includeCompensation=true",
     "ashby", "HighlightTA"),
    # Workable
    ("https://apply.workable.com/huggingface", "workable", "huggingface"),
    ("https://apply.workable.com/huggingface/j/0BD8C06DB3/apply/", "workable", "huggingface"),
    ("https://apply.workable.com/api/v1/widget/accounts/zaelab", "workable", "zaelab"),
    ("https://apply.workable.com/api/v3/accounts/gable/jobs", "workable", "gable"),
    ("https://huggingface.workable.com/", "workable", "huggingface"),
    # SmartRecruiters
    ("https://jobs.smartrecruiters.com/WesternDigital", "smartrecruiters", "WesternDigital"),
    ("https://jobs.smartrecruiters.com/WesternDigital/744000140949875-summer-2027-intern?oga=true",
     "smartrecruiters", "WesternDigital"),
    ("https://careers.smartrecruiters.com/BoschGroup", "smartrecruiters", "BoschGroup"),
    ("https://api.smartrecruiters.com/v1/companies/knight/postings", "smartrecruiters", "knight"),
    ("https://api.smartrecruiters.com/v1/companies/hirevue/postings/744000133640099",
     "smartrecruiters", "hirevue"),
    # Personio
    ("https://personio.jobs.personio.de", "personio", "personio"),
    ("https://personio.jobs.personio.de/xml?language=en", "personio", "personio"),
    ("https://acme-gmbh.jobs.personio.com/job/2362689?language=en", "personio", "acme-gmbh"),
    # Teamtailor
    ("https://weroad.teamtailor.com/jobs", "teamtailor", "weroad"),
    ("https://career.teamtailor.com/jobs/7167985-account-executive", "teamtailor", "career"),
    # Recruitee
    ("https://chartmogul.recruitee.com", "recruitee", "chartmogul"),
    ("https://chartmogul.recruitee.com/api/offers/", "recruitee", "chartmogul"),
    ("https://yays.recruitee.com/o/backend-engineer", "recruitee", "yays"),
    # Workday: own host (locale optional), shared myworkdaysite host, cxs API
    ("https://synchronyfinancial.wd5.myworkdayjobs.com/University/job/Stamford-Hub/BLP-Intern_2601695-1",
     "workday", "synchronyfinancial/University"),
    ("https://adobe.wd5.myworkdayjobs.com/en-US/external_experienced",
     "workday", "adobe/external_experienced"),
    ("https://nvidia.wd5.myworkdayjobs.com/NVIDIAExternalCareerSite",
     "workday", "nvidia/NVIDIAExternalCareerSite"),
    ("https://workday.wd5.myworkdayjobs.com/wday/cxs/workday/Workday/jobs", "workday", "workday/Workday"),
    ("https://wd3.myworkdaysite.com/recruiting/magna/Magna", "workday", "magna/Magna"),
    ("https://wd1.myworkdaysite.com/en-US/recruiting/abinbev/GHQ/job/TANZANIA/OPERATOR_1",
     "workday", "abinbev/GHQ"),
    ("https://wd5.myworkdaysite.com/wday/cxs/microchiphr/External/jobs", "workday", "microchiphr/External"),
    # A platform's API path on any other host (a mirror, a test server)
    ("http://127.0.0.1:8080/v1/boards/acme/jobs?content=true", "greenhouse", "acme"),
    ("http://127.0.0.1:8080/v0/postings/acme?mode=json&skip=0", "lever", "acme"),
    ("http://localhost:5000/posting-api/job-board/acme", "ashby", "acme"),
    ("http://127.0.0.1:1/api/v1/widget/accounts/acme?details=true", "workable", "acme"),
    ("http://127.0.0.1:1/v1/companies/Acme/postings?offset=0", "smartrecruiters", "Acme"),
    ("http://127.0.0.1:1/wday/cxs/acme/External/jobs", "workday", "acme/External"),
    ("http://127.0.0.1:1/api/offers/", "recruitee", ""),
]


@pytest.mark.parametrize("url,platform,token", URL_CASES)
def test_detect_from_url(url, platform, token):
    found = detect_from_url(url)
    assert found is not None, url
    assert (found.platform, found.token) == (platform, token)
    assert found.platform in PLATFORMS
    assert found.board_url.startswith(("http://", "https://"))
    assert found.api_url.startswith(("http://", "https://"))
    assert found.evidence


API_CASES = [
    ("https://job-boards.greenhouse.io/gitlab/jobs/1", "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true"),
    # EU boards are read through the one global boards API.
    ("https://job-boards.eu.greenhouse.io/acme", "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"),
    ("https://jobs.lever.co/palantir/ac978161", "https://api.lever.co/v0/postings/palantir?mode=json"),
    ("https://jobs.eu.lever.co/acme", "https://api.eu.lever.co/v0/postings/acme?mode=json"),
    ("https://jobs.ashbyhq.com/linear", "https://api.ashbyhq.com/posting-api/job-board/linear?includeCompensation=true"),
    ("https://apply.workable.com/huggingface/j/X", "https://apply.workable.com/api/v1/widget/accounts/huggingface?details=true"),
    ("https://careers.smartrecruiters.com/WesternDigital", "https://api.smartrecruiters.com/v1/companies/WesternDigital/postings"),
    ("https://personio.jobs.personio.de/job/1", "https://personio.jobs.personio.de/xml?language=en"),
    ("https://weroad.teamtailor.com/jobs", "https://weroad.teamtailor.com/jobs.json"),
    ("https://chartmogul.recruitee.com/o/x", "https://chartmogul.recruitee.com/api/offers/"),
    ("https://adobe.wd5.myworkdayjobs.com/en-US/ext/job/X", "https://adobe.wd5.myworkdayjobs.com/wday/cxs/adobe/ext/jobs"),
    ("https://wd3.myworkdaysite.com/recruiting/magna/Magna", "https://wd3.myworkdaysite.com/wday/cxs/magna/Magna/jobs"),
    # On another host the API stays on that host, scheme and port included.
    ("http://127.0.0.1:8080/v1/boards/acme/jobs/7", "http://127.0.0.1:8080/v1/boards/acme/jobs?content=true"),
    ("http://127.0.0.1:8080/v0/postings/acme/1", "http://127.0.0.1:8080/v0/postings/acme?mode=json"),
    # A Lever API URL's page size is kept (the spider pages with it); skip is the spider's own.
    ("https://api.lever.co/v0/postings/acme?mode=json&skip=40&limit=20",
     "https://api.lever.co/v0/postings/acme?mode=json&limit=20"),
    ("http://127.0.0.1:8080/v0/postings/acme?limit=2", "http://127.0.0.1:8080/v0/postings/acme?mode=json&limit=2"),
    ("http://127.0.0.1:9/wday/cxs/t/Site/job/X", "http://127.0.0.1:9/wday/cxs/t/Site/jobs"),
]


@pytest.mark.parametrize("url,api_url", API_CASES)
def test_api_url(url, api_url):
    assert detect_from_url(url).api_url == api_url


NOT_BOARDS = [
    # lookalike hosts
    "https://boards.greenhouse.io.evil.example/acme",
    "https://greenhouse.io.evil.example/acme",
    "https://evilgreenhouse.io/acme",
    "https://jobs.lever.co.evil.example/acme",
    "https://notjobs.lever.co/acme",
    "https://jobs.ashbyhq.com.evil.example/acme",
    "https://acme.recruitee.com.evil.example/",
    "https://acme.teamtailor.com.evil.example/jobs",
    "https://acme.jobs.personio.de.evil.example/",
    "https://acme.wd5.myworkdayjobs.com.evil.example/External",
    "https://a.b.recruitee.com/",
    # platform hosts, but no board
    "https://boards.greenhouse.io/",
    "https://boards.greenhouse.io/embed/job_board",
    "https://boards.greenhouse.io/embed/job_board?for=",
    "https://www.greenhouse.com/blog/how-to-hire",
    "https://www.greenhouse.io/",
    "https://boards-api.greenhouse.io/v1/",
    "https://jobs.lever.co/",
    "https://www.lever.co/careers-signup/",
    "https://inside.lever.co/",
    "https://api.lever.co/v1/postings/acme",
    "https://jobs.ashbyhq.com/",
    "https://app.ashbyhq.com/jobs/a91e87d8/candidate-pipeline/active",
    "https://apply.workable.com/",
    "https://apply.workable.com/j/DD136DD7E7",  # a job short link: no account named
    "https://www.workable.com/",
    "https://jobs.workable.com/search",
    "https://jobs.smartrecruiters.com/",
    "https://jobs.smartrecruiters.com/external-referrals/company/WesternDigital",
    "https://www.smartrecruiters.com/",
    "https://www.personio.de/",
    "https://www.teamtailor.com/",
    "https://app.teamtailor.com/companies/4DhCxJ51Sgg@eu/dashboard",
    "https://recruitee.com/",
    "https://careers-analytics.recruitee.com/careers-site.js",
    "https://cdn.recruitee.com/widget.js",
    "https://adobe.wd5.myworkdayjobs.com/",
    "https://adobe.wd5.myworkdayjobs.com/en-US/",
    "https://www.myworkdayjobs.com/acme",
    "https://wd3.myworkdaysite.com/recruiting/magna",
    "https://www.workday.com/en-us/products.html",
    # company domains and job links that name no board
    "https://jobs.chartmogul.com",
    "https://stripe.com/jobs/search?gh_jid=7789539",
    "https://www.coinbase.com/careers/positions/7822885?gh_jid=7822885",
    "http://127.0.0.1:8080/careers",
    "http://127.0.0.1:8080/api/offersX",
    # not URLs
    "",
    "   ",
    "javascript:alert(1)",
    "mailto:jobs@example.com",
    "ftp://boards.greenhouse.io/acme",
    "https://",
    "https://[::1",
    "https://boards.greenhouse.io:notaport/acme",
    "boards.greenhouse.io/../../etc/passwd%00",
]


@pytest.mark.parametrize("url", NOT_BOARDS)
def test_not_a_board(url):
    assert detect_from_url(url) is None


def test_token_keeps_its_case_and_refuses_junk():
    assert detect_from_url("https://jobs.ashbyhq.com/HighlightTA").token == "HighlightTA"
    assert detect_from_url("https://boards.greenhouse.io/a%20b") is None
    assert detect_from_url("https://jobs.lever.co/" + "a" * 101) is None


# Real posting URLs from the recorded samples: every one names its own board.
SAMPLE_URLS = [
    ("greenhouse/api/anthropic_jobs_list_full.json", "greenhouse", "anthropic"),
    ("greenhouse/api/gitlab_jobs_content.json", "greenhouse", "gitlab"),
    ("greenhouse/api/gong_jobs_list.json", "greenhouse", "gongio"),
    ("greenhouse/api/amplitude_jobs_content.json", "greenhouse", "amplitude"),
    ("greenhouse/api/scaleai_job_detail.json", "greenhouse", "scaleai"),
    ("greenhouse/docs/job-board_jobs_example1.json", "greenhouse", "vaulttec"),
    ("lever/api/palantir_postings.json", "lever", "palantir"),
    ("lever/api/mistral_posting-with-lists.json", "lever", "mistral"),
    ("lever/api/leverdemo_postings.json", "lever", "leverdemo"),
    ("lever/api/matchgroup_postings.json", "lever", "matchgroup"),
    ("ashby/api/cursor_job_board_full.json", "ashby", "cursor"),
    ("ashby/api/linear_job_board.json", "ashby", "linear"),
    ("ashby/api/ramp_job_board.json", "ashby", "ramp"),
    ("ashby/api/highlightta_job_board.json", "ashby", "HighlightTA"),
    ("smartrecruiters/api/westerndigital_postings_list.json", "smartrecruiters", "WesternDigital"),
    ("smartrecruiters/api/westerndigital_posting_detail.json", "smartrecruiters", "WesternDigital"),
    ("smartrecruiters/api/automationanywhere_postings_page0.json", "smartrecruiters", "AutomationAnywhere1"),
    ("teamtailor/careers_site/teamtailor_jobs_jsonfeed.json", "teamtailor", "career"),
    ("workday/cxs/synchrony_job_detail.json", "workday", "synchronyfinancial/University"),
]
URL_KEYS = {"absolute_url", "hostedUrl", "applyUrl", "jobUrl", "ref", "url", "externalUrl", "careers_url"}
_PLATFORM_HOSTS = re.compile(r"greenhouse\.io|lever\.co|ashbyhq\.com|workable\.com|smartrecruiters\.com|"
                             r"personio\.(?:de|com)|teamtailor\.com|recruitee\.com|myworkday(?:jobs|site)\.com")


def _sample_urls(data, key=""):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _sample_urls(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _sample_urls(v, key)
    elif isinstance(data, str) and key in URL_KEYS and data.startswith("http"):
        yield data


@pytest.mark.parametrize("relative,platform,token", SAMPLE_URLS)
def test_sample_posting_urls_name_their_board(relative, platform, token):
    data = json.loads(shared_fixture(relative).read_text(encoding="utf-8"))
    urls = [u for u in _sample_urls(data) if _PLATFORM_HOSTS.search(u.split("/")[2])]
    if relative.startswith("workday/"):  # the detail names its site in a full URL inside the text
        text = json.dumps(data)
        urls = re.findall(r"https://synchronyfinancial\.wd5\.myworkdayjobs\.com/[^\s\"'<>\\]+", text)
    assert urls, relative
    for url in urls:
        found = detect_from_url(url)
        assert found is not None and (found.platform, found.token) == (platform, token), url


@pytest.mark.parametrize("relative", [
    "workable/api/huggingface_widget_accounts.json",  # apply.workable.com/j/<shortcode>
    "workable/api/zaelab_widget_accounts.json",
    "greenhouse/api/stripe_jobs_list.json",  # stripe.com/jobs/search?gh_jid=...
    "greenhouse/api/coupang_job_detail.json",
    "recruitee/api/bauhaus_nl_offers.json",  # werkenbij.nl.bauhaus, a custom domain
])
def test_sample_urls_that_name_no_board(relative):
    data = json.loads(shared_fixture(relative).read_text(encoding="utf-8"))
    urls = [u for u in _sample_urls(data) if any(mark in u for mark in ("/j/", "gh_jid=", "/o/"))]
    assert urls
    assert all(detect_from_url(u) is None for u in urls)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_detect_from_url_never_raises(text):
    found = detect_from_url(text)
    assert found is None or found.platform in PLATFORMS


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["https://boards.greenhouse.io/", "https://jobs.lever.co/", "https://x.wd1.myworkdayjobs.com/",
                        "https://apply.workable.com/", "http://127.0.0.1/v1/boards/", "https://wd1.myworkdaysite.com/"]),
       st.text(max_size=80))
def test_platform_host_with_any_path_never_raises(prefix, tail):
    found = detect_from_url(prefix + tail)
    word = r"[A-Za-z0-9][A-Za-z0-9._-]*"
    assert found is None or re.fullmatch(rf"{word}(/{word})?|", found.token)


# ---- pages ----------------------------------------------------------------------------------

PAGE = "https://www.acme.example/careers"


def page(body, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


PAGE_CASES = [
    # embeds
    (page('<div id="grnhse_app"></div><script src="https://boards.greenhouse.io/embed/job_board/js?for=acme"></script>'),
     ("greenhouse", "acme")),
    (page('<iframe src="https://job-boards.greenhouse.io/embed/job_board?for=acme&amp;b=x"></iframe>'),
     ("greenhouse", "acme")),
    (page('<iframe data-src="https://boards.eu.greenhouse.io/embed/job_board?for=acme"></iframe>'),
     ("greenhouse", "acme")),
    (page('<div id="ashby_embed"></div><script src="https://jobs.ashbyhq.com/acme/embed?version=2"></script>'),
     ("ashby", "acme")),
    (page('<script>window.__ashbyBaseJobBoardUrl = "https://jobs.ashbyhq.com/acme"</script>'),
     ("ashby", "acme")),
    (page('<iframe src="https://acme.recruitee.com/widget"></iframe>'), ("recruitee", "acme")),
    (page('<script src="https://acme.recruitee.com/widget.js"></script>'), ("recruitee", "acme")),
    (page('<iframe src="https://acme.jobs.personio.de/?display=en"></iframe>'), ("personio", "acme")),
    (page('<iframe src="https://apply.workable.com/acme/?embed=true"></iframe>'), ("workable", "acme")),
    (page('<iframe src="https://acme.wd1.myworkdayjobs.com/en-US/External"></iframe>'),
     ("workday", "acme/External")),
    # links
    (page('<a href="https://jobs.lever.co/acme">Open roles</a>'), ("lever", "acme")),
    (page('<a href="https://jobs.eu.lever.co/acme/abc">Job</a>'), ("lever", "acme")),
    (page('<a href="https://job-boards.greenhouse.io/acme/jobs/123">Job</a>'), ("greenhouse", "acme")),
    (page('<a href="https://jobs.smartrecruiters.com/Acme/123-engineer">Job</a>'),
     ("smartrecruiters", "Acme")),
    (page('<a href="https://acme.teamtailor.com/jobs">Jobs</a>'), ("teamtailor", "acme")),
    (page('<a href="https://apply.workable.com/acme/j/ABC/">Job</a>'), ("workable", "acme")),
    (page('<a href="https://acme.jobs.personio.com/job/1">Job</a>'), ("personio", "acme")),
    (page('<a href="https://wd3.myworkdaysite.com/recruiting/acme/Ext/job/X">Job</a>'),
     ("workday", "acme/Ext")),
    (page("<script>var jobs = {\"url\": \"https:\\/\\/jobs.lever.co\\/acme\\/1\"};</script>"),
     ("lever", "acme")),
    # Teamtailor and Recruitee careers sites on the company's own domain
    (page('<img src="https://images.teamtailor-cdn.com/images/s3/teamtailor-production/logo.png">'),
     ("teamtailor", "")),
    (page("", '<link rel="icon" href="https://careers.recruiteecdn.com/image/upload/w_100/x.png">'),
     ("recruitee", "")),
    (page('<img src="https://careers.recruiteecdn.com/x.png"><a href="https://acme.recruitee.com/o/x">x</a>'),
     ("recruitee", "acme")),
    # schema.org JobPosting
    (page("", '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting", '
              '"title": "Engineer"}</script>'), ("jsonld", "www.acme.example")),
    (page("", '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
              '[{"@type": "Organization"}, {"@type": ["JobPosting"], "title": "x"}]}</script>'),
     ("jsonld", "www.acme.example")),
    (page("", '<script type="application/ld+json">[{"@type": "schema:JobPosting", "title": "x"}]</script>'),
     ("jsonld", "www.acme.example")),
    (page('<div itemscope itemtype="http://schema.org/JobPosting"><span itemprop="title">x</span></div>'),
     ("jsonld", "www.acme.example")),
    (page('<div vocab="https://schema.org/" typeof="JobPosting"><span property="title">x</span></div>'),
     ("jsonld", "www.acme.example")),
    # a malformed JSON-LD block does not hide a good one
    (page("", '<script type="application/ld+json">{"@type": "JobPosting", "title": "broken "quote"}</script>'
              '<script type="application/ld+json">{"@type": "JobPosting", "title": "ok"}</script>'),
     ("jsonld", "www.acme.example")),
    # a JobPosting whose url is an ATS board's names that board
    (page("", '<script type="application/ld+json">[{"@type": "JobPosting", "url": "https://jobs.lever.co/acme/1"},'
              '{"@type": "JobPosting", "url": "https://jobs.lever.co/acme/2"}]</script>'), ("lever", "acme")),
]


@pytest.mark.parametrize("html,expected", PAGE_CASES)
def test_detect_from_page(html, expected):
    found = detect_from_page(PAGE, html)
    assert found is not None
    assert (found.platform, found.token) == expected
    assert found.evidence


NOT_PAGES = [
    "",
    "   \n",
    "\x00\x01\x02 garbage \xff",
    "<<<<>>>>",
    "<html><body><a href=",
    "plain text, https://jobs.lever.co/acme mentioned in prose is not a link",
    '{"json": "not html"}',
    page('<a href="https://www.greenhouse.com/blog/structured-hiring">Greenhouse blog</a>'),
    page('<a href="https://www.lever.co/">Powered by Lever</a><a href="https://www.teamtailor.com/">Teamtailor</a>'),
    page('<a href="https://boards.greenhouse.io.evil.example/acme">x</a><a href="https://evil.example/?u=jobs.lever.co/acme">y</a>'),
    page('<a href="https://stripe.com/jobs/search?gh_jid=1">A job</a>'),
    page('<a href="https://apply.workable.com/j/DD136DD7E7">Job</a>'),
    page('<script src="https://careers-analytics.recruitee.com/careers-site.js"></script>'),
    page('<script src="https://cdn.recruitee.com/widget.js"></script>'),
    page('<a href="mailto:jobs@acme.example">Mail</a><a href="javascript:void(0)">x</a>'
         '<a href="/jobs/1">Job</a>'),
    page("", '<script type="application/ld+json">{"@type": "Organization", "name": "Acme"}</script>'),
    page("", '<script type="application/ld+json">not json at all</script>'),
    page('<div itemscope itemtype="http://schema.org/Person"><span itemprop="name">x</span></div>'),
    page('<img src="https://evil.example/teamtailor-cdn.com/x.png">'),
]


@pytest.mark.parametrize("html", NOT_PAGES)
def test_page_without_a_board(html):
    assert detect_from_page(PAGE, html) is None


def test_page_links_resolve_against_the_page_and_base():
    html = page('<a href="/o/x">x</a>', '<base href="https://acme.recruitee.com/">')
    found = detect_from_page(PAGE, html)
    assert (found.platform, found.token) == ("recruitee", "acme")
    # relative links on the company's own site name no board
    assert detect_from_page(PAGE, page('<a href="/v1/boards/acme/jobs">x</a>')) is None


def test_most_linked_board_wins():
    html = page('<a href="https://jobs.lever.co/acme/1">1</a><a href="https://jobs.lever.co/acme/2">2</a>'
                '<a href="https://boards.greenhouse.io/partner/jobs/1">partner</a>')
    assert detect_from_page(PAGE, html).token == "acme"


def test_embed_beats_links():
    html = page('<a href="https://jobs.lever.co/other/1">1</a><a href="https://jobs.lever.co/other/2">2</a>'
                '<script src="https://boards.greenhouse.io/embed/job_board/js?for=acme"></script>')
    found = detect_from_page(PAGE, html)
    assert (found.platform, found.token) == ("greenhouse", "acme")


def test_embed_beats_jobposting_markup():
    html = page('<iframe src="https://jobs.ashbyhq.com/acme?embed=js"></iframe>',
                '<script type="application/ld+json">{"@type": "JobPosting", "title": "x"}</script>')
    assert detect_from_page(PAGE, html).platform == "ashby"


def test_board_named_like_the_site_wins_a_tie():
    html = page('<a href="https://jobs.lever.co/partner">p</a><a href="https://jobs.lever.co/acme-inc">a</a>')
    assert detect_from_page("https://careers.acme.example/", html).token == "acme-inc"


def test_jsonld_beats_a_lone_unrelated_link():
    html = page('<a href="https://jobs.lever.co/partner/1">Our partner is hiring</a>',
                '<script type="application/ld+json">{"@type": "JobPosting", "title": "x"}</script>')
    assert detect_from_page(PAGE, html).platform == "jsonld"
    # ... but a lone link is taken when the page has nothing else
    lone = detect_from_page(PAGE, page('<a href="https://jobs.lever.co/partner/1">x</a>'))
    assert (lone.platform, lone.token) == ("lever", "partner")


def test_page_bytes_in_a_declared_charset():
    html = page('<p>Café</p><a href="https://jobs.lever.co/acme">x</a>',
                '<meta charset="iso-8859-1">').encode("iso-8859-1")
    assert detect_from_page(PAGE, html).token == "acme"


def test_own_domain_site_api_on_the_page_host():
    found = detect_from_page("http://127.0.0.1:8000/careers", page('<img src="https://careers.recruiteecdn.com/x.png">'))
    assert (found.board_url, found.api_url) == ("http://127.0.0.1:8000", "http://127.0.0.1:8000/api/offers/")
    found = detect_from_page("https://jobs.acme.example/", page('<img src="https://images.teamtailor-cdn.com/x.png">'))
    assert found.api_url == "https://jobs.acme.example/jobs.json"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("<>/=\"' ahrefsciptdvuly:.-{}@[]") + [
    "https://jobs.lever.co/", "application/ld+json", "JobPosting", "itemscope", "typeof", "\x00"]),
    max_size=120)
    .map("".join))
def test_detect_from_page_never_raises(html):
    found = detect_from_page(PAGE, html)
    assert found is None or found.platform in PLATFORMS


# Real pages from the samples.

def test_teamtailor_site_page():
    html = shared_fixture("teamtailor/careers_site/weroad_jobs_list.html").read_bytes()
    found = detect("https://weroad.teamtailor.com/jobs", html)
    assert (found.platform, found.token, found.api_url) == ("teamtailor", "weroad", "https://weroad.teamtailor.com/jobs.json")
    # the same page served from a custom domain still names its Teamtailor account through its links
    found = detect_from_page("https://careers.weroad.example/jobs", html)
    assert (found.platform, found.token) == ("teamtailor", "weroad")


def test_recruitee_site_on_its_own_domain():
    sample = "recruitee/careers_site/hostaway_offer_account-executive-100-remote-uk.html"
    html = shared_fixture(sample).read_bytes()
    url = "https://careers.hostaway.com/o/account-executive-100-remote-uk"
    assert detect_from_url(url) is None
    found = detect(url, html)
    assert (found.platform, found.token) == ("recruitee", "hostaway")
    assert (found.board_url, found.api_url) == ("https://careers.hostaway.com", "https://careers.hostaway.com/api/offers/")


@pytest.mark.parametrize("name", ["eg-0028_JobPosting_jsonld.html", "eg-0028_JobPosting_microdata.html",
                                  "eg-0028_JobPosting_rdfa.html"])
def test_schemaorg_examples(name):
    html = shared_fixture(f"schemaorg/examples/{name}").read_text(encoding="utf-8")
    found = detect_from_page("https://www.example.org/jobs/1", html)
    assert (found.platform, found.token, found.api_url) == ("jsonld", "www.example.org", "https://www.example.org/jobs/1")


def test_schemaorg_example_without_markup():
    html = shared_fixture("schemaorg/examples/eg-0028_JobPosting_premarkup.html").read_text(encoding="utf-8")
    assert detect_from_page("https://www.example.org/jobs/1", html) is None


@pytest.mark.parametrize("name", ["ashby_confluent_jobposting.json", "ashby_docker_jobposting.json",
                                  "uber_careers_jobposting.json", "workday_adobe_jobposting.json"])
def test_recorded_jobposting_objects_in_a_page(name):
    obj = shared_fixture(f"jsonld/{name}").read_text(encoding="utf-8")
    html = page("<h1>Job</h1>", f'<script type="application/ld+json">{obj}</script>')
    assert detect_from_page("https://careers.acme.example/jobs/1", html).platform == "jsonld"


# ---- combined, configured -------------------------------------------------------------------

def test_detect_prefers_the_url():
    html = page('<a href="https://jobs.lever.co/other">x</a>')
    assert detect("https://jobs.ashbyhq.com/acme", html).platform == "ashby"
    assert detect("https://www.acme.example/careers", html).platform == "lever"
    assert detect("https://www.acme.example/careers") is None


def test_board_from_token():
    found = board_from_token("greenhouse", "stripe")
    assert found.api_url == "https://boards-api.greenhouse.io/v1/boards/stripe/jobs?content=true"
    assert board_from_token("personio", "personio").api_url == "https://personio.jobs.personio.de/xml?language=en"
    assert board_from_token("workday", "acme/External") is None  # needs its wdN host
    assert board_from_token("greenhouse", "") is None
    assert board_from_token("greenhouse", "a b") is None
    assert board_from_token("nosuch", "acme") is None


def test_resolve_configured_platform_and_token():
    # no platform: plain detection
    assert resolve("https://jobs.lever.co/palantir").token == "palantir"
    # the URL agrees with the configuration
    assert resolve("https://jobs.lever.co/palantir", "lever").api_url == "https://api.lever.co/v0/postings/palantir?mode=json"
    # a company page plus platform and token: the token's public board
    stripe = resolve("https://stripe.com/jobs/search", "greenhouse", "stripe")
    assert (stripe.token, stripe.board_url) == ("stripe", "https://job-boards.greenhouse.io/stripe")
    # a Recruitee site on its own domain: crawled where it is
    chartmogul = resolve("https://jobs.chartmogul.com", "recruitee")
    assert (chartmogul.token, chartmogul.api_url) == ("", "https://jobs.chartmogul.com/api/offers/")
    # a platform whose board the URL does not locate: no API URL, and the evidence says so
    unknown = resolve("https://www.acme.example/careers", "greenhouse")
    assert unknown.api_url == "" and "does not locate" in unknown.evidence
    # ... unless the page shows it
    html = page('<script src="https://boards.greenhouse.io/embed/job_board/js?for=acme"></script>')
    assert resolve("https://www.acme.example/careers", "greenhouse", html=html).token == "acme"
    # a test server's API URL keeps its host
    local = resolve("http://127.0.0.1:8000/v1/boards/acme/jobs", "greenhouse", "acme")
    assert local.api_url == "http://127.0.0.1:8000/v1/boards/acme/jobs?content=true"
    assert resolve("https://www.acme.example/careers", "jsonld").api_url == "https://www.acme.example/careers"


# ---- the command ----------------------------------------------------------------------------

def test_command_url(capsys):
    assert main(["detect", "https://job-boards.greenhouse.io/gitlab/jobs/8503792002"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^platform\s+greenhouse$", out, re.M)
    assert re.search(r"^token\s+gitlab$", out, re.M)
    api = "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true"
    assert re.search(rf"^api\s+{re.escape(api)}$", out, re.M)
    assert re.search(r"^evidence\s+Greenhouse board URL", out, re.M)
    assert f"scrapy crawl greenhouse -a url='{api}'" in out


def test_command_json(capsys):
    assert main(["detect", "--json", "https://jobs.lever.co/palantir"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"platform": "lever", "token": "palantir", "board_url": "https://jobs.lever.co/palantir",
                    "api_url": "https://api.lever.co/v0/postings/palantir?mode=json",
                    "evidence": "Lever board URL https://jobs.lever.co/palantir"}


def test_command_nothing_detected(capsys, monkeypatch):
    # a public host is never fetched
    monkeypatch.setattr("urllib.request.build_opener", lambda *a, **k: pytest.fail("fetched a public URL"))
    assert main(["detect", "https://jobs.chartmogul.com"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no job platform detected" in captured.err and "--html" in captured.err


def test_command_saved_page(tmp_path, capsys):
    saved = tmp_path / "careers.html"
    saved.write_text(page('<script src="https://jobs.ashbyhq.com/acme/embed"></script>'), encoding="utf-8")
    assert main(["detect", "https://www.acme.example/careers", "--html", str(saved)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^platform\s+ashby$", out, re.M) and re.search(r"^token\s+acme$", out, re.M)

    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["detect", "https://www.acme.example/careers", "--html", str(empty)]) == 1
    assert "from the URL or the page" in capsys.readouterr().err


def test_command_own_domain_token_unknown(tmp_path, capsys):
    saved = tmp_path / "careers.html"
    saved.write_text(page('<img src="https://careers.recruiteecdn.com/x.png">'), encoding="utf-8")
    assert main(["detect", "https://jobs.acme.example/", "--html", str(saved)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^token\s+\(not named", out, re.M)
    assert "scrapy crawl recruitee -a url=https://jobs.acme.example/api/offers/" in out


def test_command_unreadable_page(tmp_path, capsys):
    assert main(["detect", "https://www.acme.example/careers", "--html", str(tmp_path / "missing.html")]) == 2
    assert "cannot read the page" in capsys.readouterr().err


def test_command_usage_error():
    with pytest.raises(SystemExit) as exc:
        main(["detect"])
    assert exc.value.code == 2


def test_command_fetches_a_local_page(httpserver, capsys):
    httpserver.expect_request("/careers").respond_with_data(
        page('<a href="https://jobs.lever.co/acme/1">1</a>'), content_type="text/html")
    assert main(["detect", httpserver.url_for("/careers")]) == 0
    assert re.search(r"^token\s+acme$", capsys.readouterr().out, re.M)


def test_command_bare_local_address(httpserver, capsys):
    httpserver.expect_request("/careers").respond_with_data(
        page('<iframe src="https://acme.jobs.personio.de/"></iframe>'), content_type="text/html")
    bare = httpserver.url_for("/careers").removeprefix("http://")
    assert main(["detect", bare]) == 0
    assert re.search(r"^platform\s+personio$", capsys.readouterr().out, re.M)


def test_command_page_from_stdin(monkeypatch, capsys):
    import io
    import sys
    stdin = io.TextIOWrapper(io.BytesIO(page('<a href="https://jobs.lever.co/acme">x</a>').encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["detect", "https://www.acme.example/", "--html", "-"]) == 0
    assert re.search(r"^token\s+acme$", capsys.readouterr().out, re.M)


def test_command_local_fetch_failure(httpserver, capsys):
    httpserver.expect_request("/careers").respond_with_data("gone", status=404)
    assert main(["detect", httpserver.url_for("/careers")]) == 2
    assert "404" in capsys.readouterr().err


def test_command_refuses_a_redirect_off_the_machine(httpserver, capsys):
    httpserver.expect_request("/careers").respond_with_data(
        "", status=302, headers={"Location": "https://jobs.lever.co/acme"})
    assert main(["detect", httpserver.url_for("/careers")]) == 2
    assert "redirect off the local machine" in capsys.readouterr().err
