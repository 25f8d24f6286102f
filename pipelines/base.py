"""What every pipeline shares: stats under jobs/<step>/..., built from the crawler, and field access by name.

No module-level import of Scrapy or itemadapter here (nor in the pipelines that normalize), so the normalizing
worker processes (scraper/workers.py) run those pipelines without loading Scrapy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scraper.items import JobPosting
from scraper.workers import offloaded_pipelines

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_POSTING_FIELDS = tuple(JobPosting.__dataclass_fields__)
_POSTING_FIELD_SET = frozenset(_POSTING_FIELDS)


class PostingFields:
    """A JobPosting read and written by field name, as through ItemAdapter, at the cost of an attribute access.

    ItemAdapter looks up the item's adapter class and lists the dataclass's fields each time it wraps an item
    (~30 us; the pipelines wrapped every posting a dozen times) and checks the field list on every access."""

    __slots__ = ("item",)

    def __init__(self, item: JobPosting):
        self.item = item

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self.item, key, default) if key in _POSTING_FIELD_SET else default

    def __getitem__(self, key: str) -> Any:
        if key not in _POSTING_FIELD_SET:
            raise KeyError(key)
        return getattr(self.item, key)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in _POSTING_FIELD_SET:
            raise KeyError(f"{type(self.item).__name__} does not support field: {key}")
        setattr(self.item, key, value)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __contains__(self, key: object) -> bool:
        return key in _POSTING_FIELD_SET

    def keys(self) -> tuple[str, ...]:
        return _POSTING_FIELDS

    def __iter__(self) -> Iterator[str]:
        return iter(_POSTING_FIELDS)

    def __len__(self) -> int:
        return len(_POSTING_FIELDS)


def fields(item: Any) -> Any:
    """The item by field name: PostingFields for our JobPosting, ItemAdapter for any other kind of item."""
    if type(item) is JobPosting:
        return PostingFields(item)
    from itemadapter import ItemAdapter

    return ItemAdapter(item)


class CountingPipeline:
    """A pipeline that counts what it does in Scrapy stats as jobs/<step>/<what>."""

    step = "pipeline"
    offload = False
    """True for a pipeline that only changes the item from the item itself (no disk, no shared state, no
    crawl-wide memory): scraper/workers.py may run it in a worker process."""

    def __init__(self, crawler: Crawler | None = None):
        self.crawler = crawler
        self.stats = crawler.stats if crawler is not None else None
        # With workers on, this pipeline runs in them (scraper/workers.py) and lets postings pass here.
        self.offloaded = bool(self.offload and crawler is not None
                              and type(self) in offloaded_pipelines(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        # A posting the state check found unchanged since its last write passes through untouched.
        if self.offloaded or getattr(item, "unchanged", False):
            return item
        return self.process(item)

    def process(self, item: Any) -> Any:
        raise NotImplementedError

    def count(self, what: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"jobs/{self.step}/{what}", n)
