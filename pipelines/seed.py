"""The seed's derived fields: display location, publication timestamp, jobType."""

from __future__ import annotations

from itemadapter import ItemAdapter

from scraper.normalize.dates import parse_datetime, to_epoch_ms
from scraper.normalize.employment import job_type
from scraper.normalize.location import display_location

from .base import CountingPipeline


class SeedFieldsPipeline(CountingPipeline):
    step = "seed"

    def process(self, item):
        adapter = ItemAdapter(item)
        if not adapter.get("location"):
            adapter["location"] = display_location(adapter.get("locations") or [], adapter.get("workplace") or "")
        if not adapter.get("timestamp") and adapter.get("datePosted"):
            adapter["timestamp"] = to_epoch_ms(parse_datetime(adapter["datePosted"]))
        if not adapter.get("jobType"):
            adapter["jobType"] = job_type(adapter.get("employmentType") or "")
        return item
