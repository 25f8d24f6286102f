"""Salary: a source's structured pay (min, max, currency, period) to the record's shape."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any, Mapping

import pycountry
from price_parser import Price

from scraper.items import empty_salary

from .text import clean_text

PERIODS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
_PERIOD_WORDS = {
    "hour": "HOUR", "hourly": "HOUR", "hr": "HOUR", "h": "HOUR", "per_hour": "HOUR", "stunde": "HOUR", "uur": "HOUR",
    "day": "DAY", "daily": "DAY", "per_day": "DAY", "tag": "DAY", "dag": "DAY",
    "week": "WEEK", "weekly": "WEEK", "per_week": "WEEK", "woche": "WEEK",
    "month": "MONTH", "monthly": "MONTH", "per_month": "MONTH", "monat": "MONTH", "maand": "MONTH",
    "year": "YEAR", "yearly": "YEAR", "annual": "YEAR", "annually": "YEAR", "annum": "YEAR", "per_year": "YEAR",
    "per_annum": "YEAR", "salary": "YEAR", "jahr": "YEAR", "jaar": "YEAR", "pa": "YEAR", "yr": "YEAR",
    # Lever salaryRange.interval
    "per_hour_wage": "HOUR", "per_day_wage": "DAY", "per_week_salary": "WEEK", "per_month_salary": "MONTH",
    "per_year_salary": "YEAR",
    # Ashby compensation interval ("2 WEEK" has no period of ours)
    "1_hour": "HOUR", "1_day": "DAY", "1_week": "WEEK", "1_month": "MONTH", "1_year": "YEAR",
}
# A period named inside a phrase ("Annual Cash Compensation Range:"); only words that
# cannot mean anything else ("salary" alone says nothing about the period).
_PERIOD_IN_PHRASE = re.compile(
    r"\b(?:(?P<HOUR>hourly|per hour)|(?P<DAY>daily|per day)|(?P<WEEK>weekly|per week)|"
    r"(?P<MONTH>monthly|per month)|(?P<YEAR>annual(?:ly)?|yearly|per year|per annum))\b", re.I)
# Pay beyond these bounds is a data error, not a salary.
_MAX_AMOUNT = 1e9


@lru_cache(maxsize=512)
def currency_code(value: str | None) -> str:
    """ISO 4217 code for a code or a common symbol, "" when unknown."""
    if not value:
        return ""
    text = clean_text(value).strip()
    symbol = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN", "kr": "SEK",
              "chf": "CHF", "fr.": "CHF", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
              "r$": "BRL"}.get(text.lower())
    if symbol:
        return symbol
    if len(text) == 3 and pycountry.currencies.get(alpha_3=text.upper()) is not None:
        return text.upper()
    return ""


def normalize_period(value: object) -> str:
    if value is None:
        return ""
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text.upper() in PERIODS:
        return text.upper()
    found = _PERIOD_WORDS.get(text, _PERIOD_WORDS.get(text.rstrip("s"), ""))
    if not found and "_" in text:
        m = _PERIOD_IN_PHRASE.search(str(value).replace("-", " ").replace("_", " "))
        found = m.lastgroup or "" if m else ""
    return found


def currency_in(*amounts: object) -> str:
    """ISO 4217 code of the currency the amount strings name ("$208,454", "$364,795 USD" -> USD)."""
    found = [Price.fromstring(a).currency for a in amounts if isinstance(a, str) and a.strip()]
    # A written code ("USD") outranks a symbol ("$" is also the Canadian, Australian... dollar).
    for text in sorted((f for f in found if f), key=lambda f: not f.isalpha()):
        code = currency_code(text)
        if code:
            return code
    return ""


def to_amount(value: object) -> int | float | None:
    """A positive, finite amount; integral values as int.  "75,000" and "75000.00" read as 75000."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = re.sub(r"[^\d.,]", "", str(value))
        if not text:
            return None
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
            text = text.replace(",", "")
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    if not math.isfinite(number) or number <= 0 or number > _MAX_AMOUNT:
        return None
    if number.is_integer():
        return int(number)
    rounded = round(number, 2)
    return rounded if rounded > 0 else None  # a fraction of a cent is not pay


def _format_amount(value: int | float | None) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def structured_salary(minimum: object = None, maximum: object = None, currency: object = None,
                      period: object = None, raw: str = "") -> dict[str, Any]:
    """The record's salary from structured parts; amounts swapped if a source gives them reversed."""
    low, high = to_amount(minimum), to_amount(maximum)
    if low is not None and high is not None and low > high:
        low, high = high, low
    salary = empty_salary()
    if low is None and high is None:
        return salary
    code = currency_code(str(currency)) if currency else ""
    unit = normalize_period(period)
    if not raw:
        span = " - ".join(_format_amount(v) for v in dict.fromkeys((low, high)) if v is not None)
        raw = " ".join(p for p in (span, code, f"per {unit.lower()}" if unit else "") if p)
    salary.update({"min": low, "max": high, "currency": code, "period": unit, "raw": clean_text(raw)})
    return salary


def normalize_salary(raw: object) -> dict[str, Any]:
    """Salary from what a spider put in salaryRaw: a mapping with min/max/currency/period keys.

    Amounts may be strings that carry their currency ("$208,454", "$364,795 USD"); the
    currency then comes from them when the mapping names none.
    """
    if isinstance(raw, Mapping):
        currency = raw.get("currency") or currency_in(raw.get("min"), raw.get("max"))
        return structured_salary(raw.get("min"), raw.get("max"), currency, raw.get("period"),
                                 str(raw.get("raw") or ""))
    return empty_salary()
