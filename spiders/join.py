"""JOIN (join.com) company boards: the company page's Next.js data (`__NEXT_DATA__`, props.pageProps.
initialState) lists the company and a page of its jobs (`?page=N`, `pagination.pageCount`); the public
jobs API answers the same items as JSON.  Each job's text (Markdown) comes from
/api/public/jobs/<id>; a job whose detail fails keeps what the list gave.

    scrapy crawl join -a url=https://join.com/companies/acme
    scrapy crawl join -a url=https://join.com/api/public/companies/123/jobs

Settings: JOIN_MAX_PAGES caps the list pages read from one company (default 100).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

import scrapy
from markdown_it import MarkdownIt
from scrapy.http import Response
from w3lib.url import add_or_replace_parameter

from scraper.embedded import EmbeddedSpider, dig
from scraper.items import JobPosting
from scraper.platform import SkipPosting, origin

_COMPANY_PATH = re.compile(r"^/companies/([^/]+)")
_API_PATH = re.compile(r"^/api/public/companies/(\d+)/jobs/?$")
# The parts a JOIN job ad is written in when it has no single description.
_PARTS = (("intro", ""), ("tasks", "Tasks"), ("requirements", "Requirements"), ("benefits", "Benefits"),
          ("outro", ""))
_MARKDOWN = MarkdownIt("commonmark")  # HTML inside the Markdown passes on to the text pipeline, which cleans it


def _name(value: Any) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else ""


class JoinSpider(EmbeddedSpider):
    name = "join"
    board_data = ("#__NEXT_DATA__",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        path = urlsplit(self.url).path
        self.api = _API_PATH.match(path)
        company = _COMPANY_PATH.match(path)
        if not (self.api or company):
            raise ValueError(f"join: {self.url} is neither a company page (/companies/<name>) nor the jobs API")
        self.slug = company.group(1) if company else ""

    def api_url(self) -> str:
        return self.url if self.api else f"{origin(self.url)}/companies/{self.slug}"

    def listing(self, data: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """(company, jobs) of a company page's initialState or of the API's answer ({items, pagination})."""
        if not self.api:
            data = dig(data, "props", "pageProps", "initialState")
        data = data if isinstance(data, dict) else {}
        jobs = data.get("jobs", data)
        return (data["company"] if isinstance(data.get("company"), dict) else {}), \
            (jobs if isinstance(jobs, dict) else {})

    def postings(self, data: Any) -> list[Any] | None:
        company, jobs = self.listing(data)
        items = jobs.get("items")
        return [{**item, "company": item.get("company") or company} if isinstance(item, dict) else item
                for item in items] if isinstance(items, list) else None

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        jobs = self.listing(data)[1]
        pages, number = (jobs.get("pagination") or {}).get("pageCount"), (response.meta.get("page") or 0) + 1
        if not isinstance(pages, int) or number >= pages or not jobs.get("items"):
            return []
        page = self.next_page(response)  # meta["page"] counts from 0, JOIN's ?page= from 1
        return [self.board_request(add_or_replace_parameter(self.api_url(), "page", str(page + 1)),
                                   meta={"page": page})] if page else []

    def parse_posting(self, item: Any, response: Response):
        if not isinstance(item, dict) or item.get("id") in (None, ""):
            raise SkipPosting("no_id")
        if not str(item.get("title") or "").strip():
            raise SkipPosting("no_title", f"job {item['id']}")
        url = f"{origin(response.url)}/api/public/jobs/{quote(str(item['id']), safe='')}"
        return self.detail_request(url, item, item["id"])

    def posting_detail(self, detail: Any, item: dict[str, Any], response: Response | None) -> JobPosting:
        detail = detail if isinstance(detail, dict) else {}
        company = detail.get("company") if isinstance(detail.get("company"), dict) else item["company"]
        city = item.get("city") if isinstance(item.get("city"), dict) else {}
        slug = company.get("domain") or self.slug
        low, high = item.get("salaryAmountFrom") or {}, item.get("salaryAmountTo") or {}
        cents = [v.get("amount") if isinstance(v, dict) else None for v in (low, high)]
        texts = [("", detail["description"])] if detail.get("description") else \
            [(heading, detail[key]) for key, heading in _PARTS if isinstance(detail.get(key), str) and detail[key]]
        return self.new_item(
            item["id"],
            board=str(company.get("id") or self.slug),
            title=item["title"],
            titleRaw=item["title"],
            url=f"{origin(self.board_url)}/companies/{slug}/{item.get('idParam') or item['id']}" if slug else "",
            companyName=company.get("name") or "",
            descriptionHtml=[(heading, _MARKDOWN.render(text)) for heading, text in texts],
            locationsRaw=[{"city": city.get("cityName") or "", "region": "",
                           "country": city.get("countryName") or _name(item.get("country"))}]
            if city.get("cityName") or item.get("country") else [],
            workplaceRaw=item.get("workplaceType") or "",
            employmentTypeRaw=_name(item.get("employmentType")),
            departmentRaw=_name(item.get("category")),
            datePostedRaw=item.get("createdAt"),
            salaryRaw={"min": cents[0] / 100 if isinstance(cents[0], (int, float)) else None,
                       "max": cents[1] / 100 if isinstance(cents[1], (int, float)) else None,
                       "currency": low.get("currency") or high.get("currency") or "",
                       "period": item.get("salaryFrequency") or ""} if any(cents) else None,
        )
