"""A deliberately naive keyword extractor: the floor the real extractor is measured against.

Like the seed's extractor it matches a fixed keyword list anywhere in the text, with no sense of context
("the rest of the team" gives REST, "react quickly" gives React), no required/nice-to-have split (every
skill is "required"), no applicant regions, and salary from price-parser on the first line that shows a
currency (which reads one number and ignores "k"). It exists so that
``python tests/eval/evaluate.py --extractor tests.eval.baseline:extract`` can run before the real
extractor lands, and so its table shows what "better than naive" has to beat. Do not improve it.
"""

from __future__ import annotations

import re
from typing import Any

from price_parser import Price

SKILLS = (
    "Python", "Java", "JavaScript", "TypeScript", "Go", "Rust", "Ruby", "C++", "C#", "PHP", "Kotlin", "Swift",
    "Scala", "R", "SQL", "PostgreSQL", "MySQL", "MongoDB", "Redis", "Elasticsearch", "Snowflake", "BigQuery",
    "AWS", "Azure", "GCP", "Docker", "Kubernetes", "Terraform", "Ansible", "Linux", "Git", "GitHub", "GitLab",
    "Jenkins", "React", "Angular", "Vue", "Node.js", "Django", "Flask", "Spring", "Rails", "GraphQL", "REST",
    "Kafka", "Spark", "Airflow", "dbt", "Tableau", "Excel", "Salesforce", "HubSpot", "Jira", "Figma",
    "Machine Learning", "CI/CD", "Agile", "Scrum", "Android", "iOS", "Make", "Chef", "Express",
)
_SKILL_RE = [(name, re.compile(r"(?<![\w+#])" + re.escape(name) + r"(?![\w+#])", re.I)) for name in SKILLS]

_LANGUAGES = {"en": r"english", "de": r"german|deutsch", "nl": r"dutch|nederlands", "fr": r"french|français",
              "es": r"spanish|español", "it": r"italian|italiano"}
_SENIORITY = (("intern", r"intern|werkstudent|stagiair"), ("principal", r"principal|staff"),
              ("director", r"director"), ("lead", r"lead"), ("manager", r"manager"),
              ("senior", r"senior|sr\.?"), ("junior", r"junior|jr\.?"), ("mid", r"mid|medior"))
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*(\d{1,2})\s*)?(?:years|jahre|jaar)", re.I)
_EMPLOYMENT = (("INTERN", r"internship|intern\b"), ("PART_TIME", r"part[- ]time|teilzeit"),
               ("CONTRACTOR", r"contract"), ("FULL_TIME", r"full[- ]time|vollzeit"))
_STOPWORDS = {"en": {"the", "and", "you", "with", "of", "to"},
              "de": {"und", "die", "der", "mit", "du", "wir"},
              "nl": {"de", "het", "een", "en", "je", "van"}}
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}


def extract(text: str, title: str = "") -> dict[str, Any]:
    """The record's requirement keys from plain text and a title, by keyword lookup."""
    full = f"{title}\n{text}"
    lower = full.lower()
    skills = [name for name, rx in _SKILL_RE if rx.search(full)]
    languages = [code for code, rx in _LANGUAGES.items() if re.search(rf"\b(?:{rx})\b", lower)]
    seniority = next((level for level, rx in _SENIORITY if re.search(rf"\b(?:{rx})\b", title.lower())), None)
    years = None
    m = _YEARS.search(full)
    if m:
        years = {"min": int(m.group(1)), "max": int(m.group(2)) if m.group(2) else None}
    workplace = ("hybrid" if "hybrid" in lower else "remote" if "remote" in lower
                 else "onsite" if re.search(r"on-?site|in-office", lower) else None)
    employment = next((kind for kind, rx in _EMPLOYMENT if re.search(rx, lower)), None)
    words = re.findall(r"[a-zäöüß]+", lower)
    scores = {code: sum(w in stop for w in words) for code, stop in _STOPWORDS.items()}
    return {
        "skills": {"required": skills, "niceToHave": []},
        "languages": languages,
        "seniority": seniority,
        "experienceYears": years,
        "workplace": workplace,
        "applicantRegions": [],
        "salary": _salary(full),
        "employmentType": employment,
        "postingLanguage": max(scores, key=scores.get) if words else None,
    }


def _salary(text: str) -> dict[str, Any] | None:
    for line in text.splitlines():
        symbol = next((s for s in _CURRENCIES if s in line), None)
        if symbol is None:
            continue
        price = Price.fromstring(line)
        if price.amount is None:
            continue
        amount = float(price.amount)
        return {"min": amount, "max": amount, "currency": _CURRENCIES[symbol], "period": "YEAR"}
    return None
