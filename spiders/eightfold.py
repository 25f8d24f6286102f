"""Eightfold career sites (<company>.eightfold.ai/careers, or a company's own host), through the public
SmartApply API: `/api/apply/v2/jobs?domain=<domain>` lists positions (paged with start/num, `count` in all;
the list carries no description), `/api/apply/v2/jobs/<id>?domain=<domain>` gives each position's
`job_description`.

    scrapy crawl eightfold -a url=https://albemarle.eightfold.ai/careers?domain=albemarle.com
    scrapy crawl eightfold -a "url=https://albemarle.eightfold.ai/api/apply/v2/jobs?domain=albemarle.com"

The domain (the company's e-mail domain, which keys its positions) comes from the URL's `domain` parameter;
without one the site's default domain answers, and the list names it for the detail requests.
Settings: EIGHTFOLD_MAX_PAGES caps the list pages read from one site (default 500: the API gives 10 a page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameter, url_query_parameter

from scraper.items import JobPosting
from scraper.normalize.location import country_code
from scraper.platform import PlatformSpider, SkipPosting, origin

_API = "/api/apply/v2/jobs"
_EIGHTFOLD_HOST = re.compile(r"^([a-z0-9-]+)\.eightfold\.ai$", re.I)


def jobs_url(origin_url: str, domain: str, num: int) -> str:
    query = urlencode({"domain": domain} if domain else {})
    return f"{origin_url}{_API}?{query + '&' if query else ''}start=0&num={num}"


def _int(value: Any, default: int) -> int:
    return int(value) if str(value or "").isdigit() else default


def _place(label: str) -> dict[str, str]:
    """Some sites write places country first ("United States, Washington, Redmond"): turned round, so
    the location reader finds the country last, as in "Charlotte, North Carolina, United States"."""
    parts = [p.strip() for p in label.split(",") if p.strip()]
    if len(parts) > 1 and country_code(parts[0]) and not country_code(parts[-1]):
        parts.reverse()
    return {"label": ", ".join(parts)}


class EightfoldSpider(PlatformSpider):
    name = "eightfold"
    #: Positions asked for per list page; the API gives at most 10 whatever `num` asks for.
    page_size = 10
    max_pages = 500

    def domain(self) -> str:
        return (url_query_parameter(self.url, "domain") or "").strip()

    def site(self) -> str:
        host = urlsplit(self.url).hostname or ""
        m = _EIGHTFOLD_HOST.match(host)
        return self.board or (m.group(1).lower() if m else self.domain() or host.lower())

    def api_url(self) -> str:
        if urlsplit(self.url).path.rstrip("/") != _API:
            return jobs_url(origin(self.url), self.domain(), self.page_size)
        url = self.url if url_query_parameter(self.url, "start") else add_or_replace_parameter(self.url, "start", "0")
        return url if url_query_parameter(url, "num") else add_or_replace_parameter(url, "num", str(self.page_size))

    def postings(self, data: Any) -> list[Any] | None:
        positions = data.get("positions") if isinstance(data, dict) else None
        if not isinstance(positions, list):
            return None
        # The domain the list answered for keys each position's detail request.
        domain = self.domain() or str(data.get("domain") or "")
        return [{"domain": domain, **p} if isinstance(p, dict) else p for p in positions]

    def next_requests(self, response: Response, data: Any) -> Iterator[scrapy.Request]:
        # Step by what the page held: the API caps `num`.
        start = _int(url_query_parameter(response.url, "start"), 0) + len(data["positions"])
        count, num = data.get("count"), _int(url_query_parameter(response.url, "num"), self.page_size)
        if not data["positions"] or (start >= count if isinstance(count, int) else len(data["positions"]) < num):
            return
        page = self.next_page(response)
        if page:
            yield self.board_request(add_or_replace_parameter(response.url, "start", str(start)), meta={"page": page})

    def parse_posting(self, position: Any, response: Response) -> scrapy.Request | None:
        if not isinstance(position, dict) or not position.get("id"):
            return None
        query = f"?domain={quote(position['domain'], safe='')}" if position.get("domain") else ""
        url = f"{origin(response.url)}{_API}/{quote(str(position['id']), safe='')}{query}"
        return self.detail_request(url, listed=position, posting_id=position["id"], board=self.site())

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        found = detail if isinstance(detail, dict) else {}
        if detail is not None and not found.get("id"):
            self.stat("details_failed/unexpected_shape")
            found = {}
        job = {**(listed or {}), **{k: v for k, v in found.items() if v not in (None, "", [])}}
        title = str(job.get("name") or job.get("posting_name") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"position {job.get('id')}")
        places = job.get("locations") if isinstance(job.get("locations"), list) else [job.get("location")]
        return self.new_item(
            job["id"],
            board=self.site(),
            title=title,
            titleRaw=title,
            # Every site shows a position at /careers/job/<id>.
            url=job.get("canonicalPositionUrl") or f"{origin(self.url)}/careers/job/{job['id']}",
            applyUrl=job.get("apply_redirect_url") or "",
            descriptionHtml=[("", job["job_description"])] if isinstance(job.get("job_description"), str) else [],
            locationsRaw=[_place(p) for p in dict.fromkeys(p for p in places if isinstance(p, str) and p.strip())],
            workplaceRaw=job.get("work_location_option") or job.get("location_flexibility") or "",
            departmentRaw=job.get("department") or "",
            datePostedRaw=job.get("t_create"),
            dateModifiedRaw=job.get("t_update"),
        )
