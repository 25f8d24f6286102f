"""What every pipeline shares: stats under jobs/<step>/..., built from the crawler."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler


class CountingPipeline:
    """A pipeline that counts what it does in Scrapy stats as jobs/<step>/<what>."""

    step = "pipeline"

    def __init__(self, crawler: Crawler | None = None):
        self.crawler = crawler
        self.stats = crawler.stats if crawler is not None else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
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
