"""HTML job boards: a listing page of posting links, and a detail page per posting (iCIMS, Jobvite, JazzHR).

A platform spider on this base says, as class attributes, where a listing page's rows are and what a row
states, how the listing pages, and where its detail pages keep what their schema.org JobPosting markup
may lack; `api_url` gives the first listing page.  The rest happens here, once:

  listing page  -> one row per posting link whose path matches `posting_path`: {"id", "url", "title",
                   "location", "department", "employment_type", "company"} (plain data: rows ride in
                   cb_kwargs, which JOBDIR serializes)
                -> the next listing page: the `next_link` element's href, or, when the link only says
                   that there is a next page, the listing URL with `page_param` (0-based) one higher; at
                   most <NAME>_MAX_PAGES pages.  A capped listing, or one whose next page lists nothing
                   new (a server that ignores the page parameter), is not complete.
  detail page   -> its JobPosting (`scraper.structured_data`) wins, then the platform's `detail_fields`,
                   then the row.  A detail page without a JobPosting, or one that failed, still gives the
                   row's record; a page whose JobPostings all name another posting is not this posting's.

Follow-up requests (pages, details) go to the listing's own origin with `board_query` added, so a mirror
or a test server on 127.0.0.1 gets every request; records keep the public URL the listing gives.

Field XPaths (`row_fields`, `detail_fields`) are tried in order; the first that finds text wins.  Fields:
title, location, department, employment_type, experience (the platform's seniority label), apply_url
(an href), description (detail pages only: the elements' HTML).  A location that only counts places
("2 Locations") names none.

Stats besides the base ones (jobs/<platform>/...): not_html, pages_repeated, malformed_jsonld,
details_without_jobposting, details_failed/not_html, details_failed/other_posting.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from w3lib.url import add_or_replace_parameter, url_query_cleaner, url_query_parameter

from scraper.bodies import loads_json
from scraper.items import JobPosting
from scraper.normalize.text import clean_text
from scraper.platform import PlatformSpider, SkipPosting
from scraper.structured_data import extract_job_postings, has_type, job_posting_fields, posting_tokens

logger = logging.getLogger(__name__)

_LOCATION_COUNT = re.compile(r"^\d+\s+locations?$", re.I)
_JSONLD = '//script[@type="application/ld+json"]/text()'


def _text(node: Selector) -> str:
    """An attribute's or text node's value, or an element's text with its parts spaced."""
    if isinstance(node.root, str):
        return node.root
    return " ".join(node.xpath(".//text()").getall())


def absolute(base: str, href: str) -> str:
    """`href` resolved against `base` when that makes an http(s) URL, else ""."""
    try:
        url = urljoin(base, href.strip())
        return url if urlsplit(url).scheme in ("http", "https") else ""
    except ValueError:  # "http://[::1/...": not a URL
        return ""


def first_text(sel: Selector, paths: tuple[str, ...]) -> str:
    """The clean text of the first XPath in `paths` that finds any."""
    for path in paths:
        value = clean_text(" ".join(_text(node) for node in sel.xpath(path)))
        if value:
            return value
    return ""


class ListingSpider(PlatformSpider):
    """Base for boards whose listing is HTML (see the module docstring)."""

    #: XPath of one posting's row on a listing page.
    rows: str = ""
    #: Searched in a link's path; group 1 is the posting id.  Links that do not match are not postings.
    posting_path: re.Pattern[str] = re.compile(r"(?!)")
    #: XPath found on every listing page of the platform, an empty one included: a page with no rows
    #: and without it is not this platform's listing.
    listing_marker: str = ""
    #: Field name -> XPaths (relative to the row) of what the row states; the title defaults to the
    #: posting link's text.
    row_fields: Mapping[str, tuple[str, ...]] = {}
    #: (field, XPath true of a row that heads a section): the heading's text is that field for the rows
    #: under it that do not state their own (read in one pass: a preceding-sibling XPath per row is
    #: quadratic on a board of thousands of rows).
    section_heading: tuple[str, str] = ("", "")
    #: XPath of the listing's "next page" element (a link).
    next_link: str = ""
    #: Query parameter with the 0-based listing page, for a next link whose href says nothing usable.
    page_param: str = ""
    #: Query parameters every listing and detail request carries (iCIMS: the framed content).
    board_query: Mapping[str, str] = {}
    #: Field name -> XPaths on a detail page, for what its JobPosting does not say.
    detail_fields: Mapping[str, tuple[str, ...]] = {}
    #: The board token for the item ids (set by the platform spider).
    token: str = ""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._listed: set[str] = set()  # posting ids already read on an earlier listing page

    # ---- listing pages ----------------------------------------------------------------------
    def page(self, response: Response) -> tuple[Selector, str] | None:
        """The page's selector and text; None (counted, logged) when the response is not a page."""
        if not isinstance(response, TextResponse):
            self.stat("not_html")
            logger.error("%s: not an HTML page (%s)", response.url,
                         response.headers.get("Content-Type", b"").decode("latin-1"))
            return None
        text = self.response_text(response)
        return Selector(text=text, type="html", base_url=response.url), text

    def decode_board(self, response: Response) -> dict[str, Any] | None:
        page = self.page(response)
        if page is None:
            return None
        sel, text = page
        company = self.listing_company(sel)
        rows: dict[str, dict[str, Any]] = {}
        field, heading = self.section_heading
        section = ""
        for row in sel.xpath(self.rows):
            listed = self.listed_row(row, response, company)
            if listed is None:
                if heading and row.xpath(heading):
                    section = first_text(row, (".",))
                continue
            if field and not listed.get(field):
                listed[field] = section
            rows.setdefault(listed["id"], listed)  # some layouts render a posting twice
        new = [row for posting_id, row in rows.items() if posting_id not in self._listed]
        self._listed.update(rows)
        postings = [] if rows else self.page_postings(text, response, company)
        return {"rows": new, "postings": postings, "next": self.next_url(sel, response),
                "listing": bool(rows) or bool(self.listing_marker and sel.xpath(self.listing_marker))}

    def postings(self, data: Any) -> list[dict[str, Any]] | None:
        if not data["listing"] and not data["postings"]:
            return None
        return data["rows"] + data["postings"]

    def listed_row(self, row: Selector, response: Response, company: str) -> dict[str, Any] | None:
        """A row as {"id", "url", "title", ...}, or None when it links to no posting."""
        for link in row.xpath("descendant-or-self::a[@href]"):
            url = absolute(response.url, link.attrib["href"])
            posting_id = self.posting_id(url)
            if posting_id:
                break
        else:
            return None
        listed = {name: first_text(row, paths) for name, paths in self.row_fields.items()}
        listed["title"] = listed.get("title") or first_text(link, (".",))
        # The public address: without the request-only parameters (and an empty query such as "?&").
        public = url_query_cleaner(url, list(self.board_query), remove=True)
        return {**listed, "id": posting_id, "url": public, "company": company}

    def posting_id(self, url: str) -> str:
        url = absolute(url, "")
        found = self.posting_path.search(urlsplit(url).path) if url else None
        return found.group(1) if found else ""

    def listing_company(self, sel: Selector) -> str:
        """The company a listing page names: its schema.org Organization, "" when none."""
        for block in sel.xpath(_JSONLD).getall():
            try:
                data = loads_json(block)
            except (ValueError, RecursionError):
                continue
            for node in data if isinstance(data, list) else [data]:
                if isinstance(node, dict) and has_type(node, "Organization") and isinstance(node.get("name"), str):
                    return clean_text(node["name"])
        return ""

    def page_postings(self, text: str, response: Response, company: str) -> list[dict[str, Any]]:
        """A board address that answers with a posting's own page (a job link, a listing that sends its
        one posting) gives that posting: [{"listed", "posting"}]."""
        found = [p for p in self.job_postings(response, text) if p]
        tokens = posting_tokens(found, response.url)
        return [{"listed": {"id": self.posting_id(str(posting.get("url") or "")) or token, "url": response.url,
                            "company": company}, "posting": posting}
                for token, posting in zip(tokens, found, strict=True)]

    def next_url(self, sel: Selector, response: Response) -> str:
        found = sel.xpath(self.next_link) if self.next_link else []
        if not found:
            return ""
        href = (found[0].attrib.get("href") or "").strip()
        url = absolute(response.url, href) if href and not href.startswith("#") else ""
        if not url or url.split("#")[0] == response.url:
            if not self.page_param:
                return ""
            current = url_query_parameter(response.url, self.page_param) or "0"
            url = add_or_replace_parameter(response.url, self.page_param,
                                           str(int(current) + 1 if current.isdigit() else 1))
        return self.rebased(url, response)

    def rebased(self, url: str, response: Response) -> str:
        """`url`'s path and query on the origin `response` came from, with `board_query` added."""
        here, there = urlsplit(response.url), urlsplit(url)
        url = urlunsplit((here.scheme, here.netloc, there.path or "/", there.query, ""))
        for name, value in self.board_query.items():
            url = add_or_replace_parameter(url, name, value)
        return url

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        if not data["next"]:
            return []
        if not data["rows"]:
            # A next page that lists nothing new: the server ignores the page parameter (or loops).
            self.stat("pages_repeated")
            response.meta["listing_incomplete"] = True
            logger.warning("%s: the listing page lists nothing new; paging stopped", response.url)
            return []
        page = self.next_page(response)
        return [self.board_request(data["next"], meta={"page": page})] if page else []

    def parse_posting(self, entry: dict[str, Any], response: Response) -> JobPosting | scrapy.Request:
        if "posting" in entry:
            return self.posting_item(entry["listed"], entry["posting"], {}, response.url)
        return self.detail_request(self.rebased(entry["url"], response), listed=entry, posting_id=entry["id"])

    # ---- detail pages -------------------------------------------------------------------------
    def job_postings(self, response: Response, text: str) -> list[dict[str, Any]]:
        page = extract_job_postings(text, response.url)
        for error in page.errors:
            self.stat("malformed_jsonld")
            logger.warning("%s: %s", response.url, error)
        return page.postings

    def parse_detail(self, response: Response, listed: dict[str, Any]) -> Iterator[JobPosting]:
        page = self.page(response)
        detail = None
        if page is None:
            self.stat("details_failed/not_html")
        else:
            sel, text = page
            postings = self.job_postings(response, text)
            ours = [p for p in postings if self.posting_id(str(p.get("url") or "")) in ("", listed["id"])]
            if postings and not ours:
                self.stat("details_failed/other_posting")
                logger.warning("%s: the page's JobPosting is another posting's; using the listing's row",
                               response.url)
            else:
                if not postings:
                    self.stat("details_without_jobposting")
                ours.sort(key=lambda p: self.posting_id(str(p.get("url") or "")) != listed["id"])
                fields = {name: self.detail_value(sel, name, paths, response)
                          for name, paths in self.detail_fields.items()}
                detail = {"posting": ours[0] if ours else None, "fields": fields}
        yield from self._detail_results(detail, listed, response, response.url)

    def detail_value(self, sel: Selector, name: str, paths: tuple[str, ...], response: Response) -> str:
        if name == "description":
            return next(("\n".join(found.getall()) for found in map(sel.xpath, paths) if found), "")
        value = first_text(sel, paths)
        return absolute(response.url, value) if name == "apply_url" and value else value

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        detail = detail or {}
        return self.posting_item(listed, detail.get("posting"), detail.get("fields") or {},
                                 response.url if response is not None else listed["url"])

    def posting_item(self, listed: dict[str, Any], posting: dict[str, Any] | None, fields: dict[str, str],
                     page_url: str) -> JobPosting:
        """One record from what the JobPosting, the detail page's fields and the row say, in that order."""
        ld = job_posting_fields(posting, listed.get("url") or page_url) if posting else {}

        def pick(*values: Any) -> Any:
            return next((value for value in values if value), "")

        title = pick(ld.get("title"), fields.get("title"), listed.get("title"))
        if not title:
            raise SkipPosting("no_title", f"posting {listed['id']}")
        location = pick(fields.get("location"), listed.get("location"))
        location = "" if _LOCATION_COUNT.match(location) else location
        employment = ld.get("employmentTypeRaw")
        if employment == "OTHER":  # schema.org's catch-all says less than the platform's own label
            employment = pick(fields.get("employment_type"), listed.get("employment_type"), employment)
        category = (posting or {}).get("occupationalCategory")
        description = fields.get("description")
        return self.new_item(listed["id"], board=self.token, **{
            **ld,
            "title": title,
            "titleRaw": title,
            "url": pick(ld.get("url"), listed.get("url"), page_url),
            "applyUrl": pick(ld.get("applyUrl"), fields.get("apply_url")),
            "companyName": pick(ld.get("companyName"), listed.get("company")),
            "descriptionHtml": ld.get("descriptionHtml") or ([("", description)] if description else []),
            "locationsRaw": ld.get("locationsRaw") or self.listed_locations(location),
            "locationRaw": location,
            "employmentTypeRaw": pick(employment, fields.get("employment_type"), listed.get("employment_type")),
            "departmentRaw": pick(fields.get("department"), listed.get("department"),
                                  clean_text(category) if isinstance(category, str) else ""),
            "seniorityRaw": pick(fields.get("experience"), listed.get("experience")),
        })

    def listed_locations(self, location: str) -> list[dict[str, str]]:
        """locationsRaw from the page's own location text (a platform may know its format)."""
        return [{"label": location, "country": ""}] if location else []
