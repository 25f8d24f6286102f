"""The job-posting item every spider yields and every pipeline refines.

Field names are the record's front-matter keys (see CONTRACT.md), so the
exporter maps nothing.  Where a pipeline normalizes a field, the spider fills
its ``*Raw`` partner with the source's own value (Zyte's convention) and the
normalized field stays empty until the pipeline sets it.  Fields whose name
ends in ``Raw`` or ``Html`` and the bookkeeping fields at the end never reach
a record file; ``scraper.record`` decides what does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


def empty_experience() -> dict[str, int | None]:
    return {"min": None, "max": None}


def empty_skills() -> dict[str, list[str]]:
    return {"required": [], "niceToHave": []}


def empty_salary() -> dict[str, Any]:
    return {"min": None, "max": None, "currency": "", "period": "", "raw": ""}


@dataclass(slots=True)
class JobPosting:
    # ---- the seed's keys, in the seed's order -------------------------------
    title: str = ""
    """Posting title, one line of clean text."""
    location: str = ""
    """Display location: "Remote job" for fully remote postings, else "City, Country"."""
    host: str = ""
    """Origin of the careers site with a trailing slash, e.g. "https://jobs.chartmogul.com/"."""
    companyName: str = ""
    url: str = ""
    """Canonical public URL of the posting."""
    applyUrl: str = ""
    timestamp: int = 0
    """Publication time in epoch milliseconds; 0 when the source gives none."""
    hashtags: str = ""
    """Comma-joined "#tag"s of skills (broad topics left out) and spoken languages, e.g. "#sql,#ruby,#English"."""
    jobType: str = ""
    """Seed vocabulary derived from employmentType: full-time, part-time, contract, temporary,
    internship, volunteer, per-diem, other."""
    logoUrl: str = ""
    companyWebsite: str = ""
    summary: str = ""
    summaryBackup: str = ""
    featured: int = 0
    """Promotion weight from the company's configuration; 0 unless configured."""

    # ---- normalized keys ----------------------------------------------------
    id: str = ""
    """Stable id "<platform>:<board>:<posting id>"."""
    source: str = ""
    """Platform the posting came from: recruitee, greenhouse, ..., jsonld."""
    board: str = ""
    """Board token on the platform (company subdomain, board slug, or careers host)."""
    datePosted: str = ""
    """ISO 8601 UTC, "2020-12-09T00:00:00Z"."""
    dateModified: str = ""
    validThrough: str = ""
    employmentType: str = ""
    """schema.org value: FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER."""
    workplace: str = ""
    """remote | hybrid | onsite."""
    locations: list[dict[str, str]] = field(default_factory=list)
    """[{city, region, country}] with country as ISO 3166-1 alpha-2."""
    applicantRegions: list[str] = field(default_factory=list)
    """Where a remote applicant may live: ISO 3166-1 alpha-2 codes or EU, EEA, EMEA, DACH, ..."""
    department: str = ""
    seniority: str = ""
    """intern, junior, mid, senior, lead, principal, manager, director or executive."""
    experienceYears: dict[str, int | None] = field(default_factory=empty_experience)
    """{min, max} years; either may be null."""
    skills: dict[str, list[str]] = field(default_factory=empty_skills)
    """{required: [...], niceToHave: [...]}, canonical skill names: technologies, tools, protocols, methods, and
    broad topics ("Cloud computing", "Software testing"; taxonomy category "topic"), which make no hashtags."""
    languages: list[str] = field(default_factory=list)
    """ISO 639-1 codes of the spoken languages the posting requires."""
    salary: dict[str, Any] = field(default_factory=empty_salary)
    """{min, max, currency (ISO 4217), period (HOUR|DAY|WEEK|MONTH|YEAR), raw}."""
    postingLanguage: str = ""
    """ISO 639-1 code of the language the posting is written in."""
    status: str = "open"
    """open | closed."""
    closedAt: str = ""
    firstSeen: str = ""
    lastSeen: str = ""
    contentHash: str = ""
    """sha256 hex of the record's content fields (everything but the bookkeeping keys)."""

    # ---- raw partners: the source's own values, kept beside what we normalize ----
    titleRaw: str = ""
    descriptionHtml: list[tuple[str, str]] = field(default_factory=list)
    """The posting's HTML in source order as (section heading, html) pairs; "" heading for the main part."""
    description: str = ""
    """The record body: clean Markdown, set by the clean-text pipeline."""
    locationRaw: str = ""
    locationsRaw: list[dict[str, str]] = field(default_factory=list)
    """Source locations as {city, region, country} with country as a name or code, not yet normalized.
    An entry whose source gives only free text puts it in "label" ("Chicago, IL"; it may list several
    places), with the source's own country for it, if any, in "country"."""
    datePostedRaw: Any = None
    dateModifiedRaw: Any = None
    validThroughRaw: Any = None
    employmentTypeRaw: str = ""
    workplaceRaw: str = ""
    seniorityRaw: str = ""
    salaryRaw: Any = None
    """Structured salary as the source gives it: a dict (min, max, currency, period) or a string."""
    departmentRaw: str = ""
    applicantRegionsRaw: list[str] = field(default_factory=list)
    """Where a remote applicant may live, as the source names it (country or region names or codes)."""

    # ---- bookkeeping, never exported ----------------------------------------
    postingId: str = ""
    postingSlug: str = ""
    """Slug the source gives the posting, when it has one that is unique on the board."""
    companySlug: str = ""
    crawledAt: str = ""
    boardUrl: str = ""
    """The board's API address the posting was listed at; identifies the board for closing postings."""
    rawHash: str = ""
    """Hash of what the source sent (and our normalization version): equal means nothing to redo."""
    unchanged: bool = False
    """Set by the state check: the posting is as last written; later steps pass it through untouched."""
    requestKey: str = ""
    """Distributed crawls: the fingerprint of the request the posting came from (scraper/distributed.py)."""
    recordPath: str = ""
    """The record file, relative to OUTPUT_DIR, set by the records pipeline."""
    event: str = ""
    """new | changed | reopened, set by the state step when the record must be (re)written."""


_POSTING_FIELDS = tuple(JobPosting.__dataclass_fields__)
_POSTING_FIELD_SET = frozenset(_POSTING_FIELDS)


class PostingFields:
    """A JobPosting read and written by field name, as through ItemAdapter, at the cost of an attribute access.

    ItemAdapter looks up the item's adapter class and lists the dataclass's fields each time it wraps an item
    (~30 us; the pipelines wrapped every posting a dozen times) and checks the field list on every access."""

    __slots__ = ("item",)

    def __init__(self, item: JobPosting):
        self.item = item

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self.item, key, default) if key in _POSTING_FIELD_SET else default

    def __getitem__(self, key: str) -> Any:
        if key not in _POSTING_FIELD_SET:
            raise KeyError(key)
        return getattr(self.item, key)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in _POSTING_FIELD_SET:
            raise KeyError(f"{type(self.item).__name__} does not support field: {key}")
        setattr(self.item, key, value)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __contains__(self, key: object) -> bool:
        return key in _POSTING_FIELD_SET

    def keys(self) -> tuple[str, ...]:
        return _POSTING_FIELDS

    def __iter__(self) -> Iterator[str]:
        return iter(_POSTING_FIELDS)

    def __len__(self) -> int:
        return len(_POSTING_FIELDS)


def fields(item: Any) -> Any:
    """The item by field name: PostingFields for our JobPosting, ItemAdapter for any other kind of item."""
    if type(item) is JobPosting:
        return PostingFields(item)
    from itemadapter import ItemAdapter

    return ItemAdapter(item)
