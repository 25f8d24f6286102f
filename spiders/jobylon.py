"""Jobylon job boards, through the company's embed page (cdn.jobylon.com/jobs/companies/<id>/embed/v2/),
which lists every open job as a JavaScript literal `JBL.embed_v2['jobs'] = [...]` (no descriptions);
each job's page (emp.jobylon.com/jobs/<id>-<slug>/) carries its schema.org JobPosting and text.
A job whose page fails keeps what the embed listed.

    scrapy crawl jobylon -a url=https://cdn.jobylon.com/jobs/companies/1955/embed/v2/
    scrapy crawl jobylon -a url=https://emp.jobylon.com/companies/1955-mcdonalds-sverige/
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from scrapy.http import Response

from scraper.embedded import EmbeddedSpider, PageData, fill
from scraper.items import JobPosting
from scraper.platform import SkipPosting

_EMBED_PATH = re.compile(r"^/jobs/companies/(\d+)(?:/|$)")
_COMPANY_PATH = re.compile(r"^/companies/(\d+)(?:-[^/]*)?(?:/|$)")
_JOB_PAGES = "https://emp.jobylon.com"
_LANGUAGE_CLASS = re.compile(r"^job-lang-([a-z]{2})$")


class JobylonSpider(EmbeddedSpider):
    name = "jobylon"
    board_data = ("JBL.embed_v2['jobs']",)
    api_hosts = {"emp.jobylon.com": "https://cdn.jobylon.com"}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        path = urlsplit(self.url).path
        m = _EMBED_PATH.match(path) or _COMPANY_PATH.match(path)
        if not m:
            raise ValueError(f"jobylon: {self.url} names no company; give its embed "
                             "(.../jobs/companies/<id>/embed/v2/) or company page (.../companies/<id>-<name>/)")
        self.company_id = m.group(1)
        self.pages = self.origin_of({"cdn.jobylon.com": _JOB_PAGES, "emp.jobylon.com": _JOB_PAGES})

    def api_url(self) -> str:
        parts = urlsplit(self.url)
        query = parts.query if _EMBED_PATH.match(parts.path) and parts.query else ""  # the company's embed options
        return f"{self.api_origin()}/jobs/companies/{self.company_id}/embed/v2/" + (f"?{query}" if query else "")

    def postings(self, data: Any) -> list[Any] | None:
        return data if isinstance(data, list) else None

    def parse_posting(self, job: Any, response: Response):
        if not isinstance(job, dict) or not job.get("id"):
            raise SkipPosting("no_id")
        if not str(job.get("title") or "").strip():
            raise SkipPosting("no_title", f"job {job['id']}")
        path = str(job.get("url") or "")
        if not path.startswith("/") or path.startswith("//"):  # job pages are asked of the board's own host only
            return self.posting_detail(None, job, None)
        return self.detail_request(urljoin(self.pages, job["url"]), job, job["id"])

    def posting_detail(self, detail: Any, job: dict[str, Any], response: Response | None) -> JobPosting:
        summary = str(job.get("summary") or "")
        language = [m.group(1) for key, on in (job.get("klass") or {}).items()
                    if on is True and (m := _LANGUAGE_CLASS.match(str(key)))]
        fields = {
            "title": job["title"], "titleRaw": job["title"],
            "url": urljoin(self.pages, job.get("url") or ""),
            "applyUrl": f"{self.pages}/applications/jobs/{job['id']}/create/",
            "companyName": job.get("company") or "",
            "logoUrl": job.get("logo") or "",
            # Django renders an empty summary as "None".
            "descriptionHtml": [("", summary)] if summary.strip() and summary != "None" else [],
            "locationsRaw": [{"label": place} for place in job.get("locations") or [] if isinstance(place, str)]
            or ([{"label": job["locations_text"]}] if job.get("locations_text") else []),
            "datePostedRaw": job.get("published_date") or None,
            "validThroughRaw": job.get("to_date") or None,
            "employmentTypeRaw": job.get("employment_type") or "",
            "workplaceRaw": job.get("workspace") or "",
            "departmentRaw": next(iter(job.get("departments") or []), "") or job.get("function") or "",
            "seniorityRaw": job.get("experience") or "",
            "postingLanguage": language[0] if language else "",
        }
        page = self.page_posting(detail)
        if not page and isinstance(detail, PageData):  # no JobPosting markup: the page's own text block
            text = Selector(text=detail.html).css(".canvas-job-description").get()
            page = {"descriptionHtml": [("", text)] if text else []}
        # The page's dates are ISO and its places carry countries; the embed's are words ("21 april 2026").
        fill(fields, page, "descriptionHtml", "datePostedRaw", "validThroughRaw", "locationsRaw")
        return self.new_item(job["id"], board=self.company_id, **fields)
