"""Platform codes the normalizers must understand: Workable job types, Personio contract kinds
with their hours, Teamtailor remote statuses, Personio seniority, Rippling/Gem/Breezy/BambooHR codes;
and <br><br> in posting HTML."""

import pytest

from scraper.normalize.employment import normalize_employment_type
from scraper.normalize.seniority import normalize_seniority
from scraper.normalize.text import html_to_markdown_text
from scraper.normalize.workplace import normalize_workplace


@pytest.mark.parametrize("raw,expected", [
    # Workable v2/v3 `type`
    ("full", "FULL_TIME"), ("part", "PART_TIME"), ("contract", "CONTRACTOR"), ("temporary", "TEMPORARY"),
    # Workable widget `employment_type`, SmartRecruiters typeOfEmployment labels and ids
    ("Full-time", "FULL_TIME"), ("Part-time", "PART_TIME"), ("Intern", "INTERN"), ("permanent", "FULL_TIME"),
    # Personio employmentType + schedule: the contract kind outranks the hours
    ("permanent full-time", "FULL_TIME"), ("permanent part-time", "PART_TIME"),
    ("intern full-time", "INTERN"),
    # a working student (Werkstudent) is a part-time employee, not an intern (tests/eval labels, issue 4)
    ("working_student part-time", "PART_TIME"), ("trainee full-time", "INTERN"), ("freelance", "CONTRACTOR"),
    ("temporary full-time", "TEMPORARY"),
    # Rippling employmentType.label ("salaried" alone must not make SALARIED_PT full time), Gem, Breezy, BambooHR
    ("SALARIED_FT", "FULL_TIME"), ("SALARIED_PT", "PART_TIME"), ("HOURLY_FT", "FULL_TIME"), ("HOURLY_PT", "PART_TIME"),
    ("CONTRACTOR", "CONTRACTOR"), ("TEMP", "TEMPORARY"), ("intern", "INTERN"), ("fullTime", "FULL_TIME"),
    ("Full Time", "FULL_TIME"), ("Internship", "INTERN"),
    # not a type
    ("fullstack", ""), ("partner", ""),
])
def test_employment_codes(raw, expected):
    assert normalize_employment_type(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("fully", "remote"), ("Fully", "remote"), ("hybrid", "hybrid"), ("none", ""), ("temporary", ""),
    ("TELECOMMUTE", "remote"), ("Munich / Berlin", ""), ("Remote Germany", "remote"),
    ("Berlin (Hybrid)", "hybrid"),
    ("fully furnished office", ""),
    # Rippling v2 workplaceType, Gem location_type / locationType, Pinpoint workplace_type_text
    ("ON_SITE", "onsite"), ("REMOTE", "remote"), ("HYBRID", "hybrid"), ("in_office", "onsite"),
    ("IN_OFFICE", "onsite"), ("Fully remote", "remote"),
])
def test_workplace_labels(raw, expected):
    assert normalize_workplace(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("student", "intern"), ("entry-level", "junior"), ("experienced", "senior"), ("executive", "executive"),
    ("Mid-Senior level", "senior"), ("mid_senior_level", "senior"), ("associate", "junior"),
    ("not_applicable", ""),
])
def test_seniority_codes(raw, expected):
    assert normalize_seniority(raw) == expected


@pytest.mark.parametrize("html,expected", [
    ("<strong>Hybrid</strong><br><br>Join us.", "**Hybrid**\n\nJoin us."),
    ("One. <br><br>Two.<br><br><br>Three.", "One.\n\nTwo.\n\nThree."),
    ("Line one<br>line two", "Line one\\\nline two"),
    ("Trailing<br>", "Trailing"),
    ("<pre>keep \\\n\nas is</pre>", "```\nkeep \\\n\nas is\n```"),
])
def test_double_line_breaks_are_paragraphs(html, expected):
    assert html_to_markdown_text(html) == expected
