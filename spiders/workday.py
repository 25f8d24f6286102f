"""Workday career sites, through the cxs JSON API the site's own front end uses: POST
`/wday/cxs/<tenant>/<site>/jobs` pages through the list (20 at a time, offset paging),
GET `/wday/cxs/<tenant>/<site>/job/...` gives each posting's description.

    scrapy crawl workday -a url=https://acme.wd5.myworkdayjobs.com/en-US/External
    scrapy crawl workday -a url=https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs
    scrapy crawl workday -a url=https://wd3.myworkdaysite.com/recruiting/acme/External
    scrapy crawl workday -a url=http://127.0.0.1:8080/External -a board=acme   (mirror: tenant given)

Spider arguments besides the base ones: max_pages (list pages per board, default 50), page_size
(postings per list page, default and maximum 20).
Stats besides the base ones: jobs/workday/pagination_capped, details_failed/<reason>.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper.bodies import loads_json
from scraper.items import JobPosting
from scraper.platform import PlatformSpider, failure_reason, origin

logger = logging.getLogger(__name__)

_WORKDAY_HOST = re.compile(r"^([a-z0-9-]+)\.wd\d+\.myworkdayjobs\.com$", re.I)
_CXS_PATH = re.compile(r"/wday/cxs/([^/]+)/([^/]+)(?:/|$)")
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
# The list's locationsText for a multi-location posting ("3 Locations") names no place.
_LOCATION_COUNT = re.compile(r"^\d+\s+locations?$", re.I)
_JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def board_address(url: str, board: str = "") -> tuple[str, str, str]:
    """(tenant, site, cxs root URL) for a human or API Workday address; tenant "" when unknown."""
    parts = urlsplit(url)
    m = _CXS_PATH.search(parts.path)
    if m:
        return board or m.group(1), m.group(2), f"{origin(url)}/wday/cxs/{m.group(1)}/{m.group(2)}"
    segments = [s for s in parts.path.split("/") if s]
    if segments and _LOCALE.match(segments[0]):
        segments = segments[1:]
    host = _WORKDAY_HOST.match(parts.hostname or "")
    if len(segments) >= 3 and segments[0] == "recruiting":  # wdN.myworkdaysite.com/recruiting/<tenant>/<site>
        tenant, site = board or segments[1], segments[2]
    else:
        tenant, site = board or (host.group(1).lower() if host else ""), segments[0] if segments else ""
    return tenant, site, f"{origin(url)}/wday/cxs/{tenant}/{site}" if tenant and site else ""


class WorkdaySpider(PlatformSpider):
    name = "workday"
    page_size = 20  # the API refuses larger pages
    max_pages = 50

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.tenant, self.site, self.cxs_root = board_address(self.url, self.board)
        if not self.cxs_root:
            raise ValueError(f"workday: {self.url} names no tenant and site; give <tenant>.wdN."
                             "myworkdayjobs.com/<site>, /wday/cxs/<tenant>/<site>/jobs, or -a board=<tenant>")
        self.max_pages, self.page_size = int(self.max_pages), int(self.page_size)

    def api_url(self) -> str:
        return f"{self.cxs_root}/jobs"

    def board_request(self, url: str, offset: int = 0, total: int | None = None, page: int = 1,
                      **kwargs: Any) -> scrapy.Request:
        body = {"appliedFacets": {}, "limit": self.page_size, "offset": offset, "searchText": ""}
        return super().board_request(url, method="POST", body=json.dumps(body), headers=_JSON_HEADERS,
                                     meta={"offset": offset, "total": total, "page": page}, **kwargs)

    def postings(self, data: Any) -> list[Any] | None:
        if not isinstance(data, dict) or not ("jobPostings" in data or "total" in data):
            return None
        postings = data.get("jobPostings") or []
        return postings if isinstance(postings, list) else None

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        # Only the first page's total is trustworthy: later pages often report 0.
        total = response.meta.get("total")
        if total is None and isinstance(data.get("total"), int):
            total = data["total"]
        count = len(data.get("jobPostings") or [])
        offset = (response.meta.get("offset") or 0) + count
        if count == 0 or (offset >= total if total is not None else count < self.page_size):
            return []
        page = response.meta.get("page") or 1
        cap = self.settings.getint("WORKDAY_MAX_PAGES", self.max_pages) if self.settings else self.max_pages
        if page >= cap:
            self.stat("pagination_capped")
            # Unread pages are not missing postings: the board must not be reported complete.
            response.meta["listing_incomplete"] = True
            logger.warning("%s: stopped after %d pages (max_pages) of %s postings", self.api_url(),
                           cap, total if total is not None else "?")
            return []
        return [self.board_request(self.api_url(), offset=offset, total=total, page=page + 1)]

    def parse_posting(self, posting: Any, response: Response) -> scrapy.Request | None:
        path = posting.get("externalPath") if isinstance(posting, dict) else None
        if not isinstance(path, str) or not path.startswith("/") or ".." in path or "://" in path:
            return None
        return scrapy.Request(self.cxs_root + path, callback=self.parse_detail, errback=self.detail_failed,
                              headers=_JSON_HEADERS, cb_kwargs={"listed": posting})

    def parse_detail(self, response: Response, listed: dict[str, Any]) -> Iterator[JobPosting]:
        try:
            data = loads_json(self.response_text(response))
        except (ValueError, RecursionError) as exc:
            data = None
            logger.error("%s: malformed detail JSON (%s)", response.url, str(exc)[:200])
        info = data.get("jobPostingInfo") if isinstance(data, dict) else None
        if not isinstance(info, dict):
            yield from self.listed_only(listed, "malformed" if data is None else "unexpected_shape")
            return
        org = data.get("hiringOrganization")
        yield from self.emit_item(self.posting_item(listed, info, org if isinstance(org, dict) else {}))

    def detail_failed(self, failure: Failure) -> Iterator[JobPosting]:
        request = failure.request
        reason = failure_reason(failure)
        logger.error("%s: detail request failed (%s): %s", request.url, reason,
                     failure.getErrorMessage()[:200])
        yield from self.listed_only(request.cb_kwargs["listed"], reason)

    def listed_only(self, listed: dict[str, Any], reason: str) -> Iterator[JobPosting]:
        """The record the list alone gives (title, url, date, location; no description)."""
        self.stat(f"details_failed/{reason}")
        yield from self.emit_item(self.posting_item(listed, {}, {}))

    def emit_item(self, item: JobPosting) -> Iterator[JobPosting]:
        if not item.title:
            self.stat("postings_skipped/no_title")
            logger.warning("posting %s has no title; skipped", item.url)
            return
        if not item.descriptionHtml:
            self.stat("postings_without_description")
        self.stat("postings_yielded")
        yield item

    def posting_item(self, listed: dict[str, Any], info: dict[str, Any], org: dict[str, Any]) -> JobPosting:
        path = listed["externalPath"]
        country = (info.get("jobRequisitionLocation") or {}).get("country") or info.get("country")
        if isinstance(country, dict):
            country = country.get("alpha2Code") or country.get("descriptor") or ""
        country = country if isinstance(country, str) else ""
        locations = [{"label": name, "country": country if name == info.get("location") else ""}
                     for name in [info.get("location"), *(info.get("additionalLocations") or [])]
                     if isinstance(name, str) and name.strip()]
        listed_location = listed.get("locationsText") or ""
        title = info.get("title") or listed.get("title") or ""
        return self.new_item(
            path.rstrip("/").rsplit("/", 1)[-1],
            board=self.tenant,
            title=title,
            titleRaw=title,
            url=info.get("externalUrl") or f"{origin(self.cxs_root)}/{self.site}{path}",
            companyName=org.get("name") or "",
            companyWebsite=org.get("url") or "",
            descriptionHtml=[("", info["jobDescription"])] if info.get("jobDescription") else [],
            datePostedRaw=(info.get("startDate") or listed.get("startDate") or info.get("postedOn")
                           or listed.get("postedOn")),
            employmentTypeRaw=info.get("timeType") or listed.get("timeType") or "",
            workplaceRaw=info.get("remoteType") or listed.get("remoteType") or "",
            locationsRaw=locations,
            locationRaw="" if _LOCATION_COUNT.match(listed_location) else listed_location,
        )
