"""Distributed crawling: any number of `scrapy crawl careers` workers share one round of companies through Redis.

scrapy-redis does the sharing: its scheduler keeps every worker's requests in one Redis queue and its duplicate
filter keeps one set of request fingerprints, so no board is requested twice in a round.  On top of it:

- `jobscraper enqueue companies.yaml` starts a round: it clears the round's duplicate filter, records the round
  (id and time: every worker's state rows belong to that one crawl) and pushes the companies, once, to
  `jobscraper:careers:companies`.
- A worker takes a company with an atomic LMOVE into its own processing list, schedules the company's first
  request into the shared queue and only then drops the company from its list: a worker killed in between
  leaves the company where another worker recovers it.
- `ReliableScheduler` records each request it hands to its worker in the worker's in-flight hash, and clears it
  once the request's callback has run and every item it yielded has left the item pipelines (records written,
  state committed).  A worker keeps a heartbeat key alive; when it dies, another worker moves its in-flight
  requests back into the shared queue and its processing list back to the companies: nothing is lost.
- The round ends when the companies and the queue are empty and no live worker has a request in flight: idle
  workers wait for that (and for dead workers' requests to recover), then close.

Settings (or environment): REDIS_URL (or the environment's JOBSCRAPER_REDIS_URL or REDIS_URL) turns it on;
DISTRIBUTED_HEARTBEAT_TTL (seconds, default 30) is how long a silent worker counts as alive.  Per-posting state
must be reachable by every worker: STATE_URL=postgresql://... across machines (SQLite in a shared OUTPUT_DIR works
for workers on one machine).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from scraper.normalize.dates import to_iso

logger = logging.getLogger(__name__)

PREFIX = "jobscraper"


def redis_url(settings: Any = None) -> str:
    """The Redis of a distributed crawl: the REDIS_URL setting, else the environment's JOBSCRAPER_REDIS_URL or
    REDIS_URL; "" when off."""
    value = settings.get("REDIS_URL") if settings is not None else ""
    return str(value or os.environ.get("JOBSCRAPER_REDIS_URL") or os.environ.get("REDIS_URL") or "")


class Keys:
    """The Redis keys of one spider's distributed crawl."""

    def __init__(self, spider_name: str):
        base = f"{PREFIX}:{spider_name}"
        self.companies = f"{base}:companies"
        self.round = f"{base}:round"
        self.requests = f"{base}:requests"
        self.dupefilter = f"{base}:dupefilter"
        self.recover_lock = f"{base}:recover-lock"
        self.export_lock = f"{base}:export-lock"
        self.base = base

    def worker(self, worker: str) -> str:
        return f"{self.base}:worker:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.base}:inflight:{worker}"

    def processing(self, worker: str) -> str:
        return f"{self.base}:processing:{worker}"


def distributed_settings(url: str, spider_name: str) -> dict[str, Any]:
    keys = Keys(spider_name)
    return {
        "REDIS_URL": url,
        "SCHEDULER": "scraper.distributed.ReliableScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        # A request leaves the in-flight hash once its items are through the pipelines: their state rows must
        # be committed by then, or a worker dying later would lose them.
        "STATE_COMMIT_EVERY": 1,
    }


class RoundInProgress(RuntimeError):
    """A round still has work; starting another would mix the two."""


def start_round(server: Any, spider_name: str, companies: list[dict[str, Any]], force: bool = False
                ) -> dict[str, Any]:
    """A new round: its id and time, a clear duplicate filter, and the companies pushed once.

    Refused while the current round still has companies, queued requests or requests in flight, unless
    `force`: then that round's leftovers are dropped."""
    keys = Keys(spider_name)
    status = round_status(server, spider_name)
    busy = status["companies_waiting"] + status["requests_queued"] + status["requests_in_flight"] \
        + status["companies_being_scheduled"]
    if busy and not force:
        raise RoundInProgress(f"round {(status['round'] or {}).get('id', '?')} is not finished: "
                              f"{status['companies_waiting']} companies waiting, {status['requests_queued']} "
                              f"requests queued, {status['requests_in_flight']} in flight")
    leftovers = [*server.scan_iter(f"{keys.base}:inflight:*"), *server.scan_iter(f"{keys.base}:processing:*")]
    round_ = {"id": uuid.uuid4().hex, "started_at": to_iso(datetime.now(UTC))}
    with server.pipeline(transaction=True) as pipe:
        pipe.delete(keys.dupefilter, keys.companies, keys.requests, *leftovers)
        pipe.set(keys.round, json.dumps(round_))
        for index, company in enumerate(companies):
            pipe.rpush(keys.companies, json.dumps({"index": index, **company}))
        pipe.execute()
    return round_


def round_status(server: Any, spider_name: str) -> dict[str, Any]:
    keys = Keys(spider_name)
    workers, inflight, processing = [], 0, 0
    for key in server.scan_iter(f"{keys.base}:worker:*"):
        workers.append(_text(key).rsplit(":worker:", 1)[1])
    for key in server.scan_iter(f"{keys.base}:inflight:*"):
        inflight += server.hlen(key)
    for key in server.scan_iter(f"{keys.base}:processing:*"):
        processing += server.llen(key)
    round_ = server.get(keys.round)
    return {"round": json.loads(round_) if round_ else None, "companies_waiting": server.llen(keys.companies),
            "requests_queued": server.zcard(keys.requests), "requests_in_flight": inflight,
            "companies_being_scheduled": processing, "workers_alive": sorted(workers),
            "requests_seen": server.scard(keys.dupefilter)}


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


class ReliableScheduler(Scheduler):
    """scrapy-redis's shared scheduler, with in-flight tracking, a heartbeat and recovery of dead workers."""

    crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ReliableScheduler":
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.ttl = max(2, crawler.settings.getint("DISTRIBUTED_HEARTBEAT_TTL", 30))
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(scheduler.item_done, signal=signal)
        return scheduler

    def open(self, spider: Any) -> Any:
        result = super().open(spider)
        self.keys = Keys(spider.name)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.pending_items: dict[str, int] = {}
        self.callbacks_done: set[str] = set()
        self.beat()
        self.heart = task.LoopingCall(self.beat)
        self.heart.start(self.ttl / 3, now=False)
        spider.distributed = self
        spider.round = self.round()  # every worker's state rows belong to the round's one crawl
        self.recover()
        logger.info("distributed worker %s on %s (round %s)", self.worker, self.keys.base,
                    (self.round() or {}).get("id", "?"))
        return result

    def close(self, reason: str) -> Any:
        if getattr(self, "heart", None) is not None and self.heart.running:
            self.heart.stop()
        # Anything still in flight (a crawl stopped early) goes back for the others.
        self._requeue(self.keys.inflight(self.worker))
        self._return_companies(self.keys.processing(self.worker))
        self.server.delete(self.keys.worker(self.worker))
        return super().close(reason)

    # ---- the round -----------------------------------------------------------------
    def round(self) -> dict[str, Any] | None:
        value = self.server.get(self.keys.round)
        return json.loads(value) if value else None

    def take_company(self) -> dict[str, Any] | None:
        """The next company of the round, moved atomically into this worker's processing list."""
        data = self.server.lmove(self.keys.companies, self.keys.processing(self.worker), "LEFT", "RIGHT")
        if data is None:
            return None
        company = json.loads(data)
        company["_raw"] = _text(data)
        return company

    def company_scheduled(self, company: dict[str, Any]) -> None:
        self.server.lrem(self.keys.processing(self.worker), 1, company["_raw"])

    # ---- requests in flight ----------------------------------------------------------
    def beat(self) -> None:
        self.server.set(self.keys.worker(self.worker), str(time.time()), ex=self.ttl)

    def enqueue_request(self, request: Any) -> bool:
        """A request that replaces one in flight here (a retry, a redirect) takes over its place in the queue:
        the old entry is dropped once the new request is queued.  Requests a callback yields never carry the
        marker (the careers spider strips it when it routes them)."""
        replaced = request.meta.pop("jobscraper_inflight", None)
        queued = super().enqueue_request(request)
        if replaced:
            self.server.hdel(self.keys.inflight(self.worker), replaced)
            self.callbacks_done.discard(replaced)
            self.pending_items.pop(replaced, None)
        return queued

    def next_request(self) -> Any:
        request = super().next_request()
        if request is None:
            return None
        fingerprint = self.df.request_fingerprint(request)
        request.meta["jobscraper_inflight"] = fingerprint
        self.server.hset(self.keys.inflight(self.worker), fingerprint, self.queue._encode_request(request))
        return request

    def item_started(self, fingerprint: str) -> None:
        self.pending_items[fingerprint] = self.pending_items.get(fingerprint, 0) + 1

    def item_done(self, item: Any = None, **kwargs: Any) -> None:
        fingerprint = getattr(item, "requestKey", "")
        if fingerprint and fingerprint in self.pending_items:
            self.pending_items[fingerprint] -= 1
            self._maybe_done(fingerprint)

    def callback_done(self, fingerprint: str) -> None:
        if fingerprint:
            self.callbacks_done.add(fingerprint)
            self._maybe_done(fingerprint)

    def _maybe_done(self, fingerprint: str) -> None:
        if fingerprint in self.callbacks_done and self.pending_items.get(fingerprint, 0) <= 0:
            self.server.hdel(self.keys.inflight(self.worker), fingerprint)
            self.callbacks_done.discard(fingerprint)
            self.pending_items.pop(fingerprint, None)

    def busy_elsewhere(self) -> bool:
        """Whether the round still has work: companies, queued requests, or requests in flight anywhere."""
        if self.server.llen(self.keys.companies) or len(self.queue):
            return True
        for key in self.server.scan_iter(f"{self.keys.base}:inflight:*"):
            if self.server.hlen(key):
                return True
        return any(self.server.llen(key) for key in self.server.scan_iter(f"{self.keys.base}:processing:*"))

    # ---- recovery ------------------------------------------------------------------
    def recover(self) -> int:
        """Requests and companies of workers whose heartbeat stopped go back to the shared queue."""
        recovered = 0
        lock = self.server.lock(self.keys.recover_lock, timeout=30, blocking_timeout=5)
        if not lock.acquire():
            return 0
        try:
            for kind in ("inflight", "processing"):
                for key in list(self.server.scan_iter(f"{self.keys.base}:{kind}:*")):
                    worker = _text(key).split(f":{kind}:", 1)[1]
                    if worker == self.worker or self.server.exists(self.keys.worker(worker)):
                        continue
                    recovered += self._requeue(key) if kind == "inflight" else self._return_companies(key)
        finally:
            lock.release()
        if recovered:
            logger.warning("recovered %d requests/companies of workers that stopped", recovered)
            if self.stats is not None:
                self.stats.inc_value("jobs/distributed/recovered", recovered)
        return recovered

    def _requeue(self, key: str) -> int:
        entries = self.server.hgetall(key)
        for data in entries.values():
            request = self.queue._decode_request(data)
            request.meta.pop("jobscraper_inflight", None)
            self.queue.push(request)  # straight into the queue: the duplicate filter has seen it already
        self.server.delete(key)
        return len(entries)

    def _return_companies(self, key: str) -> int:
        moved = 0
        while self.server.lmove(key, self.keys.companies, "RIGHT", "LEFT") is not None:
            moved += 1
        return moved

    def export_lock(self) -> AbstractContextManager[Any]:
        return self.server.lock(self.keys.export_lock, timeout=600, blocking_timeout=600)


def export_lock(spider: Any) -> AbstractContextManager[Any]:
    """A lock around writing the datasets when several workers may finish together."""
    scheduler = getattr(spider, "distributed", None)
    return scheduler.export_lock() if scheduler is not None else nullcontext()
