"""Many companies in one crawl, each on whatever platform it uses.

    scrapy crawl careers -a companies=companies.yaml

Each company's platform and board come from its careers URL (host patterns) or, for a company's own domain,
from the page (an embedded board, or JSON-LD JobPosting): scraper/detect.py.  The company is then crawled
by that platform's own spider logic: an instance of the platform spider is this crawl's "handler" for the
company, and its requests are routed back to it.  Every request keeps its routing in `meta` as plain data,
so a crawl stopped and resumed with JOBDIR rebuilds the handlers it needs.

Distributed (REDIS_URL set, see scraper/distributed.py): the worker takes its companies from the round that
`jobscraper enqueue companies.yaml` started, instead of a file, and shares its requests through Redis.

Stats: jobs/careers/companies, detected/<platform>, undetected, bad_company, page_failed.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import asdict
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spiderloader import get_spider_loader
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from scraper.companies import KEYS, Company, load_companies
from scraper.detect import Detection, resolve
from scraper.distributed import distributed_settings, redis_url
from scraper.items import JobPosting
from scraper.platform import PlatformSpider

logger = logging.getLogger(__name__)

ROUTE = "careers_route"


class CareersSpider(scrapy.Spider):
    name = "careers"

    distributed: Any = None
    """The shared scheduler (scraper.distributed.ReliableScheduler) of a distributed crawl, set when it opens."""
    round: dict[str, Any] | None = None

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        url = redis_url(settings)
        if url:
            settings.setdict(distributed_settings(url, cls.name), priority="spider")

    def __init__(self, companies: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.companies: list[Company] = load_companies(companies) if companies else []
        self.boards_total: int | str = len(self.companies) or "?"
        self.handlers: dict[str, PlatformSpider] = {}
        self._companies_given = bool(companies)
        self._spider_loader: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "CareersSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        if not spider._companies_given and not redis_url(crawler.settings):
            raise ValueError("careers: give the companies file, e.g. scrapy crawl careers -a companies=companies.yaml "
                             "(or REDIS_URL for a distributed round started with `jobscraper enqueue`)")
        return spider

    def stat(self, key: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(f"jobs/careers/{key}", count)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.distributed is not None and not self._companies_given:
            async for request in self.start_round():
                yield request
            return
        for index, company in enumerate(self.companies):
            async for request in self.company_requests(index, company):
                yield request

    async def company_requests(self, index: int, company: Company) -> AsyncIterator[scrapy.Request]:
        self.stat("companies")
        detection = resolve(company.careers_url, company.platform, company.token)
        if detection is not None and detection.crawl_url:
            async for request in self.start_company(index, company, detection):
                yield request
        else:
            # The URL says nothing: the page may embed a board or carry JobPosting markup.
            yield scrapy.Request(company.careers_url, callback=self.parse_careers_page,
                                 errback=self.careers_page_failed,
                                 cb_kwargs={"index": index, "company": asdict(company)})

    async def start_round(self) -> AsyncIterator[scrapy.Request]:
        """A distributed worker: companies from the round until the round is done everywhere."""
        scheduler = self.distributed
        while True:
            company = scheduler.take_company()
            if company is not None:
                entry = {key: company[key] for key in KEYS if key in company}
                async for request in self.company_requests(int(company["index"]), Company(**entry)):
                    yield request
                scheduler.company_scheduled(company)
                continue
            scheduler.recover()
            if not scheduler.busy_elsewhere():
                return
            await asyncio.sleep(1.0)  # other workers are still busy; one of them may stop and leave work

    def company_handler(self, index: int, company: Company, detection: Detection
                        ) -> tuple[str, dict[str, Any], PlatformSpider] | None:
        """The platform spider that crawls this company's board, with its routing key and spec."""
        spec = {"platform": detection.platform, "kwargs": {**company.spider_kwargs(), "url": detection.crawl_url}}
        key = f"{index}:{detection.platform}"
        handler = self.handler(key, spec)
        if handler is None:
            return None
        self.stat(f"detected/{detection.platform}")
        logger.info("%s: %s board %s (%s)", company.name, detection.platform, detection.crawl_url,
                    detection.evidence)
        return key, spec, handler

    async def start_company(self, index: int, company: Company, detection: Detection
                            ) -> AsyncIterator[scrapy.Request]:
        found = self.company_handler(index, company, detection)
        if found is None:
            return
        key, spec, handler = found
        async for request in handler.start():
            yield self.route(request, key, spec)

    async def parse_careers_page(self, response: Response, index: int, company: dict[str, Any]
                                 ) -> AsyncIterator[Any]:
        try:
            async for result in self._careers_page(response, index, Company(**company)):
                yield result
        finally:
            self._callback_done(response.request)

    async def _careers_page(self, response: Response, index: int, company: Company) -> AsyncIterator[Any]:
        html = response.text if hasattr(response, "text") else ""
        detection = resolve(response.url, company.platform, company.token, html=html)
        if detection is None or not detection.crawl_url:
            self.stat("undetected")
            logger.warning("%s: no job board found on %s", company.name, response.url)
            return
        found = self.company_handler(index, company, detection)
        if found is None:
            return
        key, spec, handler = found
        if canonicalize_url(handler.board_url) == canonicalize_url(response.url):
            # The page is the board itself (JSON-LD on the company's own site): parse it, don't fetch it again.
            async for result in self._outputs(key, spec, handler.parse_board(response)):
                yield self._tag(result, response.request)
            return
        async for request in handler.start():
            yield self.route(request, key, spec)

    def careers_page_failed(self, failure: Failure) -> None:
        self._callback_done(failure.request)
        self.stat("page_failed")
        logger.error("careers page %s failed: %s", failure.request.url, failure.getErrorMessage()[:200])

    # ---- routing ---------------------------------------------------------------------
    def handler(self, key: str, spec: dict[str, Any]) -> PlatformSpider | None:
        handler = self.handlers.get(key)
        if handler is not None:
            return handler
        if self._spider_loader is None:
            # Built once: each build copies the settings and imports every spider module (~0.1 s).
            self._spider_loader = get_spider_loader(self.crawler.settings)
        try:
            cls = self._spider_loader.load(spec["platform"])
            handler = cls.from_crawler(self.crawler, **spec["kwargs"])
        except (KeyError, ValueError, TypeError) as exc:
            self.stat("bad_company")
            logger.error("cannot crawl %s as %s: %s", spec["kwargs"].get("url"), spec["platform"], exc)
            return None
        self.handlers[key] = handler
        return handler

    def route(self, request: scrapy.Request, key: str, spec: dict[str, Any]) -> scrapy.Request:
        """The handler's request, answered through this spider and routed back to the handler."""
        callback = request.callback.__name__ if request.callback else "parse"
        errback = request.errback.__name__ if request.errback else None
        meta = {**request.meta, ROUTE: {"key": key, "spec": spec, "callback": callback, "errback": errback}}
        meta.pop("jobscraper_inflight", None)  # a new request, not the one in flight (a handler may copy meta)
        return request.replace(callback=self.routed_response, errback=self.routed_failure, meta=meta)

    # ---- distributed bookkeeping -------------------------------------------------------
    def _tag(self, result: Any, request: scrapy.Request | None) -> Any:
        """An item remembers the request it came from, so the shared scheduler knows when that request's work
        (pipelines included) is done."""
        fingerprint = request.meta.get("jobscraper_inflight") if request is not None else None
        if fingerprint and isinstance(result, JobPosting) and self.distributed is not None:
            result.requestKey = fingerprint
            self.distributed.item_started(fingerprint)
        return result

    def _callback_done(self, request: scrapy.Request | None) -> None:
        if self.distributed is not None and request is not None:
            self.distributed.callback_done(request.meta.get("jobscraper_inflight", ""))

    async def _outputs(self, key: str, spec: dict[str, Any], results: Any) -> AsyncIterator[Any]:
        if inspect.iscoroutine(results):
            results = await results
        if results is None:
            return
        if inspect.isasyncgen(results):
            async for result in results:
                yield self.route(result, key, spec) if isinstance(result, scrapy.Request) else result
            return
        for result in results if isinstance(results, Iterable) and not isinstance(results, dict) else [results]:
            yield self.route(result, key, spec) if isinstance(result, scrapy.Request) else result

    async def routed_response(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        try:
            route = response.meta[ROUTE]
            handler = self.handler(route["key"], route["spec"])
            if handler is None:
                return
            method = getattr(handler, route["callback"])
            async for result in self._outputs(route["key"], route["spec"], method(response, **kwargs)):
                yield self._tag(result, response.request)
        finally:
            self._callback_done(response.request)

    def routed_failure(self, failure: Failure) -> Iterator[Any]:
        try:
            route = failure.request.meta[ROUTE]
            handler = self.handler(route["key"], route["spec"])
            if handler is None or not route["errback"]:
                return
            # Errbacks of our platform spiders are plain functions (they count and log).
            results = getattr(handler, route["errback"])(failure)
            for result in results if isinstance(results, Iterable) and not isinstance(results, dict) else []:
                yield self.route(result, key=route["key"], spec=route["spec"]) \
                    if isinstance(result, scrapy.Request) else self._tag(result, failure.request)
        finally:
            self._callback_done(failure.request)
