"""Rippling job boards (ats.rippling.com/<slug>/jobs), through the board API the page reads: a list
of the board's jobs, then one request per job for its description, creation date, employment type
and pay ranges.  A job whose detail request fails is kept from the list.

    scrapy crawl rippling -a url=https://ats.rippling.com/portside/jobs
    scrapy crawl rippling -a url=https://api.rippling.com/platform/api/ats/v1/board/portside/jobs
    scrapy crawl rippling -a url=https://api.rippling.com/platform/api/ats/v2/board/rippling/jobs

A board address is read through the v2 list (paged with page/pageSize, structured locations); a v1
list address (one array, no paging) is used as given.  Both list a job once per location.

Settings: RIPPLING_MAX_PAGES caps the v2 list pages read from one board (default 100).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameters, url_query_parameter

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, as_dict, html_sections, origin

_API = "https://api.rippling.com"
_PUBLIC = "https://ats.rippling.com"
_API_PATH = re.compile(r"/platform/api/ats/(?P<version>v\d+)/board/(?P<slug>[^/]+)/jobs/?$")
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")



class RipplingSpider(PlatformSpider):
    name = "rippling"
    api_hosts = {"ats.rippling.com": _API}
    #: Jobs asked for per v2 page (the API allows up to 1000).
    page_size = 100

    def slug(self) -> str:
        """The board slug (case-sensitive) in an API or board URL, else -a board."""
        path = urlsplit(self.url).path
        m = _API_PATH.search(path)
        if m:
            return unquote(m.group("slug"))
        # ats.rippling.com/[<locale>/][embed/]<slug>/jobs[/<uuid>]
        segments = [unquote(s) for s in path.split("/") if s]
        while segments and (_LOCALE.match(segments[0]) or segments[0] == "embed"):
            segments.pop(0)
        return segments[0] if segments and segments[0] != "jobs" else self.board

    def api_url(self) -> str:
        m = _API_PATH.search(urlsplit(self.url).path)
        if m:
            if m.group("version") == "v1" or url_query_parameter(self.url, "pageSize"):
                return self.url
            return add_or_replace_parameters(self.url, {"page": "0", "pageSize": str(self.page_size)})
        if not self.slug():
            raise ValueError("rippling: the URL names no board; give -a board=<slug>")
        return (f"{self.api_origin()}/platform/api/ats/v2/board/{quote(self.slug())}/jobs"
                f"?page=0&pageSize={self.page_size}")

    def postings(self, data: Any) -> list[Any] | None:
        rows = data if isinstance(data, list) else data.get("items") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            return None
        # One row per location: one posting with every location (v2 `locations`, v1 `workLocation`).
        merged: dict[str, dict[str, Any]] = {}
        for row in rows:
            key = str(as_dict(row).get("uuid") or as_dict(row).get("id") or "")
            if not key:
                merged[f"#{len(merged)}"] = row  # counted as no posting
                continue
            job = merged.setdefault(key, {**row, "locations": [], "workLocations": []})
            job["locations"] += [p for p in row.get("locations") or [] if p not in job["locations"]]
            label = as_dict(row.get("workLocation")).get("label")
            if label and label not in job["workLocations"]:
                job["workLocations"].append(label)
        return list(merged.values())

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        page, pages = (data.get("page"), data.get("totalPages")) if isinstance(data, dict) else (None, None)
        if not isinstance(page, int) or not isinstance(pages, int) or page + 1 >= pages or not data["items"]:
            return []
        request = self.page_request(response, add_or_replace_parameters(response.url, {"page": str(page + 1)}))
        return [request] if request else []

    def parse_posting(self, job: Any, response: Response) -> scrapy.Request | None:
        posting_id = as_dict(job).get("uuid") or as_dict(job).get("id")
        if not posting_id:
            return None
        # The job's record lives under the list's own path: .../board/<slug>/jobs/<id>.
        detail = f"{origin(response.url)}{urlsplit(response.url).path.rstrip('/')}/{quote(str(posting_id))}"
        return self.detail_request(detail, listed=job, posting_id=posting_id, board=self.slug())

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        job = {**as_dict(listed), **{k: v for k, v in as_dict(detail).items() if v not in (None, [], {})}}
        posting_id = job.get("uuid") or job.get("id")
        if not posting_id:
            return None
        title = str(job.get("name") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"job {posting_id}")
        text = job.get("description")
        # The record's description is {company, role}: the company's blurb above the role's text.
        parts = [text.get("company"), text.get("role"), *(v for k, v in text.items() if k not in ("company", "role"))] \
            if isinstance(text, dict) else [text]
        places = [p for p in job.get("locations") or [] if isinstance(p, dict)]
        public = _PUBLIC if urlsplit(self.url).hostname in (None, "ats.rippling.com", "api.rippling.com") \
            else origin(self.url)
        employment, department = as_dict(job.get("employmentType")), as_dict(job.get("department"))
        # v2 gives each location's workplace type (ON_SITE, REMOTE, HYBRID); v1 only labels.
        workplaces = dict.fromkeys(str(p["workplaceType"]) for p in places if p.get("workplaceType"))
        return self.new_item(
            posting_id,
            board=self.slug(),
            title=title,
            titleRaw=title,
            url=job.get("url") or f"{public}/{quote(self.slug())}/jobs/{posting_id}",
            companyName=job.get("companyName") or as_dict(job.get("board")).get("companyName") or "",
            descriptionHtml=html_sections(*(("", part) for part in parts)),
            locationsRaw=[{"city": p.get("city") or "", "region": p.get("state") or "",
                           "country": p.get("countryCode") or p.get("country") or "", "label": p.get("name") or ""}
                          for p in places] or [{"label": label} for label in job.get("workLocations") or []],
            workplaceRaw=" / ".join(workplaces or map(str, job.get("workLocations") or [])),
            datePostedRaw=job.get("createdOn"),
            # `label` is the code (SALARIED_FT), `id` the tenant's own wording of it.
            employmentTypeRaw=employment.get("label") or employment.get("id") or "",
            departmentRaw=department.get("name") or department.get("label") or "",
            salaryRaw=_pay(job.get("payRangeDetails")),
            postingLanguage=str(job.get("language") or "")[:2].lower(),
        )


def _pay(ranges: Any) -> dict[str, Any] | None:
    """The pay span of the ranges (one per location or level) in the first range's currency and period;
    ranges in another currency or period are left out, not blended in."""
    def amount(band: dict[str, Any], key: str) -> Any:
        value = band.get(key)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    bands = [r for r in ranges if isinstance(r, dict) and (amount(r, "rangeStart") or amount(r, "rangeEnd"))] \
        if isinstance(ranges, list) else []
    if not bands:
        return None
    unit = (bands[0].get("currency"), bands[0].get("frequency"))
    same = [r for r in bands if (r.get("currency"), r.get("frequency")) == unit]
    lows = [v for v in (amount(r, "rangeStart") for r in same) if v is not None]
    highs = [v for v in (amount(r, "rangeEnd") for r in same) if v is not None]
    return {"min": min(lows) if lows else None, "max": max(highs) if highs else None,
            "currency": unit[0], "period": unit[1]}
