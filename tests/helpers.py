"""Test helpers: shared fixtures, offline spider runs, and real `scrapy crawl` subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

import scraper.settings as project_settings_module
from scraper.items import JobPosting
from scraper.record import parse_record

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared")
FIXTURES = SHARED / "fixtures"
OWN_FIXTURES = REPO / "tests" / "fixtures"


def shared_fixture(relative: str) -> Path:
    """A file under ../shared/fixtures; the test is skipped when ../shared is absent."""
    path = FIXTURES / relative
    if not path.exists():
        pytest.skip(f"shared fixture not available: {path}")
    return path


def project_settings(**overrides: Any) -> dict[str, Any]:
    """The project's own settings (scraper/settings.py), without Scrapy's defaults, plus overrides."""
    settings = {name: getattr(project_settings_module, name) for name in dir(project_settings_module)
                if name.isupper()}
    settings.update(overrides)
    return settings


def make_spider(spider_cls: type, settings: dict[str, Any] | None = None, **kwargs: Any):
    """A spider bound to a crawler (stats, settings) without a running engine or reactor."""
    merged = project_settings(**(settings or {}))
    merged.pop("TWISTED_REACTOR", None)  # offline tests run no reactor; let Scrapy's test defaults apply
    if merged.get("NORMALIZE_WORKERS") is None:  # and no worker pool: every pipeline runs in this process
        merged["NORMALIZE_WORKERS"] = 0
    crawler = get_crawler(spider_cls, merged)
    spider = spider_cls.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


def make_response(url: str, body: bytes | str, status: int = 200, headers: dict[str, Any] | None = None,
                  request: Request | None = None):
    if isinstance(body, str):
        body = body.encode("utf-8")
    hdrs = Headers(headers or {})
    cls = responsetypes.from_args(headers=hdrs, url=url, body=body)
    return cls(url=url, status=status, headers=hdrs, body=body, request=request or Request(url))


def parse_board(spider, body: bytes | str, url: str | None = None, request: Request | None = None,
                **response_kwargs: Any) -> list[Any]:
    """Everything the spider's parse_board yields for `body` answered at `url` (default: its API URL)."""
    if request is None:
        request = Request(url or spider.api_url(), callback=spider.parse_board)
    return list(spider.parse_board(make_response(request.url, body, request=request, **response_kwargs)))


def board_items(spider, body: bytes | str, url: str | None = None, **response_kwargs: Any) -> list[JobPosting]:
    """The postings of one board body, through the pipelines (the record writer and the state excepted)."""
    items = [r for r in parse_board(spider, body, url, **response_kwargs) if isinstance(r, JobPosting)]
    return run_pipelines(spider, items, skip=["MarkdownRecordsPipeline"]).items


def stats(spider) -> dict[str, Any]:
    return spider.crawler.stats.get_stats()


@dataclass
class PipelineResult:
    items: list[JobPosting] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


# Offline tests stop before anything touches disk: the state database and the record files.
DISK_PIPELINES = ("StateCheckPipeline", "StateDecidePipeline", "MarkdownRecordsPipeline", "StateCommitPipeline")


def run_pipelines(spider, items: Iterable[Any], skip: Iterable[str] = ()) -> PipelineResult:
    """Items through the project's ITEM_PIPELINES in order, as the engine would run them, except the
    pipelines that write to disk (state, records): e2e tests run those through a real crawl."""
    skip = tuple(skip) + DISK_PIPELINES
    crawler = spider.crawler
    order = sorted(crawler.settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
    pipes = []
    for path, priority in order:
        if priority is None or any(path.endswith(s) for s in skip):
            continue
        cls = load_object(path)
        try:
            pipe = cls.from_crawler(crawler) if hasattr(cls, "from_crawler") else cls()
        except NotConfigured:  # off in these settings, as Scrapy would leave it out
            continue
        if hasattr(pipe, "open_spider"):
            pipe.open_spider(spider)
        pipes.append(pipe)
    result = PipelineResult()
    for item in items:
        if not isinstance(item, JobPosting):
            continue
        try:
            for pipe in pipes:
                item = pipe.process_item(item)
            result.items.append(item)
        except DropItem as exc:
            result.dropped.append(str(exc))
    return result


@dataclass
class CrawlResult:
    returncode: int
    output_dir: Path
    stats: dict[str, Any]
    log: str

    def records(self) -> dict[str, tuple[dict[str, Any], str]]:
        """relative path -> (front matter, body) for every record written."""
        out = {}
        for path in sorted(self.output_dir.rglob("*.md")):
            rel = path.relative_to(self.output_dir).as_posix()
            out[rel] = parse_record(path.read_text(encoding="utf-8"))
        return out


def crawl(spider: str, tmp_path: Path, *, args: dict[str, Any] | None = None,
          settings: dict[str, Any] | None = None, timeout: float = 120) -> CrawlResult:
    """A real `scrapy crawl` in a subprocess, from the repo root, output under tmp_path."""
    output_dir = tmp_path / "output"
    stats_file = tmp_path / "stats.json"
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in (args or {}).items():
        cmd += ["-a", f"{key}={value}"]
    merged = {"OUTPUT_DIR": str(output_dir), "STATS_FILE": str(stats_file), "AUTOTHROTTLE_ENABLED": "False",
              "LOG_LEVEL": "INFO", "SSRF_ALLOWED_NETWORKS": "127.0.0.1/32"}
    merged.update(settings or {})
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    stats_data = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return CrawlResult(proc.returncode, output_dir, stats_data, proc.stdout + proc.stderr)


def item_dict(item: Any) -> dict[str, Any]:
    return ItemAdapter(item).asdict()
