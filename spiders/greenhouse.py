"""Greenhouse job boards, through the public Job Board API: one request lists every open
job with its content (entity-escaped HTML), departments, offices and custom fields.

    scrapy crawl greenhouse -a url=https://job-boards.greenhouse.io/gitlab
    scrapy crawl greenhouse -a url=https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true
    scrapy crawl greenhouse -a url=https://boards.greenhouse.io/stripe/jobs/7761694   (that one job)
"""

from __future__ import annotations

import logging
import re
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parsel import Selector
from scrapy.http import Response
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure
from w3lib.url import add_or_replace_parameters

from scraper.items import JobPosting
from scraper.normalize.text import unescape_markup
from scraper.platform import PlatformSpider, SkipPosting

logger = logging.getLogger(__name__)

_API = "https://boards-api.greenhouse.io"
_EU_API = "https://boards-api.eu.greenhouse.io"
_API_PATH = re.compile(r"^/v1/boards/(?P<token>[^/]+)(?P<rest>/.*)?$")
_JOB_PATH = re.compile(r"^/jobs?/(?P<job>\d+)/?$")
_HUMAN_PATH = re.compile(r"^/(?P<token>[^/]+)(?:/jobs/(?P<job>\d+))?")
# Custom fields ("metadata") are named freely by each company; these names say what they hold.
_META_EMPLOYMENT = re.compile(r"employment type|time type|job type|commitment", re.I)
_META_WORKPLACE = re.compile(r"remote|workplace|location type|work ?type", re.I)
_META_PERIOD = re.compile(r"pay (?:frequency|period)|salary (?:frequency|period)", re.I)


class GreenhouseSpider(PlatformSpider):
    name = "greenhouse"
    api_hosts = {
        "boards.greenhouse.io": _API, "job-boards.greenhouse.io": _API,
        "boards.eu.greenhouse.io": _EU_API, "job-boards.eu.greenhouse.io": _EU_API,
    }

    @cached_property
    def token_and_job(self) -> tuple[str, str]:
        """(board token, job id or "") from the URL; -a board= wins for the token."""
        parts = urlsplit(self.url)
        api = _API_PATH.match(parts.path)
        if api:
            job = _JOB_PATH.match(api.group("rest") or "")
            token, job_id = api.group("token"), job.group("job") if job else ""
        elif parts.path.startswith("/embed/"):  # the embeddable board: /embed/job_board?for=<token>
            query = parse_qs(parts.query)
            token, job_id = (query.get("for") or [""])[0], (query.get("token") or [""])[0]
        else:
            human = _HUMAN_PATH.match(parts.path)
            token, job_id = (human.group("token"), human.group("job") or "") if human else ("", "")
        return self.board or token, job_id

    def api_url(self) -> str:
        token, job = self.token_and_job
        parts = urlsplit(self.url)
        if not token:
            raise ValueError(f"greenhouse: no board token in {self.url}; give -a board=<token>")
        if _API_PATH.match(parts.path) and re.search(r"/jobs?(/|$)", parts.path):
            # An API address is used as given; a jobs list needs its content, a job its pay ranges.
            extra = {"pay_transparency": "true"} if job else {"content": "true"}
            return add_or_replace_parameters(self.url, extra)
        base = f"{self.api_origin()}/v1/boards/{token}/jobs"
        return f"{base}/{job}?pay_transparency=true" if job else f"{base}?content=true"

    def postings(self, data: Any) -> list[Any] | None:
        if isinstance(data, dict) and isinstance(data.get("jobs"), list):
            return data["jobs"]
        if isinstance(data, dict) and data.get("id") is not None and "title" in data:
            return [data]  # a single job's endpoint
        return None

    def board_failed(self, failure: Failure):
        # Sources disagree on whether the EU API host exists; an EU board whose API host we
        # derived and which does not resolve is asked of the global API, once.
        request = getattr(failure, "request", None)
        derived_eu = self.api_hosts.get((urlsplit(self.url).hostname or "").lower()) == _EU_API
        if (request is not None and derived_eu and failure.check(DNSLookupError)
                and request.url.startswith(_EU_API) and not request.meta.get("eu_fallback")):
            self.stat("eu_api_fallback")
            logger.warning("%s: the EU API host did not resolve; trying the global API", request.url)
            return [self.board_request(_API + request.url[len(_EU_API):], meta={"eu_fallback": True})]
        return super().board_failed(failure)

    def parse_posting(self, job: Any, response: Response) -> JobPosting:
        if not isinstance(job, dict) or job.get("id") in (None, ""):
            raise SkipPosting("no_id")
        if not str(job.get("title") or "").strip():
            raise SkipPosting("no_title", f"job {job['id']}")
        content = unescape_markup(job.get("content") or "")
        meta = {str(m.get("name") or ""): m for m in job.get("metadata") or [] if isinstance(m, dict)}
        departments = [d.get("name") for d in job.get("departments") or [] if isinstance(d, dict)]
        place = job.get("location")
        place = str((place.get("name") if isinstance(place, dict) else place) or "")
        return self.new_item(
            job["id"],
            board=self.token_and_job[0],
            title=job["title"],
            titleRaw=job["title"],
            url=job.get("absolute_url") or "",
            companyName=job.get("company_name") or "",
            descriptionHtml=[("", content)],
            locationRaw=place,
            datePostedRaw=job.get("first_published"),
            dateModifiedRaw=job.get("updated_at"),
            validThroughRaw=job.get("application_deadline"),
            employmentTypeRaw=_meta_text(meta, _META_EMPLOYMENT),
            # No workplace field: a custom one if the board has it, else the location label ("Remote - USA").
            workplaceRaw=_meta_text(meta, _META_WORKPLACE) or place,
            departmentRaw=next((d for d in departments if d), ""),
            salaryRaw=self.salary(job, content, meta),
            postingLanguage=str(job.get("language") or "")[:2].lower(),
        )

    @staticmethod
    def salary(job: dict[str, Any], content: str, meta: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        """The first published pay range: the job endpoint's pay_input_ranges (cents), the
        pay-transparency block Greenhouse renders into the content, or a currency-range field."""
        period = _meta_text(meta, _META_PERIOD)
        for pay in job.get("pay_input_ranges") or []:
            if isinstance(pay, dict) and (pay.get("min_cents") or pay.get("max_cents")):
                return {"min": _cents(pay.get("min_cents")), "max": _cents(pay.get("max_cents")),
                        "currency": pay.get("currency_type") or "",
                        "period": period or pay.get("title") or ""}
        block = Selector(text=content).css(".pay-input") if "pay-range" in content else []
        for pay in block:
            amounts = [" ".join(span.css("::text").getall()).strip()
                       for span in pay.css(".pay-range > span:not(.divider)")]
            if amounts and any(amounts):
                title = " ".join(pay.css(".title ::text").getall()).strip()
                return {"min": amounts[0], "max": amounts[-1], "currency": "", "period": period or title,
                        "raw": " - ".join(a for a in amounts if a)}
        for field in meta.values():
            value = field.get("value")
            if field.get("value_type") == "currency_range" and isinstance(value, dict):
                return {"min": value.get("min_value"), "max": value.get("max_value"),
                        "currency": value.get("unit") or "", "period": period}
        return None


def _meta_text(meta: dict[str, dict[str, Any]], name: re.Pattern[str]) -> str:
    for key, field in meta.items():
        value = field.get("value")
        if name.search(key) and isinstance(value, (str, list)) and value:
            return value if isinstance(value, str) else ", ".join(str(v) for v in value)
    return ""


def _cents(value: Any) -> float | None:
    return value / 100 if isinstance(value, (int, float)) and not isinstance(value, bool) else None
