"""Teamtailor career sites (<company>.teamtailor.com or a custom domain), through the site's
JSON Feed `/jobs.json` (items carry a schema.org `_jobposting`), or its `/jobs.rss` when
the site has no JSON feed (404).

    scrapy crawl teamtailor -a url=https://career.teamtailor.com
    scrapy crawl teamtailor -a url=https://careers.example.com/jobs.rss

Settings: TEAMTAILOR_MAX_PAGES caps the JSON Feed pages (`next_url`) read from one site (default 100).
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper.feeds import listed, read_feed, text
from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, as_dict, failure_reason, origin
from scraper.structured_data import job_posting_fields, posting_identifier

logger = logging.getLogger(__name__)

_TEAMTAILOR_HOST = re.compile(r"^([a-z0-9-]+)\.(?:[a-z0-9-]+\.)?teamtailor\.com$", re.I)
_JOB_ID = re.compile(r"/jobs/(\d+)")



class TeamtailorSpider(PlatformSpider):
    name = "teamtailor"

    def site(self) -> str:
        m = _TEAMTAILOR_HOST.match(urlsplit(self.url).hostname or "")
        return m.group(1).lower() if m else self.board or (urlsplit(self.url).hostname or "").lower()

    def api_url(self) -> str:
        if urlsplit(self.url).path.endswith(("/jobs.json", "/jobs.rss")):
            return self.url
        return origin(self.url) + "/jobs.json"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.board_request(self.board_url, errback=self.feed_failed)

    def feed_failed(self, failure: Failure) -> list[scrapy.Request]:
        url = failure.request.url
        if failure_reason(failure) == "not_found" and urlsplit(url).path.endswith("/jobs.json"):
            self.stat("json_feed_missing")
            logger.info("%s: no JSON feed; reading the RSS feed instead", url)
            return [self.board_request(origin(url) + "/jobs.rss")]
        self.board_failed(failure)
        return []

    def decode_board(self, response: Response) -> Any | None:
        if urlsplit(response.url).path.endswith(".rss") or response.body.lstrip()[:1] == b"<":
            return self.load_xml(response)
        return self.load_json(response)

    def postings(self, data: Any) -> list[dict[str, Any]] | None:
        if isinstance(data, dict):
            items = data.get("items")
            return [{**i, "feedTitle": data.get("title")} for i in items if isinstance(i, dict)] \
                if isinstance(items, list) else None
        feed = read_feed(data)
        if feed is None or feed.kind != "rss":
            return None
        return [{**item, "feedTitle": text(feed.fields, "title")} for item in feed.items]

    def next_requests(self, response: Response, data: Any) -> Iterator[scrapy.Request]:
        next_url = data.get("next_url") if isinstance(data, dict) else None
        page = self.next_page(response) if isinstance(next_url, str) and next_url else None
        if page:
            # The feed names its own public host; follow-ups stay on the host being crawled.
            parts = urlsplit(next_url)
            yield self.board_request(origin(response.url) + urlunsplit(("", "", parts.path, parts.query, "")),
                                     meta={"page": page})

    def parse_posting(self, item: Any, response: Response) -> JobPosting | None:
        return self.rss_posting(item) if "link" in item or "guid" in item else self.feed_posting(item)

    def feed_posting(self, item: dict[str, Any]) -> JobPosting | None:
        job = as_dict(item.get("_jobposting"))
        url = item.get("url") or job.get("url") or ""
        posting_id = self.posting_id(url, posting_identifier(job) or item.get("id"))
        if not posting_id:
            return None
        fields = job_posting_fields(job, url)
        title = item.get("title") or fields["title"]
        if not str(title).strip():
            raise SkipPosting("no_title", f"job {posting_id}")
        # The feed item's own fields first; the schema.org object fills in the rest.
        fields.update(
            title=title,
            titleRaw=title,
            url=url or fields["url"],
            companyName=fields["companyName"] or item.get("feedTitle") or "",
            descriptionHtml=([("", item["content_html"])] if item.get("content_html")
                             else fields["descriptionHtml"]),
            datePostedRaw=item.get("date_published") or fields["datePostedRaw"],
            dateModifiedRaw=item.get("date_modified"),
        )
        return self.new_item(posting_id, board=self.site(), **fields)

    def rss_posting(self, item: dict[str, Any]) -> JobPosting | None:
        posting_id = self.posting_id(text(item, "link"), text(item, "guid"))
        if not posting_id:
            return None
        title = text(item, "title")
        if not title:
            raise SkipPosting("no_title", f"job {posting_id}")
        places = [loc for loc in listed(as_dict(item.get("locations")).get("location")) if isinstance(loc, dict)]
        return self.new_item(
            posting_id,
            board=self.site(),
            title=title,
            titleRaw=title,
            url=text(item, "link"),
            companyName=item.get("feedTitle") or "",
            descriptionHtml=[("", text(item, "description"))],
            # A location without city or country is named only by its label ("HQ, Stockholm").
            locationsRaw=[{"city": text(loc, "city"), "region": text(loc, "region"), "country": text(loc, "country")}
                          if text(loc, "city") or text(loc, "country") else {"label": text(loc, "name")}
                          for loc in places],
            datePostedRaw=text(item, "pubDate") or None,
            workplaceRaw=text(item, "remoteStatus"),
            departmentRaw=text(item, "department"),
        )

    @staticmethod
    def posting_id(url: str, fallback: object) -> str:
        """The numeric job id in the posting URL (the same in both feeds), else the feed's own id."""
        m = _JOB_ID.search(urlsplit(url).path)
        return m.group(1) if m else str(fallback or "")
