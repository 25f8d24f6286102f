"""Gem job boards (jobs.gem.com/<board>), through Gem's public Job Board API: one request lists every
live job post with its HTML content (no paging).  A job page address (jobs.gem.com/<board>/<job id>)
reads that one posting from the GraphQL API the page itself uses (description, compensation text,
locations with country codes, company name).

    scrapy crawl gem -a url=https://jobs.gem.com/auger
    scrapy crawl gem -a url=https://api.gem.com/job_board/v0/auger/job_posts/
    scrapy crawl gem -a url=https://jobs.gem.com/auger/<job id>   (that one posting)
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html import escape
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import scrapy
from scrapy.http import JsonRequest, Response

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, as_dict, html_sections, origin

_API_PATH = re.compile(r"/job_board/v0/(?P<board>[^/]+)/job_posts/?$")
_GRAPHQL_PATH = "/api/public/graphql"
# The fields of one posting that the job page shows (the board id is the vanity path).
_POSTING_QUERY = """query ExternalJobPostingQuery($boardId: String!, $extId: String!) {
  oatsExternalJobPosting(boardId: $boardId, extId: $extId) {
    id extId title descriptionHtml compensationHtml firstPublishedTsSec
    locations { name city isoCountry isRemote }
    job { locationType employmentType teamDisplayName department { name } }
  }
}"""



def _paragraphs(text: Any) -> str:
    """Plain text as HTML paragraphs, escaped ("<3" stays text)."""
    parts = text.split("\n\n") if isinstance(text, str) else []
    return "".join(f"<p>{escape(part.strip()).replace(chr(10), '<br>')}</p>" for part in parts if part.strip())


class GemSpider(PlatformSpider):
    name = "gem"
    api_hosts = {"jobs.gem.com": "https://api.gem.com"}

    def board_and_job(self) -> tuple[str, str]:
        """(board vanity path, job id or "") from the URL; -a board= wins for the board."""
        path = urlsplit(self.url).path
        m = _API_PATH.search(path)
        segments = [unquote(s) for s in path.split("/") if s]
        board = m.group("board") if m else segments[0] if segments else ""
        job = segments[1] if not m and len(segments) == 2 else ""
        return self.board or board, job

    def api_url(self) -> str:
        board, job = self.board_and_job()
        if _API_PATH.search(urlsplit(self.url).path):
            return self.url
        if not board:
            raise ValueError("gem: the URL names no job board; give -a board=<vanity path>")
        if job:  # the job page's own site answers its GraphQL queries
            return origin(self.url) + _GRAPHQL_PATH
        return f"{self.api_origin()}/job_board/v0/{quote(board)}/job_posts/"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        board, job = self.board_and_job()
        if not job:
            yield self.board_request(self.board_url)
            return
        yield JsonRequest(self.board_url, callback=self.parse_board, errback=self.board_failed,
                          data={"operationName": "ExternalJobPostingQuery", "query": _POSTING_QUERY,
                                "variables": {"boardId": board, "extId": job}})

    def postings(self, data: Any) -> list[Any] | None:
        if isinstance(data, list):
            return data
        found = as_dict(as_dict(data).get("data"))
        if "oatsExternalJobPosting" not in found:
            return None
        posting = found["oatsExternalJobPosting"]
        return [posting] if isinstance(posting, dict) else []

    def next_requests(self, response: Response, data: Any) -> list[scrapy.Request]:
        if self.board_and_job()[1]:
            # One posting read is not the board's listing: nothing may be taken for closed.
            response.meta["listing_incomplete"] = True
        return []

    def parse_posting(self, post: Any, response: Response) -> JobPosting | None:
        board, job = self.board_and_job()
        posting_id = job or as_dict(post).get("id")
        if not posting_id:
            return None
        title = str(post.get("title") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"job post {posting_id}")
        if job:
            return self.graphql_posting(post, posting_id, board, title)
        offices = [as_dict(o.get("location")).get("name") or o.get("name") for o in post.get("offices") or []
                   if isinstance(o, dict)]
        places = [p for p in offices if p] or [as_dict(post.get("location")).get("name")]
        return self.new_item(
            posting_id,
            board=board,
            title=title,
            titleRaw=title,
            url=post.get("absolute_url") or "",
            descriptionHtml=html_sections(("", post.get("content") or _paragraphs(post.get("content_plain")))),
            locationsRaw=[{"label": p} for p in places if p],
            workplaceRaw=post.get("location_type") or "",
            datePostedRaw=post.get("first_published_at"),
            dateModifiedRaw=post.get("updated_at"),
            employmentTypeRaw=post.get("employment_type") or "",
            departmentRaw=next((d["name"] for d in post.get("departments") or [] if as_dict(d).get("name")), ""),
        )

    def graphql_posting(self, post: dict[str, Any], posting_id: str, board: str, title: str) -> JobPosting:
        details = as_dict(post.get("job"))
        places = [p for p in post.get("locations") or [] if isinstance(p, dict)]
        remote = bool(places) and all(p.get("isRemote") is True for p in places)
        return self.new_item(
            posting_id,
            board=board,
            title=title,
            titleRaw=title,
            url=f"{origin(self.url)}/{quote(board)}/{quote(posting_id)}",
            companyName=details.get("teamDisplayName") or "",
            # The compensation text carries its own heading ("Compensation & Benefits").
            descriptionHtml=html_sections(("", post.get("descriptionHtml")), ("", post.get("compensationHtml"))),
            locationsRaw=[{"city": p.get("city") or "", "country": p.get("isoCountry") or "",
                           "label": p.get("name") or ""} for p in places],
            workplaceRaw="remote" if remote else details.get("locationType") or "",
            datePostedRaw=post.get("firstPublishedTsSec"),
            employmentTypeRaw=details.get("employmentType") or "",
            departmentRaw=as_dict(details.get("department")).get("name") or "",
        )
