"""Ashby job boards, through the public posting API: one request lists every published job
with its HTML description, addresses and (asked for) compensation.

    scrapy crawl ashby -a url=https://jobs.ashbyhq.com/linear
    scrapy crawl ashby -a url=https://api.ashbyhq.com/posting-api/job-board/linear?includeCompensation=true
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response
from w3lib.url import add_or_replace_parameters

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting

_API_PATH = re.compile(r"^/posting-api/job-board/(?P<name>[^/]+)/?$")
_HUMAN_PATH = re.compile(r"^/(?P<name>[^/]+)")


class AshbySpider(PlatformSpider):
    name = "ashby"
    api_hosts = {"jobs.ashbyhq.com": "https://api.ashbyhq.com"}

    @cached_property
    def board_name(self) -> str:
        """The job board name from the URL; -a board= wins."""
        path = urlsplit(self.url).path
        m = _API_PATH.match(path) or _HUMAN_PATH.match(path)
        return self.board or (m.group("name") if m else "")

    def api_url(self) -> str:
        if not self.board_name:
            raise ValueError(f"ashby: no job board name in {self.url}; give -a board=<name>")
        if _API_PATH.match(urlsplit(self.url).path):
            url = self.url  # an API address is used as given, with compensation
        else:
            url = f"{self.api_origin()}/posting-api/job-board/{self.board_name}"
        return add_or_replace_parameters(url, {"includeCompensation": "true"})

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, job: Any, response: Response) -> JobPosting:
        if not isinstance(job, dict) or not job.get("id"):
            raise SkipPosting("no_id")
        if job.get("isListed") is False:
            raise SkipPosting("unlisted", f"job {job['id']}")
        if not str(job.get("title") or "").strip():
            raise SkipPosting("no_title", f"job {job['id']}")
        places = [job] + [p for p in job.get("secondaryLocations") or [] if isinstance(p, dict)]
        return self.new_item(
            job["id"],
            board=self.board_name,
            title=job["title"],
            titleRaw=job["title"],
            url=job.get("jobUrl") or "",
            applyUrl=job.get("applyUrl") or "",
            descriptionHtml=[("", job.get("descriptionHtml") or "")],
            locationRaw="; ".join(str(p.get("location")) for p in places if p.get("location")),
            locationsRaw=[_address(p) for p in places if p.get("location") or _address(p)["country"]],
            datePostedRaw=job.get("publishedAt"),
            employmentTypeRaw=job.get("employmentType") or "",
            workplaceRaw=job.get("workplaceType") or ("remote" if job.get("isRemote") is True else ""),
            departmentRaw=job.get("department") or job.get("team") or "",
            salaryRaw=_salary(job.get("compensation")),
        )


def _address(place: dict[str, Any]) -> dict[str, str]:
    address = (place.get("address") or {}).get("postalAddress") or {}
    return {"city": address.get("addressLocality") or "", "region": address.get("addressRegion") or "",
            "country": address.get("addressCountry") or "", "label": place.get("location") or ""}


def _salary(compensation: Any) -> dict[str, Any] | None:
    """The first salary component of the summary (or of the first tier); equity and bonus are not pay."""
    if not isinstance(compensation, dict):
        return None
    tiers = [t for t in compensation.get("compensationTiers") or [] if isinstance(t, dict)]
    components = compensation.get("summaryComponents") or (tiers[0].get("components") if tiers else []) or []
    for part in components:
        if isinstance(part, dict) and part.get("compensationType") == "Salary" and (
                part.get("minValue") is not None or part.get("maxValue") is not None):
            return {"min": part.get("minValue"), "max": part.get("maxValue"),
                    "currency": part.get("currencyCode"), "period": part.get("interval"),
                    "raw": compensation.get("scrapeableCompensationSalarySummary") or ""}
    return None
