"""Comeet job boards: the hosted careers page embeds every open position (descriptions included) as
`COMPANY_POSITIONS_DATA`; the careers API answers the same positions as JSON (`details=true` adds
the description sections).

    scrapy crawl comeet -a url=https://www.comeet.com/jobs/wiliot/F6.003
    scrapy crawl comeet -a url="https://www.comeet.co/careers-api/2.0/company/F6.003/positions?token=<token>"
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response
from w3lib.url import add_or_replace_parameter, url_query_parameter

from scraper.embedded import EmbeddedSpider
from scraper.items import JobPosting
from scraper.platform import SkipPosting, origin

_API_PATH = re.compile(r"/careers-api/2\.0/company/([^/]+)/positions/?$", re.I)
_PAGE_PATH = re.compile(r"^/jobs/([^/]+)/([0-9A-F]{2}\.[0-9A-F]{3})(?:/|$)", re.I)


class ComeetSpider(EmbeddedSpider):
    name = "comeet"
    board_data = ("COMPANY_POSITIONS_DATA",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        path = urlsplit(self.url).path
        api, page = _API_PATH.search(path), _PAGE_PATH.match(path)
        if not (api or page):
            raise ValueError(f"comeet: {self.url} is neither a careers page (/jobs/<company>/<uid>) "
                             "nor a careers-API positions address")
        self.uid = (api or page).group(1) if api else page.group(2)
        self.page_path = f"/jobs/{page.group(1)}/{page.group(2)}" if page else ""

    def api_url(self) -> str:
        if self.page_path:
            return origin(self.url) + self.page_path
        if url_query_parameter(self.url, "details") is None:
            return add_or_replace_parameter(self.url, "details", "true")
        return self.url

    def postings(self, data: Any) -> list[Any] | None:
        positions = data.get("positions") if isinstance(data, dict) else data
        return positions if isinstance(positions, list) else None

    def parse_posting(self, position: Any, response: Response) -> JobPosting:
        if not isinstance(position, dict) or not position.get("uid"):
            raise SkipPosting("no_id")
        title = str(position.get("name") or "").strip()
        if not title:
            raise SkipPosting("no_title", f"position {position['uid']}")
        place = position.get("location") if isinstance(position.get("location"), dict) else {}
        hosted = position.get("url_comeet_hosted_page") or position.get("url_recruit_hosted_page") or ""
        details = sorted((d for d in position.get("details") or [] if isinstance(d, dict) and d.get("value")),
                         key=lambda d: d.get("order") if isinstance(d.get("order"), int) else 0)
        return self.new_item(
            position["uid"],
            board=self.uid,
            title=title,
            titleRaw=title,
            url=position.get("url_active_page") or hosted,
            applyUrl=hosted,
            companyName=position.get("company_name") or "",
            # The "Description" section is the record's own "Job description".
            descriptionHtml=[("" if str(d.get("name")).lower() == "description" else str(d.get("name") or ""),
                              d["value"]) for d in details],
            locationsRaw=[{"city": place.get("city") or "", "region": place.get("state") or "",
                           "country": place.get("country") or ""} if place.get("city") or place.get("country")
                          else {"label": place.get("name") or ""}] if place else [],
            workplaceRaw="remote" if place.get("is_remote") is True else position.get("workplace_type") or "",
            departmentRaw=position.get("department") or "",
            employmentTypeRaw=position.get("employment_type") or "",
            seniorityRaw=position.get("experience_level") or "",
            dateModifiedRaw=position.get("time_updated"),
        )
