"""Incremental crawls: what is new, changed, unchanged, closed or reopened since the last crawl.

Three pipelines share one `CrawlState` (the state database and what the spiders signalled):

  150 StateCheckPipeline   a posting whose source data is byte-for-byte what produced its record last time
                           is filled from the stored record and skips every later step: a no-change re-crawl
                           does no conversion, no extraction and writes no file
  850 StateDecidePipeline  after validation: new / changed / reopened (or unchanged content), and the
                           bookkeeping keys firstSeen, lastSeen, status, closedAt, dateModified
  950 StateCommitPipeline  after the record file is written: the state row and the event, in one transaction
                           (a crawl killed between file and commit redoes the posting next time, harmlessly)

When the crawl closes: postings of every board that answered normally (board_completed) but did not list
them count a miss, and close at the second miss in a row (a record stays, `status: closed`); a posting whose
own URL answered 404/410 closes at once; a board that failed closes nothing.  Then changes.jsonl and the
datasets are written.

Settings:
  STATE_ENABLED            keep state and datasets (default True)
  STATE_CLOSE_AFTER_MISSES consecutive misses before a posting is closed (default 2)
  DATASETS_ENABLED         export datasets/jobs.{jsonl,csv,parquet} after each crawl (default True)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

import scraper
from scraper import signals as job_signals
from scraper import workers
from scraper.datasets import append_changes, export_datasets
from scraper.dedup import canonical_url as _canonical_url
from scraper.dedup import dedup_key, normalize_title, same_job
from scraper.distributed import export_lock
from scraper.files import remove_orphan_temp_files, write_atomic
from scraper.items import JobPosting
from scraper.normalize.dates import to_iso
from scraper.record import RECORD_KEYS, front_matter_values, render_record
from scraper.schema import schema_errors
from scraper.state import StateStore, open_store

from .base import CountingPipeline, fields

logger = logging.getLogger(__name__)

# Fields a spider sets; their hash says whether the source changed.  Bookkeeping that varies per crawl
# (crawl time) or is set later stays out.
_NOT_RAW = frozenset({"crawledAt", "rawHash", "unchanged", "event", "recordPath", "contentHash", "firstSeen",
                      "lastSeen", "status", "closedAt", "requestKey"})


# The decide and commit steps both want a new posting's URLs canonical: each is computed once.
canonical_url = lru_cache(maxsize=4096)(_canonical_url)

_RAW_FIELDS: tuple[str, ...] = tuple(name for name in JobPosting.__dataclass_fields__ if name not in _NOT_RAW)


def raw_hash(item: Any) -> str:
    """What the spider put in the item, hashed.  repr() of the spider's own values is deterministic (dicts
    keep the order the spider built them in) and several times cheaper than JSON for 10 KB of HTML."""
    raw = getattr(item, "item", item)
    values = tuple(getattr(raw, name, None) for name in _RAW_FIELDS) if hasattr(raw, "__dataclass_fields__") \
        else tuple(fields(item).get(name) for name in _RAW_FIELDS)
    # Our version is part of the hash: a release that normalizes differently redoes every posting once.
    blob = f"{scraper.__version__}\n{values!r}"
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def fill_from_record(item: JobPosting, record: dict[str, Any]) -> None:
    adapter = fields(item)
    for key in RECORD_KEYS:
        if key in record:
            adapter[key] = record[key]
    adapter["description"] = record.get("description", "")


class CrawlState:
    """The state database and this crawl's signals; one per crawler, shared by the three pipelines."""

    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        if not settings.getbool("STATE_ENABLED", True):
            raise NotConfigured("STATE_ENABLED is off")
        self.crawler = crawler
        self.stats = crawler.stats
        self.root = Path(settings.get("OUTPUT_DIR") or "output").resolve()
        self.root_str = str(self.root)
        self.close_after = max(1, settings.getint("STATE_CLOSE_AFTER_MISSES", 2))
        self.datasets = settings.getbool("DATASETS_ENABLED", True)
        self.store: StateStore | None = None
        self.crawl_id = 0
        self.now = ""
        self.completed: set[str] = set()
        self.failed: dict[str, str] = {}
        self.gone: set[str] = set()
        self.listed: list[str] = []
        self.counts: dict[str, int] = {}
        self.finished = False
        self.rows: dict[str, Any] = {}  # check -> decide: the state row read once per posting
        self.pending: dict[str, dict[str, Any]] = {}  # decide -> commit: the record to save
        self.batch = 0
        self.batch_size = max(1, crawler.settings.getint("STATE_COMMIT_EVERY", 200))
        for handler, signal in ((self.on_board_completed, job_signals.board_completed),
                                (self.on_board_failed, job_signals.board_failed),
                                (self.on_posting_listed, job_signals.posting_listed),
                                (self.on_posting_gone, job_signals.posting_gone)):
            crawler.signals.connect(handler, signal=signal)
        # Opened on spider_opened, after Scrapy's SpiderState extension has loaded spider.state from JOBDIR
        # (item pipelines' open_spider runs before that signal).
        crawler.signals.connect(self.open, signal=signals.spider_opened)

    @classmethod
    def of(cls, crawler: Crawler) -> "CrawlState":
        state = getattr(crawler, "_jobscraper_state", None)
        if state is None:
            state = cls(crawler)
            crawler._jobscraper_state = state
        return state

    def record_exists(self, record_path: str) -> bool:
        # os.path, not pathlib: joining Paths costs more than the stat (~30 us a posting on a re-crawl).
        return os.path.isfile(os.path.join(self.root_str, record_path))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n
        if self.stats is not None:
            self.stats.inc_value(f"jobs/state/{what}", n)

    # ---- lifecycle ----------------------------------------------------------------
    def open(self, spider: Any = None) -> None:
        if self.store is not None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        orphans = remove_orphan_temp_files(self.root)
        if orphans:
            logger.warning("removed %d temp files left by a killed crawl", orphans)
        self.store = open_store(self.crawler.settings, self.root)
        # A crawl resumed from JOBDIR is the same logical crawl: Scrapy persists spider.state there.
        persisted = getattr(spider, "state", None)
        round_ = getattr(spider, "round", None)  # a distributed round: every worker is one crawl
        if round_:
            self.now = round_["started_at"]
            self.crawl_id = self.store.begin_crawl(getattr(spider, "name", "?"), self.now, round_["id"])
        elif isinstance(persisted, dict) and persisted.get("jobscraper_crawl_id"):
            self.crawl_id = int(persisted["jobscraper_crawl_id"])
            self.now = persisted["jobscraper_crawl_time"]
        else:
            self.now = to_iso(datetime.now(UTC))
            self.crawl_id = self.store.begin_crawl(getattr(spider, "name", "?"), self.now)
            if isinstance(persisted, dict):
                persisted["jobscraper_crawl_id"] = self.crawl_id
                persisted["jobscraper_crawl_time"] = self.now

    def write(self, function: Any, *args: Any) -> Any:
        """A state change inside the current batch transaction, committed every STATE_COMMIT_EVERY changes.

        A crawl killed mid-batch loses only the uncommitted rows: their record files were written first, so the
        next crawl redoes those postings and finds the same bytes (nothing rewritten, no event doubled)."""
        if not self.store.in_transaction:
            self.store.begin()
        result = function(*args)
        self.batch += 1
        if self.batch >= self.batch_size:
            self.flush()
        return result

    def flush(self) -> None:
        if self.store is not None and self.store.in_transaction:
            self.store.commit()
        self.batch = 0

    def on_board_completed(self, board_url: str, spider: Any = None) -> None:
        self.completed.add(board_url)

    def on_board_failed(self, board_url: str, reason: str = "", spider: Any = None) -> None:
        self.failed[board_url] = reason

    def on_posting_listed(self, posting_id: str, spider: Any = None) -> None:
        if self.store is not None:
            self.write(self.store.touch, posting_id, self.now, self.crawl_id)

    def on_posting_gone(self, posting_id: str, spider: Any = None) -> None:
        self.gone.add(posting_id)

    def finish(self) -> None:
        """Closing, events and datasets; runs once, as the item pipelines close."""
        if self.finished or self.store is None:
            return
        self.finished = True
        # No item is in flight any more (Scrapy closes the pipelines once the last one is through): the
        # normalizing workers can go before the export loads pyarrow, so their memory and its do not add up.
        workers.release(self.crawler)
        self.flush()
        store = self.store
        for board_url in sorted(self.completed - set(self.failed)):
            for row in store.open_unseen(board_url, self.crawl_id):
                if store.duplicates_seen(row["id"], self.crawl_id):
                    continue  # still listed through another source
                misses = row["misses"] + 1
                if misses >= self.close_after:
                    self.close_posting(row)
                else:
                    store.set_misses(row["id"], misses)
                    self.count("missed")
            seen = store.count_seen(board_url, self.crawl_id)
            previous = store.previous_count(board_url)
            if seen == 0 and previous:
                self.count("boards_emptied")
                logger.warning("%s listed 0 postings; it had %d last time", board_url, previous)
            store.board_ok(board_url, self.now, self.crawl_id, seen)
        for board_url, why in sorted(self.failed.items()):
            store.board_failed(board_url, self.now, why)
        for posting_id in sorted(self.gone):
            row = store.get(posting_id)
            if row is not None and row["status"] == "open":
                self.close_posting(row)
        datasets = self.root / "datasets"
        # Workers of a distributed round may finish together: one exports at a time.
        with export_lock(getattr(self.crawler, "spider", None)):
            appended = append_changes(store, datasets / "changes.jsonl")
            if self.datasets:
                rows = export_datasets(store, datasets)
                logger.info("datasets: %d postings exported to %s; %d change events appended", rows, datasets,
                            appended)

    def record_end(self, reason: str) -> None:
        if self.store is None:
            return
        self.store.finish_crawl(self.crawl_id, to_iso(datetime.now(UTC)), reason, self.counts)
        self.store.close()
        self.store = None

    def close_posting(self, row: Any) -> None:
        record = json.loads(row["record"] or "{}")
        record.update(status="closed", closedAt=self.now, lastSeen=row["last_seen"])
        if row["record_path"]:
            path = self.root / row["record_path"]
            write_atomic(path, render_record(record).encode("utf-8"))
        with self.store.transaction():
            self.store.close_posting(row["id"], self.now, json.dumps(record, ensure_ascii=False), self.crawl_id)
        self.count("closed")


class _StatePipeline(CountingPipeline):
    step = "state"

    def __init__(self, crawler: Crawler | None = None):
        super().__init__(crawler)
        self.state = CrawlState.of(crawler)

    @property
    def store(self) -> StateStore:
        assert self.state.store is not None
        return self.state.store


class StateCheckPipeline(_StatePipeline):
    def process_item(self, item: Any) -> Any:
        adapter = fields(item)
        adapter["rawHash"] = digest = raw_hash(item)
        row = self.store.get(adapter["id"])
        if row is not None and row["duplicate_of"] is not None:
            # Already merged into another posting's record: only its being listed matters.
            adapter["unchanged"] = True
            self.state.write(self.store.touch, adapter["id"], self.state.now, self.state.crawl_id)
            self.state.count("merged")
            return item
        if (row is not None and row["status"] == "open" and row["raw_hash"] == digest
                and row["record_path"]
                and self.state.record_exists(row["record_path"])):
            fill_from_record(item, json.loads(row["record"]))
            adapter["recordPath"] = row["record_path"]
            adapter["unchanged"] = True
            self.state.write(self.store.touch, adapter["id"], self.state.now, self.state.crawl_id)
            self.state.count("unchanged")
            return item
        self.state.rows[adapter["id"]] = row  # the decide step needs it again
        return item


class StateDecidePipeline(_StatePipeline):
    def process(self, item: Any) -> Any:
        adapter = fields(item)
        posting_id = adapter["id"]
        row = self.state.rows.pop(posting_id) if posting_id in self.state.rows else self.store.get(posting_id)
        record = record_values(item)
        now = self.state.now
        if row is None:
            if self.merge_duplicate(item, record):
                return item
            event, first_seen = "new", now
        elif row["status"] == "closed":
            event, first_seen = "reopened", row["first_seen"]
        elif row["content_hash"] != adapter.get("contentHash"):
            event, first_seen = "changed", row["first_seen"]
        elif not (row["record_path"] and self.state.record_exists(row["record_path"])):
            event, first_seen = "", row["first_seen"]  # someone removed the file: write it again, no event
        else:
            # Source bytes moved, content did not: keep the record as it is, remember the new source hash.
            fill_from_record(item, json.loads(row["record"]))
            adapter["recordPath"] = row["record_path"]
            adapter["unchanged"] = True
            self.state.write(self.store.seen_with_new_hash, posting_id, adapter["rawHash"], now, self.state.crawl_id)
            self.state.count("unchanged")
            return item
        adapter.update(event=event, firstSeen=first_seen, lastSeen=now, status="open", closedAt="")
        if not adapter.get("dateModified"):
            adapter["dateModified"] = now
        record.update(firstSeen=first_seen, lastSeen=now, status="open", closedAt="",
                      dateModified=adapter["dateModified"])
        self.state.count(event or "rewritten")
        errors = schema_errors(record)
        if errors:
            # A bug of ours, not of the source: the record is still written, and `jobscraper validate` fails.
            self.state.count("schema_invalid")
            logger.error("%s does not match schema/job.schema.json: %s", posting_id, "; ".join(errors[:3]))
        self.state.pending[posting_id] = record
        return item

    def merge_duplicate(self, item: Any, record: dict[str, Any]) -> bool:
        """A new posting that is a job we already have from another board is merged into it."""
        adapter = fields(item)
        match = self.store.find_duplicate(
            adapter["id"], adapter.get("boardUrl") or "",
            [canonical_url(adapter.get("url") or ""), canonical_url(adapter.get("applyUrl") or "")],
            dedup_key(record), normalize_title(record.get("title", "")), lambda other: same_job(record, other))
        if match is None:
            return False
        row = state_row(item, record, self.state)
        row.update(record_path="", duplicate_of=match["id"])
        self.state.write(self.store.save, row)
        self.state.write(self.store.add_same_as, match["id"], adapter.get("url") or "")
        adapter["unchanged"] = True  # nothing more to write: the record of `match` stands for both
        self.state.count("merged")
        logger.info("%s is the same job as %s; merged", adapter["id"], match["id"])
        return True


def record_values(item: Any) -> dict[str, Any]:
    """The record as the state keeps it: front-matter values plus the body as "description"."""
    adapter = fields(item)
    values = front_matter_values(adapter)
    values["description"] = adapter.get("description") or ""
    return values


def state_row(item: Any, record: dict[str, Any], state: "CrawlState") -> dict[str, Any]:
    adapter = fields(item)
    return {
        "id": adapter["id"], "source": adapter.get("source") or "", "board": adapter.get("board") or "",
        "board_url": adapter.get("boardUrl") or "", "url": adapter.get("url") or "",
        "apply_url": canonical_url(adapter.get("applyUrl") or adapter.get("url") or ""),
        "url_canon": canonical_url(adapter.get("url") or ""),
        "title_key": normalize_title(record.get("title", "")),
        "raw_hash": adapter.get("rawHash") or "", "content_hash": adapter.get("contentHash") or "",
        "first_seen": adapter.get("firstSeen") or state.now, "last_seen": state.now, "seen_crawl": state.crawl_id,
        "status": "open", "closed_at": "", "misses": 0, "record_path": adapter.get("recordPath") or "",
        "record": json.dumps(record, ensure_ascii=False, separators=(",", ":")), "dedup_key": dedup_key(record),
    }


class StateCommitPipeline(_StatePipeline):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StateCommitPipeline":
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any) -> Any:
        adapter = fields(item)
        record = self.state.pending.pop(adapter["id"], None)
        if record is None:  # unchanged or merged: written in the earlier steps
            return item
        self.state.write(self.store.save, state_row(item, record, self.state))
        if adapter.get("event"):
            self.state.write(self.store.add_event, self.state.crawl_id, self.state.now, adapter["id"],
                             adapter["event"])
        return item

    def close_spider(self, spider: Any = None) -> None:
        # Pipelines close before the spider_closed signal, so the stats and the stats file include this.
        self.state.finish()

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.state.record_end(reason)
