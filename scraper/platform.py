"""The platform base spider: everything an ATS spider shares.

A platform spider (see `spiders/recruitee.py`) declares its `name`, says where its API
lives (`api_url`), where the postings are in a response (`postings`), and maps one
posting onto a `JobPosting` (`parse_posting`).  Everything else happens here once:
spider arguments, the first request, body decoding, errors and their stats, item
defaults.  Normalization is the pipelines' job; spiders only map source fields and
fill the `*Raw` partners.

Stats are counted under `jobs/<platform>/...`:
  boards_ok, boards_failed/<reason>, boards_empty, postings_seen, postings_yielded,
  postings_skipped/<reason>, postings_without_description, details_failed/<reason>,
  pagination_capped, malformed_body, encoding_fallback.

Follow-up page requests (pagination) carry ``meta["page"]`` (1, 2, ...), so an empty
later page is not mistaken for an empty board.  A spider that stops paging before the
listing's end (a page cap) sets ``response.meta["listing_incomplete"]``, so the board is
not reported complete and unread postings are not taken for closed ones; `next_page`
does both for a spider.

A board that lists postings without their text asks for each posting's detail with
`detail_request` and maps the two together in `posting_detail`; when the detail request
fails, the posting is kept from what the board listed.

Helpers the JSON-API platforms share: `subdomain_board` (the board token a tenant host
names, acme.bamboohr.com -> acme), `page_request` (the next board page, within the page
cap), `html_sections` (a posting's (heading, html) parts that carry text), and
`unknown_board_redirects` for platforms that answer an unknown board by redirecting to
their marketing site (counted as boards_failed/not_found, not as a malformed body).
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

from scraper import signals as job_signals
from scraper.bodies import decode_body, loads_json, loads_xml, response_charset
from scraper.items import JobPosting
from scraper.normalize.dates import to_iso
from scraper.security import BlockedAddress, OffsiteRedirect, RedirectLoop

logger = logging.getLogger(__name__)


# "javascript:...", "mailto:..." but not "host:8080" or "127.0.0.1:8080/path".
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d+(?:/|$))")


def normalize_start_url(url: str) -> str:
    """The -a url= value as an absolute URL; a bare host gets https://."""
    url = url.strip()
    if _SCHEME.match(url) and "://" not in url:
        raise ValueError(f"not an http(s) URL: {url!r}")
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
    """A short, stable name for why a request failed, for stats and logs."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return "not_found" if status in (404, 410) else f"http_{status}"
    if failure.check(BlockedAddress):
        return "blocked_address"
    if failure.check(OffsiteRedirect):
        return "offsite_redirect"
    if failure.check(RedirectLoop):
        return "redirect_loop"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection_refused"
    if failure.check(DownloadCancelledError):
        return "too_large"
    if failure.check(ResponseDataLossError):
        return "data_loss"
    if failure.check(ResponseFailed, ConnectionLost, ConnectionDone, DownloadFailedError):
        return "connection_lost"
    if failure.check(IgnoreRequest):
        # Scrapy refuses a body that decompresses beyond DOWNLOAD_MAXSIZE with a plain IgnoreRequest.
        return "too_large" if "DOWNLOAD_MAXSIZE" in failure.getErrorMessage() else "ignored"
    return failure.type.__name__ if failure.type else "error"


class SkipPosting(Exception):
    """Raised by `parse_posting` for a posting that cannot become a record.

    `reason` names the stat (``postings_skipped/<reason>``); `detail` goes to the log.
    """

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


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
    #: Boards this crawl will read (for the progress line).
    boards_total = 1
    #: The platform's human board hosts and the API origin each one is served from, e.g.
    #: {"jobs.lever.co": "https://api.lever.co"}.  Any other host (an API host, a mirror,
    #: a custom domain, 127.0.0.1 in tests) is asked for the API path itself.
    api_hosts: Mapping[str, str] = {}
    #: Board pages read at most (-s <NAME>_MAX_PAGES=N, e.g. SMARTRECRUITERS_MAX_PAGES), so a
    #: server that pages forever costs one board's time, not the crawl's.
    max_pages = 100
    #: Whether the platform answers an unknown board with a redirect to an HTML page (its
    #: marketing site) instead of a 404: such an answer then counts as boards_failed/not_found.
    unknown_board_redirects = False

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
        self.crawled_at = to_iso(datetime.now(UTC))

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

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        """One posting from its detail body (None when the detail request failed or its body was
        not JSON) and the board's entry for it; spiders that use `detail_request` implement it."""
        raise NotImplementedError

    # ---- machinery ---------------------------------------------------------------
    @property
    def board_url(self) -> str:
        """The board's identity for the crawl state: its first API request's URL."""
        if not getattr(self, "_board_url", ""):
            self._board_url = self.api_url()
        return self._board_url

    def subdomain_board(self, domain: str, reserved: Iterable[str] = ("www",), fallback: str = "") -> str:
        """The board token the URL's host names as a tenant subdomain of `domain` ("acme" in
        acme.bamboohr.com for "bamboohr.com"); else -a board=, else `fallback` (what the source
        itself calls the board), else the URL's host (a careers site on its own domain)."""
        host = (urlsplit(self.url).hostname or "").lower()
        label = host[: -len(domain) - 1] if host.endswith("." + domain) else ""
        if label and "." not in label and label not in reserved:
            return label
        return self.board or fallback or host

    def api_origin(self) -> str:
        """scheme://host[:port] the API requests go to: the platform's API host for a known
        human board host, else the given URL's own origin."""
        return self.api_hosts.get((urlsplit(self.url).hostname or "").lower()) or origin(self.url)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.board_request(self.board_url)

    def send(self, signal: object, **kwargs: Any) -> None:
        if self.crawler is not None:
            self.crawler.signals.send_catch_log(signal=signal, spider=self, **kwargs)

    def board_completed(self) -> None:
        """Every page of the board's listing was read: the state may count misses for it."""
        self.send(job_signals.board_completed, board_url=self.board_url)

    def posting_listed(self, posting_id: object, board: str = "") -> None:
        """The listing names a posting whose record comes from a later (detail) request."""
        self.send(job_signals.posting_listed, posting_id=self.item_id(posting_id, board))

    def posting_gone(self, posting_id: object, board: str = "") -> None:
        """The posting's own URL answered 404/410."""
        self.stat("postings_gone")
        self.send(job_signals.posting_gone, posting_id=self.item_id(posting_id, board))

    def item_id(self, posting_id: object, board: str = "") -> str:
        return f"{self.name}:{self.board or board}:{posting_id}"

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

    def load_xml(self, response: Response) -> Any | None:
        """The body's XML root element (lxml, parsed safely), or None (counted, logged) when it is
        not well-formed."""
        try:
            return loads_xml(response.body)
        except ValueError as exc:
            self.stat("malformed_body")
            logger.error("%s: malformed XML, board skipped: %s", response.url, str(exc)[:200])
            return None

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

    def board_not_found(self, url: str, why: str) -> None:
        """A board the platform does not know, answered without a 404 (a redirect, an empty page):
        counted as boards_failed/not_found; the crawl state closes nothing."""
        self.stat("boards_failed/not_found")
        self.send(job_signals.board_failed, board_url=self.board_url, reason="not_found")
        logger.error("%s: %s; board skipped", url, why)

    def parse_board(self, response: Response) -> Iterator[JobPosting | scrapy.Request]:
        if (self.unknown_board_redirects and response.meta.get("redirect_urls")
                and response.body.lstrip()[:1] == b"<"):
            self.board_not_found(response.url, "redirected to an HTML page, not a board (unknown board?)")
            return
        data = self.decode_board(response)
        if data is None:
            self.stat("boards_failed/malformed")
            self.send(job_signals.board_failed, board_url=self.board_url, reason="malformed")
            return
        try:
            postings = self.postings(data)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            postings = None
            logger.debug("postings() failed: %r", exc)
        if postings is None:
            self.stat("boards_failed/unexpected_shape")
            self.send(job_signals.board_failed, board_url=self.board_url, reason="unexpected_shape")
            logger.error("%s: the body is not a %s board (unexpected shape), skipped", response.url, self.name)
            return
        self.stat("boards_ok")
        seen = bare = 0
        for posting in postings:
            seen += 1
            self.stat("postings_seen")
            for result in self._posting_results(posting, response):
                if isinstance(result, JobPosting) and not _has_description(result):
                    # Kept: title and URL make a record; an empty body is worth knowing about.
                    bare += 1
                    self.stat("postings_without_description")
                yield result
        if bare:
            logger.warning("%s: %d of %d postings have no description", response.url, bare, seen)
        if not seen and not response.meta.get("page"):
            self.stat("boards_empty")
            logger.warning("%s: the board lists no postings", response.url)
        more = list(self.next_requests(response, data))
        yield from more
        if not more and not response.meta.get("listing_incomplete"):
            self.board_completed()

    def _posting_results(self, posting: Any, response: Response) -> Iterator[JobPosting | scrapy.Request]:
        try:
            result = self.parse_posting(posting, response)
        except SkipPosting as skip:
            self.stat(f"postings_skipped/{skip.reason}")
            logger.warning("%s: a posting was skipped (%s)", response.url, skip)
            return
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

    def next_page(self, response: Response) -> int | None:
        """The `meta["page"]` for the board page after `response`, or None when that page is past
        the cap: the listing is then marked incomplete, counted as pagination_capped and logged."""
        page = response.meta.get("page", 0) + 1
        if page < self.settings.getint(f"{self.name.upper()}_MAX_PAGES", self.max_pages):
            return page
        self.stat("pagination_capped")
        response.meta["listing_incomplete"] = True
        logger.warning("%s: stopped after %d pages; the rest of the board is not read", response.url, page)
        return None

    def page_request(self, response: Response, url: str, **kwargs: Any) -> scrapy.Request | None:
        """The request for the board page after `response` at `url`, or None past the page cap
        (`next_page`: the listing is then incomplete)."""
        page = self.next_page(response)
        if page is None:
            return None
        return self.board_request(url, meta={**kwargs.pop("meta", {}), "page": page}, **kwargs)

    # ---- detail requests: one per posting, falling back to what the board listed ------------
    def detail_request(self, url: str, listed: Any, posting_id: object, board: str = "",
                       **kwargs: Any) -> scrapy.Request:
        """A request for one posting's detail.  `listed` (JSON-serializable) is the board's entry
        for it, kept in cb_kwargs so the posting outlives a failed detail request; the posting
        counts as listed for the crawl state whatever the detail request does."""
        self.posting_listed(posting_id, board)
        return scrapy.Request(url, callback=self.parse_detail, errback=self.detail_failed,
                              cb_kwargs={"listed": listed}, **kwargs)

    def parse_detail(self, response: Response, listed: Any) -> Iterator[JobPosting]:
        try:
            detail = loads_json(self.response_text(response))
        except (ValueError, RecursionError) as exc:
            detail = None
            self.stat("details_failed/malformed")
            logger.warning("%s: malformed JSON detail (%s); using the board's entry", response.url,
                           str(exc)[:200])
        yield from self._detail_results(detail, listed, response, response.url)

    def detail_failed(self, failure: Failure) -> Iterator[JobPosting]:
        """A failed detail request, counted by reason: the posting is kept from the board's entry
        when that is enough for a record."""
        request = failure.request
        reason = failure_reason(failure)
        self.stat(f"details_failed/{reason}")
        logger.warning("%s: detail request failed (%s); using the board's entry", request.url, reason)
        yield from self._detail_results(None, request.cb_kwargs.get("listed"), None, request.url)

    def _detail_results(self, detail: Any, listed: Any, response: Response | None,
                        url: str) -> Iterator[JobPosting]:
        try:
            item = self.posting_detail(detail, listed, response)
        except SkipPosting as skip:
            self.stat(f"postings_skipped/{skip.reason}")
            logger.warning("%s: a posting was skipped (%s)", url, skip)
            return
        except Exception as exc:  # one bad posting must not cost the board
            self.stat("postings_skipped/parse_error")
            logger.error("%s: a posting could not be read (%s: %s); skipped", url, type(exc).__name__,
                         str(exc)[:200])
            return
        if item is None:
            self.stat("postings_skipped/no_posting")
            return
        self.stat("postings_yielded")
        if not _has_description(item):
            self.stat("postings_without_description")
            logger.info("%s: posting %s has no description", url, item.postingId)
        yield item

    def board_failed(self, failure: Failure) -> None:
        """A board request that failed: counted by reason, logged, and the crawl goes on."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else self.url
        reason = failure_reason(failure)
        self.stat(f"boards_failed/{reason}")
        self.send(job_signals.board_failed, board_url=self.board_url, reason=reason)
        logger.error("%s: board request failed (%s): %s", url, reason, failure.getErrorMessage()[:200])

    def new_item(self, posting_id: object, board: str = "", **fields: Any) -> JobPosting:
        """An item with the platform-wide fields set; `fields` are the source's mapped values."""
        board = self.board or board
        item = JobPosting(**fields)
        item.postingId = str(posting_id)
        item.board = board
        item.source = self.name
        item.id = self.item_id(posting_id, board)
        item.boardUrl = self.board_url
        if self.company:
            item.companyName = self.company
        item.companySlug = self.company_slug
        item.featured = self.featured
        item.logoUrl = item.logoUrl or self.logo
        item.companyWebsite = item.companyWebsite or self.website
        item.crawledAt = self.crawled_at
        if not self.unique_slugs:
            item.postingSlug = ""  # the records pipeline then names the file from title + posting id
        if not item.host and item.url:
            item.host = origin(item.url) + "/"
        return item


def as_dict(value: Any) -> dict[str, Any]:
    """A source's object, or {} for whatever else stands where it should be (null, a string, a list)."""
    return value if isinstance(value, dict) else {}


def html_sections(*parts: tuple[Any, Any]) -> list[tuple[str, str]]:
    """A posting's (heading, html) parts in order, without those whose html is empty or not a
    string; a missing heading is "" (the part then sits under the record's own heading)."""
    return [(heading.strip() if isinstance(heading, str) else "", html) for heading, html in parts
            if isinstance(html, str) and html.strip()]


def _has_description(item: JobPosting) -> bool:
    return any(isinstance(html, str) and html.strip() for _, html in item.descriptionHtml)
