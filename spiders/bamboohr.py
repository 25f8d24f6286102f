"""BambooHR careers sites (<company>.bamboohr.com/careers), through the JSON the site itself reads:
`/careers/list` names every open job (title, department, location, employment status, no text and
no date); `/careers/<id>/detail` gives one job's description, posting date, compensation and public
URL.  A job whose detail request fails is kept from the list.

    scrapy crawl bamboohr -a url=https://acme.bamboohr.com/careers
    scrapy crawl bamboohr -a url=https://acme.bamboohr.com/careers/list

An unknown company is redirected to BambooHR's marketing site: counted as boards_failed/not_found.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

import scrapy
from scrapy.http import Response

from scraper.items import JobPosting
from scraper.platform import PlatformSpider, SkipPosting, as_dict, html_sections, origin

_LIST_PATH = re.compile(r"/careers/list/?$")
# `locationType` as the careers page reads it.
_WORKPLACE = {"0": "onsite", "1": "remote", "2": "hybrid"}



class BambooHRSpider(PlatformSpider):
    name = "bamboohr"
    unknown_board_redirects = True

    def company_subdomain(self) -> str:
        return self.subdomain_board("bamboohr.com")

    def api_url(self) -> str:
        path = urlsplit(self.url).path
        if _LIST_PATH.search(path):
            return self.url
        # A path in front of /careers (a mirror serving several sites) is kept.
        prefix = path.split("/careers", 1)[0].rstrip("/") if "/careers" in path else ""
        return f"{origin(self.url)}{prefix}/careers/list"

    def careers_url(self) -> str:
        """The site's /careers address, where each job's page is /careers/<id>."""
        return re.sub(r"/list/?$", "", urlsplit(self.board_url)._replace(query="").geturl())

    def postings(self, data: Any) -> list[Any] | None:
        result = data.get("result") if isinstance(data, dict) else None
        return result if isinstance(result, list) else None

    def parse_posting(self, job: Any, response: Response) -> scrapy.Request | None:
        if not isinstance(job, dict) or not job.get("id"):
            return None
        return self.detail_request(f"{self.careers_url()}/{quote(str(job['id']))}/detail", listed=job,
                                   posting_id=job["id"], board=self.company_subdomain())

    def posting_detail(self, detail: Any, listed: Any, response: Response | None) -> JobPosting | None:
        opening = as_dict(as_dict(as_dict(detail).get("result")).get("jobOpening"))
        job = {**as_dict(listed), **opening}
        if not job.get("id"):
            return None
        title = str(job.get("jobOpeningName") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"job {job['id']}")
        # atsLocation is the newer, structured form; `location` is what older openings carry.
        ats, place = as_dict(job.get("atsLocation")), as_dict(job.get("location"))
        location = {"city": ats.get("city") or place.get("city") or "",
                    "region": ats.get("state") or ats.get("province") or place.get("state") or "",
                    "country": ats.get("country") or place.get("addressCountry") or ""}
        compensation = job.get("compensation")
        return self.new_item(
            job["id"],
            board=self.company_subdomain(),
            title=title,
            titleRaw=title,
            url=job.get("jobOpeningShareUrl") or f"{self.careers_url()}/{quote(str(job['id']))}",
            descriptionHtml=html_sections(("", job.get("description"))),
            locationsRaw=[location] if any(location.values()) else [],
            workplaceRaw="remote" if job.get("isRemote") is True else _WORKPLACE.get(str(job.get("locationType")), ""),
            datePostedRaw=job.get("datePosted"),
            employmentTypeRaw=job.get("employmentStatusLabel") or job.get("employmentType") or "",
            departmentRaw=job.get("departmentLabel") or "",
            seniorityRaw=job.get("minimumExperience") or "",
            salaryRaw=compensation if isinstance(compensation, str) and compensation.strip() else None,
        )
