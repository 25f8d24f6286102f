"""Personio career sites, through their public XML feed: one request lists every open
position with its job description sections (CDATA HTML).

    scrapy crawl personio -a url=https://personio.jobs.personio.de
    scrapy crawl personio -a url=https://personio.jobs.personio.com/xml?language=en

An unknown tenant is redirected to Personio's marketing site: an HTML page, not the feed, or
(when the redirect leaves the site) no page at all; either is counted as boards_failed/not_found.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper import signals as job_signals
from scraper.feeds import element_text
from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, origin
from scraper.security import OffsiteRedirect

logger = logging.getLogger(__name__)

_TENANT_HOST = re.compile(r"^([a-z0-9-]+)\.jobs\.personio\.(?:de|com)$", re.I)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.I)


class PersonioSpider(PlatformSpider):
    name = "personio"

    def tenant(self) -> str:
        m = _TENANT_HOST.match(urlsplit(self.url).hostname or "")
        return m.group(1).lower() if m else self.board or (urlsplit(self.url).hostname or "").lower()

    def api_url(self) -> str:
        if urlsplit(self.url).path.rstrip("/").endswith("/xml"):
            return self.url
        return origin(self.url) + "/xml?language=en"

    def parse_board(self, response: Response) -> Iterator[JobPosting | scrapy.Request]:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if "html" in content_type or _HTML_START.match(response.body[:512]):
            self.not_a_feed(response.url, "an HTML page, not a Personio feed (unknown tenant?)")
            return
        yield from super().parse_board(response)

    def board_failed(self, failure: Failure) -> None:
        if failure.check(OffsiteRedirect):
            # The unknown tenant's redirect to Personio's marketing site on another domain.
            self.not_a_feed(failure.request.url, "redirected off the feed's site (unknown tenant?)")
            return
        super().board_failed(failure)

    def not_a_feed(self, url: str, why: str) -> None:
        """An unknown tenant: counted as boards_failed/not_found; the crawl state closes nothing."""
        self.stat("boards_failed/not_found")
        self.send(job_signals.board_failed, board_url=self.board_url, reason="not_found")
        logger.error("%s: %s; board skipped", url, why)

    def decode_board(self, response: Response) -> Any | None:
        return self.load_xml(response)

    def postings(self, root: Any) -> list[Any] | None:
        return root.findall("position") if root.tag == "workzag-jobs" else None

    def parse_posting(self, position: Any, response: Response) -> JobPosting | None:
        def text(path: str, node: Any = position) -> str:
            found = node.find(path)
            return element_text(found).strip() if found is not None else ""

        posting_id = text("id")
        if not posting_id:
            return None
        if not text("name"):
            raise SkipPosting("no_title", f"position {posting_id}")
        # additionalOffices holds <office> elements, or (older feeds) one office as text.
        extra = position.find("additionalOffices")
        more = [] if extra is None else [element_text(o) for o in extra.findall("office")] or [element_text(extra)]
        offices = [o for o in dict.fromkeys((o or "").strip() for o in [text("office"), *more]) if o]
        # Older feeds put <jobDescription> straight under <position>.
        parts = position.findall("jobDescriptions/jobDescription") or position.findall("jobDescription")
        sections = [(text("name", d), text("value", d)) for d in parts]
        return self.new_item(
            posting_id,
            board=self.tenant(),
            title=text("name"),
            titleRaw=text("name"),
            url=f"{origin(response.url)}/job/{posting_id}",
            companyName=text("subcompany"),
            descriptionHtml=sections,
            # Offices are the company's own names for its sites ("Munich", "Athens, Greece",
            # "Berlin (Remote)"), and the only place the feed says a job is remote.
            locationsRaw=[{"label": office} for office in offices],
            workplaceRaw=" / ".join(offices),
            datePostedRaw=text("createdAt"),
            # The contract kind (permanent, intern, freelance...) and the hours (full-time...)
            # together; the normalizer ranks the specific kinds above the hours.
            employmentTypeRaw=" ".join(v for v in (text("employmentType"), text("schedule")) if v),
            seniorityRaw=text("seniority"),
            departmentRaw=text("department"),
        )

