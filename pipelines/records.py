"""Write one Markdown record per posting under OUTPUT_DIR, atomically (temp file + rename).

Settings:
  OUTPUT_DIR       root of the output tree (default "output")
  RECORDS_ENABLED  write record files at all (default True)
  RECORDS_FSYNC    fsync each record before the rename, for power-loss durability (default False)
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured

from scraper.files import write_atomic
from scraper.paths import UnsafePathError, record_path, safe_slug
from scraper.record import render_record

from .base import CountingPipeline, fields

logger = logging.getLogger(__name__)


class MarkdownRecordsPipeline(CountingPipeline):
    step = "records"

    def __init__(self, crawler=None):
        super().__init__(crawler)
        settings = crawler.settings if crawler is not None else {}
        if not settings.getbool("RECORDS_ENABLED", True):
            raise NotConfigured("RECORDS_ENABLED is off")
        self.root = Path(settings.get("OUTPUT_DIR") or "output")
        self.fsync = settings.getbool("RECORDS_FSYNC", False)
        # Record path (relative to the root) -> the posting id that has it.  Strings, not Paths: at 50,000
        # postings a Path key costs ~40 MB more.
        self.claimed: dict[str, str] = {}
        self.base: Path | None = None
        self.companies: dict[tuple[Any, Any, Any], str] = {}  # a board's postings share one company slug

    def open_spider(self, spider=None):
        self.root.mkdir(parents=True, exist_ok=True)
        self.base = self.root.resolve()

    def _path(self, company: str, posting: str) -> Path:
        if self.base is None:
            self.open_spider()
        return record_path(self.base, company, posting, resolved=True)

    def path_for(self, adapter: Any) -> Path:
        key = (adapter.get("companySlug"), adapter.get("companyName"), adapter.get("board"))
        company = self.companies.get(key)
        if company is None:
            company = self.companies[key] = safe_slug(*key, fallback="unknown-company")
        # Spiders set postingSlug only when the source's slug is unique on its board.
        posting = safe_slug(adapter.get("postingSlug")) if adapter.get("postingSlug") else ""
        if not posting:
            title = safe_slug(adapter.get("title"), fallback="posting")[:60].rstrip("-")
            posting = f"{title}-{safe_slug(adapter.get('postingId'), fallback='x')[:40]}"
        path = self._path(company, posting)
        owner = self.claimed.setdefault(self._relative(path), adapter.get("id"))
        if owner != adapter.get("id"):
            # Two postings asking for one file: the later one gets its id in the name.
            self.count("slug_collision")
            path = self._path(company, f"{posting[:60]}-{safe_slug(adapter.get('id'))[-24:]}")
            self.claimed.setdefault(self._relative(path), adapter.get("id"))
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.base).as_posix()

    def process(self, item):
        adapter = fields(item)
        try:
            path = self.path_for(adapter)
        except UnsafePathError as exc:
            self.count("dropped/unsafe_path")
            raise DropItem(str(exc)) from exc
        adapter["recordPath"] = self._relative(path)
        data = render_record(adapter).encode("utf-8")  # what MarkdownRecordExporter writes
        try:
            if path.is_file() and path.read_bytes() == data:
                self.count("unchanged")
                return item
        except OSError:
            pass
        write_atomic(path, data, fsync=self.fsync)
        self.count("written")
        return item
