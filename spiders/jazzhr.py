"""JazzHR boards (`<company>.applytojob.com`, formerly `<company>.theresumator.com`): the embed listing
`/apply/jobs`, one server-rendered table of every opening whatever the careers page's theme (no paging),
and each posting's page: its schema.org JobPosting where it has one (not every page does), else its
description block and its labelled Department / Type / Experience fields.

    scrapy crawl jazzhr -a url=https://acme.applytojob.com/apply
    scrapy crawl jazzhr -a url=https://acme.applytojob.com/apply/AbCdEf1234/Engineer   (its board)
    scrapy crawl jazzhr -a url=http://127.0.0.1:8080/apply/jobs -a board=acme           (a mirror)

Listing rows: the table's `a.job_title_link` rows (department in `span.resumator_department` or the
section's heading row above, location in the second cell), or the careers page's list items (map-marker and
sitemap icons).  The company is the listing's schema.org Organization.  There is no public JSON feed:
`/apply/jobs/feed` and the app.jazz.co widget are accepted as addresses of the same board.
Settings: JAZZHR_MAX_PAGES (default 100; the listing does not page).  Stats: see scraper/listing.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scraper.listing import ListingSpider
from scraper.platform import origin

_HOST = re.compile(r"^([a-z0-9-]+)\.(?:applytojob|theresumator)\.com$")
_WIDGET = re.compile(r"^/widgets/[^/]+/create/([A-Za-z0-9-]+)")
# The classic theme labels each value ("<strong>Type: </strong>Full Time").
_UNLABELLED = "//text()[not(ancestor::strong)]"


def _labelled(name: str) -> str:
    return f"//*[@id='resumator-job-{name}']{_UNLABELLED}"


class JazzHRSpider(ListingSpider):
    name = "jazzhr"
    rows = ("//table[@id='jobs_table']//tr"
            " | //li[contains(@class, 'list-group-item')][.//*[contains(@class, 'list-group-item-heading')]]")
    posting_path = re.compile(r"^/apply/(?:jobs/details/)?([A-Za-z0-9]{8,64})(?:/[^/]*)?/?$")
    listing_marker = ("//table[@id='jobs_table']"
                      " | //*[contains(@class, 'jobs-list') or contains(@class, 'job-board-list')]")
    row_fields = {
        "location": ("td[2]", ".//li[i[contains(@class, 'fa-map-marker')]]"),
        "department": (".//span[contains(@class, 'resumator_department')]",
                       ".//li[i[contains(@class, 'fa-sitemap')]]"),
    }
    section_heading = ("department", "self::tr[contains(@class, 'resumator_department_heading')]")
    detail_fields = {
        "description": ("//div[@id='job-description']", "//div[@id='resumator-job-description']",
                        "//div[contains(@class, 'job_description')]"),
        "department": (_labelled("department"), f"//*[@title='Department']{_UNLABELLED}"),
        "employment_type": (_labelled("employment"), _labelled("type")),
        "experience": (_labelled("experience"),),
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        parts = urlsplit(self.url)
        widget = _WIDGET.match(parts.path) if parts.hostname == "app.jazz.co" else None
        if widget:  # the widget script names the board; the board itself is on its tenant host
            self.url = f"https://{widget.group(1).lower()}.applytojob.com/apply"
            parts = urlsplit(self.url)
        host = _HOST.match(parts.hostname or "")
        self.token = self.board or (host.group(1) if host else parts.hostname or "")

    def api_url(self) -> str:
        prefix = urlsplit(self.url).path.partition("/apply")[0].rstrip("/")
        return f"{origin(self.url)}{prefix}/apply/jobs"
