"""Crawl quality: a field-coverage report at the end of every crawl, a gate that fails the crawl when coverage
drops, and a periodic progress line for long crawls.

`FieldCoverage` counts, per platform, how many scraped records have each field filled, and writes
`<OUTPUT_DIR>/reports/<crawl-time>.json` (also into the stats as jobs/coverage/<platform>/<field>, in %):
per platform and field the % non-empty, the postings dropped and skipped with their reasons, the boards that
failed and the boards that suddenly listed nothing.

Settings:
  COVERAGE_MIN         {field: minimum %} or {"platform/field": minimum %}; below it the crawl fails
                       (exit code 3 from `scrapy crawl`), e.g. -s 'COVERAGE_MIN={"title": 100, "datePosted": 90}'
  COVERAGE_FAIL_ON_EMPTIED_BOARDS  fail the crawl when a board that listed postings last time lists none
                       (default False: it is always reported and logged)
  PROGRESS_INTERVAL    seconds between progress lines (default 60; 0 turns them off)
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from scraper.files import write_atomic
from scraper.items import fields as item_fields
from scraper.normalize.dates import to_iso

logger = logging.getLogger(__name__)

COVERED_FIELDS = ("title", "url", "applyUrl", "companyName", "location", "datePosted", "employmentType",
                  "workplace", "locations", "department", "seniority", "experienceYears", "skills", "languages",
                  "salary", "postingLanguage", "description")
EXIT_QUALITY_FAILED = 3


def filled(value: Any) -> bool:
    """Whether a record value says something: a non-empty string or list, a dict with a non-empty value."""
    if isinstance(value, dict):
        return any(filled(v) for k, v in value.items() if k not in ("raw", "currency", "period"))
    return value not in (None, "", 0, [], {})


class QualityGate:
    """Crawls of this process that failed their quality gate; read by our `scrapy crawl` for its exit code."""

    failed = 0


class FieldCoverage:
    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.root = Path(settings.get("OUTPUT_DIR") or "output")
        self.minimums = self._minimums(settings.get("COVERAGE_MIN") or {})
        self.fail_on_emptied = settings.getbool("COVERAGE_FAIL_ON_EMPTIED_BOARDS", False)
        self.counts: dict[str, dict[str, int]] = {}
        self.totals: dict[str, int] = {}
        self.started = to_iso(datetime.now(UTC))

    @staticmethod
    def _minimums(value: Any) -> dict[str, float]:
        if isinstance(value, str):
            value = json.loads(value) if value.strip() else {}
        if not isinstance(value, dict):
            raise NotConfigured("COVERAGE_MIN must be a mapping of field (or platform/field) to a percentage")
        return {str(k): float(v) for k, v in value.items()}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "FieldCoverage":
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: Any, spider: Any = None) -> None:
        adapter = item_fields(item)
        platform = adapter.get("source") or "unknown"
        self.totals[platform] = self.totals.get(platform, 0) + 1
        counts = self.counts.setdefault(platform, dict.fromkeys(COVERED_FIELDS, 0))
        for field in COVERED_FIELDS:
            if filled(adapter.get(field)):
                counts[field] += 1

    def coverage(self) -> dict[str, dict[str, float]]:
        out = {}
        for platform, counts in sorted(self.counts.items()):
            total = self.totals[platform]
            out[platform] = {field: round(100 * n / total, 1) for field, n in counts.items()}
        return out

    def _failures(self, coverage: dict[str, dict[str, float]], emptied: int) -> list[str]:
        failures = []
        for key, minimum in sorted(self.minimums.items()):
            platform, _, field = key.rpartition("/")
            for name, fields in coverage.items():
                if platform and platform != name:
                    continue
                if field in fields and fields[field] < minimum:
                    failures.append(f"{name}/{field}: {fields[field]}% < {minimum:g}%")
        if self.fail_on_emptied and emptied:
            failures.append(f"{emptied} board(s) listed no postings after listing some last time")
        return failures

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.stats.get_stats() if self.stats is not None else {}
        coverage = self.coverage()
        for platform, fields in coverage.items():
            for field, percent in fields.items():
                self.stats.set_value(f"jobs/coverage/{platform}/{field}", percent)
        emptied = int(stats.get("jobs/state/boards_emptied", 0))
        failures = self._failures(coverage, emptied)
        report = {
            "crawl": {"spider": getattr(spider, "name", ""), "started": self.started,
                      "finished": to_iso(datetime.now(UTC)), "reason": reason},
            "postings": self.totals,
            "coverage": coverage,
            "dropped": {k.split("/", 2)[2]: v for k, v in stats.items()
                        if k.startswith("jobs/") and "/dropped" in k and isinstance(v, int)},
            "skipped": {k[len("jobs/"):]: v for k, v in stats.items()
                        if k.startswith("jobs/") and ("/postings_skipped/" in k or "/details_failed/" in k)},
            "boards": {"ok": sum(v for k, v in stats.items() if k.endswith("/boards_ok")),
                       "failed": {k[len("jobs/"):]: v for k, v in stats.items() if "/boards_failed/" in k},
                       "emptied": emptied},
            "state": {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("jobs/state/")},
            "gate": {"minimums": self.minimums, "fail_on_emptied_boards": self.fail_on_emptied,
                     "failures": failures, "passed": not failures},
        }
        name = self.started.replace(":", "").replace("-", "")
        path = self.root / "reports" / f"{name}.json"
        write_atomic(path, json.dumps(report, indent=1, sort_keys=True).encode("utf-8"))
        logger.info("quality report: %s", path)
        if failures:
            QualityGate.failed += 1
            self.stats.set_value("jobs/quality/failed", len(failures))
            for failure in failures:
                logger.error("quality gate failed: %s", failure)


class Progress:
    """Every PROGRESS_INTERVAL seconds: postings so far and their rate, boards done of boards known."""

    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.task: task.LoopingCall | None = None
        self.start = 0.0
        self.last = (0.0, 0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "Progress":
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL", 60.0)
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import reactor

        self.start = reactor.seconds()
        self.last = (self.start, 0)
        self.task = task.LoopingCall(self.log, spider)
        self.task.start(self.interval, now=False)

    def log(self, spider: Any) -> None:
        from twisted.internet import reactor

        stats = self.crawler.stats.get_stats()
        postings = int(stats.get("item_scraped_count", 0))
        now = reactor.seconds()
        rate = (postings - self.last[1]) / max(now - self.last[0], 1e-9)
        self.last = (now, postings)
        done = sum(v for k, v in stats.items() if k.endswith("/boards_ok") or "/boards_failed/" in k)
        total = getattr(spider, "boards_total", None) or "?"
        logger.info("progress: %d postings (%.1f/s lately), boards %s/%s done, %d failed, %.0f s elapsed",
                    postings, rate, done, total,
                    sum(v for k, v in stats.items() if "/boards_failed/" in k), now - self.start)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
