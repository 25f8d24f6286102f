"""Data a page embeds for its own scripts, read for every source in one place, and the base spider
for platforms whose boards are such pages (JOIN, Comeet, Jobylon, Paylocity, Phenom).

A page's scripts are read once (lxml); then the caller asks for what it needs:

    page = PageData(html, url)
    page.script_json("__NEXT_DATA__")      <script id="__NEXT_DATA__" type="application/json">{...}</script>
    page.assigned("window.pageData")       window.pageData = {...};            (also "pageData = ..." or
                                           "var pageData = ...": a leading window. is optional)
    page.assigned("phApp.ddo")             phApp.ddo = {...};
    page.assigned("JBL.embed_v2['jobs']")  JBL.embed_v2['jobs'] = [{id: '1', title: 'x',}, ];
    page.call_argument("COMEET.init")      COMEET.init({"token": "...", "company-uid": "..."});
    page.job_postings()                    schema.org JobPostings (scraper.structured_data)

Values are JSON (fast path: json's raw_decode) or JavaScript object literals, which chompjs reads
(unquoted keys, single quotes, trailing commas, `undefined`); nothing is ever evaluated.  A script
larger than MAX_SCRIPT_CHARS is not read.  What cannot be read is kept in `errors` and handed to
`on_error` as it happens, so a spider counts and logs it; a missing value is None, not an error.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import chompjs
import lxml.etree
import lxml.html
from scrapy.http import Response

from scraper.bodies import loads_json
from scraper.items import JobPosting
from scraper.platform import PlatformSpider
from scraper.structured_data import extract_job_postings, job_posting_fields

logger = logging.getLogger(__name__)

#: Scripts larger than this are skipped (and reported): no board needs more, a hostile page might.
MAX_SCRIPT_CHARS = 16_000_000
# Script types that hold code (an absent type is JavaScript too).
_CODE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
               "application/x-javascript"}
_JSON_TYPES = {"application/json", "text/json"}
_NAME_PART = re.compile(r"[A-Za-z_$][\w$]*|\[\s*(?:'[^']*'|\"[^\"]*\")\s*\]")


def _parts(name: str) -> list[str]:
    """The member names of a JavaScript target: "JBL.embed_v2['jobs']" -> ["JBL", "embed_v2", "jobs"]."""
    parts = [p.strip("[] \t'\"") for p in _NAME_PART.findall(name)]
    return parts[1:] if len(parts) > 1 and parts[0] == "window" else parts


def _target(name: str) -> str:
    """A regex matching `name` as written in code: dots or quoted brackets, spaces, an optional window."""
    parts = _parts(name)
    if not parts:
        raise ValueError(f"not a JavaScript name: {name!r}")
    pattern = r"(?<![\w$.])(?:window\s*\.\s*)?" + re.escape(parts[0])
    for part in parts[1:]:
        p = re.escape(part)
        pattern += rf"""\s*(?:\.\s*{p}(?![\w$])|\[\s*'{p}'\s*\]|\[\s*"{p}"\s*\])"""
    return pattern


def _undefined_to_none(value: Any) -> Any:
    # chompjs reads a bare `undefined` as the string "undefined"; in a JavaScript literal it means no value.
    if isinstance(value, dict):
        return {k: _undefined_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_undefined_to_none(v) for v in value]
    return None if value == "undefined" else value


def literal_at(code: str, start: int) -> Any:
    """The object or array literal starting at code[start] ("{" or "["): JSON first, else a JavaScript
    literal.  Raises ValueError when it is neither."""
    try:
        return json.JSONDecoder().raw_decode(code, start)[0]
    except ValueError:
        pass
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    try:
        return _undefined_to_none(chompjs.parse_js_object(code[start:]))
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    except Exception as exc:  # chompjs raises ValueError, and on some garbage other errors of its parser
        raise ValueError(f"not a JSON or JavaScript literal ({type(exc).__name__}: {str(exc)[:120]})") from exc


class PageData:
    """The data one HTML page embeds in its scripts.  See the module docstring."""

    def __init__(self, html: str, url: str = "", on_error: Callable[[str], None] | None = None):
        self.html = html
        self.url = url
        self.errors: list[str] = []
        self._on_error = on_error
        self.code: list[str] = []
        """Inline scripts' code, in page order."""
        self.json_blocks: list[tuple[str, str]] = []
        """(id, text) of every <script type="application/json">, in page order."""
        self._read_scripts()

    def error(self, message: str) -> None:
        self.errors.append(message)
        if self._on_error is not None:
            self._on_error(message)

    def _read_scripts(self) -> None:
        if not self.html.strip():
            return
        try:
            root = lxml.html.document_fromstring(self.html)
        except (ValueError, lxml.etree.LxmlError) as exc:
            self.error(f"unparsable HTML: {str(exc)[:200]}")
            return
        for script in root.iter("script"):
            if script.get("src"):
                continue
            text = script.text or ""
            if len(text) > MAX_SCRIPT_CHARS:
                self.error(f"a script of {len(text)} characters was not read (limit {MAX_SCRIPT_CHARS})")
                continue
            kind = (script.get("type") or "").split(";")[0].strip().lower()
            if kind in _JSON_TYPES:
                self.json_blocks.append((script.get("id") or "", text))
            elif kind in _CODE_TYPES:
                self.code.append(text)

    def script_json(self, script_id: str = "") -> Any | None:
        """The JSON object or array of the first <script type="application/json"> with this id (any id when "")
        that holds one; a block holding a bare number or string is no board data."""
        for block_id, text in self.json_blocks:
            if script_id and block_id != script_id:
                continue
            try:
                value = loads_json(text)
            except (ValueError, RecursionError) as exc:
                self.error(f"malformed JSON in <script id={block_id!r}>: {str(exc)[:200]}")
                continue
            if isinstance(value, (dict, list)):
                return value
        return None

    def _literals(self, pattern: re.Pattern[str], what: str) -> Iterator[Any]:
        for code in self.code:
            for match in pattern.finditer(code):
                try:
                    yield literal_at(code, match.end())
                except ValueError as exc:
                    self.error(f"malformed {what}: {exc}")

    def assigned(self, *names: str) -> Any | None:
        """The first object or array literal assigned to one of `names` (tried in order) that reads."""
        for name in names:
            pattern = re.compile(r"(?:\b(?:var|let|const)\s+)?" + _target(name) + r"\s*=(?![=>])\s*(?=[\[{])")
            for value in self._literals(pattern, f"value assigned to {name}"):
                return value
        return None

    def call_argument(self, name: str) -> Any | None:
        """The object or array literal passed first to the first call of `name` that reads."""
        pattern = re.compile(_target(name) + r"\s*\(\s*(?=[\[{])")
        for value in self._literals(pattern, f"argument of {name}()"):
            return value
        return None

    @cached_property
    def _structured(self) -> list[dict[str, Any]]:
        found = extract_job_postings(self.html, self.url)
        for message in found.errors:
            self.error(message)
        return found.postings

    def job_postings(self) -> list[dict[str, Any]]:
        """The page's schema.org JobPostings (JSON-LD, else microdata, else RDFa)."""
        return self._structured


def _is_json(response: Response, text: str) -> bool:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    return "json" in content_type or text.lstrip()[:1] in ("{", "[")


def dig(data: Any, *keys: str | int) -> Any | None:
    """data[k1][k2]... for nested dicts and lists, None where a step is missing or of the wrong type."""
    for key in keys:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def fill(fields: dict[str, Any], better: dict[str, Any], *keys: str) -> dict[str, Any]:
    """`fields` with the values `better` states: for `keys` always (when stated), else where `fields` has none."""
    for key, value in better.items():
        if value in (None, "", [], {}):
            continue
        if key in keys or fields.get(key) in (None, "", [], {}):
            fields[key] = value
    return fields


class EmbeddedSpider(PlatformSpider):
    """Base for platforms whose board is a page with its postings embedded in it (or a JSON API
    answering the same postings).  A platform declares where its page keeps them (`board_data`) and
    maps a posting (`parse_posting`); a detail page (HTML or JSON) reaches `posting_detail` as a
    `PageData` or as decoded JSON.

    Stats besides the base ones: malformed_embedded (a script value, JSON block or JSON-LD block
    that could not be read), no_embedded_data (a page without the board's data).
    """

    #: Where a board page keeps its data, tried in order: JavaScript targets ("window.pageData") and,
    #: with a leading "#", the id of a <script type="application/json"> ("#__NEXT_DATA__").
    board_data: tuple[str, ...] = ()

    def page(self, response: Response, text: str | None = None) -> PageData:
        url = response.url

        def count(message: str) -> None:
            self.stat("malformed_embedded")
            logger.warning("%s: %s", url, message)

        return PageData(self.response_text(response) if text is None else text, url, on_error=count)

    def read_body(self, response: Response) -> Any | None:
        """A JSON body decoded, an HTML body as PageData; None (counted, logged) for malformed JSON."""
        text = self.response_text(response)
        if _is_json(response, text):
            try:
                return loads_json(text)
            except (ValueError, RecursionError) as exc:
                self.stat("malformed_body")
                logger.error("%s: malformed JSON: %s", response.url, str(exc)[:200])
                return None
        return self.page(response, text)

    def decode_board(self, response: Response) -> Any | None:
        """The board's data: the JSON body, else the page's first `board_data` found; None when the
        page's data is malformed (the board fails as malformed).  A page without it is returned as
        PageData, which `postings` does not take (the board fails as not one)."""
        body = self.read_body(response)
        if not isinstance(body, PageData):
            return body
        for name in self.board_data:
            value = body.script_json(name[1:]) if name.startswith("#") else body.assigned(name)
            if value is not None:
                return value
        if body.errors:
            return None
        self.stat("no_embedded_data")
        logger.error("%s: the page carries none of %s", response.url, ", ".join(self.board_data))
        return body

    def parse_detail(self, response: Response, listed: Any) -> Iterator[JobPosting]:
        detail = self.read_body(response)
        if detail is None:
            self.stat("details_failed/malformed")
        yield from self._detail_results(detail, listed, response, response.url)

    def page_posting(self, detail: Any) -> dict[str, Any]:
        """The item fields of a detail page's first schema.org JobPosting ({} when it has none)."""
        if not isinstance(detail, PageData):
            return {}
        postings = detail.job_postings()
        return job_posting_fields(postings[0], detail.url) if postings else {}

    def origin_of(self, hosts: dict[str, str]) -> str:
        """Where the platform's pages for the given URL live: hosts maps a platform host to its page
        origin; any other host (a mirror, 127.0.0.1) serves them itself."""
        parts = urlsplit(self.url)
        return hosts.get((parts.hostname or "").lower()) or f"{parts.scheme}://{parts.netloc}"
