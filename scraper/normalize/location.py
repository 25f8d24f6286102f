"""Locations: country names and codes to ISO 3166-1 alpha-2, source strings to {city, region, country}."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from .text import clean_text

# Names pycountry does not know: native names job feeds use, and common short forms.
_COUNTRY_ALIASES = {
    "uk": "GB", "u.k.": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "britain": "GB", "usa": "US", "u.s.": "US", "u.s.a.": "US", "us": "US",
    "united states of america": "US", "america": "US", "deutschland": "DE", "nederland": "NL",
    "the netherlands": "NL", "holland": "NL", "österreich": "AT", "oesterreich": "AT", "schweiz": "CH",
    "suisse": "CH", "svizzera": "CH", "españa": "ES", "espana": "ES", "italia": "IT", "polska": "PL",
    "sverige": "SE", "danmark": "DK", "norge": "NO", "suomi": "FI", "belgië": "BE", "belgie": "BE",
    "belgique": "BE", "luxemburg": "LU", "česko": "CZ", "czechia": "CZ", "czech republic": "CZ",
    "türkiye": "TR", "turkey": "TR", "russia": "RU", "south korea": "KR", "korea": "KR",
    "vietnam": "VN", "taiwan": "TW", "iran": "IR", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "moldova": "MD", "syria": "SY", "laos": "LA", "brasil": "BR", "méxico": "MX", "mexico": "MX",
    "uae": "AE", "ivory coast": "CI", "hong kong": "HK", "macau": "MO", "frankreich": "FR",
    "portugal": "PT", "éire": "IE", "ireland": "IE", "kosovo": "XK",
}


@lru_cache(maxsize=4096)
def country_code(value: str | None) -> str:
    """ISO 3166-1 alpha-2 for a country name or code, "" when it is not a country."""
    if not value:
        return ""
    text = clean_text(value).strip(" .,")
    if not text or len(text) > 60:
        return ""
    alias = _COUNTRY_ALIASES.get(text.lower())
    if alias:
        return alias
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return ""


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name


def normalize_location(city: object = "", region: object = "", country: object = "") -> dict[str, str]:
    """{city, region, country} with country as alpha-2 ("" when unknown)."""
    return {
        "city": clean_text(city),
        "region": clean_text(region),
        "country": country_code(clean_text(country)),
    }


_SEPARATORS = re.compile(r"\s*[,;|/]\s*|\s+-\s+")


def parse_location_string(text: str) -> dict[str, str]:
    """"Berlin, Berlin, Germany" -> {city: Berlin, region: Berlin, country: DE}.

    The last part is the country when it names one; the first is the city; one in
    between is the region.  Nothing is guessed beyond that.
    """
    parts = [p for p in _SEPARATORS.split(clean_text(text)) if p]
    if not parts:
        return {"city": "", "region": "", "country": ""}
    country = country_code(parts[-1]) if len(parts) > 1 or len(parts[-1]) > 3 else ""
    if country:
        parts = parts[:-1]
    city = parts[0] if parts else ""
    region = parts[1] if len(parts) > 1 else ""
    return {"city": city, "region": region, "country": country}


def display_location(locations: list[dict[str, str]], workplace: str) -> str:
    """The seed's `location`: "Remote job" for remote postings, else "City, Country" joined by "; "."""
    if workplace == "remote":
        return "Remote job"
    seen: list[str] = []
    for loc in locations:
        label = ", ".join(p for p in (loc.get("city", ""), country_name(loc.get("country", ""))) if p)
        if label and label not in seen:
            seen.append(label)
    return "; ".join(seen)
