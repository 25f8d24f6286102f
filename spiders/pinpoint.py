"""Pinpoint career sites (<company>.pinpointhq.com or the company's own domain), through the site's
public `/postings.json`: one request lists every open posting with its description, responsibilities,
skills and benefits sections (each under the employer's own header) and its compensation.

    scrapy crawl pinpoint -a url=https://workwithus.pinpointhq.com
    scrapy crawl pinpoint -a url=https://workwithus.pinpointhq.com/postings.json

The feed has no posting date (only `deadline_at`) and no company name (give -a company=).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, as_dict, html_sections, origin


class PinpointSpider(PlatformSpider):
    name = "pinpoint"

    def api_url(self) -> str:
        if urlsplit(self.url).path.endswith("/postings.json"):
            return self.url
        return origin(self.url) + "/postings.json"

    def postings(self, data: Any) -> list[Any] | None:
        postings = data.get("data") if isinstance(data, dict) else None
        return postings if isinstance(postings, list) else None

    def parse_posting(self, posting: Any, response: Response) -> JobPosting | None:
        if not isinstance(posting, dict) or not posting.get("id"):
            return None
        title = str(posting.get("title") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"posting {posting['id']}")
        place = as_dict(posting.get("location"))
        return self.new_item(
            posting["id"],
            board=self.subdomain_board("pinpointhq.com"),
            title=title,
            titleRaw=title,
            url=posting.get("url") or (origin(response.url) + posting["path"] if posting.get("path") else ""),
            descriptionHtml=html_sections(
                ("", posting.get("description")),
                *((posting.get(f"{key}_header"), posting.get(key))
                  for key in ("key_responsibilities", "skills_knowledge_expertise", "benefits"))),
            # `name` is the employer's label for the location: a country ("United Kingdom") or a
            # word ("Remote"); the normalizer keeps it as the country only when it names one.
            locationsRaw=[{"city": place.get("city") or "", "region": place.get("province") or "",
                           "country": place.get("name") or ""}] if place else [],
            workplaceRaw=posting.get("workplace_type") or posting.get("workplace_type_text") or "",
            employmentTypeRaw=posting.get("employment_type_text") or posting.get("employment_type") or "",
            departmentRaw=as_dict(as_dict(posting.get("job")).get("department")).get("name") or "",
            validThroughRaw=posting.get("deadline_at"),
            salaryRaw=_compensation(posting),
        )


def _compensation(posting: dict[str, Any]) -> dict[str, Any] | str | None:
    """The structured range, else the compensation text; nothing the employer chose to hide."""
    if posting.get("compensation_visible") is False:
        return None
    low, high = posting.get("compensation_minimum"), posting.get("compensation_maximum")
    if low is not None or high is not None:
        return {"min": low, "max": high, "currency": posting.get("compensation_currency"),
                "period": posting.get("compensation_frequency"), "raw": posting.get("compensation") or ""}
    text = posting.get("compensation")
    return text if isinstance(text, str) and text.strip() else None
