"""Phenom career sites (on the company's own domain): the search-results page embeds a page of jobs
in `phApp.ddo.eagerLoadRefineSearch` (teasers only); later pages are the same page with
`?from=<offset>&s=1`.  Each job's page (/<locale>/job/<id>) embeds `phApp.ddo.jobDetail` with the full
description.  A job whose page fails keeps what the search listed.

    scrapy crawl phenom -a url=https://careers.phenom.com/global/en/search-results
    scrapy crawl phenom -a url=https://careers.example.com/us/en        (the site's home: its search results)

Settings: PHENOM_MAX_PAGES caps the search pages read from one site (default 100).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameters, url_query_parameter

from scraper.embedded import EmbeddedSpider, PageData, dig, fill
from scraper.items import JobPosting
from scraper.platform import SkipPosting, origin

# What comes before /search-results or /job/<id> is the site's locale prefix (/us/en, /global/en, /en).
_PREFIX = re.compile(r"^(.*?)(?:/search-results|/job/.*)?/?$")


def _search(ddo: Any) -> dict[str, Any]:
    found = dig(ddo, "eagerLoadRefineSearch") or dig(ddo, "refineSearch")
    return found if isinstance(found, dict) else {}


def _places(job: dict[str, Any]) -> list[dict[str, str]]:
    """Every location of a multi-location job, else its own: the full label ("Rotterdam, South Holland,
    Netherlands") with its country, or the city, state and country fields."""
    many = [p.get("location") for p in job.get("multi_location_array") or [] if isinstance(p, dict)]
    if len([p for p in many if isinstance(p, str) and p]) > 1:
        return [{"label": p} for p in many if isinstance(p, str) and p]
    label = job.get("cityStateCountry") or job.get("location")
    if isinstance(label, str) and label.strip():
        return [{"label": label, "country": job.get("country") or ""}]
    return [{"city": job.get("city") or "", "region": job.get("state") or "", "country": job.get("country") or ""}] \
        if job.get("city") or job.get("country") else []


class PhenomSpider(EmbeddedSpider):
    name = "phenom"
    board_data = ("phApp.ddo",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        parts = urlsplit(self.url)
        self.prefix = _PREFIX.match(parts.path.rstrip("/")).group(1)
        # A search page keeps its own query (keywords, facets); any other page gets the whole search.
        self.search = urlunsplit((parts.scheme, parts.netloc, f"{self.prefix}/search-results",
                                  parts.query if parts.path.rstrip("/").endswith("/search-results") else "", ""))

    def api_url(self) -> str:
        return self.search

    def postings(self, data: Any) -> list[Any] | None:
        jobs = dig(_search(data), "data", "jobs")
        return jobs if isinstance(jobs, list) else None

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        search = _search(data)
        count, total = len(search["data"]["jobs"]), search.get("totalHits")
        start = str(url_query_parameter(response.url, "from") or "0")
        offset = (int(start) if start.isdigit() else 0) + count
        if not count or not isinstance(total, int) or offset >= total:
            return []
        page = self.next_page(response)
        return [self.board_request(add_or_replace_parameters(self.search, {"from": str(offset), "s": "1"}),
                                   meta={"page": page})] if page else []

    def parse_posting(self, job: Any, response: Response):
        job_id = job.get("jobId") or job.get("reqId") or job.get("jobSeqNo") if isinstance(job, dict) else None
        if not job_id:
            raise SkipPosting("no_id")
        if not str(job.get("title") or "").strip():
            raise SkipPosting("no_title", f"job {job_id}")
        url = f"{origin(response.url)}{self.prefix}/job/{quote(str(job_id), safe='')}"
        return self.detail_request(url, {**job, "_id": str(job_id), "_url": url}, job_id)

    def posting_detail(self, detail: Any, job: dict[str, Any], response: Response | None) -> JobPosting:
        text = job.get("description") or job.get("descriptionTeaser") or ""
        fields = {
            "title": job["title"], "titleRaw": job["title"], "url": job["_url"],
            "applyUrl": job.get("applyUrl") or "",
            "descriptionHtml": [("", text)] if text else [],
            "locationsRaw": _places(job),
            "datePostedRaw": job.get("postedDate") or job.get("dateCreated"),
            "employmentTypeRaw": job.get("type") or "",
            "departmentRaw": job.get("department") or job.get("category") or "",
            "postingLanguage": str(job.get("locale") or "")[:2].lower(),
        }
        full = dig(detail.assigned("phApp.ddo"), "jobDetail", "data", "job", "description") \
            if isinstance(detail, PageData) else None
        if isinstance(full, str) and full.strip():
            fields["descriptionHtml"] = [("", full)]
        fill(fields, self.page_posting(detail))
        return self.new_item(job["_id"], board=urlsplit(self.url).hostname or "", **fields)
