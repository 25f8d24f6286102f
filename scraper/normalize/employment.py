"""Employment type: source codes and phrases to schema.org values, and the seed's jobType."""

from __future__ import annotations

import re

EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM",
                    "OTHER")

# Ordered: the first pattern that matches wins, so the more specific ones come first
# ("fulltime_fixed_term" is full time; "Werkstudent" is part-time, not an internship).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (value, re.compile(pattern, re.I)) for value, pattern in (
        ("INTERN", r"\b(?:intern(?:ship)?s?|praktik(?:um|ant)|stage|stagiair|trainee|apprentice(?:ship)?|"
                   r"ausbildung|azubi|werkstudent(?:in)?|working student|co-?op)\b"),
        ("VOLUNTEER", r"\b(?:volunteer|ehrenamt(?:lich)?|vrijwillig(?:er)?)\b"),
        ("PER_DIEM", r"\bper[ _-]?diem\b"),
        ("CONTRACTOR", r"\b(?:contract(?:or)?|freelance(?:r)?|freiberuflich|zzp|consultant contract|"
                       r"independent contractor|b2b)\b"),
        ("TEMPORARY", r"\b(?:temporary|temp|seasonal|befristet|tijdelijk|fixed[ _-]?term|interim|aushilfe|"
                      r"minijob|bijbaan)\b"),
        ("PART_TIME", r"\b(?:part[ _-]?time|parttime|teilzeit|deeltijd)\b"),
        ("FULL_TIME", r"\b(?:full[ _-]?time|fulltime|vollzeit|voltijd|permanent|festanstellung|unbefristet|"
                      r"regular|salaried)\b"),
        ("OTHER", r"\bother\b"),
    )
)
# Codes where the fixed-term qualifier must not outrank the hours.
_DIRECT = {
    "fulltime_fixed_term": "FULL_TIME", "fulltime_permanent": "FULL_TIME", "fulltime": "FULL_TIME",
    "parttime_fixed_term": "PART_TIME", "parttime_permanent": "PART_TIME", "parttime": "PART_TIME",
    "full_time": "FULL_TIME", "part_time": "PART_TIME", "full-time": "FULL_TIME", "part-time": "PART_TIME",
    "contract": "CONTRACTOR", "contractor": "CONTRACTOR", "freelance": "CONTRACTOR",
    "internship": "INTERN", "intern": "INTERN", "temporary": "TEMPORARY", "volunteer": "VOLUNTEER",
    "per_diem": "PER_DIEM", "other": "OTHER",
    # Workable's v2/v3 job `type`
    "full": "FULL_TIME", "part": "PART_TIME",
}
JOB_TYPES = {
    "FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract", "TEMPORARY": "temporary",
    "INTERN": "internship", "VOLUNTEER": "volunteer", "PER_DIEM": "per-diem", "OTHER": "other",
}


def normalize_employment_type(raw: object) -> str:
    """schema.org employmentType for a source value, "" when it says nothing we know."""
    if raw is None:
        return ""
    if isinstance(raw, (list, tuple)):
        for value in raw:
            found = normalize_employment_type(value)
            if found:
                return found
        return ""
    text = str(raw).strip()
    if not text:
        return ""
    key = text.lower().replace(" ", "_")
    if key in _DIRECT:
        return _DIRECT[key]
    if text.upper() in EMPLOYMENT_TYPES:
        return text.upper()
    for value, pattern in _PATTERNS:
        if pattern.search(text.replace("_", " ")):
            return value
    return ""


def job_type(employment_type: str) -> str:
    """The seed's jobType: its vocabulary for an employment type, "other" when unknown (as in the seed)."""
    return JOB_TYPES.get(employment_type, "other")
