"""Hand each posting to the normalizing worker processes (scraper/workers.py) and wait for it.

Runs after the state check, so an unchanged posting is never sent.  The pipelines the workers run (those that
follow this one and are `offload`able: text, normalize, requirements, seed, validate) are left out of the
crawl process's chain.  With NORMALIZE_WORKERS=0 this pipeline is off and they run here, as before.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from scraper.items import JobPosting
from scraper.workers import WorkerPool, WorkerPoolUnavailable, offloaded_pipelines, worker_count


class _LocalCrawler:
    def __init__(self, crawler: Any, settings: Any):
        self.settings = settings
        self.stats = crawler.stats
        self.signals = crawler.signals
        self.spider = getattr(crawler, "spider", None)


class NormalizeInWorkersPipeline:
    is_worker_stage = True

    def __init__(self, crawler: Any):
        settings = crawler.settings
        workers = worker_count(settings)
        chain = offloaded_pipelines(settings) if workers else []
        if not chain:
            raise NotConfigured()  # no worker, or nothing for one to do: every pipeline runs in the crawl process
        self.crawler = crawler
        self.chain = chain
        self.pool = WorkerPool(workers, chain, settings, stats=crawler.stats,
                               batch_size=settings.getint("NORMALIZE_BATCH", 16),
                               batch_wait=settings.getfloat("NORMALIZE_BATCH_WAIT", 0.02))
        crawler._jobscraper_workers = self.pool
        self.local: list[Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "NormalizeInWorkersPipeline":
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        if getattr(item, "unchanged", False):
            return item
        if type(item) is not JobPosting:
            return self.in_process(item)  # only our postings travel as field tuples
        try:
            return await self.pool.process(item)
        except WorkerPoolUnavailable:
            return self.in_process(item)

    def in_process(self, item: Any) -> Any:
        if self.local is None:
            settings = Settings(self.crawler.settings.copy_to_dict())
            settings.set("NORMALIZE_WORKERS", 0)  # so that the offloaded pipelines build here too
            crawler = _LocalCrawler(self.crawler, settings)
            self.local = [cls.from_crawler(crawler) for cls in self.chain]
        for pipe in self.local:
            item = pipe.process_item(item)
        return item

    def close_spider(self) -> None:
        self.pool.shutdown()
