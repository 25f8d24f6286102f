"""Drop a posting already seen in this crawl (same stable id), e.g. one offer listed twice."""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from .base import CountingPipeline


class DuplicatePostingsPipeline(CountingPipeline):
    step = "dedupe"

    def __init__(self, crawler=None):
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item):
        posting_id = ItemAdapter(item).get("id") or ""
        if posting_id and posting_id in self.seen:
            self.count("dropped")
            raise DropItem(f"duplicate posting {posting_id}")
        self.seen.add(posting_id)
        return item
