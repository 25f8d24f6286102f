"""iCIMS career portals: the server-rendered job search (the content a company's careers page frames,
asked for with in_iframe=1), paged with pr=<n> (0-based) behind its <link rel="next">, and each job's own
page, whose schema.org JobPosting carries the description, dates, locations and organization.

    scrapy crawl icims -a url=https://careers-acme.icims.com/jobs/search?ss=1
    scrapy crawl icims -a url=https://careers-acme.icims.com/jobs/1234/engineer/job   (its portal's search)
    scrapy crawl icims -a url=http://127.0.0.1:8080/jobs/search -a board=careers-acme  (a mirror)

A /jobs/search address keeps its own filters (searchLocation, ...).  Listing rows are job cards
(li.iCIMS_JobCardItem) or the older table rows (div.iCIMS_JobsTable > div.row): title, "Job Locations",
the Category (department) and Position Type tags; "US-TX-Austin" is country-region-city.
Settings: ICIMS_MAX_PAGES (default 100).  Stats: see scraper/listing.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from w3lib.url import add_or_replace_parameter, url_query_cleaner

from scraper.listing import ListingSpider
from scraper.platform import origin

_HOST = re.compile(r"^([a-z0-9-]+)\.icims\.com$")
_CODED_LOCATION = re.compile(r"^([A-Z]{2})-([A-Z0-9]{1,3})-(.+)$")


def _tag(label: str) -> str:
    return f".//div[contains(@class, 'iCIMS_JobHeaderTag')][dt[contains(normalize-space(), '{label}')]]/dd"


class IcimsSpider(ListingSpider):
    name = "icims"
    rows = ("//li[contains(@class, 'iCIMS_JobCardItem')]"
            " | //div[contains(@class, 'iCIMS_JobsTable')]/div[contains(@class, 'row')]")
    posting_path = re.compile(r"/jobs/(\d+)(?:/[^/]*)?/job/?$")
    listing_marker = "//*[contains(@class, 'iCIMS_')]"
    row_fields = {
        "title": (".//a[contains(@class, 'iCIMS_Anchor')]//h3", ".//h3"),
        "location": (".//*[span[contains(@class, 'field-label')][contains(., 'Location')]]"
                     "/span[not(contains(@class, 'field-label'))]", _tag("Location")),
        "department": (_tag("Category"),),
        "employment_type": (_tag("Position Type"),),
    }
    next_link = "//link[@rel='next']"
    page_param = "pr"
    board_query = {"in_iframe": "1"}
    detail_fields = {"description": ("//div[contains(@class, 'iCIMS_InfoMsg_Job')]",)}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        host = urlsplit(self.url).hostname or ""
        found = _HOST.match(host)
        self.token = self.board or (found.group(1) if found else host)

    def api_url(self) -> str:
        parts = urlsplit(self.url)
        prefix = parts.path.partition("/jobs")[0].rstrip("/")
        query = parts.query if parts.path.rstrip("/").endswith("/jobs/search") else "ss=1"
        url = url_query_cleaner(f"{origin(self.url)}{prefix}/jobs/search?{query}", ["pr", "in_iframe"], remove=True)
        return add_or_replace_parameter(url, "in_iframe", "1")

    def listed_locations(self, location: str) -> list[dict[str, str]]:
        coded = _CODED_LOCATION.match(location)
        if coded:
            return [{"city": coded.group(3), "region": coded.group(2), "country": coded.group(1)}]
        return super().listed_locations(location)
