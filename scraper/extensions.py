"""Crawl extensions.

`StatsFile` writes the crawl's final Scrapy stats as JSON to STATS_FILE (off when unset),
for cron wrappers and monitoring that want the numbers without parsing logs.

`CrawlSummary` logs what a person wants to read when a crawl ends, before Scrapy's stats dump:

    crawl summary: 12 postings, 12 records written; state: 3 new, 1 changed, 0 closed; boards: 1 ok, 0 failed
    crawl summary: 2 requests refused by the SSRF guard (non-public address 127.0.0.1/32); to allow it: -s SSRF_...

(the second line, a warning, only when the SSRF guard refused something; it ends with the whole setting,
`-s SSRF_ALLOWED_NETWORKS=127.0.0.1/32`).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scraper.security import REFUSED_NETWORKS

logger = logging.getLogger(__name__)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


class StatsFile:
    def __init__(self, crawler: Crawler, path: str):
        self.crawler = crawler
        self.path = Path(path)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StatsFile":
        path = crawler.settings.get("STATS_FILE")
        if not path:
            raise NotConfigured  # off unless asked for: no warning in every crawl's log
        ext = cls(crawler, path)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = {key: _jsonable(value) for key, value in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".stats-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stats, handle, indent=1, sort_keys=True)
        os.replace(tmp, self.path)


class CrawlSummary:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CrawlSummary":
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def lines(self) -> tuple[str, str]:
        """(the summary line, the SSRF line or "")."""
        stats = self.crawler.stats.get_stats()
        state = ", ".join(f"{int(stats.get(f'jobs/state/{k}', 0))} {k}" for k in ("new", "changed", "closed"))
        failed: dict[str, int] = {}
        for key, value in stats.items():
            if "/boards_failed/" in key and isinstance(value, int):
                reason = key.rsplit("/", 1)[1]
                failed[reason] = failed.get(reason, 0) + value
        ok = sum(v for k, v in stats.items() if k.endswith("/boards_ok") and isinstance(v, int))
        boards = f"boards: {ok} ok, {sum(failed.values())} failed"
        if failed:
            boards += " (" + ", ".join(f"{reason} {n}" for reason, n in sorted(failed.items())) + ")"
        summary = (f"crawl summary: {int(stats.get('item_scraped_count', 0))} postings, "
                   f"{int(stats.get('jobs/records/written', 0))} records written; state: {state}; {boards}")
        refused = int(stats.get("jobs/security/blocked_address", 0))
        networks = [n for n in str(stats.get(REFUSED_NETWORKS) or "").split(",") if n]
        ssrf = ""
        if refused:
            plural = "s" if refused != 1 else ""
            ssrf = f"crawl summary: {refused} request{plural} refused by the SSRF guard (non-public address"
            if networks:
                ssrf += ("es " if len(networks) > 1 else " ") + ", ".join(networks)
                ssrf += f"); to allow {'them' if len(networks) > 1 else 'it'}: -s SSRF_ALLOWED_NETWORKS="
                ssrf += ",".join(networks)
            else:
                ssrf += ")"
        return summary, ssrf

    def spider_closed(self, spider: Any, reason: str) -> None:
        summary, ssrf = self.lines()
        logger.info("%s", summary)
        if ssrf:
            logger.warning("%s", ssrf)
