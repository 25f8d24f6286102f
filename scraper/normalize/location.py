"""Locations: country names and codes to ISO 3166-1 alpha-2, source strings to {city, region, country}."""

from __future__ import annotations

import re
from collections.abc import Mapping
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


# What some publishers write into an address field they do not fill (iCIMS: "UNAVAILABLE"): no place.
_PLACEHOLDERS = frozenset({"unavailable", "not available", "n/a", "none", "null", "unknown", "undefined", "tbd"})


def _place(value: object) -> str:
    text = clean_text(value)
    return "" if text.lower() in _PLACEHOLDERS else text


def normalize_location(city: object = "", region: object = "", country: object = "") -> dict[str, str]:
    """{city, region, country} with country as alpha-2 ("" when unknown); placeholders are no place."""
    return {
        "city": _place(city),
        "region": _place(region),
        "country": country_code(_place(country)),
    }


_SEPARATORS = re.compile(r"\s*[,;|/]\s*|\s+-\s+")
# Between whole locations: "San Francisco, CA; Seattle, WA", "SF / NY / Remote".
_LIST_SEPARATORS = re.compile(r"\s*(?:[;|\n]|\s/\s)\s*")
# Parts of a location string that name no place of their own: workplace modes, an office
# tag, broad regions (where remote applicants may live is extracted elsewhere).
_NOT_A_PLACE = frozenset({
    "remote", "hybrid", "onsite", "on-site", "on site", "in office", "anywhere", "worldwide", "global",
    "remote-friendly", "remote friendly", "travel-required", "travel required", "hq", "headquarters",
    "multiple locations", "eu", "emea", "apac", "latam", "europe", "americas", "north america",
})
# Two-letter codes that are both a US state and an ISO country ("CA", "GA", "IL", "IN", ...)
# are read as the state only when the posting gives no country that says otherwise.
US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split())


def parse_location_string(text: str, country_hint: str = "") -> dict[str, str]:
    """"Berlin, Berlin, Germany" -> {city: Berlin, region: Berlin, country: DE}.

    The last part is the country when it names one; the first is the city; one in
    between is the region.  Workplace words ("Remote", "Hybrid") and broad regions are
    not places.  A trailing part is a region, not a country, when it names another
    country than `country_hint`, the source's own country for the posting ("Bombay, MH"
    in IN, "Atlanta, Georgia" in US), or, without a hint, when it is a US state code
    ("Chicago, IL" is not in Israel).
    "WA - Seattle" puts the state first.  The hint fills the country when the text names
    none.  Nothing is guessed beyond that.
    """
    hint = country_code(country_hint) if country_hint else ""
    cleaned = _place(text).replace("(", ",").replace(")", ",")
    parts = [p for p in _SEPARATORS.split(cleaned)
             if p and p.strip(" .").lower() not in _NOT_A_PLACE and p.lower() not in _PLACEHOLDERS]
    if not parts:
        return {"city": "", "region": "", "country": hint}
    last = parts[-1]
    country = ""
    if len(parts) > 1 or len(last) > 3 or last.lower() in _COUNTRY_ALIASES:
        country = country_code(last)
    if country and len(parts) > 1 and (
            (hint and country != hint) or (not hint and last.upper() in US_STATE_CODES)):
        country = ""
    if country:
        parts = parts[:-1]
    if len(parts) == 2 and parts[0].upper() in US_STATE_CODES and len(parts[1]) > 2:
        parts = [parts[1], parts[0]]  # "WA - Seattle": state first
    city = parts[0] if parts else ""
    region = parts[1] if len(parts) > 1 else ""
    return {"city": city, "region": region, "country": country or hint}


def parse_locations(text: str, country_hint: str = "") -> list[dict[str, str]]:
    """Every location in a source string that may list several ("New York, NY; San Francisco, CA")."""
    found = []
    for part in _LIST_SEPARATORS.split(str(text or "")):
        loc = parse_location_string(part, country_hint) if part.strip() else None
        if loc and any(loc.values()) and loc not in found:
            found.append(loc)
    return found


def normalize_location_entry(entry: Mapping[str, object]) -> list[dict[str, str]]:
    """A spider's locationsRaw entry as locations: its city/region/country parts, or, when it
    has neither city nor region, its free-text "label" read with its country as the hint."""
    city, region, country = (_place(entry.get(key)) for key in ("city", "region", "country"))
    label = entry.get("label")
    if label and not city and not region:
        found = parse_locations(str(label), country) or [normalize_location(country=country)]
    else:
        found = [normalize_location(city, region, country)]
    return [place for place in found if any(place.values())]


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
