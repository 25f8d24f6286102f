"""SmartRecruiters job boards, through the public Posting API: the postings list (offset
paging, `totalFound`), then each posting's detail for its job ad sections and URLs.

    scrapy crawl smartrecruiters -a url=https://jobs.smartrecruiters.com/WesternDigital
    scrapy crawl smartrecruiters -a url=https://api.smartrecruiters.com/v1/companies/WesternDigital/postings

Settings: SMARTRECRUITERS_MAX_PAGES caps the list pages read from one board (default 100).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameter, url_query_parameter

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, origin

_API = "https://api.smartrecruiters.com"
_PUBLIC = "https://jobs.smartrecruiters.com"
_API_PATH = re.compile(r"/v1/companies/([^/]+)/postings/?$")


def _platform_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "smartrecruiters.com" or host.endswith(".smartrecruiters.com")


class SmartRecruitersSpider(PlatformSpider):
    name = "smartrecruiters"
    api_hosts = {"jobs.smartrecruiters.com": _API, "careers.smartrecruiters.com": _API}
    #: Postings asked for per list page (the API's own default is 10, its maximum 100).
    page_size = 100

    def company_id(self, url: str = "") -> str:
        """The company identifier in an API or board URL ("WesternDigital"), else -a board."""
        path = urlsplit(url or self.url).path
        m = _API_PATH.search(path)
        segment = m.group(1) if m else path.strip("/").split("/")[0]
        return unquote(segment) or self.board

    def api_url(self) -> str:
        if _API_PATH.search(urlsplit(self.url).path):
            # Full pages unless the URL says otherwise.
            return self.url if url_query_parameter(self.url, "limit") else add_or_replace_parameter(
                self.url, "limit", str(self.page_size))
        company = self.company_id()
        if not company:
            raise ValueError("smartrecruiters: the URL names no company; give -a board=<company identifier>")
        return f"{self.api_origin()}/v1/companies/{quote(company)}/postings?limit={self.page_size}&offset=0"

    def postings(self, data: Any) -> list[Any] | None:
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, list) else None

    def next_requests(self, response: Response, data: Any) -> Iterator[scrapy.Request]:
        # Step by what the page held, not by the limit asked for: a server may cap the page size.
        asked = url_query_parameter(response.url, "offset") or data.get("offset") or 0
        offset = (int(asked) if str(asked).isdigit() else 0) + len(data["content"])
        total = data.get("totalFound")
        if not data["content"] or not isinstance(total, int) or offset >= total:
            return
        page = self.next_page(response)
        if page:
            yield self.board_request(add_or_replace_parameter(response.url, "offset", str(offset)),
                                     meta={"page": page})

    def board_token(self, posting: dict[str, Any]) -> str:
        return self.company_id(self.url) or (posting.get("company") or {}).get("identifier") or ""

    def parse_posting(self, posting: Any, response: Response) -> scrapy.Request | None:
        if not isinstance(posting, dict) or not posting.get("id"):
            return None
        company, posting_id = quote(self.company_id(response.url)), quote(str(posting["id"]))
        return self.detail_request(f"{origin(response.url)}/v1/companies/{company}/postings/{posting_id}",
                                   listed=posting, posting_id=posting["id"], board=self.board_token(posting))

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        posting = {**(listed or {}), **(detail if isinstance(detail, dict) else {})}
        if not posting.get("id"):
            return None
        if not str(posting.get("name") or "").strip():
            raise SkipPosting("no_title", f"posting {posting['id']}")
        company = posting.get("company") or {}
        board = self.board_token(posting)
        public = _PUBLIC if _platform_host(self.url) else origin(self.url)
        loc = posting.get("location") or {}
        sections = ((posting.get("jobAd") or {}).get("sections") or {}).values()
        employment = posting.get("typeOfEmployment") or {}
        remote, hybrid = loc.get("remote"), loc.get("hybrid")
        return self.new_item(
            posting["id"],
            board=board,
            title=posting.get("name") or "",
            titleRaw=posting.get("name") or "",
            url=posting.get("postingUrl") or (
                f"{public}/{quote(company.get('identifier') or board)}/{posting['id']}"),
            applyUrl=posting.get("applyUrl") or "",
            companyName=company.get("name") or "",
            descriptionHtml=[(s.get("title") or "", s.get("text") or "")
                             for s in sections if isinstance(s, dict)],
            locationRaw=loc.get("fullLocation") or "",
            locationsRaw=[{"city": loc.get("city") or "", "region": loc.get("region") or "",
                           "country": loc.get("country") or ""}] if loc else [],
            datePostedRaw=posting.get("releasedDate"),
            employmentTypeRaw=employment.get("label") or employment.get("id") or "",
            # Both flags false is an on-site posting (hybrid is absent from older postings).
            workplaceRaw="hybrid" if hybrid else "remote" if remote else "onsite" if remote is False else "",
            seniorityRaw=(posting.get("experienceLevel") or {}).get("id") or "",
            departmentRaw=(posting.get("department") or {}).get("label") or "",
            salaryRaw=posting.get("compensation") if isinstance(posting.get("compensation"), dict) else None,
            postingLanguage=str((posting.get("language") or {}).get("code") or "")[:2].lower(),
        )
