"""Clean text: one-line strings, and the posting HTML to the record's Markdown body."""

from __future__ import annotations

from scraper.normalize.text import clean_text, html_to_markdown_text

from .base import CountingPipeline, fields

_ONE_LINE_FIELDS = ("title", "companyName", "location", "url", "applyUrl", "logoUrl", "companyWebsite", "host")


class CleanTextPipeline(CountingPipeline):
    step = "text"
    offload = True

    def process(self, item):
        adapter = fields(item)
        for field in _ONE_LINE_FIELDS:
            value = adapter.get(field)
            if isinstance(value, str) and value:
                adapter[field] = clean_text(value)
        base_url = adapter.get("url") or ""
        parts = []
        for heading, fragment in adapter.get("descriptionHtml") or []:
            markdown = html_to_markdown_text(fragment or "", base_url=base_url, top_level=3)
            if not markdown:
                continue
            parts.append(f"## {clean_text(heading)}\n\n{markdown}" if heading else markdown)
        adapter["description"] = "\n\n".join(parts)
        if not parts:
            self.count("no_description")
        else:
            self.count("converted")
        return item
