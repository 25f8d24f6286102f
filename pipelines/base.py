"""What every pipeline shares: stats under jobs/<step>/..., built from the crawler, and field access by name.

No module-level import of Scrapy or itemadapter here (nor in the pipelines that normalize), so the normalizing
worker processes (scraper/workers.py) run those pipelines without loading Scrapy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scraper.items import PostingFields, fields  # noqa: F401 (the pipelines read items through these)
from scraper.workers import offloaded_pipelines

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class CountingPipeline:
    """A pipeline that counts what it does in Scrapy stats as jobs/<step>/<what>."""

    step = "pipeline"
    offload = False
    """True for a pipeline that only changes the item from the item itself (no disk, no shared state, no
    crawl-wide memory): scraper/workers.py may run it in a worker process."""

    def __init__(self, crawler: Crawler | None = None):
        self.crawler = crawler
        self.stats = crawler.stats if crawler is not None else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        if cls.offload and cls in offloaded_pipelines(crawler.settings):
            # The normalizing workers run this pipeline (scraper/workers.py): the crawl process leaves it out.
            from scrapy.exceptions import NotConfigured

            raise NotConfigured()
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        # A posting the state check found unchanged since its last write passes through untouched.
        if getattr(item, "unchanged", False):
            return item
        return self.process(item)

    def process(self, item: Any) -> Any:
        raise NotImplementedError

    def count(self, what: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"jobs/{self.step}/{what}", n)
