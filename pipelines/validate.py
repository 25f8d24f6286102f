"""The last step that changes items: drop what cannot become a record, stamp the content hash."""

from __future__ import annotations

from scraper.record import content_hash

from .base import CountingPipeline, fields

REQUIRED = ("id", "title", "url")


class ValidatePostingsPipeline(CountingPipeline):
    step = "validate"
    offload = True

    def process(self, item):
        adapter = fields(item)
        for field in REQUIRED:
            if not adapter.get(field):
                self.count(f"dropped/missing_{field}")
                from scrapy.exceptions import DropItem  # here: a normalizing worker need not load Scrapy

                raise DropItem(f"posting {adapter.get('id') or adapter.get('url') or '?'} has no {field}")
        for field in ("summary", "location", "datePosted", "employmentType", "workplace", "salary"):
            value = adapter.get(field)
            if not value or (isinstance(value, dict) and value.get("min") is None and value.get("max") is None
                             and field == "salary"):
                self.count(f"field/{field}/missing")
        adapter["contentHash"] = content_hash(adapter)
        self.count("passed")
        return item
