"""Recruitee careers sites, through the public offers API: one request lists every open
offer with its HTML description and requirements.

    scrapy crawl recruitee -a url=https://jobs.chartmogul.com
    scrapy crawl recruitee -a url=https://chartmogul.recruitee.com/api/offers/
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, origin

_RECRUITEE_HOST = re.compile(r"^([a-z0-9-]+)\.recruitee\.com$", re.I)
_MAILBOX = re.compile(r"@([a-z0-9-]+)\.recruitee\.com$", re.I)


def _subdomain(url: str) -> str:
    m = _RECRUITEE_HOST.match(urlsplit(url).hostname or "")
    return m.group(1).lower() if m else ""


class RecruiteeSpider(PlatformSpider):
    name = "recruitee"
    unique_slugs = True

    def api_url(self) -> str:
        parts = urlsplit(self.url)
        if "/api/offers" in parts.path:
            return self.url
        return origin(self.url) + "/api/offers/"

    def postings(self, data: Any) -> list[Any] | None:
        offers = data.get("offers") if isinstance(data, dict) else None
        return offers if isinstance(offers, list) else None

    def board_token(self, offer: dict[str, Any]) -> str:
        # The Recruitee account name survives custom domains and mirrors: the URL's
        # subdomain, else the offer's Recruitee address, else the careers host.
        mailbox = _MAILBOX.search(str(offer.get("mailbox_email") or ""))
        careers = str(offer.get("careers_url") or "")
        return (_subdomain(self.url) or _subdomain(careers) or (mailbox.group(1).lower() if mailbox else "")
                or (urlsplit(careers or self.url).hostname or "").lower())

    def parse_posting(self, offer: Any, response: Response) -> JobPosting | None:
        if not isinstance(offer, dict) or offer.get("id") in (None, ""):
            return None
        if offer.get("status") not in (None, "published"):
            return None
        site = origin(str(offer.get("careers_url") or response.url))
        url = offer.get("careers_url") or (f"{site}/o/{offer['slug']}" if offer.get("slug") else "")
        locations = [
            {"city": loc.get("city") or "", "region": loc.get("state") or "",
             "country": loc.get("country_code") or loc.get("country") or ""}
            for loc in offer.get("locations") or [] if isinstance(loc, dict)
        ] or [{"city": offer.get("city") or "", "region": offer.get("state_name") or "",
               "country": offer.get("country_code") or offer.get("country") or ""}]
        sections = [("", offer.get("description") or "")]
        if offer.get("requirements"):
            sections.append(("Requirements", offer["requirements"]))
        return self.new_item(
            offer["id"],
            board=self.board_token(offer),
            title=offer.get("title") or "",
            titleRaw=offer.get("title") or "",
            url=url,
            applyUrl=offer.get("careers_apply_url") or "",
            host=site + "/",
            companyName=offer.get("company_name") or "",
            descriptionHtml=sections,
            locationRaw=offer.get("location") or "",
            locationsRaw=locations,
            datePostedRaw=offer.get("published_at") or offer.get("created_at"),
            dateModifiedRaw=offer.get("updated_at"),
            validThroughRaw=offer.get("close_at"),
            employmentTypeRaw=offer.get("employment_type_code") or "",
            workplaceRaw=("hybrid" if offer.get("hybrid") else "remote" if offer.get("remote")
                          else "onsite" if offer.get("on_site") else ""),
            seniorityRaw=offer.get("experience_code") or "",
            salaryRaw=offer.get("salary") if isinstance(offer.get("salary"), dict) else None,
            departmentRaw=offer.get("department") or "",
            postingLanguage=self.posting_language(offer),
            postingSlug=offer.get("slug") or "",
        )

    @staticmethod
    def posting_language(offer: dict[str, Any]) -> str:
        """The translation whose description is the offer's own (Recruitee keys them by ISO 639-1)."""
        translations = offer.get("translations")
        if not isinstance(translations, dict) or not translations:
            return ""
        if len(translations) == 1:
            return str(next(iter(translations)))[:2].lower()
        for code, text in translations.items():
            if isinstance(text, dict) and text.get("description") == offer.get("description"):
                return str(code)[:2].lower()
        return ""
