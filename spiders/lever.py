"""Lever job sites, through the public Postings API (JSON mode), paged with skip/limit.

    scrapy crawl lever -a url=https://jobs.lever.co/leverdemo
    scrapy crawl lever -a url=https://jobs.eu.lever.co/<site>
    scrapy crawl lever -a url=https://api.lever.co/v0/postings/leverdemo?mode=json
    scrapy crawl lever -a url=https://jobs.lever.co/leverdemo/<posting id>   (that one posting)

Settings: LEVER_MAX_PAGES caps the pages read from one site (default 100).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameters

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting

logger = logging.getLogger(__name__)

_API_PATH = re.compile(r"^/v0/postings/(?P<site>[^/]+)(?:/(?P<posting>[0-9a-f-]{36}))?/?$", re.I)
_HUMAN_PATH = re.compile(r"^/(?P<site>[^/]+)(?:/(?P<posting>[0-9a-f-]{36})(?=/|$))?", re.I)


class LeverSpider(PlatformSpider):
    name = "lever"
    api_hosts = {"jobs.lever.co": "https://api.lever.co", "jobs.eu.lever.co": "https://api.eu.lever.co"}
    #: Postings asked for per page, unless the given API URL sets its own limit.
    page_size = 100
    #: Pages read at most (-s LEVER_MAX_PAGES=...): a server that ignores `skip` must not loop forever.
    max_pages = 100

    @cached_property
    def site_and_posting(self) -> tuple[str, str]:
        """(site name, posting id or "") from the URL; -a board= wins for the site."""
        path = urlsplit(self.url).path
        m = _API_PATH.match(path) or _HUMAN_PATH.match(path)
        return self.board or (m.group("site") if m else ""), (m.group("posting") or "") if m else ""

    def api_url(self) -> str:
        site, posting = self.site_and_posting
        if not site:
            raise ValueError(f"lever: no site name in {self.url}; give -a board=<site>")
        if _API_PATH.match(urlsplit(self.url).path):
            url = self.url  # an API address is used as given, in JSON mode
        else:
            url = f"{self.api_origin()}/v0/postings/{site}" + (f"/{posting}" if posting else "")
        url = add_or_replace_parameters(url, {"mode": "json"})
        if posting:
            return url
        return add_or_replace_parameters(url, {"skip": "0", "limit": str(self.limit)})

    @cached_property
    def limit(self) -> int:
        given = parse_qs(urlsplit(self.url).query).get("limit") or [""]
        return int(given[0]) if given[0].isdigit() and int(given[0]) > 0 else self.page_size

    def postings(self, data: Any) -> list[Any] | None:
        if isinstance(data, list):
            return data
        if isinstance(data, dict) and data.get("id") and "text" in data:
            return [data]  # a single posting's endpoint
        return None

    def next_requests(self, response: Response, data: Any) -> Iterator[scrapy.Request]:
        # A full page may have a successor; a short one is the last.
        if not isinstance(data, list) or len(data) < self.limit or self.site_and_posting[1]:
            return
        page = response.meta.get("page", 0) + 1
        if page >= self.settings.getint("LEVER_MAX_PAGES", self.max_pages):
            self.stat("pagination_capped")
            response.meta["listing_incomplete"] = True
            logger.warning("%s: stopped after %d pages of %d postings", response.url, page, self.limit)
            return
        yield self.board_request(add_or_replace_parameters(self.api_url(), {"skip": str(page * self.limit)}),
                                 meta={"page": page})

    def parse_posting(self, posting: Any, response: Response) -> JobPosting:
        if not isinstance(posting, dict) or not posting.get("id"):
            raise SkipPosting("no_id")
        if not str(posting.get("text") or "").strip():
            raise SkipPosting("no_title", f"posting {posting['id']}")
        categories = posting.get("categories") if isinstance(posting.get("categories"), dict) else {}
        sections = [("", posting.get("description")
                     or (posting.get("opening") or "") + (posting.get("descriptionBody") or ""))]
        sections += [(lst.get("text") or "", f"<ul>{lst.get('content') or ''}</ul>")
                     for lst in posting.get("lists") or [] if isinstance(lst, dict) and lst.get("content")]
        sections += [("", posting.get(key) or "") for key in ("salaryDescription", "additional")]
        primary = categories.get("location") or ""
        places = [p for p in categories.get("allLocations") or [] if isinstance(p, str) and p] or [primary]
        salary = posting.get("salaryRange") if isinstance(posting.get("salaryRange"), dict) else None
        return self.new_item(
            posting["id"],
            board=self.site_and_posting[0],
            title=posting["text"],
            titleRaw=posting["text"],
            url=posting.get("hostedUrl") or "",
            applyUrl=posting.get("applyUrl") or "",
            descriptionHtml=[(heading, html) for heading, html in sections if html],
            locationRaw="; ".join(p for p in places if p),
            # Lever's country belongs to the posting's primary location.
            locationsRaw=[{"label": p, "country": (posting.get("country") or "") if p == primary else ""}
                          for p in places if p],
            datePostedRaw=posting.get("createdAt"),
            employmentTypeRaw=categories.get("commitment") or "",
            workplaceRaw=posting.get("workplaceType") or "",
            departmentRaw=categories.get("department") or categories.get("team") or "",
            seniorityRaw=categories.get("level") or "",
            salaryRaw={"min": salary.get("min"), "max": salary.get("max"), "currency": salary.get("currency"),
                       "period": salary.get("interval")} if salary else None,
        )
