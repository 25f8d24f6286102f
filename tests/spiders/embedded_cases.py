"""What the embedded-data spiders' tests share (spiders/join, comeet, jobylon, paylocity, phenom): answering
their detail requests offline, the records the pipelines make, and what a clean record body is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.items import JobPosting
from tests.helpers import make_response, run_pipelines

HTML = {"Content-Type": "text/html; charset=utf-8"}
JSON = {"Content-Type": "application/json"}


def failed(request: Request, status: int = 404) -> Failure:
    failure = Failure(HttpError(make_response(request.url, b"", status=status, request=request)))
    failure.request = request
    return failure


def answer(spider, requests: Iterable[Any], bodies: dict[str, Path | bytes] | None = None,
           headers: dict[str, str] | None = None) -> list[JobPosting]:
    """The items of every detail request among `requests`: answered with the body whose key is in its URL,
    else 404 (the spider then keeps what the board listed).  Board requests (pages) are left out."""
    items: list[JobPosting] = []
    for request in requests:
        if not isinstance(request, Request) or request.callback != spider.parse_detail:
            continue
        body = next((b for key, b in (bodies or {}).items() if key in request.url), None)
        if body is None:
            items += list(request.errback(failed(request)))
            continue
        data = body.read_bytes() if isinstance(body, Path) else body
        response = make_response(request.url, data, request=request, headers=headers or HTML)
        items += list(request.callback(response, **request.cb_kwargs))
    return items


def records(spider, items: Iterable[Any]) -> dict[str, JobPosting]:
    """posting id -> the item after every pipeline but the disk-writing ones."""
    return {item.postingId: item for item in run_pipelines(spider, items).items}


# Words run together where markup was dropped ("teamVill", "done.Next"), tags or scripts left, relative links.
_GLUED = re.compile(r"[a-zåäöü]{3,}[A-ZÅÄÖÜ][a-zåäöü]{2,}|[a-z]{2}[.!?:][A-Z][a-z]")
_TAG = re.compile(r"</?[a-z][a-z0-9]*[\s/>]", re.I)
_RELATIVE_LINK = re.compile(r"\]\((?!https?://)")


def assert_clean_body(body: str) -> None:
    assert body.strip(), "empty body"
    assert "<script" not in body.lower() and not _TAG.search(body), body
    assert not _GLUED.search(body), _GLUED.search(body)
    assert not _RELATIVE_LINK.search(body), body
