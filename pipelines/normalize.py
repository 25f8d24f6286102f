"""Normalize the structured fields spiders filled raw: dates, employment type, workplace,
locations, salary, department, seniority.  Extraction from free text comes later."""

from __future__ import annotations

from scraper.normalize.dates import parse_datetime, to_iso
from scraper.normalize.employment import normalize_employment_type
from scraper.normalize.location import normalize_location_entry, parse_locations
from scraper.normalize.salary import normalize_salary
from scraper.normalize.seniority import normalize_seniority
from scraper.normalize.text import clean_text
from scraper.normalize.workplace import normalize_workplace

from .base import CountingPipeline, fields


class NormalizeFieldsPipeline(CountingPipeline):
    step = "normalize"
    offload = True

    def process(self, item):
        adapter = fields(item)
        # Relative dates ("Posted 3 Days Ago") count back from when the page was fetched.
        crawled_at = parse_datetime(adapter.get("crawledAt"))
        for field in ("datePosted", "dateModified", "validThrough"):
            raw = adapter.get(f"{field}Raw")
            if not adapter.get(field) and raw not in (None, ""):
                value = to_iso(parse_datetime(raw, crawled_at))
                adapter[field] = value
                if not value:
                    self.count(f"unparsed/{field}")
        if not adapter.get("employmentType") and adapter.get("employmentTypeRaw"):
            adapter["employmentType"] = normalize_employment_type(adapter["employmentTypeRaw"])
        if not adapter.get("workplace") and adapter.get("workplaceRaw"):
            adapter["workplace"] = normalize_workplace(adapter["workplaceRaw"])
        if not adapter.get("seniority") and adapter.get("seniorityRaw"):
            adapter["seniority"] = normalize_seniority(adapter["seniorityRaw"])
        if not adapter.get("department") and adapter.get("departmentRaw"):
            adapter["department"] = clean_text(adapter["departmentRaw"])
        if not adapter.get("locations"):
            locations = [loc for raw in adapter.get("locationsRaw") or [] if isinstance(raw, dict)
                         for loc in normalize_location_entry(raw)]
            if not locations and adapter.get("locationRaw"):
                locations = parse_locations(adapter["locationRaw"])
            adapter["locations"] = _unique(loc for loc in locations if any(loc.values()))
        salary = adapter.get("salary") or {}
        if salary.get("min") is None and salary.get("max") is None and adapter.get("salaryRaw"):
            adapter["salary"] = normalize_salary(adapter["salaryRaw"])
        return item


def _unique(locations):
    out = []
    for loc in locations:
        if loc not in out:
            out.append(loc)
    return out
