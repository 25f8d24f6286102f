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


_HEADING = re.compile(r"^(#{1,6}) ")


def empty_sections(body: str) -> list[str]:
    """Headings with nothing under them before the next heading of the same or a higher level."""
    lines = [line for line in body.splitlines() if line.strip()]
    empty = []
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if not m:
            continue
        after = _HEADING.match(lines[i + 1]) if i + 1 < len(lines) else None
        if i + 1 == len(lines) or (after and len(after.group(1)) <= len(m.group(1))):
            empty.append(line)
    return empty


def assert_clean_body(body: str) -> None:
    """A record body as the contract has it: under "## Job description", no empty sections, no tags or
    scripts, no glued words, absolute links, no trailing whitespace."""
    assert body.startswith("## Job description\n\n"), body[:200]
    assert not empty_sections(body), empty_sections(body)
    assert all(line == line.rstrip() for line in body.splitlines()), "trailing whitespace"
    assert "<script" not in body.lower() and not _TAG.search(body), body
    assert not _GLUED.search(body), _GLUED.search(body)
    assert not _RELATIVE_LINK.search(body), body
