"""Any career page that marks its postings up as schema.org JobPosting (JSON-LD, microdata
or RDFa).  A page carrying JobPostings gives one record each; a careers index carrying none
is followed one level deep, to same-host pages only, and those pages give the records.

    scrapy crawl jsonld -a url=https://careers.example.com/jobs/123
    scrapy crawl jsonld -a url=https://careers.example.com/ -a max_detail_pages=200

Spider arguments besides the base ones: max_detail_pages (pages followed from an index,
default 100).  Stats: jobs/jsonld/malformed_jsonld, pages_without_posting, not_html,
detail_pages_capped, details_failed/<reason>.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urldefrag, urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, failure_reason
from scraper.structured_data import extract_job_postings, job_posting_fields, posting_tokens

logger = logging.getLogger(__name__)

# Links that look like postings are followed first, so site navigation does not use up the budget.
_JOBLIKE = re.compile(r"job|career|position|opening|vacanc|stelle|karriere|posting|/o/|/j/", re.I)


def _site(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port


class JsonLdSpider(PlatformSpider):
    name = "jsonld"
    max_detail_pages = 100

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_detail_pages = int(self.max_detail_pages)

    def api_url(self) -> str:
        return self.url

    def decode_board(self, response: Response) -> list[dict[str, Any]] | None:
        """The page's postings as [{token, posting}]; None when the response is not a page."""
        if not isinstance(response, TextResponse):
            self.stat("not_html")
            logger.error("%s: not an HTML page (%s), skipped", response.url,
                         response.headers.get("Content-Type", b"").decode("latin-1"))
            return None
        page = extract_job_postings(self.response_text(response), response.url)
        for error in page.errors:
            self.stat("malformed_jsonld")
            logger.warning("%s: %s", response.url, error)
        tokens = posting_tokens(page.postings, response.url)
        return [{"token": token, "posting": posting} for token, posting in zip(tokens, page.postings, strict=True)]

    def postings(self, data: Any) -> list[dict[str, Any]]:
        return data

    def parse_posting(self, entry: dict[str, Any], response: Response) -> JobPosting | None:
        fields = job_posting_fields(entry["posting"], response.url)
        if not fields["title"]:
            logger.warning("%s: a JobPosting without a title, skipped", response.url)
            return None
        return self.new_item(entry["token"], board=_site(self.url)[0], **fields)

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        if data:  # a page with postings of its own is not an index
            return []
        here = canonicalize_url(response.url)
        candidates: dict[str, str] = {}
        for link in LinkExtractor().extract_links(response):
            url = urldefrag(link.url)[0]
            key = canonicalize_url(url)
            if _site(url) == _site(self.url) and key != here and key not in candidates:
                candidates[key] = url
        links = sorted(candidates.values(), key=lambda u: not _JOBLIKE.search(urlsplit(u).path))
        if len(links) > self.max_detail_pages:
            self.stat("detail_pages_capped")
            logger.warning("%s: following %d of %d same-site links (max_detail_pages)", response.url,
                           self.max_detail_pages, len(links))
        return [scrapy.Request(url, callback=self.parse_detail, errback=self.detail_failed)
                for url in links[:self.max_detail_pages]]

    def parse_detail(self, response: Response) -> Any:
        entries = self.decode_board(response)
        if entries == []:
            self.stat("pages_without_posting")
        for entry in entries or []:
            self.stat("postings_seen")
            yield from self._posting_results(entry, response)

    def detail_failed(self, failure: Failure) -> None:
        reason = failure_reason(failure)
        self.stat(f"details_failed/{reason}")
        logger.warning("%s: linked page failed (%s): %s", failure.request.url, reason,
                       failure.getErrorMessage()[:200])
