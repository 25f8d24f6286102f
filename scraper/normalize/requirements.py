"""Requirements extraction: everything a job seeker and an analyst read first, from a posting's text.

`extract_requirements(text, title)` returns the record's keys: skills {required, niceToHave}, languages,
seniority, experienceYears, workplace, applicantRegions, salary, employmentType, postingLanguage.  `text`
may be HTML, our Markdown body, or plain text.  Markdown keeps the structure the skills matcher reads
nice-to-have sections from (headings, nested lists); the other extractors read its plain-text form.

The derived fields of the seed record are built from the result: `hashtags`, `summary`, `summaryBackup`.
"""

from __future__ import annotations

import re
from typing import Any

from scraper.items import empty_experience, empty_salary, empty_skills

from .employment import extract_employment_type
from .experience import extract_experience_years
from .languages import detect_posting_language, extract_languages
from .location import country_name
from .regions import extract_applicant_regions
from .salary import extract_salary
from .seniority import extract_seniority
from .skills import extract_skills, get_skill, hashtag
from .text import clean_multiline, clean_text, html_to_markdown_text, markdown_to_plain
from .workplace import extract_workplace

# Input with real markup (not Markdown that mentions "\\<b>" or "&amp;"): converted first.
_HTML_INPUT = re.compile(r"(?<!\\)<(?:p|div|ul|ol|li|br|h[1-6]|span|strong|em|b|i|a|table|tr|td)\b[^>]*>", re.I)

REQUIREMENT_KEYS = ("skills", "languages", "seniority", "experienceYears", "workplace", "applicantRegions",
                    "salary", "employmentType", "postingLanguage")


def extract_requirements(text: str, title: str = "", location: str = "", company: str = "",
                         seniority_raw: str = "") -> dict[str, Any]:
    """The record's requirement fields from one posting (HTML, Markdown or plain text)."""
    text = text or ""
    markdown = html_to_markdown_text(text) if _HTML_INPUT.search(text) else clean_multiline(text)
    return extract_from_markdown(markdown, clean_text(title), location, company, seniority_raw)


def extract_from_markdown(markdown: str, title: str = "", location: str = "", company: str = "",
                          seniority_raw: str = "", known: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The record's requirement fields from a Markdown body (ours).  Unknown values stay empty.

    Fields named in `known` (the source already stated them: a salary range, a workplace flag) are not
    looked for in the text; they come back empty."""
    plain = markdown_to_plain(markdown)
    has_text = bool(plain.strip())
    skills = extract_skills(markdown, exclude=[company] if company else ()) if markdown.strip() else empty_skills()
    skills = {part: [name for name in names if _recorded(name)] for part, names in skills.items()}
    return {
        "skills": skills,
        "languages": extract_languages(plain, title),
        "seniority": extract_seniority(title, plain, seniority_raw),
        "experienceYears": extract_experience_years(plain) if has_text else empty_experience(),
        "workplace": "" if "workplace" in known else extract_workplace(plain, title, location),
        "applicantRegions": extract_applicant_regions(plain, title, location),
        "salary": extract_salary(plain) if has_text and "salary" not in known else empty_salary(),
        "employmentType": "" if "employmentType" in known else extract_employment_type(plain, title, location),
        "postingLanguage": detect_posting_language(plain) if has_text and "postingLanguage" not in known else "",
    }


# Domain concepts ("Distributed systems", "Observability", "SIEM") are in the taxonomy so that the matcher
# knows them, but a record's skills are the technologies, tools, platforms, protocols and methods a candidate
# is asked for, and the broad topics employers tag postings with (category "topic": cloud computing, software
# testing, QA, ORM, algorithms, mobile, e-commerce, open source, ...).
_NOT_RECORDED = frozenset({"concept"})
# Topics are skills of the record but not hashtags, and the summary names the concrete skills: "#cloud" and
# "who knows Software testing" read like the seed's "#analysis", not like a requirement.
TOPIC = "topic"


def _recorded(name: str) -> bool:
    skill = get_skill(name)
    return skill is None or skill.category not in _NOT_RECORDED


def is_topic(name: str) -> bool:
    """Is ``name`` one of the taxonomy's broad topics ("Cloud computing", "Software testing")?"""
    skill = get_skill(name)
    return skill is not None and skill.category == TOPIC


# ---- the seed's derived fields ------------------------------------------------------------------

def _language_tag(code: str) -> str:
    """"#English", as the seed writes spoken languages (the English name, capitalised, no spaces)."""
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    name = getattr(language, "name", "") if language else ""
    return "#" + re.sub(r"[^\w]", "", name.split(";")[0]) if name else ""


def hashtags(skills: dict[str, list[str]], languages: list[str]) -> str:
    """Skills (required first) and spoken languages as the seed's comma-joined #tags, no repeats."""
    tags: list[str] = []
    for name in [*skills.get("required", []), *skills.get("niceToHave", [])]:
        if is_topic(name):
            continue
        tag = hashtag(name)
        if tag and tag not in tags:
            tags.append(tag)
    for code in languages:
        tag = _language_tag(code)
        if tag and tag not in tags:
            tags.append(tag)
    return ",".join(tags)


_GENDER = re.compile(r"\s*\((?:[mwfdxi]\s*[/|,]\s*){1,3}[mwfdxi]\)|\s*\((?:all genders?|gn|\*)\)", re.I)
_ROLE_CUT = re.compile(r"\s+[-–—|:]\s+|\s*\(|,\s")


def role_name(title: str) -> str:
    """The role in a title, for a sentence: "Backend Engineer - Remote (EU)" -> "Backend Engineer"."""
    text = _GENDER.sub("", clean_text(title))
    text = re.sub(r"^\([^)]*\)\s*", "", text)  # "(Senior) Financial Accountant"
    role = _ROLE_CUT.split(text, maxsplit=1)[0].strip(" -–—|,:")
    return role or text.strip()


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeio" else "a"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _skill_name(name: str) -> str:
    skill = get_skill(name)
    return skill.name if skill is not None else name


_REGION_NAMES = {"EU": "the EU", "EEA": "the EEA", "DACH": "the DACH region", "EMEA": "EMEA", "APAC": "APAC",
                 "LATAM": "Latin America", "NORTH_AMERICA": "North America", "EUROPE": "Europe",
                 "NORDICS": "the Nordics", "BENELUX": "the Benelux", "CEE": "Central and Eastern Europe",
                 "US": "the US", "GB": "the UK", "NL": "the Netherlands"}
# Words that already say the level: no prefix then ("a junior Senior ...", "an intern Werkstudent").
_LEVEL_WORDS = re.compile(r"\b(senior|sr|junior|jr|lead|principal|staff|head|chief|director|vp|intern|internship|"
                          r"trainee|werkstudent\w*|student|praktikant\w*|apprentice|graduate|manager|i{1,3}|iv)\b",
                          re.I)


def _region_name(code: str) -> str:
    return _REGION_NAMES.get(code) or country_name(code) or code


def summary(title: str, company: str, fields: dict[str, Any], max_required: int = 4, max_nice: int = 3) -> str:
    """One sentence naming the role, the company and the main requirements; "" without a role or company.

    Built from whole words only, so it is never cut mid-word, and each part appears once:
    "ChartMogul is looking for a junior Backend Engineer (remote, based in the EU) who knows SQL; Ruby,
    PostgreSQL and Rust are a plus."
    """
    role = role_name(title)
    company = clean_text(company)
    if not role or not company:
        return ""
    seniority = fields.get("seniority") or ""
    described = role
    if seniority in {"junior", "senior", "lead", "principal"} and not _LEVEL_WORDS.search(role):
        described = f"{seniority} {role}"
    where = []
    if fields.get("workplace"):
        where.append(fields["workplace"].replace("onsite", "on-site"))
    regions = [_region_name(r) for r in fields.get("applicantRegions") or []][:3]
    if regions:
        where.append(("based in " if fields.get("workplace") == "remote" else "in ") + _join(regions))
    sentence = f"{company} is looking for {_article(described)} {described}"
    if where:
        sentence += f" ({', '.join(where)})"
    years = (fields.get("experienceYears") or {}).get("min")
    if years:
        sentence += f" with {years}+ years of experience"
    required = [_skill_name(s) for s in (fields.get("skills") or {}).get("required", [])
                if not is_topic(s)][:max_required]
    nice = [_skill_name(s) for s in (fields.get("skills") or {}).get("niceToHave", []) if not is_topic(s)][:max_nice]
    if required:
        sentence += " who knows " + _join(required)
    if nice:
        sentence += "; " + _join(nice) + (" are" if len(nice) > 1 else " is") + " a plus"
    return sentence + "."


def summary_backup(title: str, company: str, skills: dict[str, list[str]], max_tags: int = 3) -> str:
    """The seed's second form: "To apply as a backend engineer at X, you preferably need to have some
    knowledge of: #sql, #rubylang." — "" when there is no skill to name."""
    role = role_name(title)
    company = clean_text(company)
    names = [n for n in [*skills.get("required", []), *skills.get("niceToHave", [])] if not is_topic(n)]
    tags = []
    for name in names:
        tag = hashtag(name)
        if tag and tag not in tags:
            tags.append(tag)
    if not role or not company or not tags:
        return ""
    # "Backend Engineer" -> "backend engineer"; acronyms and names with digits keep their case (SQL, iOS).
    lowered = " ".join(w if (len(w) > 1 and (w.isupper() or any(c.isdigit() for c in w) or w[1:] != w[1:].lower()))
                       else w.lower() for w in role.split())
    return (f"To apply as {_article(lowered)} {lowered} at {company}, you preferably need to have some knowledge "
            f"of: {', '.join(tags[:max_tags])}.")
