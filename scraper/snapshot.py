"""Offline replay: turn a snapshot (a manifest of URLs and bodies kept in the repo) into
Scrapy's own HTTP cache, which a crawl then replays with HTTPCACHE_IGNORE_MISSING on, so
the spider requests the real URLs and nothing touches the network.

    python -m scraper.snapshot demo/snapshot/manifest.yaml build/demo-httpcache

The manifest (YAML):
    spiders: [recruitee]              # cache entries are kept per spider name
    responses:
      - url: https://jobs.chartmogul.com/api/offers/
        status: 200                   # default 200
        headers: {Content-Type: application/json}
        body: jobs.chartmogul.com/api/offers.json   # file next to the manifest (or omit: empty body)
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from scrapy import Request
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings
from scrapy.utils.request import RequestFingerprinter


def load_manifest(path: Path) -> dict[str, Any]:
    manifest = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(manifest.get("responses"), list) or not manifest.get("spiders"):
        raise ValueError(f"{path}: a snapshot manifest needs 'spiders' and 'responses'")
    return manifest


def build_http_cache(manifest_path: str | Path, cache_dir: str | Path) -> int:
    """Write every manifest response into a fresh FilesystemCacheStorage tree; returns the count."""
    manifest_path = Path(manifest_path)
    manifest = load_manifest(manifest_path)
    cache_dir = Path(cache_dir).resolve()
    if cache_dir.exists():
        shutil.rmtree(cache_dir)
    storage = FilesystemCacheStorage(Settings({"HTTPCACHE_DIR": str(cache_dir)}))
    fingerprinter = RequestFingerprinter()
    written = 0
    for spider_name in manifest["spiders"]:
        spider = SimpleNamespace(name=spider_name, crawler=SimpleNamespace(request_fingerprinter=fingerprinter))
        storage.open_spider(spider)
        for entry in manifest["responses"]:
            body = (manifest_path.parent / entry["body"]).read_bytes() if entry.get("body") else b""
            headers = Headers(entry.get("headers") or {})
            request = Request(entry["url"], method=entry.get("method", "GET"))
            cls = responsetypes.from_args(headers=headers, url=entry["url"], body=body)
            response = cls(url=entry["url"], status=int(entry.get("status", 200)), headers=headers, body=body)
            storage.store_response(spider, request, response)
            written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest")
    parser.add_argument("cache_dir")
    args = parser.parse_args(argv)
    count = build_http_cache(args.manifest, args.cache_dir)
    print(f"snapshot: {count} responses cached in {args.cache_dir}")


if __name__ == "__main__":
    main()
