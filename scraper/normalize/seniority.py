"""Seniority levels from the codes and labels sources give."""

from __future__ import annotations

import re

SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", "executive")

_CODES = {
    # Recruitee experience_code values
    "student_college": "intern", "student_high_school": "intern", "internship": "intern",
    "entry_level": "junior", "mid_level": "mid", "experienced": "senior", "manager": "manager",
    "executive": "executive", "senior_executive": "executive",
    # LinkedIn-style levels used by several ATS
    "associate": "junior", "mid_senior_level": "senior", "mid-senior level": "senior", "director": "director",
    "entry level": "junior", "mid level": "mid", "not_applicable": "",
    # Personio seniority values (besides entry-level, experienced, executive above)
    "student": "intern",
}
_WORDS = re.compile(
    r"\b(?P<intern>intern(?:ship)?|praktikant(?:in)?|werkstudent(?:in)?|trainee|apprentice|stagiair)\b|"
    r"\b(?P<executive>chief|c[etfo]o|vp|vice president|head of|executive)\b|"
    r"\b(?P<director>director|direktor(?:in)?)\b|"
    r"\b(?P<principal>principal|staff|distinguished)\b|"
    r"\b(?P<lead>lead|tech lead|team lead|teamleiter(?:in)?|leiter(?:in)?)\b|"
    r"\b(?P<manager>manager)\b|"
    r"\b(?P<senior>senior|sr\.?)\b|"
    r"\b(?P<junior>junior|jr\.?|entry[- ]level|graduate|einsteiger)\b|"
    r"\b(?P<mid>mid[- ]?level|intermediate|medior)\b",
    re.I,
)


def normalize_seniority(raw: object) -> str:
    """A seniority level for a source code or label ("entry_level", "Mid-Senior level"), "" if unknown."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if not text:
        return ""
    key = text.lower()
    if key in _CODES:
        return _CODES[key]
    if key in SENIORITY_LEVELS:
        return key
    m = _WORDS.search(text)
    return m.lastgroup or "" if m else ""
