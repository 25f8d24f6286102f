"""Salary: a source's structured pay (min, max, currency, period) to the record's shape."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any, Mapping

import pycountry

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
}
# Pay beyond these bounds is a data error, not a salary.
_MAX_AMOUNT = 1e9


@lru_cache(maxsize=512)
def currency_code(value: str | None) -> str:
    """ISO 4217 code for a code or a common symbol, "" when unknown."""
    if not value:
        return ""
    text = clean_text(value).strip()
    symbol = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN", "kr": "SEK",
              "chf": "CHF", "fr.": "CHF", "us$": "USD", "c$": "CAD", "a$": "AUD", "r$": "BRL"}.get(text.lower())
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
    return _PERIOD_WORDS.get(text, _PERIOD_WORDS.get(text.rstrip("s"), ""))


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
    return int(number) if number.is_integer() else round(number, 2)


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
    """Salary from what a spider put in salaryRaw: a mapping with min/max/currency/period keys."""
    if isinstance(raw, Mapping):
        return structured_salary(raw.get("min"), raw.get("max"), raw.get("currency"), raw.get("period"),
                                 str(raw.get("raw") or ""))
    return empty_salary()
