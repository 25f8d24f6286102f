"""Salary normalizing for the raw values ATS spiders pass on: pay intervals, period words in
phrases, amounts that carry their currency."""

import pytest

from scraper.normalize.salary import currency_in, normalize_period, normalize_salary


@pytest.mark.parametrize(
    "raw,expected",
    [
        # Lever salaryRange.interval
        ("per-year-salary", "YEAR"),
        ("per-month-salary", "MONTH"),
        ("per-week-salary", "WEEK"),
        ("per-day-wage", "DAY"),
        ("per-hour-wage", "HOUR"),
        ("one-time", ""),
        # Ashby compensation interval
        ("1 YEAR", "YEAR"),
        ("1 MONTH", "MONTH"),
        ("1 WEEK", "WEEK"),
        ("1 DAY", "DAY"),
        ("1 HOUR", "HOUR"),
        ("2 WEEK", ""),
        ("NONE", ""),
        # a period named in a label (Greenhouse pay-range titles)
        ("Annual Cash Compensation Range:", "YEAR"),
        ("Hourly pay", "HOUR"),
        ("Paid per month", "MONTH"),
        ("United States Salary Range", ""),
        ("US based applicants only", ""),
        ("Local Pay Range", ""),
        # what was understood before stays so
        ("year", "YEAR"),
        ("hourly", "HOUR"),
        ("per_month", "MONTH"),
        ("salary", "YEAR"),
        ("", ""),
        (None, ""),
    ],
)
def test_periods(raw, expected):
    assert normalize_period(raw) == expected


@pytest.mark.parametrize(
    "amounts,expected",
    [
        (("$208,454", "$364,795 USD"), "USD"),
        (("$100", "$120 CAD"), "CAD"),  # a written code outranks the symbol several dollars share
        (("CA$102.8K", "CA$137K"), "CAD"),
        (("€40", "€45"), "EUR"),
        (("£91,000", None), "GBP"),
        ((100, 200), ""),
        (("100", "200"), ""),
        ((), ""),
    ],
)
def test_currency_named_in_amounts(amounts, expected):
    assert currency_in(*amounts) == expected


def test_string_amounts_with_their_currency():
    assert normalize_salary(
        {
            "min": "$217,000",
            "max": "$312,200 USD",
            "currency": "",
            "period": "Local Pay Range",
            "raw": "$217,000 - $312,200 USD",
        }
    ) == {"min": 217000, "max": 312200, "currency": "USD", "period": "", "raw": "$217,000 - $312,200 USD"}


def test_a_given_currency_wins_over_symbols():
    assert normalize_salary({"min": "$10", "max": "$20", "currency": "AUD", "period": "per-hour-wage"}) == {
        "min": 10,
        "max": 20,
        "currency": "AUD",
        "period": "HOUR",
        "raw": "10 - 20 AUD per hour",
    }
