"""Drop a posting already seen in this crawl (same stable id), e.g. one offer listed twice."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from .base import CountingPipeline, fields


class DuplicatePostingsPipeline(CountingPipeline):
    step = "dedupe"

    def __init__(self, crawler=None):
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item):
        posting_id = fields(item).get("id") or ""
        if posting_id and posting_id in self.seen:
            self.count("dropped")
            raise DropItem(f"duplicate posting {posting_id}")
        self.seen.add(posting_id)
        return item
