"""Oracle Recruiting Cloud career sites (Fusion HCM "Candidate Experience"), through the REST API their own
pages use: `recruitingCEJobRequisitions` (finder findReqs; limit and offset live inside the finder) lists a
site's requisitions, `recruitingCEJobRequisitionDetails` (finder ById) gives each one's description sections.

    scrapy crawl oracle -a url=https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1
    scrapy crawl oracle -a "url=https://ejov.fa.ca2.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&finder=findReqs;siteNumber=CX_1"

Settings: ORACLE_MAX_PAGES caps the list pages read from one site (default 100).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from w3lib.url import url_query_parameter

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, origin

_REST = "/hcmRestApi/resources/latest"
_SITE_PATH = re.compile(r"/hcmUI/CandidateExperience/([^/]+)/sites/([^/]+)", re.I)
_ORACLE_HOST = re.compile(r"^([a-z0-9-]+)\..*oraclecloud\.com$", re.I)
# The detail's HTML parts in page order, under Oracle's own names for them.
_SECTIONS = (("ExternalDescriptionStr", ""), ("ExternalResponsibilitiesStr", "Responsibilities"),
             ("ExternalQualificationsStr", "Qualifications"), ("CorporateDescriptionStr", "Corporate description"),
             ("OrganizationDescriptionStr", "Organization description"))


def requisitions_url(origin_url: str, site: str, limit: int) -> str:
    """A site's first list page (newest first), its secondary locations expanded."""
    return (f"{origin_url}{_REST}/recruitingCEJobRequisitions?onlyData=true&expand=requisitionList.secondaryLocations"
            f"&finder=findReqs;siteNumber={site},limit={limit},offset=0,sortBy=POSTING_DATES_DESC")


def finder(url: str) -> tuple[str, dict[str, str]]:
    """The finder's name and its comma-separated parameters: ("findReqs", {"siteNumber": "CX_1", ...})."""
    name, _, rest = (url_query_parameter(url, "finder") or "").partition(";")
    return name, dict(p.partition("=")[::2] for p in rest.split(",") if p)


def with_finder(url: str, name: str, params: dict[str, str]) -> str:
    value = quote(name + ";" + ",".join(f"{k}={v}" for k, v in params.items()), safe=";,=\"'")
    parts = urlsplit(url)
    query = [q for q in parts.query.split("&") if q and not q.startswith("finder=")] + [f"finder={value}"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(query), ""))


def _int(value: Any, default: int = 0) -> int:
    return int(value) if str(value).isdigit() else default


class OracleSpider(PlatformSpider):
    name = "oracle"
    page_size = 100

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        m = _SITE_PATH.search(urlsplit(self.url).path)
        self.lang, self.site = (m.group(1), m.group(2)) if m else ("en", finder(self.url)[1].get("siteNumber", ""))
        if not self.site:
            raise ValueError(f"oracle: {self.url} names no site; give .../hcmUI/CandidateExperience/<lang>/sites/"
                             "<SITE> or a recruitingCEJobRequisitions address with finder=findReqs;siteNumber=<SITE>")

    def tenant(self) -> str:
        host = urlsplit(self.url).hostname or ""
        m = _ORACLE_HOST.match(host)
        return self.board or (m.group(1).lower() if m else host.lower())

    def api_url(self) -> str:
        if "/recruitingCEJobRequisitions" not in urlsplit(self.url).path:
            return requisitions_url(origin(self.url), self.site, self.page_size)
        name, params = finder(self.url)
        params.setdefault("limit", str(self.page_size))
        params.setdefault("offset", "0")
        return with_finder(self.url, name, params)

    def postings(self, data: Any) -> list[Any] | None:
        searches = data.get("items") if isinstance(data, dict) else None
        if not isinstance(searches, list) or not all(isinstance(s, dict) for s in searches):
            return None
        found = [s.get("requisitionList") for s in searches]
        return None if any(not isinstance(f, list) for f in found) else [r for f in found for r in f]

    def next_requests(self, response: Response, data: Any) -> Iterator[scrapy.Request]:
        name, params = finder(response.url)
        listed = [r for s in data["items"] for r in s["requisitionList"]]
        offset, limit = _int(params.get("offset")) + len(listed), _int(params.get("limit"), 25)
        total = next((s["TotalJobsCount"] for s in data["items"] if isinstance(s.get("TotalJobsCount"), int)), None)
        if not listed or (offset >= total if total is not None else len(listed) < limit):
            return
        page = self.next_page(response)
        if page:
            yield self.board_request(with_finder(response.url, name, {**params, "offset": str(offset)}),
                                     meta={"page": page})

    def parse_posting(self, req: Any, response: Response) -> scrapy.Request | None:
        if not isinstance(req, dict) or not req.get("Id"):
            return None
        detail = (f"{origin(response.url)}{_REST}/recruitingCEJobRequisitionDetails?expand=all&onlyData=true"
                  f"&finder=ById;Id=%22{quote(str(req['Id']), safe='')}%22,siteNumber={quote(self.site, safe='')}")
        return self.detail_request(detail, listed=req, posting_id=req["Id"], board=self.tenant())

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        items = detail.get("items") if isinstance(detail, dict) else None
        found = items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}
        if detail is not None and not found:
            self.stat("details_failed/unexpected_shape")
        req = {**(listed or {}), **{k: v for k, v in found.items() if v not in (None, "", [])}}
        title = str(req.get("Title") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"requisition {req.get('Id')}")
        sections = [(heading, req[key]) for key, heading in _SECTIONS
                    if isinstance(req.get(key), str) and req[key].strip()]
        places: dict[str, str] = {}
        for name, country in [(req.get("PrimaryLocation"), req.get("PrimaryLocationCountry"))] + [
                (loc.get("Name"), loc.get("CountryCode")) for loc in req.get("secondaryLocations") or []
                if isinstance(loc, dict)]:
            if isinstance(name, str) and name.strip():
                places.setdefault(name.strip(), country if isinstance(country, str) else "")
        return self.new_item(
            req["Id"],
            board=self.tenant(),
            title=title,
            titleRaw=title,
            url=f"{origin(self.url)}/hcmUI/CandidateExperience/{self.lang}/sites/{self.site}/job/{req['Id']}",
            companyName=req.get("LegalEmployer") or "",
            # The list's short description stands in when the detail gives no text (or failed).
            descriptionHtml=sections or [("", req.get("ShortDescriptionStr") or "")],
            locationsRaw=[{"label": name, "country": country} for name, country in places.items()],
            workplaceRaw=req.get("WorkplaceType") or req.get("WorkplaceTypeCode") or "",
            employmentTypeRaw=" ".join(v for v in (req.get("JobSchedule"), req.get("JobType")) if isinstance(v, str)),
            departmentRaw=req.get("Department") or req.get("Organization") or "",
            datePostedRaw=req.get("PostedDate") or req.get("ExternalPostedStartDate"),
            validThroughRaw=req.get("PostingEndDate") or req.get("ExternalPostedEndDate"),
        )
