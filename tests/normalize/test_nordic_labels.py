"""The Swedish, Norwegian, Danish (and German, Dutch) labels Nordic boards send: Jobylon's embed shows its
dates, workplaces and employment types in the board's language."""

import pytest

from scraper.normalize.dates import iso_date
from scraper.normalize.employment import normalize_employment_type
from scraper.normalize.seniority import normalize_seniority
from scraper.normalize.workplace import normalize_workplace


@pytest.mark.parametrize("text, expected", [
    ("21 april 2026", "2026-04-21T00:00:00Z"),  # Swedish, as in the Jobylon sample
    ("30 maj 2026", "2026-05-30T00:00:00Z"),
    ("20 januari 2022", "2022-01-20T00:00:00Z"),
    ("31 augusti 2026", "2026-08-31T00:00:00Z"),
    ("21 juni 2021", "2021-06-21T00:00:00Z"),
    ("2 juli 2026", "2026-07-02T00:00:00Z"),
    ("17 mars 2026", "2026-03-17T00:00:00Z"),
    ("3. desember 2025", "2025-12-03T00:00:00Z"),  # Norwegian
    ("1. Oktober 2026", "2026-10-01T00:00:00Z"),  # German
    ("21. Mai 2026", "2026-05-21T00:00:00Z"),
    ("5 maart 2026", "2026-03-05T00:00:00Z"),  # Dutch
    ("March 3, 2026", "2026-03-03T00:00:00Z"),  # English still
    ("mars attacks", ""),
])
def test_month_names(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize("label, expected", [
    ("Arbete på plats", "onsite"), ("Hybridarbete", "hybrid"), ("Distansarbete", "remote"), ("På distans", "remote"),
    ("Fjernarbeid", "remote"), ("Fjernarbejde", "remote"), ("Hybrid", "hybrid"),
])
def test_workplace_labels(label, expected):
    assert normalize_workplace(label) == expected


@pytest.mark.parametrize("label, expected", [
    ("Heltid", "FULL_TIME"), ("Deltid", "PART_TIME"), ("Fuldtid", "FULL_TIME"), ("Vikariat", "TEMPORARY"),
    ("Visstidsanställning", "TEMPORARY"), ("Säsong", "TEMPORARY"), ("Annat", "OTHER"), ("Extra", ""),
])
def test_employment_labels(label, expected):
    assert normalize_employment_type(label) == expected


@pytest.mark.parametrize("label, expected", [
    ("Ingångsnivå", "junior"), ("Mycket erfaren", "senior"), ("Erfaren", ""), ("Inget krav", ""),
])
def test_seniority_labels(label, expected):
    assert normalize_seniority(label) == expected
