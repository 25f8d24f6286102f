"""Cross-source duplicates: the same job reached through an ATS API and through JSON-LD on the company's own
page, or through two boards of one company.

Two postings are one job when a canonical posting or apply URL of one is one of the other's, or else when
their companies agree after normalization, their places are compatible (a shared country, and a shared city when
both name cities) and their titles are near-identical (rapidfuzz token-sort ratio at least
TITLE_THRESHOLD, after gender markers such as "(m/f/d)" and punctuation are removed; a word more, such as
"Senior" or "Intern", is another job).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz
from w3lib.url import canonicalize_url

TITLE_THRESHOLD = 92.0
# Query parameters that say where a visitor came from, not which job it is.
_TRACKING = re.compile(r"^(utm_\w+|gh_src|lever-(source|origin)|source|src|ref|referrer|trk|trackingid|"
                       r"ashby_jid_source|fbclid|gclid|mc_[ce]id|_hs\w+)$", re.I)
_GENDER = re.compile(r"\((?:[mwfdxi]\s*[/|,]\s*){1,3}[mwfdxi]\)|\b(?:m|w|f|d|x)/(?:m|w|f|d|x)(?:/(?:m|w|f|d|x))?\b"
                     r"|\(all genders?\)|\(gn\)|\(\*\)", re.I)
_COMPANY_SUFFIX = re.compile(r"\b(?:gmbh|ag|se|kg|co|inc|llc|ltd|limited|plc|bv|b\.v|nv|sa|sas|srl|oy|ab|as|aps|"
                             r"corp|corporation|company|group|holding|holdings)\b\.?", re.I)
_NON_WORD = re.compile(r"[^\w]+")


def canonical_url(url: str) -> str:
    """The URL as a key: scheme/host lower-cased, query sorted, tracking parameters and fragment gone."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                           if not _TRACKING.match(k)])
        cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
        return canonicalize_url(cleaned, keep_fragments=False).rstrip("/")
    except ValueError:
        return url.strip()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def normalize_title(title: str) -> str:
    return _fold(_GENDER.sub(" ", title or ""))


def normalize_company(name: str) -> str:
    return _fold(_COMPANY_SUFFIX.sub(" ", _fold(name or "")))


def dedup_key(record: Mapping[str, Any]) -> str:
    """The company: the bucket in which titles (and places) are compared."""
    return normalize_company(str(record.get("companyName") or ""))


def _places(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(_fold(str(loc.get("city") or "")), str(loc.get("country") or "")) for loc in record.get("locations") or []
            if isinstance(loc, Mapping)]


def same_place(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two postings can be the same job by where it is: they share a country and, when both name
    cities, a city ("New York City" ~ "New York"); a side that says nothing of the place does not object."""
    places_a, places_b = _places(a), _places(b)
    countries_a = {country for _, country in places_a if country}
    countries_b = {country for _, country in places_b if country}
    if countries_a and countries_b and not countries_a & countries_b:
        return False
    cities_a = [city for city, _ in places_a if city]
    cities_b = [city for city, _ in places_b if city]
    if cities_a and cities_b:
        return any(fuzz.partial_ratio(x, y) >= 90 for x in cities_a for y in cities_b)
    return True


def same_job(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same company, near-identical title, compatible place."""
    return (dedup_key(a) == dedup_key(b) != "" and same_title(str(a.get("title") or ""), str(b.get("title") or ""))
            and same_place(a, b))


def same_title(a: str, b: str, threshold: float = TITLE_THRESHOLD) -> bool:
    left, right = normalize_title(a), normalize_title(b)
    if not left or not right:
        return False
    # token_sort, not token_set: "Software Engineer" is not "Senior Software Engineer".
    return fuzz.token_sort_ratio(left, right) >= threshold
