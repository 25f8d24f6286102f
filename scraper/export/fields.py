"""Reading one dataset row (datasets/jobs.parquet through DuckDB: front-matter keys, `description` = the Markdown
body, `recordPath`) the way every export format needs it.  Nothing here invents a value: what the row does not
hold comes back empty, and the format leaves it out (or leaves the posting out, when it is required)."""

from __future__ import annotations

import re
from typing import Any

import pycountry

from scraper.normalize.regions import region_members

_HTTP_URL = re.compile(r"https?://[^\s<>\"'`]+\Z", re.I)


def text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""


def http_url(value: Any) -> str:
    """An absolute http(s) URL, or "" (a javascript:, data: or relative value is no URL a board may link)."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    return value if _HTTP_URL.match(value) else ""


def number(value: Any) -> int | float | None:
    """A salary amount as JSON wants it: 50000 rather than 50000.0; None for none or a non-positive one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value <= 0:
        return None
    return int(value) if float(value).is_integer() else float(value)


def source_posting_id(row: dict[str, Any]) -> str:
    """The source's own id of the posting: the last part of `<platform>:<board>:<posting id>`."""
    parts = text(row, "id").split(":", 2)
    return parts[2] if len(parts) == 3 else ""


def locations(row: dict[str, Any]) -> list[dict[str, str]]:
    """The row's locations that say anything, each {city, region, country}."""
    out = []
    for location in row.get("locations") or []:
        if not isinstance(location, dict):
            continue
        place = {key: (location.get(key) or "").strip() for key in ("city", "region", "country")}
        if any(place.values()):
            out.append(place)
    return out


def applicant_countries(row: dict[str, Any]) -> list[str]:
    """applicantRegions as ISO country codes: a region code (EU, DACH, EMEA, ...) becomes its member countries
    (scraper/normalize/regions.py's table), in the order the regions are listed; unknown codes are dropped."""
    out: list[str] = []
    for code in row.get("applicantRegions") or []:
        if not isinstance(code, str):
            continue
        out.extend(c for c in sorted(region_members(code)) if c not in out)
    return out


def country_name(code: str) -> str:
    """The English short name of an ISO 3166-1 alpha-2 code ("DE" -> "Germany"), or "" when it is none."""
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name


def skills(row: dict[str, Any]) -> list[str]:
    """Required skills first, then nice-to-have ones, without repeats."""
    value = row.get("skills") or {}
    out: list[str] = []
    for part in ("required", "niceToHave"):
        out.extend(s for s in value.get(part) or [] if isinstance(s, str) and s and s not in out)
    return out


def salary(row: dict[str, Any]) -> dict[str, Any] | None:
    """{min, max, currency, period} when the row states a currency and at least one amount, else None."""
    value = row.get("salary") or {}
    low, high = number(value.get("min")), number(value.get("max"))
    currency = (value.get("currency") or "").strip()
    if not currency or (low is None and high is None):
        return None
    return {"min": low, "max": high, "currency": currency, "period": (value.get("period") or "").strip()}


def experience_min_years(row: dict[str, Any]) -> int | None:
    value = (row.get("experienceYears") or {}).get("min")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def experience_text(row: dict[str, Any]) -> str:
    """"3-5 years", "5+ years", "up to 2 years" or ""."""
    years = row.get("experienceYears") or {}
    low, high = years.get("min"), years.get("max")
    low = low if isinstance(low, int) and not isinstance(low, bool) else None
    high = high if isinstance(high, int) and not isinstance(high, bool) else None
    if low is not None and high is not None and high != low:
        return f"{low}-{high} years"
    if low is not None:
        return f"{low}+ years" if high is None else f"{low} years"
    if high is not None:
        return f"up to {high} years"
    return ""
