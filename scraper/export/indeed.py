"""An Indeed-style XML job feed, the format job aggregators copy:

    <?xml version="1.0" encoding="utf-8"?>
    <source>
      <publisher><![CDATA[...]]></publisher><publisherurl><![CDATA[...]]></publisherurl>
      <lastBuildDate><![CDATA[Fri, 04 Dec 2026 10:00:00 GMT]]></lastBuildDate>
      <job><title><![CDATA[...]]></title><date>...</date><referencenumber>...</referencenumber>...</job>
    </source>

One <job> per posting, its elements in `ELEMENTS` order, each written only when the row knows its value.
Indeed requires title, date, referencenumber, url, company and description (HTML), and a location; we take a
country or city, or a fully remote posting (`remotetype`), as the location.  Other values: requisitionid (the
source's own posting id), city/state/country of the first location (one <job> per posting, so one place),
salary as text ("60000-80000 EUR per year"), jobtype (fulltime, parttime, contract, temporary, internship),
category (department), experience ("3-5 years"), remotetype ("Fully remote", "Hybrid remote").  We never
know a postal code, so <postalcode> is never written.

Well-formed whatever the text holds: every value is a CDATA section (a "]]>" inside splits into two sections,
which an XML parser joins back), XML-illegal characters are dropped first, and lxml writes the markup.  The
description's HTML carries no character references where a literal character reads the same (Indeed does not
take HTML entities), see scraper/export/html.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from typing import IO, Any

from lxml import etree

from scraper.export import fields
from scraper.export.html import literal_entities, markdown_to_html, xml_text

ELEMENTS = ("title", "date", "referencenumber", "requisitionid", "url", "company", "city", "state", "country",
            "postalcode", "description", "salary", "jobtype", "category", "experience", "remotetype")
JOB_TYPES = {"FULL_TIME": "fulltime", "PART_TIME": "parttime", "CONTRACTOR": "contract", "TEMPORARY": "temporary",
             "INTERN": "internship"}
REMOTE_TYPES = {"remote": "Fully remote", "hybrid": "Hybrid remote"}
PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}

_TEXT = {"type": "string", "minLength": 1}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["title", "date", "referencenumber", "url", "company", "description"],
    "additionalProperties": False,
    "properties": {
        **{name: _TEXT for name in ELEMENTS},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$"},
        "url": {"type": "string", "pattern": r"^https?://\S+$"},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "jobtype": {"enum": sorted(set(JOB_TYPES.values()))},
        "remotetype": {"enum": sorted(REMOTE_TYPES.values())},
    },
    "allOf": [{
        "anyOf": [{"required": ["country"]}, {"required": ["city"]},
                  {"required": ["remotetype"], "properties": {"remotetype": {"const": "Fully remote"}}}],
        "x-reason": "no location (no city or country, and not fully remote)",
    }],
}


def job_fields(row: dict[str, Any]) -> dict[str, str]:
    """element name -> text for one posting's <job>; unknown values are left out."""
    first = (fields.locations(row) or [{"city": "", "region": "", "country": ""}])[0]
    values = {
        "title": fields.text(row, "title"),
        "date": fields.text(row, "datePosted"),
        "referencenumber": fields.text(row, "id"),
        "requisitionid": fields.source_posting_id(row),
        "url": fields.http_url(row.get("url")),
        "company": fields.text(row, "companyName"),
        "city": first["city"],
        "state": first["region"],
        "country": first["country"],
        "description": literal_entities(markdown_to_html(row.get("description") or "")),
        "salary": _salary(row),
        "jobtype": JOB_TYPES.get(fields.text(row, "employmentType"), ""),
        "category": fields.text(row, "department"),
        "experience": fields.experience_text(row),
        "remotetype": REMOTE_TYPES.get(fields.text(row, "workplace"), ""),
    }
    return {name: xml_text(values[name]) for name in ELEMENTS if values.get(name) and xml_text(values[name])}


def _salary(row: dict[str, Any]) -> str:
    salary = fields.salary(row)
    if salary is None:
        return ""
    low, high = salary["min"], salary["max"]
    amount = f"{low}-{high}" if low is not None and high is not None and low != high else str(
        low if low is not None else high)
    period = PERIODS.get(salary["period"])
    return f"{amount} {salary['currency']}" + (f" per {period}" if period else "")


def _cdata(writer: Any, value: str) -> None:
    """`value` as CDATA sections: "]]>" cannot occur inside one, so it is split between two."""
    parts = value.split("]]>")
    for index, part in enumerate(parts):
        if index < len(parts) - 1:
            part += "]]"
        if index > 0:
            part = ">" + part
        if part:
            writer.write(etree.CDATA(part))


class FeedWriter:
    """Streams a feed to a binary file: `with FeedWriter(handle, publisher, url) as feed: feed.job(values)`."""

    def __init__(self, handle: IO[bytes], publisher: str = "", publisher_url: str = "",
                 built: datetime | None = None):
        self.handle = handle
        self.publisher = xml_text(publisher)
        self.publisher_url = xml_text(publisher_url)
        self.built = built or datetime.now(UTC)
        self._xml: Any = None
        self._contexts: list[Any] = []
        self.jobs = 0

    def __enter__(self) -> "FeedWriter":
        # Written by hand for the double quotes of Indeed's examples; lxml writes the rest.
        self.handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
        xml_context = etree.xmlfile(self.handle, encoding="utf-8")
        self._xml = xml_context.__enter__()
        self._contexts.append(xml_context)
        source = self._xml.element("source")
        source.__enter__()
        self._contexts.append(source)
        self._xml.write("\n")
        for name, value in (("publisher", self.publisher), ("publisherurl", self.publisher_url),
                            ("lastBuildDate", format_datetime(self.built, usegmt=True))):
            self._element(name, value)
        return self

    def _element(self, name: str, value: str, indent: str = "  ") -> None:
        self._xml.write(indent)
        with self._xml.element(name):
            _cdata(self._xml, xml_text(value))
        self._xml.write("\n")

    def job(self, values: dict[str, str]) -> None:
        self._xml.write("  ")
        with self._xml.element("job"):
            self._xml.write("\n")
            for name in ELEMENTS:
                if values.get(name):
                    self._element(name, values[name], indent="    ")
            self._xml.write("  ")
        self._xml.write("\n")
        self.jobs += 1

    def __exit__(self, *exc: Any) -> None:
        while self._contexts:
            self._contexts.pop().__exit__(*exc)
        self.handle.write(b"\n")
