"""`jobscraper detect <url> [--html FILE]`: the job platform and board behind a careers URL.

From the URL alone, or from the page saved to FILE. Nothing is fetched from the network,
except the page itself when the URL's host is 127.0.0.1 or localhost (local test servers).
Exit status: 0 when a board was found, 1 when nothing was detected, 2 when the input is unusable.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import urllib.error
import urllib.request
from dataclasses import asdict
from urllib.parse import urlsplit

from scraper.detect import Detection, detect_from_page, detect_from_url

HELP = "detect the job platform and board behind a careers URL or a saved careers page"

LOCAL_HOSTS = ("127.0.0.1", "localhost")
MAX_PAGE_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT_S = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", help="careers page, job board or board API URL")
    parser.add_argument("--html", metavar="FILE",
                        help="the page at URL, saved to FILE ('-' reads standard input); "
                             "looked at when the URL alone names no board")
    parser.add_argument("--json", action="store_true", help="print the detection as one JSON object")


class _LocalOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a local server's redirects only while they stay on the local machine."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        if urlsplit(newurl).hostname not in LOCAL_HOSTS:
            reason = f"redirect off the local machine to {newurl}"
            raise urllib.error.HTTPError(newurl, code, reason, headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch_local(url: str) -> bytes:
    # No proxies: a proxy would carry the request off the machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _LocalOnlyRedirects())
    with opener.open(urllib.request.Request(url, headers={"User-Agent": "jobscraper-detect"}),
                     timeout=FETCH_TIMEOUT_S) as response:
        return response.read(MAX_PAGE_BYTES + 1)[:MAX_PAGE_BYTES]


def _is_local(url: str) -> bool:
    try:
        return urlsplit(url).hostname in LOCAL_HOSTS
    except ValueError:
        return False


def _read_page(url: str, html_file: str | None) -> bytes | None:
    if html_file == "-":
        return sys.stdin.buffer.read()
    if html_file:
        with open(html_file, "rb") as f:
            return f.read()
    if _is_local(url):
        return _fetch_local(url)
    return None


def _print(found: Detection, as_json: bool) -> None:
    if as_json:
        print(json.dumps(asdict(found), ensure_ascii=False))
        return
    rows = [
        ("platform", found.platform),
        ("token", found.token or "(not named by the URL or page; the spider reads it from the board)"),
        ("board", found.board_url),
        ("api", found.api_url or "-"),
        ("evidence", found.evidence),
        ("crawl", f"scrapy crawl {found.platform} -a url={shlex.quote(found.crawl_url)}"),
    ]
    for key, value in rows:
        print(f"{key:<9} {value}")


def run(args: argparse.Namespace) -> int:
    url = args.url.strip()
    if "://" not in url and _is_local("http://" + url):
        url = "http://" + url  # a bare local address: test servers speak plain http
    found = detect_from_url(url)
    page: bytes | None = None
    if found is None:
        try:
            page = _read_page(url, args.html)
        except (OSError, ValueError) as exc:  # unreadable file, refused connection, HTTP error, bad URL
            print(f"jobscraper detect: cannot read the page: {exc}", file=sys.stderr)
            return 2
        if page is not None:
            found = detect_from_page(url, page)
    if found is None:
        where = "the URL or the page" if page is not None else "the URL"
        print(f"jobscraper detect: no job platform detected from {where}: {url}", file=sys.stderr)
        if page is None:
            print("  (a company's own careers page: save it and pass --html FILE)", file=sys.stderr)
        return 1
    _print(found, args.json)
    return 0
