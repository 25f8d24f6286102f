"""Item exporters.

`MarkdownRecordExporter` renders items as Markdown records (YAML front matter + body).
The records pipeline uses it for one file per posting; registered in FEED_EXPORTERS as
"markdown", it also writes a single stream of records (`-o all.md:markdown`).
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exporters import BaseItemExporter

from scraper.record import render_record


class MarkdownRecordExporter(BaseItemExporter):
    def __init__(self, file: Any, **kwargs: Any):
        super().__init__(dont_fail=True, **kwargs)
        self.file = file

    @staticmethod
    def render(item: Any) -> bytes:
        adapter = item if isinstance(item, ItemAdapter) else ItemAdapter(item)
        return render_record(adapter).encode("utf-8")

    def export_item(self, item: Any) -> None:
        self.file.write(self.render(item))
