"""Breezy HR career portals (<company>.breezy.hr), through the portal's public JSON: one request
lists every published position; `?verbose=true` adds each position's HTML description.

    scrapy crawl breezy -a url=https://acme.breezy.hr
    scrapy crawl breezy -a url=https://acme.breezy.hr/json

An unknown company is redirected to Breezy's marketing site: counted as boards_failed/not_found.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response
from w3lib.url import add_or_replace_parameter, url_query_parameter

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, as_dict, html_sections, origin


def _place(location: dict[str, Any]) -> dict[str, str]:
    country, state = as_dict(location.get("country")), as_dict(location.get("state"))
    return {"city": location.get("city") or "", "region": state.get("name") or state.get("id") or "",
            "country": country.get("id") or country.get("name") or "", "label": location.get("name") or ""}


class BreezySpider(PlatformSpider):
    name = "breezy"
    unknown_board_redirects = True
    # friendly_id is "<id>-<title slug>": unique on a portal, and the position page's own name.
    unique_slugs = True

    def api_url(self) -> str:
        if urlsplit(self.url).path.rstrip("/").endswith("/json"):
            return self.url if url_query_parameter(self.url, "verbose") else add_or_replace_parameter(
                self.url, "verbose", "true")
        return origin(self.url) + "/json?verbose=true"

    def postings(self, data: Any) -> list[Any] | None:
        return data if isinstance(data, list) else None

    def parse_posting(self, position: Any, response: Response) -> JobPosting | None:
        if not isinstance(position, dict) or not position.get("id"):
            return None
        title = str(position.get("name") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"position {position['id']}")
        company = as_dict(position.get("company"))
        places = [p for p in position.get("locations") or [] if isinstance(p, dict)] or [
            as_dict(position.get("location"))]
        kind = as_dict(position.get("type"))
        slug = position.get("friendly_id") or ""
        return self.new_item(
            position["id"],
            board=self.subdomain_board("breezy.hr", fallback=company.get("friendly_id") or ""),
            title=title,
            titleRaw=title,
            # The portal's position page is /p/<friendly_id>.
            url=position.get("url") or (f"{origin(self.url)}/p/{slug}" if slug else ""),
            companyName=company.get("name") or "",
            logoUrl=company.get("logo_url") or "",
            descriptionHtml=html_sections(("", position.get("description"))),
            locationsRaw=[p for p in map(_place, places) if any(p.values())],
            # is_remote false is no evidence of an office job: remote titles carry it too.
            workplaceRaw="remote" if any(p.get("is_remote") is True for p in places) else "",
            datePostedRaw=position.get("published_date"),
            employmentTypeRaw=kind.get("name") or kind.get("id") or "",
            departmentRaw=position.get("department") or "",
            salaryRaw=position.get("salary") if isinstance(position.get("salary"), str) else None,
            postingSlug=slug,
        )
