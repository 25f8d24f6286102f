"""The raw values Workday's cxs API sends, through the shared normalizers."""

from datetime import UTC, datetime

import pytest

from scraper.normalize.dates import iso_date
from scraper.normalize.employment import normalize_employment_type
from scraper.normalize.workplace import normalize_workplace

NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Flex", "hybrid"),
        ("Hybrid", "hybrid"),
        ("Onsite", "onsite"),
        ("Fully Remote", "remote"),
        ("Remote", "remote"),
        ("Flexible hours", ""),
    ],
)
def test_remote_type(raw, expected):
    assert normalize_workplace(raw) == expected


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Full time", "FULL_TIME"),
        ("Part time", "PART_TIME"),
    ],
)
def test_time_type(raw, expected):
    assert normalize_employment_type(raw) == expected


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Posted Today", "2026-07-01T12:00:00Z"),
        ("Posted Yesterday", "2026-06-30T12:00:00Z"),
        ("Posted 3 Days Ago", "2026-06-28T12:00:00Z"),
        ("Posted 30+ Days Ago", "2026-06-01T12:00:00Z"),
        ("2026-06-16", "2026-06-16T00:00:00Z"),
    ],
)
def test_posted_on_counts_back_from_the_crawl(raw, expected):
    assert iso_date(raw, NOW) == expected
