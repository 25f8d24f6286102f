"""SAP SuccessFactors Recruiting Marketing (RMK, "Career Site Builder") career sites, through their job feeds:
`/googlefeed.xml` (RSS 2.0 with Google Base `g:` job fields: id, location, employer, job_function,
expiration_date; every open job with its description) or any other RSS/Atom job feed of the site (`/sitemal.xml`,
`/feeds/...`, `/services/rss/job/?...`).

    scrapy crawl successfactors -a url=https://jobs.aa.com
    scrapy crawl successfactors -a url=https://jobs.sap.com/services/rss/job/?locale=en_US

Titles carry the location as a suffix, "Engineer, IT AI (Fort Worth, TX, US)" or "(Richardson, TX, US, 75080)": the
record's title is the title without it, and it is the location when the item has no g:location (the postal
code is dropped: records have no field for it).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response

from scraper.feeds import read_feed, text
from scraper.items import JobPosting
from scraper.normalize.location import country_code
from scraper.platform import PlatformSpider, SkipPosting, origin
from scraper.structured_data import description_html

# A feed address is taken as given; any other address of the site means its Google feed.
_FEED_PATH = re.compile(r"\.(?:xml|rss)$|/feeds?/|/rss\b", re.I)
_LOCATION_SUFFIX = re.compile(r"^(?P<title>.*?\S)\s*\((?P<place>[^()]*,[^()]*)\)\s*$")
_POSTAL_CODE = re.compile(r"\d")
_LINK_ID = re.compile(r"/(\d+)/?$")


def place(label: str) -> str:
    """A location without its trailing postal codes: "Richardson, TX, US, 75080" -> "Richardson, TX, US"."""
    parts = [p.strip() for p in label.split(",") if p.strip()]
    while len(parts) > 1 and _POSTAL_CODE.search(parts[-1]):
        parts.pop()
    return ", ".join(parts)


def split_title(title: str) -> tuple[str, str]:
    """(title, location) from "Role (City, ST, CC[, ZIP])"; the location is "" (and the title kept whole)
    when the brackets do not end in a country ("Engineer (Java, Go)")."""
    m = _LOCATION_SUFFIX.match(title)
    location = place(m.group("place")) if m else ""
    if not location or not country_code(location.rsplit(",", 1)[-1]):
        return title, ""
    return m.group("title"), location


class SuccessFactorsSpider(PlatformSpider):
    name = "successfactors"

    def site(self) -> str:
        return self.board or (urlsplit(self.url).hostname or "").lower()

    def api_url(self) -> str:
        return self.url if _FEED_PATH.search(urlsplit(self.url).path) else origin(self.url) + "/googlefeed.xml"

    def decode_board(self, response: Response) -> Any | None:
        return self.load_xml(response)

    def postings(self, root: Any) -> list[dict[str, Any]] | None:
        # The channel's <language> is the site's locale, not each posting's (German sites list English
        # postings): the posting language is left to the text.
        feed = read_feed(root)
        return feed.items if feed is not None else None

    def parse_posting(self, item: dict[str, Any], response: Response) -> JobPosting | None:
        link = text(item, "link")
        m = _LINK_ID.search(urlsplit(link).path)
        posting_id = text(item, "id") or text(item, "guid") or (m.group(1) if m else "")
        if not posting_id:
            return None
        raw_title = text(item, "title")
        title, suffix = split_title(raw_title)
        if not title:
            raise SkipPosting("no_title", f"job {posting_id}")
        location = place(text(item, "location")) or suffix
        return self.new_item(
            posting_id,
            board=self.site(),
            title=title,
            titleRaw=raw_title,
            url=link,
            companyName=text(item, "employer"),
            # RMK feeds send the description as entity-escaped HTML inside CDATA: unescaped once.
            descriptionHtml=[("", description_html(text(item, "description")))],
            locationRaw=location,
            locationsRaw=[{"label": location}] if location else [],
            departmentRaw=text(item, "job_function") or text(item, "category"),
            employmentTypeRaw=text(item, "job_type"),
            salaryRaw=text(item, "salary") or None,
            datePostedRaw=text(item, "pubDate") or text(item, "published") or text(item, "date") or None,
            validThroughRaw=text(item, "expiration_date") or None,
        )
