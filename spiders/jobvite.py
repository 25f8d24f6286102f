"""Jobvite career sites: the server-rendered search listing `jobs.jobvite.com/<company>/search` (every
posting, 50 a page, `?p=<n>` behind its "next" link; the `/jobs` page groups postings by category and
cuts long categories short), and each posting's page `/<company>/job/<id>`: its schema.org JobPosting
where it has one, else its description block and its "department | location" line.

    scrapy crawl jobvite -a url=https://jobs.jobvite.com/acme
    scrapy crawl jobvite -a url=https://jobs.jobvite.com/acme/job/oAbCdEfG   (its company's listing)
    scrapy crawl jobvite -a url=http://127.0.0.1:8080/acme/search             (a mirror)

A listing location that only counts places ("2 Locations") names none.  The board's name for the
company is its page title ("Acme Careers").  Settings: JOBVITE_MAX_PAGES (default 100).
Stats: see scraper/listing.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from scraper.listing import ListingSpider, first_text
from scraper.platform import origin

_CAREERS_TITLE = re.compile(r"^(.+?)\s+Careers$", re.I)
_META = "//*[contains(@class, 'jv-job-detail-meta')]"
_SEPARATOR = "span[contains(@class, 'jv-inline-separator')]"


class JobviteSpider(ListingSpider):
    name = "jobvite"
    rows = ("//tr[.//a[contains(@href, '/job/')]]"
            " | //a[contains(@href, '/job/')][.//*[contains(@class, 'jv-job-list-name')]]")
    posting_path = re.compile(r"/job/([A-Za-z0-9]+)/?$")
    listing_marker = "//*[contains(@class, 'jv-')]"
    row_fields = {
        "title": (".//*[contains(@class, 'jv-job-list-name')]",),
        "location": (".//*[contains(@class, 'jv-job-list-location')]",),
    }
    next_link = "//a[contains(@class, 'jv-pagination-next')]"
    page_param = "p"
    detail_fields = {
        # Without the "Description" heading Jobvite puts above the text.
        "description": ("//div[contains(@class, 'jv-job-detail-description')]"
                        "/node()[not(self::h3[normalize-space() = 'Description'])]",),
        # "Sales<span class=jv-inline-separator/>San Jose, California[<span .../>...]"
        "department": (f"{_META}/{_SEPARATOR}[1]/preceding-sibling::text()",),
        "location": (f"{_META}/text()[count(preceding-sibling::{_SEPARATOR}) = 1]",),
        "apply_url": ("//a[contains(@class, 'jv-button-apply')]/@href",),
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        segments = [s for s in urlsplit(self.url).path.split("/") if s]
        if segments and segments[0].lower() == "careers":  # jobs.jobvite.com/careers/<company>/...
            segments = segments[1:]
        self.token = self.board or (segments[0] if segments else "")
        if not self.token:
            raise ValueError(f"jobvite: {self.url} names no company; give jobs.jobvite.com/<company> "
                             "or -a board=<company>")

    def api_url(self) -> str:
        return f"{origin(self.url)}/{self.token}/search"

    def listing_company(self, sel: Selector) -> str:
        named = _CAREERS_TITLE.match(first_text(sel, ("//title",)))
        return named.group(1) if named else super().listing_company(sel)
