"""jobs.json (jobsjson.org): one company's open roles in one JSON document, meant for the company's domain root.

    {"version": "0.1", "lastUpdated": "...", "company": {"name", "url", "logo"?},
     "jobs": [{"id", "title", "url", "department"?, "description"?, "location"? | "locations"?,
               "employmentType"?, "postedDate"?, "expiresDate"?, "compensation"?, "x-..."?}]}

Required by the format: version, company.name, company.url (the company's website: `companyWebsite`, else the
careers site `host`, which is also `jobsUrl`), and per job
id, title and url.  employmentType is jobs.json's vocabulary (CONTRACTOR becomes CONTRACT), compensation's period
its YEARLY..HOURLY; location objects are {city, state, country, remote}, `remote` true for remote and hybrid
postings ("whether remote work is available"), one location as `location`, several as `locations` (the format
allows one or the other).  Extensions (`x-` keys, which the format allows): `x-workplace` (remote | hybrid |
onsite) and `x-applicantRegions` (where a remote applicant may live).  `version` is "0.1", the value
jobsjson.org's schema page and tutorial give (its older SPECIFICATION.md said "1.0").
"""

from __future__ import annotations

from typing import Any

from scraper.export import fields
from scraper.export.html import markdown_to_html

VERSION = "0.1"
EMPLOYMENT_TYPES = {"FULL_TIME": "FULL_TIME", "PART_TIME": "PART_TIME", "CONTRACTOR": "CONTRACT",
                    "TEMPORARY": "TEMPORARY", "INTERN": "INTERN", "VOLUNTEER": "VOLUNTEER", "PER_DIEM": "PER_DIEM",
                    "OTHER": "OTHER"}
PERIODS = {"YEAR": "YEARLY", "MONTH": "MONTHLY", "WEEK": "WEEKLY", "DAY": "DAILY", "HOUR": "HOURLY"}

_TEXT = {"type": "string", "minLength": 1}
_URL = {"type": "string", "pattern": r"^https?://\S+$"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"}
_LOCATION = {
    "type": "object", "minProperties": 1, "additionalProperties": False,
    "properties": {"city": _TEXT, "state": _TEXT, "country": {"type": "string", "pattern": "^[A-Z]{2,3}$"},
                   "remote": {"type": "boolean"}},
}
COMPANY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": _TEXT, "url": _URL, "logo": _URL, "jobsUrl": _URL},
    "allOf": [{"required": ["name"], "x-reason": "no company name"},
              {"required": ["url"],
               "x-reason": "no company website (companyWebsite) nor careers site (host), which jobs.json requires"}],
}
JOB_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["id", "title", "url"],
    "properties": {
        "id": _TEXT, "title": _TEXT, "url": _URL, "department": _TEXT, "description": _TEXT,
        "location": _LOCATION, "locations": {"type": "array", "minItems": 2, "items": _LOCATION},
        "employmentType": {"enum": sorted(set(EMPLOYMENT_TYPES.values()))},
        "postedDate": _DATE, "expiresDate": _DATE,
        "compensation": {
            "type": "object", "required": ["currency", "period"],
            "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
            "properties": {"currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                           "period": {"enum": sorted(PERIODS.values())},
                           "min": {"type": "number", "exclusiveMinimum": 0},
                           "max": {"type": "number", "exclusiveMinimum": 0}},
        },
    },
    "allOf": [{"not": {"required": ["location", "locations"]}, "x-reason": "both location and locations"}],
    "patternProperties": {"^x-": {}},
    "additionalProperties": False,
}
DOCUMENT_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["version", "company", "jobs"], "additionalProperties": False,
    "properties": {"version": {"const": VERSION}, "lastUpdated": _DATE, "company": COMPANY_SCHEMA,
                   "jobs": {"type": "array", "items": JOB_SCHEMA}},
}


def company(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The company object from its postings: the first non-empty name, website and logo among them.  The careers
    site (`host`) is `jobsUrl`, and stands in for `url` when no posting knows the company's website (a crawl of one
    board without `-a website=`): it is the company's own address for its jobs, not an invented one."""
    out: dict[str, Any] = {}
    for key, column, read in (("name", "companyName", None), ("url", "companyWebsite", fields.http_url),
                              ("logo", "logoUrl", fields.http_url), ("jobsUrl", "host", fields.http_url)):
        for row in rows:
            value = read(row.get(column)) if read else fields.text(row, column)
            if value:
                out[key] = value
                break
    if "url" not in out and "jobsUrl" in out:
        out["url"] = out["jobsUrl"]
    return out


def job(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (("id", fields.text(row, "id")), ("title", fields.text(row, "title")),
                       ("url", fields.http_url(row.get("url"))), ("department", fields.text(row, "department")),
                       ("description", markdown_to_html(row.get("description") or ""))):
        if value:
            out[key] = value
    workplace = fields.text(row, "workplace")
    remote = {"remote": True, "hybrid": True, "onsite": False}.get(workplace)
    places = []
    for location in fields.locations(row):
        place = {k: v for k, v in (("city", location["city"]), ("state", location["region"]),
                                   ("country", location["country"])) if v}
        if remote is not None:
            place["remote"] = remote
        places.append(place)
    if not places and remote:
        places = [{"remote": True}]
    if len(places) == 1:
        out["location"] = places[0]
    elif places:
        out["locations"] = places
    employment = EMPLOYMENT_TYPES.get(fields.text(row, "employmentType"))
    if employment:
        out["employmentType"] = employment
    for key, column in (("postedDate", "datePosted"), ("expiresDate", "validThrough")):
        if fields.text(row, column):
            out[key] = fields.text(row, column)
    salary = fields.salary(row)
    if salary and PERIODS.get(salary["period"]):
        compensation = {"currency": salary["currency"], "period": PERIODS[salary["period"]]}
        compensation.update({k: salary[k] for k in ("min", "max") if salary[k] is not None})
        out["compensation"] = compensation
    if workplace:
        out["x-workplace"] = workplace
    regions = [code for code in row.get("applicantRegions") or [] if isinstance(code, str) and code]
    if regions:
        out["x-applicantRegions"] = regions
    return out


def document(company_object: dict[str, Any], jobs: list[dict[str, Any]], last_updated: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"version": VERSION}
    if last_updated:
        out["lastUpdated"] = last_updated
    out["company"] = company_object
    out["jobs"] = jobs
    return out
