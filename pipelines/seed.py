"""The seed's derived fields: display location, publication timestamp, jobType, hashtags, summary and
summaryBackup (the last three from the requirements found in the text)."""

from __future__ import annotations

from scraper.normalize.dates import parse_datetime, to_epoch_ms
from scraper.normalize.employment import job_type
from scraper.normalize.location import display_location
from scraper.normalize.requirements import hashtags, summary, summary_backup

from .base import CountingPipeline, fields


class SeedFieldsPipeline(CountingPipeline):
    step = "seed"
    offload = True

    def process(self, item):
        adapter = fields(item)
        if not adapter.get("location"):
            adapter["location"] = display_location(adapter.get("locations") or [], adapter.get("workplace") or "")
        if not adapter.get("timestamp") and adapter.get("datePosted"):
            adapter["timestamp"] = to_epoch_ms(parse_datetime(adapter["datePosted"]))
        if not adapter.get("jobType"):
            adapter["jobType"] = job_type(adapter.get("employmentType") or "")
        skills = adapter.get("skills") or {"required": [], "niceToHave": []}
        if not adapter.get("hashtags"):
            adapter["hashtags"] = hashtags(skills, adapter.get("languages") or [])
        if not adapter.get("summary"):
            adapter["summary"] = summary(adapter.get("title") or "", adapter.get("companyName") or "", dict(adapter))
        if not adapter.get("summaryBackup"):
            adapter["summaryBackup"] = summary_backup(adapter.get("title") or "", adapter.get("companyName") or "",
                                                      skills)
        return item
