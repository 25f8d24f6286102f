"""Retry-After: a server that says when to come back (429/503) is waited for, within reason.

Scrapy's RetryMiddleware retries 429/503 at once; this middleware, whose process_response runs first,
slows the host's download slot to the delay the server asked for (capped by RETRY_AFTER_MAX, default 120 s)
so the retry respects it, or, when the server asks for longer than that, stops retrying: the board then
fails for this crawl (and, with the crawl state, closes nothing).

Stats: jobs/retry_after/honoured, jobs/retry_after/too_long.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX", 120.0)
        self.codes = {429, 503}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RetryAfterMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if response.status not in self.codes:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response
        if wait > self.max_wait:
            request.meta["dont_retry"] = True
            self.crawler.stats.inc_value("jobs/retry_after/too_long")
            logger.warning("%s asks to retry after %.0f s (more than RETRY_AFTER_MAX); giving up for this crawl",
                           request.url, wait)
            return response
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is not None:
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None and slot.delay < wait:
                slot.delay = wait
        self.crawler.stats.inc_value("jobs/retry_after/honoured")
        return response
