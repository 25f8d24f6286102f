"""The platform base spider: everything an ATS spider shares.

A platform spider (see `spiders/recruitee.py`) declares its `name`, says where its API
lives (`api_url`), where the postings are in a response (`postings`), and maps one
posting onto a `JobPosting` (`parse_posting`).  Everything else happens here once:
spider arguments, the first request, body decoding, errors and their stats, item
defaults.  Normalization is the pipelines' job; spiders only map source fields and
fill the `*Raw` partners.

Stats are counted under `jobs/<platform>/...`:
  boards_ok, boards_failed/<reason>, postings_seen, postings_yielded,
  postings_skipped/<reason>, malformed_body, encoding_fallback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from scraper.bodies import decode_body, loads_json, response_charset
from scraper.items import JobPosting
from scraper.normalize.dates import to_iso

logger = logging.getLogger(__name__)


def normalize_start_url(url: str) -> str:
    """The -a url= value as an absolute URL; a bare host gets https://."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def failure_reason(failure: Failure) -> str:
    """A short stats key for why a request failed: not_found (404/410), http_<status>, dns, timeout..."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return "not_found" if status in (404, 410) else f"http_{status}"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    if failure.check(IgnoreRequest):
        return "ignored"
    return failure.type.__name__ if failure.type else "error"


class PlatformSpider(scrapy.Spider):
    """Base for one spider per applicant-tracking system.

    Spider arguments (``-a name=value``):
      url       board address: the human careers page or the platform's API/feed URL (required)
      company   company name, overriding what the source says
      board     board token, when the URL does not carry it (e.g. a custom careers domain)
      featured  integer promotion weight copied into the record (default 0)
      logo      company logo URL for the record's logoUrl
      website   company website for the record's companyWebsite
      company_slug  directory name for this company's records (default: from the company name)
    """

    #: Whether the source's own posting slug is unique on a board (then it names the file).
    unique_slugs = False

    def __init__(self, url: str | None = None, company: str = "", board: str = "", featured: str | int = 0,
                 logo: str = "", website: str = "", company_slug: str = "", **kwargs: Any):
        super().__init__(**kwargs)
        if not url:
            raise ValueError(f"{self.name}: give the board address, e.g. scrapy crawl {self.name} -a url=<URL>")
        self.url = normalize_start_url(url)
        self.company = company.strip()
        self.board = board.strip()
        try:
            self.featured = int(featured or 0)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"featured must be an integer, not {featured!r}") from exc
        self.logo = logo.strip()
        self.website = website.strip()
        self.company_slug = company_slug.strip()
        self.crawled_at = to_iso(datetime.now(timezone.utc))

    # ---- hooks a platform implements -------------------------------------------
    def api_url(self) -> str:
        """The first request's URL, derived from self.url."""
        raise NotImplementedError

    def postings(self, data: Any) -> Iterable[Any] | None:
        """The postings in a decoded board response; None when the body is not a board."""
        raise NotImplementedError

    def parse_posting(self, posting: Any, response: Response) -> JobPosting | scrapy.Request | None:
        """One source posting as an item (or a request for its detail page)."""
        raise NotImplementedError

    def next_requests(self, response: Response, data: Any) -> Iterable[scrapy.Request]:
        """Follow-up board requests (pagination); none by default."""
        return ()

    # ---- machinery ---------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.board_request(self.api_url())

    def board_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        kwargs.setdefault("callback", self.parse_board)
        kwargs.setdefault("errback", self.board_failed)
        return scrapy.Request(url, **kwargs)

    def stat(self, key: str, count: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"jobs/{self.name}/{key}", count)

    def response_text(self, response: Response) -> str:
        text, encoding, fell_back = decode_body(response.body, response_charset(response.headers))
        if fell_back:
            self.stat("encoding_fallback")
            logger.warning("%s: body is not in its declared charset; decoded as %s", response.url, encoding)
        return text

    def load_json(self, response: Response) -> Any | None:
        try:
            return loads_json(self.response_text(response))
        except (ValueError, RecursionError) as exc:
            self.stat("malformed_body")
            logger.error("%s: malformed JSON, board skipped: %s", response.url, str(exc)[:200])
            return None

    def decode_board(self, response: Response) -> Any | None:
        """The decoded board body; JSON unless a platform says otherwise."""
        return self.load_json(response)

    def parse_board(self, response: Response) -> Iterator[JobPosting | scrapy.Request]:
        data = self.decode_board(response)
        if data is None:
            self.stat("boards_failed/malformed")
            return
        try:
            postings = self.postings(data)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            postings = None
            logger.debug("postings() failed: %r", exc)
        if postings is None:
            self.stat("boards_failed/unexpected_shape")
            logger.error("%s: the body is not a %s board (unexpected shape), skipped", response.url, self.name)
            return
        self.stat("boards_ok")
        for posting in postings:
            self.stat("postings_seen")
            yield from self._posting_results(posting, response)
        yield from self.next_requests(response, data)

    def _posting_results(self, posting: Any, response: Response) -> Iterator[JobPosting | scrapy.Request]:
        try:
            result = self.parse_posting(posting, response)
        except Exception as exc:  # one bad posting must not cost the board
            self.stat("postings_skipped/parse_error")
            logger.error("%s: a posting could not be read (%s: %s); skipped", response.url,
                         type(exc).__name__, str(exc)[:200])
            return
        if result is None:
            self.stat("postings_skipped/no_posting")
            return
        if isinstance(result, JobPosting):
            self.stat("postings_yielded")
        yield result

    def board_failed(self, failure: Failure) -> None:
        """A board request that failed: counted by reason, logged, and the crawl goes on."""
        request = failure.request if hasattr(failure, "request") else None
        url = request.url if request is not None else self.url
        reason = failure_reason(failure)
        self.stat(f"boards_failed/{reason}")
        logger.error("%s: board request failed (%s): %s", url, reason, failure.getErrorMessage()[:200])

    def new_item(self, posting_id: object, board: str = "", **fields: Any) -> JobPosting:
        """An item with the platform-wide fields set; `fields` are the source's mapped values."""
        board = self.board or board
        item = JobPosting(**fields)
        item.postingId = str(posting_id)
        item.board = board
        item.source = self.name
        item.id = f"{self.name}:{board}:{posting_id}"
        if self.company:
            item.companyName = self.company
        item.companySlug = self.company_slug
        item.featured = self.featured
        item.logoUrl = item.logoUrl or self.logo
        item.companyWebsite = item.companyWebsite or self.website
        item.crawledAt = self.crawled_at
        if not item.host and item.url:
            item.host = origin(item.url) + "/"
        return item
