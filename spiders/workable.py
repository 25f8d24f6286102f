"""Workable job boards (apply.workable.com/<account>).

By default one request to the public widget API lists every job with its description
(`?details=true`); a job listed without one is completed from the v2 job API.  Given the
v3 jobs API address instead, the spider pages through it (POST, `nextPage` token) and reads
each job from the v2 API.

    scrapy crawl workable -a url=https://apply.workable.com/huggingface/
    scrapy crawl workable -a url=https://apply.workable.com/api/v1/widget/accounts/huggingface?details=true
    scrapy crawl workable -a url=https://apply.workable.com/api/v3/accounts/huggingface/jobs

Settings: WORKABLE_MAX_PAGES caps the v3 list pages read from one account (default 100).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import scrapy
from scrapy.http import Response

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, origin

_API = "https://apply.workable.com"
_WIDGET_PATH = re.compile(r"/api/v1/widget/accounts/([^/?#]+)")
_V3_PATH = re.compile(r"/api/v3/accounts/([^/?#]+)/jobs/?$")
_ACCOUNT_HOST = re.compile(r"^([a-z0-9-]+)\.workable\.com$", re.I)
_JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def _platform_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "workable.com" or host.endswith(".workable.com")


class WorkableSpider(PlatformSpider):
    name = "workable"

    def account(self, url: str = "") -> str:
        """The Workable account ("huggingface") in an API or board URL, else -a board."""
        parts = urlsplit(url or self.url)
        m = _WIDGET_PATH.search(parts.path) or _V3_PATH.search(parts.path)
        if m:
            return unquote(m.group(1))
        sub = _ACCOUNT_HOST.match(parts.hostname or "")
        if sub and sub.group(1).lower() not in {"apply", "www", "jobs"}:
            return sub.group(1).lower()
        segment = unquote(parts.path.strip("/").split("/")[0])
        # apply.workable.com/j/<shortcode> is a job's short link: it names no account.
        return (segment if segment != "j" else "") or self.board

    def api_url(self) -> str:
        path = urlsplit(self.url).path
        if _WIDGET_PATH.search(path) or _V3_PATH.search(path):
            return self.url
        if not self.account():
            raise ValueError("workable: the URL names no account; give -a board=<account>")
        host = _API if _platform_host(self.url) else origin(self.url)
        return f"{host}/api/v1/widget/accounts/{quote(self.account())}?details=true"

    def public_site(self) -> str:
        return _API if _platform_host(self.url) else origin(self.url)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        url = self.board_url
        if _V3_PATH.search(urlsplit(url).path):
            yield self.board_request(url, method="POST", body="{}", headers=_JSON_HEADERS)
        else:
            yield self.board_request(url)

    def postings(self, data: Any) -> list[Any] | None:
        if isinstance(data, dict) and isinstance(data.get("results"), list):  # v3 list
            return data["results"]
        jobs = data.get("jobs") if isinstance(data, dict) else None
        if not isinstance(jobs, list):
            return None
        # The widget repeats a job once per location: one posting, several locations.
        merged: dict[str, dict[str, Any]] = {}
        for job in jobs:
            if not isinstance(job, dict) or not job.get("shortcode"):
                continue
            seen = merged.setdefault(job["shortcode"],
                                     {**job, "locations": [], "accountName": data.get("name")})
            seen["locations"] += [loc for loc in job.get("locations") or [] if loc not in seen["locations"]]
        return list(merged.values())

    def next_requests(self, response: Response, data: Any) -> Iterator[scrapy.Request]:
        token = data.get("nextPage") if isinstance(data.get("results"), list) else None
        if not token or not data["results"]:
            return
        page = self.next_page(response)
        if page:
            yield self.board_request(response.url, method="POST", body=json.dumps({"token": token}),
                                     headers=_JSON_HEADERS, meta={"page": page}, dont_filter=True)

    def parse_posting(self, job: Any, response: Response) -> JobPosting | scrapy.Request | None:
        if not isinstance(job, dict) or not job.get("shortcode"):
            return None
        if job.get("description"):
            return self.posting_detail(None, job, response)
        account, code = quote(self.account(response.url)), quote(job["shortcode"])
        return self.detail_request(f"{origin(response.url)}/api/v2/accounts/{account}/jobs/{code}",
                                   listed=job, posting_id=job["shortcode"], board=self.account())

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        job = {**(listed or {}), **(detail if isinstance(detail, dict) else {})}
        code = job.get("shortcode")
        if not code:
            return None
        if not str(job.get("title") or "").strip():
            raise SkipPosting("no_title", f"job {code}")
        page = f"{self.public_site()}/{quote(self.account())}/j/{quote(code)}/"
        place = job.get("location") if isinstance(job.get("location"), dict) else {}
        locations = [loc for loc in job.get("locations") or [] if isinstance(loc, dict)] or [
            place or {"city": job.get("city"), "region": job.get("state"), "country": job.get("country")}]
        department = job.get("department")
        return self.new_item(
            code,
            board=self.account(),
            title=job.get("title") or "",
            titleRaw=job.get("title") or "",
            url=job.get("url") or page,
            applyUrl=job.get("application_url") or page + "apply/",
            companyName=job.get("accountName") or "",
            descriptionHtml=[(heading, job[key]) for heading, key in
                             (("", "description"), ("Requirements", "requirements"), ("Benefits", "benefits"))
                             if job.get(key)],
            locationsRaw=[{"city": loc.get("city") or "", "region": loc.get("region") or "",
                           "country": loc.get("countryCode") or loc.get("country") or ""}
                          for loc in locations],
            datePostedRaw=job.get("published_on") or job.get("published"),
            employmentTypeRaw=job.get("employment_type") or job.get("type") or "",
            workplaceRaw=job.get("workplace") or ("remote" if job.get("telecommuting") or job.get("remote")
                                                  else ""),
            seniorityRaw=job.get("experience") or "",
            # v2/v3 give the department's path from the top ("Engineering", "Support").
            departmentRaw=" / ".join(str(d) for d in department if d) if isinstance(department, list)
            else department or "",
            postingLanguage=str(job.get("language") or "")[:2].lower(),
        )
