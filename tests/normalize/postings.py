"""Real postings as the extractors see them: (title, location, plain text).

The seed posting comes from the demo snapshot in the repository; the others from
../shared/fixtures through ``shared_fixture`` (the test is skipped when that folder is absent).
Text goes through the same steps as in a crawl: HTML -> Markdown -> plain text.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache

from lxml import etree

from scraper.normalize.text import html_to_markdown_text, markdown_to_plain
from tests.helpers import REPO, shared_fixture


@dataclass(frozen=True)
class Posting:
    title: str
    location: str
    text: str


def plain(fragment: str) -> str:
    return markdown_to_plain(html_to_markdown_text(fragment))


@cache
def _json(path: str):
    return json.loads(open(path, encoding="utf-8").read())


def _recruitee(path: str, posting_id: str) -> Posting:
    for offer in _json(path)["offers"]:
        if str(offer["id"]) == posting_id:
            body = (offer.get("description") or "") + (offer.get("requirements") or "")
            return Posting(offer["title"], offer.get("location") or "", plain(body))
    raise LookupError(posting_id)


def seed_posting() -> Posting:
    """Offer 402917 of the demo snapshot: the seed record's posting."""
    return _recruitee(str(REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json"), "402917")


def demo_posting(posting_id: str) -> Posting:
    return _recruitee(str(REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json"), posting_id)


def fixture_posting(relative: str, posting_id: str = "") -> Posting:
    """A posting of a shared fixture file, by the platform's id ("" for a single-posting file)."""
    path = str(shared_fixture(relative))
    platform = relative.split("/", 1)[0]
    if platform == "recruitee":
        return _recruitee(path, posting_id)
    if platform == "personio":
        for position in etree.parse(path).iter("position"):
            if position.findtext("id") == posting_id:
                body = "".join(
                    f"<h2>{d.findtext('name')}</h2>{d.findtext('value')}"
                    for d in position.iter("jobDescription")
                )
                return Posting(position.findtext("name"), position.findtext("office") or "", plain(body))
        raise LookupError(posting_id)
    data = _json(path)
    if platform == "greenhouse":
        jobs = data["jobs"] if "jobs" in data else [data]
        for job in jobs:
            if not posting_id or str(job["id"]) == posting_id:
                return Posting(
                    job["title"],
                    (job.get("location") or {}).get("name", ""),
                    plain(html.unescape(job.get("content") or "")),
                )
    if platform == "lever":
        for posting in data if isinstance(data, list) else [data]:
            if not posting_id or posting["id"] == posting_id:
                body = (posting.get("description") or "") + "".join(
                    f"<h3>{part['text']}</h3><ul>{part['content']}</ul>" for part in posting.get("lists", [])
                )
                return Posting(
                    posting["text"],
                    (posting.get("categories") or {}).get("location") or "",
                    plain(body + (posting.get("additional") or "")),
                )
    if platform == "ashby":
        for job in data["jobs"]:
            if job["id"] == posting_id:
                return Posting(
                    job["title"], job.get("location") or "", plain(job.get("descriptionHtml") or "")
                )
    if platform == "workday":
        info = data["jobPostingInfo"]
        return Posting(info["title"], info.get("location") or "", plain(info.get("jobDescription") or ""))
    if platform == "workable":
        body = "".join(data.get(key) or "" for key in ("description", "requirements", "benefits"))
        location = data.get("location") or {}
        return Posting(
            data["title"],
            ", ".join(v for v in (location.get("city"), location.get("country")) if v),
            plain(body),
        )
    raise LookupError(f"{relative} {posting_id}")
