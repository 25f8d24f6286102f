"""Which job platform serves a careers URL or page, and the board the platform's spider needs.

Pure functions over a URL and an HTML string: nothing here fetches anything.

    detect_from_url("https://job-boards.greenhouse.io/gitlab/jobs/8503792002")
    -> Detection(platform="greenhouse", token="gitlab",
                 board_url="https://job-boards.greenhouse.io/gitlab",
                 api_url="https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true", ...)

`detect_from_url` knows each platform's public hosts, and its API paths on any host (a mirror,
a custom domain, 127.0.0.1 in tests). `detect_from_page` reads a company's own careers page:
an embedded board (iframe, script, the platform's widget config) beats links to one board,
which beat the marks a platform's hosted careers site leaves on a custom domain (its CDN),
which beat schema.org JobPosting markup (platform "jsonld"); a lone link to a board whose name
has nothing to do with the site is taken only when nothing else is there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from parsel import Selector
from w3lib.encoding import html_to_unicode
from w3lib.url import add_or_replace_parameter, url_query_cleaner

#: Every platform a Detection can name; each is a spider (`scrapy crawl <platform> -a url=...`).
PLATFORMS = ("recruitee", "greenhouse", "lever", "ashby", "workable", "smartrecruiters", "personio",
             "teamtailor", "workday", "jsonld",
             "icims", "jazzhr", "jobvite")  # html group
# ---- wave 2, api group: bamboohr, breezy, rippling, pinpoint, gem ----
PLATFORMS += ("bamboohr", "breezy", "rippling", "pinpoint", "gem")
# ---- end bamboohr, breezy, rippling, pinpoint, gem ----
# -- feeds group: oracle, successfactors, eightfold --
PLATFORMS += ("oracle", "successfactors", "eightfold")
# ---- wave 2, embedded group (join, comeet, jobylon, paylocity, phenom) ----
PLATFORMS += ("join", "comeet", "jobylon", "paylocity", "phenom")
# ---- end embedded group ----


@dataclass(frozen=True)
class Detection:
    """A board found for a URL or page.

    platform   one of PLATFORMS
    token      the board's name on the platform: Greenhouse board token, Lever site, Ashby job-board
               name, Workable account slug, SmartRecruiters company id, Personio/Teamtailor/Recruitee
               subdomain, Workday "<tenant>/<site>", the second wave's company slug or id on its platform
               (BambooHR/Breezy/Pinpoint subdomain, Rippling/Gem/JOIN slug, Oracle site, ...); for "jsonld"
               and the sites on a company's own domain the page's host. "" when the URL or
               page does not carry it (a careers site on its own domain): the spider reads it from
               the board.
    board_url  the board's human address (or the page, or the API URL given on a non-platform host)
    api_url    the API or feed the platform's spider requests first; on the platform's API host for
               its public hosts, on the given host otherwise. Either URL works as
               `scrapy crawl <platform> -a url=<URL>`.
    evidence   what gave it away, for people
    """

    platform: str
    token: str
    board_url: str
    api_url: str = ""
    evidence: str = ""

    @property
    def crawl_url(self) -> str:
        return self.api_url or self.board_url


# ---- URLs ---------------------------------------------------------------------------------

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_LOCALE = re.compile(r"[a-z]{2}-[a-z]{2}", re.I)


@dataclass(frozen=True)
class _Url:
    scheme: str
    netloc: str
    host: str
    segments: tuple[str, ...]
    query: dict[str, list[str]]
    text: str

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    def param(self, name: str) -> str:
        values = self.query.get(name) or [""]
        return values[0].strip()


def _split(url: str, *, bare_host_ok: bool) -> _Url | None:
    url = (url or "").strip()
    if not url:
        return None
    if bare_host_ok and "://" not in url:
        url = "https:" + url if url.startswith("//") else "https://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a malformed port, which makes the URL unusable
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return None
    host = host.rstrip(".").lower()
    segments = tuple(s for s in (unquote(p).strip() for p in parts.path.split("/")) if s)
    text = f"{scheme}://{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return _Url(scheme, parts.netloc.lower(), host, segments, parse_qs(parts.query), text)


def _token(value: str | None) -> str | None:
    return value if value and _TOKEN.fullmatch(value) else None


def _subdomain(host: str, domain: str, reserved: Iterable[str] = ()) -> str | None:
    """The one label in front of `domain` ("acme" in acme.recruitee.com), unless reserved."""
    suffix = "." + domain
    if not host.endswith(suffix):
        return None
    label = host[: -len(suffix)]
    if not _LABEL.fullmatch(label) or label in reserved:
        return None
    return label


def _segment(u: _Url, index: int) -> str:
    return u.segments[index] if len(u.segments) > index else ""


def _after(u: _Url, *prefix: str) -> str | None:
    """The path segment right after `prefix` (case-insensitive), when the path starts with it."""
    n = len(prefix)
    if len(u.segments) > n and tuple(s.lower() for s in u.segments[:n]) == prefix:
        return _token(u.segments[n])
    return None


# Rules: one function per platform form; each returns a Detection or None. Host rules only
# match the platform's own hosts (exact names or one label in front of its domain), so
# lookalikes such as boards.greenhouse.io.evil.example never match.

_GH_BOARD_HOST = re.compile(r"(?:job-)?boards(?:\.([a-z]{2}))?\.greenhouse\.io")
_GH_API_HOST = re.compile(r"boards-api(?:\.[a-z]{2})?\.greenhouse\.io")
# First path segments of a Greenhouse board host that are not board tokens.
_GH_RESERVED = {"embed", "v1", "api", "jobs"}


def _greenhouse_detection(token: str, board_host: str, api_origin: str, evidence: str) -> Detection:
    return Detection("greenhouse", token, f"https://{board_host}/{token}",
                     f"{api_origin}/v1/boards/{token}/jobs?content=true", evidence)


def _greenhouse(u: _Url) -> Detection | None:
    if _GH_API_HOST.fullmatch(u.host):
        token = _after(u, "v1", "boards")
        if token:
            board_host = "job-boards.eu.greenhouse.io" if ".eu." in u.host else "job-boards.greenhouse.io"
            return _greenhouse_detection(token, board_host, f"https://{u.host}",
                                         f"Greenhouse API URL {u.text}")
        return None
    if not _GH_BOARD_HOST.fullmatch(u.host):
        return None
    # EU boards are served by the one global boards API; there is no regional API host.
    api = "https://boards-api.greenhouse.io"
    first = _segment(u, 0).lower()
    if first == "embed":
        token = _token(u.param("for"))
        if token:
            return _greenhouse_detection(token, u.host, api, f"Greenhouse embed {u.text}")
        return None
    token = _token(_segment(u, 0))
    if token and first not in _GH_RESERVED:
        return _greenhouse_detection(token, u.host, api, f"Greenhouse board URL {u.text}")
    return None


_LEVER_JOBS_HOST = re.compile(r"jobs(?:\.([a-z]{2}))?\.lever\.co")
_LEVER_API_HOST = re.compile(r"api(?:\.([a-z]{2}))?\.lever\.co")


def _lever_detection(site: str, region: str | None, evidence: str, page: str = "") -> Detection:
    dot = f".{region}" if region else ""
    return Detection("lever", site, f"https://jobs{dot}.lever.co/{site}",
                     f"https://api{dot}.lever.co/v0/postings/{site}?mode=json{page}", evidence)


def _lever_page(u: _Url) -> str:
    """The page size an API URL asks for (`limit`), kept: the spider pages with it."""
    limit = u.param("limit")
    return f"&limit={limit}" if limit.isdigit() and int(limit) > 0 else ""


def _lever(u: _Url) -> Detection | None:
    m = _LEVER_JOBS_HOST.fullmatch(u.host)
    if m:
        site = _token(_segment(u, 0))
        return _lever_detection(site, m.group(1), f"Lever board URL {u.text}") if site else None
    m = _LEVER_API_HOST.fullmatch(u.host)
    if m:
        site = _after(u, "v0", "postings")
        return _lever_detection(site, m.group(1), f"Lever API URL {u.text}", _lever_page(u)) if site else None
    return None


_ASHBY_RESERVED = {"api"}


def _ashby_detection(name: str, evidence: str) -> Detection:
    return Detection("ashby", name, f"https://jobs.ashbyhq.com/{name}",
                     f"https://api.ashbyhq.com/posting-api/job-board/{name}?includeCompensation=true",
                     evidence)


def _ashby(u: _Url) -> Detection | None:
    if u.host == "jobs.ashbyhq.com":
        name = _token(_segment(u, 0))
        if name and name.lower() not in _ASHBY_RESERVED:
            kind = "embed" if _segment(u, 1).lower() == "embed" else "board URL"
            return _ashby_detection(name, f"Ashby {kind} {u.text}")
        return None
    if u.host == "api.ashbyhq.com":
        name = _after(u, "posting-api", "job-board")
        return _ashby_detection(name, f"Ashby API URL {u.text}") if name else None
    return None


# apply.workable.com/j/<shortcode> is a job link that names no account.
_WORKABLE_RESERVED_PATH = {"j", "api"}
_WORKABLE_RESERVED_HOST = {"www", "apply", "jobs", "api", "help", "resources", "blog", "app"}


def _workable_api_account(u: _Url) -> str | None:
    for version in ("v1", "v2", "v3"):
        account = _after(u, "api", version, "widget", "accounts") or _after(u, "api", version, "accounts")
        if account:
            return account
    return None


def _workable_detection(slug: str, evidence: str) -> Detection:
    return Detection("workable", slug, f"https://apply.workable.com/{slug}",
                     f"https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true", evidence)


def _workable(u: _Url) -> Detection | None:
    if u.host == "apply.workable.com":
        slug = _workable_api_account(u)
        if slug:
            return _workable_detection(slug, f"Workable API URL {u.text}")
        slug = _token(_segment(u, 0))
        if slug and slug.lower() not in _WORKABLE_RESERVED_PATH:
            return _workable_detection(slug, f"Workable board URL {u.text}")
        return None
    slug = _subdomain(u.host, "workable.com", _WORKABLE_RESERVED_HOST)
    return _workable_detection(slug, f"Workable account subdomain {u.host}") if slug else None


_SR_RESERVED = {"external-referrals", "api", "v1"}


def _smartrecruiters_detection(company: str, evidence: str) -> Detection:
    return Detection("smartrecruiters", company, f"https://jobs.smartrecruiters.com/{company}",
                     f"https://api.smartrecruiters.com/v1/companies/{company}/postings", evidence)


def _smartrecruiters(u: _Url) -> Detection | None:
    if u.host in ("jobs.smartrecruiters.com", "careers.smartrecruiters.com"):
        company = _token(_segment(u, 0))
        if company and company.lower() not in _SR_RESERVED:
            return _smartrecruiters_detection(company, f"SmartRecruiters board URL {u.text}")
        return None
    if u.host == "api.smartrecruiters.com":
        company = _after(u, "v1", "companies")
        return _smartrecruiters_detection(company, f"SmartRecruiters API URL {u.text}") if company else None
    return None


def _personio(u: _Url) -> Detection | None:
    for domain in ("jobs.personio.de", "jobs.personio.com"):
        company = _subdomain(u.host, domain, {"www"})
        if company:
            origin = f"https://{u.host}"
            return Detection("personio", company, origin, f"{origin}/xml?language=en",
                             f"Personio careers subdomain {u.host}")
    return None


def _subdomain_rule(platform: str, domain: str, reserved: Iterable[str], board_path: str, api_path: str,
                    what: str) -> Callable[[_Url], Detection | None]:
    """The rule of a platform whose boards are <company>.<domain>: board and API on that host."""
    reserved = frozenset(reserved)

    def rule(u: _Url) -> Detection | None:
        company = _subdomain(u.host, domain, reserved)
        if not company:
            return None
        origin = f"https://{u.host}"
        return Detection(platform, company, origin + board_path, origin + api_path, f"{what} {u.host}")

    rule.__name__ = f"_{platform}"
    return rule


_TEAMTAILOR_RESERVED = {"www", "app", "api", "support", "help", "docs", "status", "blog"}
_teamtailor = _subdomain_rule("teamtailor", "teamtailor.com", _TEAMTAILOR_RESERVED, "", "/jobs.json",
                              "Teamtailor careers subdomain")


# careers-analytics.recruitee.com is a tracker every Recruitee careers site loads (and some
# sites that are not Recruitee boards do too); cdn serves the widget script; careers hosts docs.
_RECRUITEE_RESERVED = {"www", "app", "api", "cdn", "careers-analytics", "careers", "support", "help",
                       "docs", "blog"}


_recruitee = _subdomain_rule("recruitee", "recruitee.com", _RECRUITEE_RESERVED, "", "/api/offers/",
                             "Recruitee careers subdomain")


_WD_JOBS_HOST = re.compile(r"([a-z0-9-]+)(?:\.wd\d+)?\.myworkdayjobs\.com")
_WD_SITE_HOST = re.compile(r"wd\d+\.myworkdaysite\.com")
_WD_NOT_TENANT = re.compile(r"www|wd\d+")


def _workday_detection(origin: str, tenant: str, site: str, board_url: str, evidence: str) -> Detection:
    return Detection("workday", f"{tenant}/{site}", board_url,
                     f"{origin}/wday/cxs/{tenant}/{site}/jobs", evidence)


def _workday_cxs(u: _Url) -> tuple[str, str] | None:
    tenant = _after(u, "wday", "cxs")
    site = _token(_segment(u, 3)) if tenant else None
    return (tenant, site) if tenant and site else None


def _workday(u: _Url) -> Detection | None:
    m = _WD_JOBS_HOST.fullmatch(u.host)
    site_host = _WD_SITE_HOST.fullmatch(u.host)
    if not (m and not _WD_NOT_TENANT.fullmatch(m.group(1))) and not site_host:
        return None
    origin = f"https://{u.host}"
    cxs = _workday_cxs(u)
    if cxs:
        tenant, site = cxs
        board_url = f"{origin}/{site}" if m else f"{origin}/recruiting/{tenant}/{site}"
        return _workday_detection(origin, tenant, site, board_url, f"Workday cxs API URL {u.text}")
    segments = list(u.segments)
    if segments and _LOCALE.fullmatch(segments[0]):
        segments.pop(0)  # the site shows a locale segment (/en-US/) when a visitor picks a language
    if m:
        site = _token(segments[0]) if segments else None
        if site:
            return _workday_detection(origin, m.group(1), site, f"{origin}/{site}",
                                      f"Workday career site URL {u.text}")
        return None
    # wdN.myworkdaysite.com is shared: the tenant moves into the path, /recruiting/<tenant>/<site>.
    if len(segments) >= 3 and segments[0].lower() == "recruiting":
        tenant, site = _token(segments[1]), _token(segments[2])
        if tenant and site:
            return _workday_detection(origin, tenant, site, f"{origin}/recruiting/{tenant}/{site}",
                                      f"Workday career site URL {u.text}")
    return None


# ---- wave 2, api group: bamboohr, breezy, rippling, pinpoint, gem ----
# Company subdomains of these platforms' own hosts that are the platform's, not a company's.
_BAMBOOHR_RESERVED = {"www", "api", "app", "help", "documentation", "marketplace", "partners", "status", "blog",
                      "login", "static", "cdn", "assets", "resources"}
_BREEZY_RESERVED = {"www", "app", "api", "help", "developer", "marketplace", "blog", "status", "assets", "cdn",
                    "attachments", "static"}
_PINPOINT_RESERVED = {"www", "api", "app", "help", "developers", "support", "blog", "status", "cdn", "assets",
                      "static", "docs"}
# First path segments of ats.rippling.com / jobs.gem.com that name no board.
_RIPPLING_RESERVED = {"api", "static", "assets", "_next", "favicon.ico", "robots.txt", "jobs"}
_GEM_RESERVED = {"api", "static", "assets", "_next", "favicon.ico", "robots.txt", "embed", "job_board"}
_RIPPLING_API = "https://api.rippling.com"
_RIPPLING_PAGE = "?page=0&pageSize=100"  # what spiders/rippling.py asks a v2 list for first


_bamboohr = _subdomain_rule("bamboohr", "bamboohr.com", _BAMBOOHR_RESERVED, "/careers", "/careers/list",
                            "BambooHR careers subdomain")
_breezy = _subdomain_rule("breezy", "breezy.hr", _BREEZY_RESERVED, "", "/json?verbose=true",
                          "Breezy HR portal subdomain")


def _rippling_api(u: _Url, origin: str, board_url: str, given: str) -> Detection | None:
    """The board API path (.../platform/api/ats/v1|v2/board/<slug>/jobs) on any host."""
    lowered = [s.lower() for s in u.segments]
    if lowered[:3] != ["platform", "api", "ats"] or len(lowered) < 6 or lowered[4] != "board":
        return None
    version, slug = lowered[3], _token(u.segments[5])
    if not slug or version not in ("v1", "v2"):
        return None
    api = f"{origin}/platform/api/ats/{version}/board/{slug}/jobs"
    if version == "v2":  # paged: the given page size is kept, as the spider keeps it
        size = u.param("pageSize")
        api += f"?page={u.param('page') or 0}&pageSize={size}" if size.isdigit() else _RIPPLING_PAGE
    return Detection("rippling", slug, board_url or f"https://ats.rippling.com/{slug}/jobs", api,
                     f"Rippling {given}")


def _rippling(u: _Url) -> Detection | None:
    if u.host == "api.rippling.com":
        return _rippling_api(u, _RIPPLING_API, "", f"API URL {u.text}")
    if u.host != "ats.rippling.com":
        return None
    segments = list(u.segments)
    while segments and (_LOCALE.fullmatch(segments[0]) or segments[0].lower() == "embed"):
        segments.pop(0)  # ats.rippling.com/en-GB/<slug>/jobs, the embed form /embed/<slug>
    slug = _token(segments[0]) if segments else None
    if not slug or slug.lower() in _RIPPLING_RESERVED:
        return None
    return Detection("rippling", slug, f"https://ats.rippling.com/{slug}/jobs",
                     f"{_RIPPLING_API}/platform/api/ats/v2/board/{slug}/jobs{_RIPPLING_PAGE}",
                     f"Rippling board URL {u.text}")


_pinpoint = _subdomain_rule("pinpoint", "pinpointhq.com", _PINPOINT_RESERVED, "", "/postings.json",
                            "Pinpoint careers subdomain")


def _gem_api(u: _Url, origin: str, board_url: str, given: str) -> Detection | None:
    board = _after(u, "job_board", "v0")
    if not board or _segment(u, 3).lower() != "job_posts":
        return None
    return Detection("gem", board, board_url or f"https://jobs.gem.com/{board}",
                     f"{origin}/job_board/v0/{board}/job_posts/", f"Gem {given}")


def _gem(u: _Url) -> Detection | None:
    if u.host == "api.gem.com":
        return _gem_api(u, "https://api.gem.com", "", f"Job Board API URL {u.text}")
    if u.host != "jobs.gem.com":
        return None
    board = _token(_segment(u, 0))
    if not board or board.lower() in _GEM_RESERVED:
        return None
    # A job page (jobs.gem.com/<board>/<job id>) names its board: the whole board is read.
    return Detection("gem", board, f"https://jobs.gem.com/{board}",
                     f"https://api.gem.com/job_board/v0/{board}/job_posts/", f"Gem job board URL {u.text}")


def _api_path_api_group(u: _Url, given: str) -> Detection | None:
    """Rippling's and Gem's API paths, and Pinpoint's /postings.json, on any host."""
    found = _rippling_api(u, u.origin, u.text, given) or _gem_api(u, u.origin, u.text, given)
    if found is None and [s.lower() for s in u.segments] == ["postings.json"]:
        found = Detection("pinpoint", "", u.text, f"{u.origin}/postings.json", f"Pinpoint {given}")
    return found
# ---- end bamboohr, breezy, rippling, pinpoint, gem ----


# ---- html group: icims, jazzhr, jobvite (spiders on scraper/listing.py) ----------------------

_ICIMS_RESERVED = {"www", "api", "cdn", "developer", "developers", "community", "login", "support", "help",
                   "status"}


def _icims_search(origin: str, path_prefix: str = "", query: str = "ss=1") -> str:
    """The job search the icims spider asks for first: the given filters, no page, in_iframe=1."""
    url = url_query_cleaner(f"{origin}{path_prefix}/jobs/search?{query}", ["pr", "in_iframe"], remove=True)
    return add_or_replace_parameter(url, "in_iframe", "1")


def _icims(u: _Url) -> Detection | None:
    portal = _subdomain(u.host, "icims.com", _ICIMS_RESERVED)
    if not portal:
        return None
    origin = f"https://{u.host}"
    return Detection("icims", portal, f"{origin}/jobs/search?ss=1", _icims_search(origin),
                     f"iCIMS career portal {u.text}")


_JAZZHR_RESERVED = {"www", "app", "api", "info", "help", "support", "status"}


def _jazzhr_detection(host: str, company: str, evidence: str) -> Detection:
    return Detection("jazzhr", company, f"https://{host}/apply", f"https://{host}/apply/jobs", evidence)


def _jazzhr(u: _Url) -> Detection | None:
    for domain in ("applytojob.com", "theresumator.com"):
        company = _subdomain(u.host, domain, _JAZZHR_RESERVED)
        if company:
            return _jazzhr_detection(u.host, company, f"JazzHR board {u.text}")
    # The embeddable widget script, app.jazz.co/widgets/<kind>/create/<company>.
    if u.host == "app.jazz.co" and len(u.segments) >= 4 and u.segments[0] == "widgets" and u.segments[2] == "create":
        company = _token(u.segments[3].lower())
        if company and _LABEL.fullmatch(company):
            return _jazzhr_detection(f"{company}.applytojob.com", company, f"JazzHR widget {u.text}")
    return None


_JOBVITE_HOSTS = {"jobs.jobvite.com", "careers.jobvite.com"}
_JOBVITE_RESERVED = {"api", "search", "careers", "job", "jobs"}


def _jobvite(u: _Url) -> Detection | None:
    if u.host not in _JOBVITE_HOSTS:
        return None
    segments = u.segments[1:] if _segment(u, 0).lower() == "careers" else u.segments
    company = _token(segments[0]) if segments else None
    if not company or company.lower() in _JOBVITE_RESERVED:
        return None
    origin = f"https://{u.host}"
    return Detection("jobvite", company, f"{origin}/{company}", f"{origin}/{company}/search",
                     f"Jobvite career site {u.text}")


def _html_group_api_path(u: _Url, given: str) -> Detection | None:
    """iCIMS's framed job search and JazzHR's embed listing on a host that is not theirs (a mirror)."""
    lowered = [s.lower() for s in u.segments]
    if lowered[-2:] == ["jobs", "search"] and u.param("in_iframe"):
        prefix = "".join(f"/{s}" for s in u.segments[:-2])
        query = urlsplit(u.text).query
        return Detection("icims", "", u.text, _icims_search(u.origin, prefix, query), f"iCIMS {given}")
    if lowered in (["apply", "jobs"], ["apply", "jobs", "feed"]):
        return Detection("jazzhr", "", u.text, f"{u.origin}/apply/jobs", f"JazzHR {given}")
    return None


_HOST_RULES: tuple[Callable[[_Url], Detection | None], ...] = (
    _greenhouse, _lever, _ashby, _workable, _smartrecruiters, _personio, _teamtailor, _recruitee, _workday,
    _icims, _jazzhr, _jobvite)
# ---- wave 2, api group ----
_HOST_RULES += (_bamboohr, _breezy, _rippling, _pinpoint, _gem)
# ---- end api group ----


# ---- feeds group: oracle, successfactors, eightfold (host rules and API paths) ----------------

_ORACLE_PAGE_SIZE = 100  # spiders/oracle.py's page size: the first list page is the spider's first request


def _oracle_site(u: _Url) -> tuple[str, str] | None:
    """(language, site number) of a Candidate Experience page or a recruitingCE* API address."""
    lowered = [s.lower() for s in u.segments]
    if lowered[:2] == ["hcmui", "candidateexperience"] and len(lowered) >= 5 and lowered[3] == "sites":
        site = _token(u.segments[4])
        return (u.segments[2], site) if site else None
    if lowered[:3] == ["hcmrestapi", "resources", "latest"] and len(lowered) >= 4 and lowered[3] in (
            "recruitingcejobrequisitions", "recruitingcejobrequisitiondetails"):
        params = dict(p.partition("=")[::2] for p in u.param("finder").partition(";")[2].split(",") if p)
        site = _token(params.get("siteNumber", ""))
        return ("en", site) if site else None
    return None


def _oracle_detection(u: _Url, origin: str, tenant: str, evidence: str) -> Detection | None:
    found = _oracle_site(u)
    if not found:
        return None
    lang, site = found
    listing = _segment(u, 3).lower() == "recruitingcejobrequisitions"
    api_url = u.text if listing else (
        f"{origin}/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true"
        f"&expand=requisitionList.secondaryLocations&finder=findReqs;siteNumber={site},"
        f"limit={_ORACLE_PAGE_SIZE},offset=0,sortBy=POSTING_DATES_DESC")
    return Detection("oracle", f"{tenant}/{site}", f"{origin}/hcmUI/CandidateExperience/{lang}/sites/{site}",
                     api_url, f"Oracle Recruiting Cloud {evidence} {u.text}")


def _oracle(u: _Url) -> Detection | None:
    if not u.host.endswith(".oraclecloud.com"):
        return None
    return _oracle_detection(u, f"https://{u.host}", u.host.split(".")[0], "site URL")


_EIGHTFOLD_RESERVED = {"www", "app", "api", "docs", "help", "support", "blog", "status", "static", "vs-errors"}


def _eightfold_detection(origin: str, token: str, domain: str, api_url: str, evidence: str) -> Detection:
    query = f"?domain={domain}" if domain else ""
    # spiders/eightfold.py's first request: 10 positions a page (the API's most).
    api_url = api_url or f"{origin}/api/apply/v2/jobs?{query[1:] + '&' if query else ''}start=0&num=10"
    return Detection("eightfold", token, f"{origin}/careers{query}", api_url, evidence)


def _eightfold(u: _Url) -> Detection | None:
    company = _subdomain(u.host, "eightfold.ai", _EIGHTFOLD_RESERVED)
    if not company:
        return None
    listing = [s.lower() for s in u.segments] == ["api", "apply", "v2", "jobs"]
    return _eightfold_detection(f"https://{u.host}", company, u.param("domain"), u.text if listing else "",
                                f"Eightfold careers subdomain {u.host}")


_HOST_RULES += (_oracle, _eightfold)

_RMK_SEARCH_FEED = ("services", "rss", "job")  # /services/rss/job/?locale=...&keywords=...


def _feeds_api_path(u: _Url, given: str) -> Detection | None:
    """Oracle, SuccessFactors and Eightfold API and feed paths on any host."""
    oracle = _oracle_detection(u, u.origin, u.host, f"API path on {u.netloc}:")
    if oracle:
        return oracle
    lowered = tuple(s.lower() for s in u.segments)
    if lowered[:4] == ("api", "apply", "v2", "jobs"):
        domain = u.param("domain")
        return _eightfold_detection(u.origin, domain, domain, u.text if len(lowered) == 4 else "",
                                    f"Eightfold {given}")
    if (len(lowered) == 1 and lowered[0] in ("googlefeed.xml", "sitemal.xml")) or lowered[:3] == _RMK_SEARCH_FEED:
        return Detection("successfactors", u.host, u.origin, u.text,
                         f"SuccessFactors Recruiting Marketing feed: {given}")
    return None
# ---- wave 2, embedded group: join, comeet, jobylon, paylocity, phenom ----------------------------

_COMEET_UID = re.compile(r"[0-9A-F]{2}\.[0-9A-F]{3}", re.I)
_JOBYLON_COMPANY = re.compile(r"(\d+)(?:-.*)?")
_PAYLOCITY_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Phenom search pages: /<lang>/search-results or /<country or "global">/<lang>/search-results.
_PHENOM_SEARCH = re.compile(r"(?:/(?:[a-z]{2}|global))?/[a-z]{2}/search-results/?", re.I)


def _join_api(u: _Url) -> Detection | None:
    company_id = _after(u, "api", "public", "companies")
    if company_id and company_id.isdigit() and _segment(u, 4).lower() == "jobs":
        return Detection("join", company_id, u.text, f"{u.origin}/api/public/companies/{company_id}/jobs",
                         f"JOIN jobs API {u.text}")
    return None


def _join(u: _Url) -> Detection | None:
    if u.host not in ("join.com", "www.join.com"):
        return None
    slug = _after(u, "companies")
    if slug:
        board = f"https://join.com/companies/{slug}"
        return Detection("join", slug, board, board, f"JOIN company page {u.text}")
    return _join_api(u)


def _comeet_api(u: _Url) -> Detection | None:
    uid = _after(u, "careers-api", "2.0", "company")
    token = u.param("token")
    if uid and _COMEET_UID.fullmatch(uid) and _segment(u, 4).lower() == "positions" and _token(token):
        return Detection("comeet", uid, u.text,
                         f"{u.origin}/careers-api/2.0/company/{uid}/positions?token={token}&details=true",
                         f"Comeet careers API {u.text}")
    return None


def _comeet(u: _Url) -> Detection | None:
    if u.host in ("www.comeet.com", "comeet.com"):
        slug, uid = _after(u, "jobs"), _segment(u, 2)
        if slug and _COMEET_UID.fullmatch(uid):
            board = f"https://www.comeet.com/jobs/{slug}/{uid.upper()}"
            return Detection("comeet", uid.upper(), board, board, f"Comeet careers page {u.text}")
        return None
    return _comeet_api(u) if u.host in ("www.comeet.co", "comeet.co") else None


def _jobylon_detection(company_id: str, evidence: str) -> Detection:
    embed = f"https://cdn.jobylon.com/jobs/companies/{company_id}/embed/v2/"
    return Detection("jobylon", company_id, embed, embed, evidence)


def _jobylon(u: _Url) -> Detection | None:
    if u.host == "cdn.jobylon.com":
        company_id = _after(u, "jobs", "companies")
        if company_id and company_id.isdigit():
            return _jobylon_detection(company_id, f"Jobylon embed {u.text}")
    elif u.host == "emp.jobylon.com":
        m = _JOBYLON_COMPANY.fullmatch(_after(u, "companies") or "")
        if m:
            return _jobylon_detection(m.group(1), f"Jobylon company page {u.text}")
    return None


def _paylocity(u: _Url) -> Detection | None:
    if u.host != "recruiting.paylocity.com":
        return None
    guid = _after(u, "recruiting", "jobs", "all")
    if guid and _PAYLOCITY_GUID.fullmatch(guid):
        board = f"https://recruiting.paylocity.com/Recruiting/Jobs/All/{guid}"
        return Detection("paylocity", guid.lower(), board, board, f"Paylocity job board {u.text}")
    return None


def _phenom_path(u: _Url) -> Detection | None:
    """A Phenom search page on the company's own domain (there is no Phenom host)."""
    path = "/" + "/".join(u.segments)
    if _PHENOM_SEARCH.fullmatch(path):
        board = f"{u.origin}{path}"
        return Detection("phenom", u.host, board, board, f"Phenom search-results page {u.text}")
    return None


def _embedded_group_api_path(u: _Url) -> Detection | None:
    return _join_api(u) or _comeet_api(u) or _phenom_path(u)


_PHENOM_BASE = re.compile(r"""["']baseUrl["']\s*:\s*["'](https?://[^"'\s]+)["']""")
_JOBYLON_WIDGET = re.compile(r"\bjbl_company_id\s*=\s*['\"]?(\d+)")
_MAX_MARKER_SCRIPT = 2_000_000


def _embedded_group_page(sel: Selector, page: _Url, base: str) -> Detection | None:
    """Boards that a company's page shows only through its scripts: Comeet's widget (COMEET.init with
    the company's uid and token), Jobylon's v1 widget (jbl_company_id), a Phenom career site (phApp,
    assets from phenompeople.com)."""
    scripts = [s[:_MAX_MARKER_SCRIPT] for s in sel.xpath("//script[not(@src)]/text()").getall()]
    code = "\n".join(s for s in scripts if "COMEET" in s or "jbl_company_id" in s or "phApp" in s)
    if "COMEET" in code:
        from scraper.embedded import PageData  # chompjs, only for pages that need it

        init = PageData(f"<script>{code}</script>").call_argument("COMEET.init")
        uid = str(init.get("company-uid") or "") if isinstance(init, dict) else ""
        token = str(init.get("token") or "") if isinstance(init, dict) else ""
        if _COMEET_UID.fullmatch(uid) and _token(token):
            api = f"https://www.comeet.co/careers-api/2.0/company/{uid}/positions?token={token}&details=true"
            return Detection("comeet", uid, page.text, api, f"Comeet careers widget on the page (company {uid})")
    widget = _JOBYLON_WIDGET.search(code)
    if widget:
        return _jobylon_detection(widget.group(1), f"Jobylon widget on the page (company {widget.group(1)})")
    assets = any(_on_domain(a, "phenompeople.com", base) for a in sel.xpath(_ASSET_XPATH).getall())
    if "phApp" in code or assets:
        found = _PHENOM_BASE.search(code)
        site = _split(found.group(1), bare_host_ok=False) if found else None
        prefix = re.sub(r"/(?:search-results|job/.*)?/?$", "", "/" + "/".join((site or page).segments))
        board = f"{(site or page).origin}{'' if prefix == '/' else prefix}/search-results"
        evidence = "a Phenom career site: " + ("phApp on the page" if "phApp" in code else "phenompeople.com assets")
        return Detection("phenom", (site or page).host, board, board, evidence)
    return None

# ---- end embedded group ----


_HOST_RULES += (_join, _comeet, _jobylon, _paylocity)  # embedded group


def _api_path(u: _Url) -> Detection | None:
    """A platform's API path on a host that is not the platform's (a mirror, a proxy, 127.0.0.1)."""
    given = f"API path on {u.netloc}: {u.text}"
    found = _api_path_api_group(u, given)  # wave 2, api group
    if found:
        return found
    token = _after(u, "v1", "boards")
    if token:
        return Detection("greenhouse", token, u.text, f"{u.origin}/v1/boards/{token}/jobs?content=true",
                         f"Greenhouse {given}")
    site = _after(u, "v0", "postings")
    if site:
        return Detection("lever", site, u.text, f"{u.origin}/v0/postings/{site}?mode=json{_lever_page(u)}",
                         f"Lever {given}")
    name = _after(u, "posting-api", "job-board")
    if name:
        api_url = f"{u.origin}/posting-api/job-board/{name}?includeCompensation=true"
        return Detection("ashby", name, u.text, api_url, f"Ashby {given}")
    slug = _workable_api_account(u)
    if slug:
        return Detection("workable", slug, u.text, f"{u.origin}/api/v1/widget/accounts/{slug}?details=true",
                         f"Workable {given}")
    company = _after(u, "v1", "companies")
    if company and _segment(u, 3).lower() == "postings":
        return Detection("smartrecruiters", company, u.text, f"{u.origin}/v1/companies/{company}/postings",
                         f"SmartRecruiters {given}")
    cxs = _workday_cxs(u)
    if cxs:
        return Detection("workday", f"{cxs[0]}/{cxs[1]}", u.text,
                         f"{u.origin}/wday/cxs/{cxs[0]}/{cxs[1]}/jobs", f"Workday {given}")
    embedded = _embedded_group_api_path(u)  # embedded group
    if embedded:
        return embedded
    lowered = [s.lower() for s in u.segments]
    for i in range(len(lowered) - 1):
        if lowered[i:i + 2] == ["api", "offers"]:
            # The offers API does not name the account; the spider reads it from the offers.  A path
            # before it (a mirror serving several boards) is kept.
            prefix = "".join(f"/{s}" for s in u.segments[:i])
            return Detection("recruitee", "", u.text, f"{u.origin}{prefix}/api/offers/", f"Recruitee {given}")
    # Wave 2: html group (icims, jazzhr), feeds group (oracle, successfactors, eightfold).
    return _html_group_api_path(u, given) or _feeds_api_path(u, given)


def _from_url(u: _Url, *, api_paths: bool) -> Detection | None:
    for rule in _HOST_RULES:
        found = rule(u)
        if found:
            return found
    return _api_path(u) if api_paths else None


def detect_from_url(url: str) -> Detection | None:
    """The board a URL names, from the platforms' public hosts and their API paths on any host.

    A bare host ("jobs.lever.co/acme") is read as https. None when the URL names no board
    (a platform's marketing pages, a job link without its account, a company's own domain).
    """
    u = _split(url, bare_host_ok=True)
    return _from_url(u, api_paths=True) if u else None


# ---- pages --------------------------------------------------------------------------------

_EMBED_XPATH = ("//iframe/@src | //iframe/@data-src | //frame/@src | //script/@src | //embed/@src"
                " | //object/@data")
_LINK_XPATH = "//a/@href | //area/@href | //link/@href | //form/@action"
_ASSET_XPATH = "//@src | //@href | //@data-src | //meta/@content"
_INLINE_URL = re.compile(r"""https?://[a-z0-9.-]+(?::\d+)?(?:/[^\s"'<>\\`)]*)?""", re.I)
# Hosted careers sites on a custom domain still load their platform's assets.
_SITE_CDNS = (("teamtailor", "teamtailor-cdn.com"), ("recruitee", "recruiteecdn.com"))
_SITE_API = {"teamtailor": "/jobs.json", "recruitee": "/api/offers/"}
_SITE_API["pinpoint"] = "/postings.json"  # wave 2, api group: Pinpoint sites on a company's own domain
# -- feeds group: SuccessFactors RMK sites load rmkcdn.successfactors.com assets, Eightfold sites static.vscdn.net --
_SITE_CDNS += (("successfactors", "rmkcdn.successfactors.com"), ("eightfold", "static.vscdn.net"))
_SITE_API.update(successfactors="/googlefeed.xml", eightfold="/api/apply/v2/jobs")
_GENERIC_LABELS = {"www", "jobs", "job", "careers", "career", "apply", "boards", "work", "join", "hiring",
                   "com", "org", "net", "app", "dev", "tech", "io"}
_MAX_INLINE_SCRIPT = 2_000_000


@dataclass
class _Board:
    detection: Detection
    order: int
    embeds: int = 0
    links: int = 0
    resembles: bool = False
    examples: list[str] = field(default_factory=list)


def _simple(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _resembles(token: str, host: str) -> bool:
    """Whether a board's name looks like the site's own name (careers.gitlab.com ~ gitlab)."""
    name = _simple(token.split("/")[0])
    if len(name) < 3:
        return False
    for label in host.split("."):
        label = _simple(label)
        if len(label) >= 3 and label not in _GENERIC_LABELS and (label in name or name in label):
            return True
    return False


class _Tally:
    def __init__(self, page: _Url):
        self.page = page
        self.boards: dict[tuple[str, str], _Board] = {}

    def add(self, url: str, kind: str, base: str) -> None:
        u = _split(urljoin(base, url.strip()), bare_host_ok=False)
        found = _from_url(u, api_paths=False) if u else None
        if not found:
            return
        key = (found.platform, found.token.lower())
        board = self.boards.get(key)
        if board is None:
            board = self.boards[key] = _Board(found, len(self.boards),
                                              resembles=_resembles(found.token, self.page.host))
        if kind == "embed":
            board.embeds += 1
        else:
            board.links += 1
        example = f"{kind} {u.text}"
        if len(board.examples) < 2 and example not in board.examples:
            board.examples.append(example)

    def ranked(self) -> list[_Board]:
        return sorted(self.boards.values(), key=lambda b: (-b.embeds, -b.links, not b.resembles, b.order))


def _page_text(html: str | bytes) -> str:
    if isinstance(html, bytes):
        return html_to_unicode(None, html)[1]
    return html or ""


def _recruitee_app_subdomain(sel: Selector) -> str | None:
    """The account a Recruitee careers site's server-rendered app names in its config."""
    for props in sel.xpath("//*[@data-component][@data-props]/@data-props").getall():
        if "recruitee" not in props:
            continue
        try:
            config = json.loads(props).get("appConfig") or {}
            site = config.get("site") or {}
            if str(config.get("atsHost") or "").endswith("recruitee.com"):
                return _token(str(site.get("subdomain") or "")) or ""
        except (ValueError, AttributeError):
            continue
    return None


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", node.get("type"))
    values = value if isinstance(value, list) else [value]
    return [str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v]


def _job_postings(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """JobPosting nodes anywhere in extruct's output (@graph, lists, nested properties)."""
    stack = list(items)
    seen = 0
    while stack and seen < 100_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            if "JobPosting" in _types(node):
                yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _posting_url(node: dict[str, Any]) -> str:
    value = node.get("url")
    if value is None and isinstance(node.get("properties"), dict):
        value = node["properties"].get("url")
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else ""


def _structured_postings(sel: Selector, text: str, base: str) -> tuple[dict[str, int], list[str]]:
    """How many schema.org JobPostings each syntax carries, and the postings' own URLs."""
    # Imported here: extruct loads rdflib (half a second), which URL-only detection never needs.
    from extruct.jsonld import JsonLdExtractor
    from extruct.rdfa import RDFaExtractor
    from extruct.utils import parse_xmldom_html
    from extruct.w3cmicrodata import MicrodataExtractor

    found: dict[str, list[dict[str, Any]]] = {"json-ld": [], "microdata": [], "rdfa": []}
    jsonld = JsonLdExtractor()
    # One block at a time: a malformed block must not hide the good ones.
    for script in sel.xpath("//script[@type='application/ld+json']"):
        try:
            found["json-ld"].extend(_job_postings(jsonld.extract_items(script.root)))
        except Exception:  # extruct raises whatever its JSON parsers raise on garbage
            continue
    if sel.xpath("//*[@itemscope]"):
        try:
            items = MicrodataExtractor().extract_items(sel.root, base_url=base)
            found["microdata"].extend(_job_postings(items))
        except Exception:
            pass
    if sel.xpath("//*[@typeof]"):
        try:
            tree = parse_xmldom_html(text, encoding="utf-8")
            found["rdfa"].extend(_job_postings(RDFaExtractor().extract_items(tree, base_url=base)))
        except Exception:
            pass
    counts = {syntax: len(nodes) for syntax, nodes in found.items() if nodes}
    urls = [u for nodes in found.values() for u in map(_posting_url, nodes) if u]
    return counts, urls


def detect_from_page(url: str, html: str | bytes) -> Detection | None:
    """The board a company's careers page embeds, links to or is, or its JobPosting markup.

    `url` is the page's address (it resolves relative links and names a "jsonld" board);
    `html` its body, text or bytes (the charset is sniffed). Malformed, empty or non-HTML
    input gives None, never an exception.
    """
    page = _split(url, bare_host_ok=True)
    text = _page_text(html)
    if page is None or not text.strip():
        return None
    try:
        sel = Selector(text=text, type="html", base_url=page.text)
    except Exception:  # lxml refuses some byte soups outright
        return None
    base = urljoin(page.text, (sel.xpath("//base/@href").get() or "").strip())
    tally = _Tally(page)
    for value in sel.xpath(_EMBED_XPATH).getall():
        tally.add(value, "embed", base)
    for value in sel.xpath(_LINK_XPATH).getall():
        tally.add(value, "link", base)
    for script in sel.xpath("//script[not(@src)]/text()").getall():
        for match in _INLINE_URL.findall(script[:_MAX_INLINE_SCRIPT].replace("\\/", "/")):
            tally.add(match, "script", base)
    counts, posting_urls = _structured_postings(sel, text, page.text)
    for posting_url in posting_urls:
        tally.add(posting_url, "JobPosting url", base)

    subdomain = _recruitee_app_subdomain(sel)
    if subdomain is not None:
        return Detection("recruitee", subdomain, page.origin, page.origin + _SITE_API["recruitee"],
                         "Recruitee careers-site app config on the page"
                         + (f" (site subdomain {subdomain})" if subdomain else ""))

    ranked = tally.ranked()
    for board in ranked:
        if board.embeds or board.links >= 2 or board.resembles:
            return _with_evidence(board)

    embedded = _embedded_group_page(sel, page, base)  # embedded group
    if embedded:
        return embedded

    for platform, cdn in _SITE_CDNS:
        asset = next((a for a in sel.xpath(_ASSET_XPATH).getall() if _on_domain(a, cdn, base)), None)
        if asset:
            same = next((b for b in ranked if b.detection.platform == platform), None)
            if same:
                return _with_evidence(same, f"; the page loads {platform} assets ({asset.strip()[:120]})")
            return Detection(platform, "", page.origin, page.origin + _SITE_API[platform],
                             f"a {platform} careers site on its own domain: the page loads assets from "
                             f"{cdn} ({asset.strip()[:120]})")

    if counts:
        described = ", ".join(f"{syntax}: {n}" for syntax, n in counts.items())
        return Detection("jsonld", page.host, page.text, page.text,
                         f"{sum(counts.values())} schema.org JobPosting item(s) on the page ({described})")

    if ranked:
        note = ("; the only board the page names" if len(ranked) == 1 else
                f"; the first of {len(ranked)} boards the page names once each")
        return _with_evidence(ranked[0], note)
    return None


def _on_domain(value: str, domain: str, base: str) -> bool:
    u = _split(urljoin(base, value.strip()), bare_host_ok=False)
    return bool(u) and (u.host == domain or u.host.endswith("." + domain))


def _with_evidence(board: _Board, note: str = "") -> Detection:
    counts = []
    if board.embeds:
        counts.append(f"{board.embeds} embed(s)")
    if board.links:
        counts.append(f"{board.links} link(s)")
    evidence = f"{' and '.join(counts)} on the page, e.g. {'; '.join(board.examples)}{note}"
    d = board.detection
    return Detection(d.platform, d.token, d.board_url, d.api_url, evidence)


def detect(url: str, html: str | bytes | None = None) -> Detection | None:
    """The URL's own board if it names one, else what its page (when given) reveals."""
    return detect_from_url(url) or (detect_from_page(url, html) if html is not None else None)


# ---- configured boards ----------------------------------------------------------------------

# A token alone locates the board on these platforms' public hosts. (Workday needs its wdN
# host as well; Lever's EU boards need the EU host: give their URL instead.)
_TOKEN_BOARDS = {
    "greenhouse": "https://job-boards.greenhouse.io/{}",
    "lever": "https://jobs.lever.co/{}",
    "ashby": "https://jobs.ashbyhq.com/{}",
    "workable": "https://apply.workable.com/{}",
    "smartrecruiters": "https://jobs.smartrecruiters.com/{}",
    "personio": "https://{}.jobs.personio.de",
    "teamtailor": "https://{}.teamtailor.com",
    "recruitee": "https://{}.recruitee.com",
    "icims": "https://{}.icims.com",  # html group
    "jazzhr": "https://{}.applytojob.com/apply",
    "jobvite": "https://jobs.jobvite.com/{}",
}
# ---- wave 2, api group ----
_TOKEN_BOARDS.update({
    "bamboohr": "https://{}.bamboohr.com/careers",
    "breezy": "https://{}.breezy.hr",
    "rippling": "https://ats.rippling.com/{}/jobs",
    "pinpoint": "https://{}.pinpointhq.com",
    "gem": "https://jobs.gem.com/{}",
})
# ---- end api group ----
_TOKEN_BOARDS["eightfold"] = "https://{}.eightfold.ai/careers"  # feeds group
# ---- wave 2, embedded group (join, jobylon, paylocity; a Comeet board needs its page's name too) ----
_TOKEN_BOARDS.update({
    "join": "https://join.com/companies/{}",
    "jobylon": "https://cdn.jobylon.com/jobs/companies/{}/embed/v2/",
    "paylocity": "https://recruiting.paylocity.com/Recruiting/Jobs/All/{}",
})
# ---- end embedded group ----


def board_from_token(platform: str, token: str) -> Detection | None:
    """The platform's public board named `token`, when the token alone locates it."""
    template = _TOKEN_BOARDS.get(platform)
    if not template or not _token(token):
        return None
    found = detect_from_url(template.format(token))
    if found is None or found.platform != platform:
        return None
    return Detection(found.platform, found.token, found.board_url, found.api_url,
                     f"{platform} board {token!r} as configured")


def resolve(url: str, platform: str = "", token: str = "",
            html: str | bytes | None = None) -> Detection | None:
    """What to crawl for a companies-file entry: its platform and token, where given, override detection.

    Without a platform this is `detect(url, html)`. With one, the URL (or page) is used when it
    names a board of that platform (and that token); else the token's public board; else the
    careers URL itself, which Recruitee, Teamtailor and jsonld spiders read on any domain
    (api_url is "" for the other platforms: their board is not located without a token or page).
    """
    if not platform:
        return detect(url, html)

    def agrees(found: Detection | None) -> bool:
        if found is None or found.platform != platform:
            return False
        # A URL that locates the board without naming it (Recruitee's offers API on a mirror) agrees too.
        return not token or not found.token or found.token.lower() == token.lower()

    found = detect_from_url(url)
    if agrees(found):
        return replace(found, token=found.token or token)
    if token:
        built = board_from_token(platform, token)
        if built:
            return built
    if html is not None:
        found = detect_from_page(url, html)
        if agrees(found):
            return found
    u = _split(url, bare_host_ok=True)
    if u is None:
        return None
    if platform == "jsonld":
        return Detection("jsonld", token or u.host, u.text, u.text, "platform jsonld as configured")
    api_url = u.origin + _SITE_API[platform] if platform in _SITE_API else ""
    evidence = f"platform {platform} as configured"
    if not api_url:
        evidence += "; the URL does not locate the board"
    return Detection(platform, token, u.text, api_url, evidence)
