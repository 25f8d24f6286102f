"""Paylocity job boards: the board page embeds every open job as `window.pageData` (a 110-character
description preview each); each job's page (/Recruiting/Jobs/Details/<id>) carries its schema.org
JobPosting with the full description.  A job whose page fails keeps what the board listed.

    scrapy crawl paylocity -a url=https://recruiting.paylocity.com/recruiting/jobs/All/211e692d-c45a-4e3a-ae01-3e497af97929
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from scrapy.http import Response

from scraper.embedded import EmbeddedSpider, fill
from scraper.items import JobPosting
from scraper.platform import SkipPosting, origin

_BOARD_PATH = re.compile(r"/recruiting/jobs/all/([0-9a-f-]{36})", re.I)


class PaylocitySpider(EmbeddedSpider):
    name = "paylocity"
    board_data = ("window.pageData",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        m = _BOARD_PATH.search(urlsplit(self.url).path)
        if not m:
            raise ValueError(f"paylocity: {self.url} is not a board (.../Recruiting/Jobs/All/<guid>)")
        self.guid = m.group(1)

    def api_url(self) -> str:
        return f"{origin(self.url)}/Recruiting/Jobs/All/{self.guid}"

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("Jobs") if isinstance(data, dict) else None
        return [{**job, "ModuleTitle": data.get("ModuleTitle")} if isinstance(job, dict) else job for job in jobs] \
            if isinstance(jobs, list) else None

    def parse_posting(self, job: Any, response: Response):
        if not isinstance(job, dict) or job.get("JobId") in (None, ""):
            raise SkipPosting("no_id")
        if not str(job.get("JobTitle") or "").strip():
            raise SkipPosting("no_title", f"job {job['JobId']}")
        url = f"{origin(response.url)}/Recruiting/Jobs/Details/{quote(str(job['JobId']), safe='')}"
        return self.detail_request(url, job, job["JobId"])

    def posting_detail(self, detail: Any, job: dict[str, Any], response: Response | None) -> JobPosting:
        site = origin(self.board_url)
        place = job.get("JobLocation") if isinstance(job.get("JobLocation"), dict) else {}
        fields = {
            "title": job["JobTitle"], "titleRaw": job["JobTitle"],
            "url": f"{site}/Recruiting/Jobs/Details/{job['JobId']}",
            "applyUrl": f"{site}/Recruiting/Jobs/Apply/{job['JobId']}",
            "companyName": job.get("ModuleTitle") or "",
            "descriptionHtml": [("", job["Description"])] if job.get("Description") else [],
            "datePostedRaw": job.get("PublishedDate"),
            "departmentRaw": job.get("HiringDepartment") or "",
            "locationsRaw": [{"city": place.get("City") or "", "region": place.get("State") or "",
                              "country": place.get("Country") or ""}] if place.get("City") or place.get("Country")
            else [{"label": job["LocationName"]}] if job.get("LocationName") else [],
            # The location's name is the company's own label, and some companies name it "Hybrid" or "Remote".
            "workplaceRaw": "remote" if job.get("IsRemote") is True else job.get("LocationName") or "",
        }
        # The job's page has the whole text (the board only a preview) and the employment type.
        fill(fields, self.page_posting(detail), "descriptionHtml", "employmentTypeRaw")
        return self.new_item(job["JobId"], board=self.guid.lower(), **fields)
