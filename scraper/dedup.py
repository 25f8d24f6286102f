"""Cross-source duplicates: the same job reached through an ATS API and through JSON-LD on the company's own
page, or through two boards of one company.

Two postings are one job when their canonical apply (or posting) URLs are equal, or else when company and
location agree after normalization and their titles are near-identical (rapidfuzz token-set ratio at least
TITLE_THRESHOLD, after gender markers such as "(m/f/d)" and punctuation are removed).
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


def location_key(record: Mapping[str, Any]) -> str:
    """Countries and cities, or "remote", sorted: where the job is."""
    places = sorted({f"{_fold(loc.get('city', ''))}@{loc.get('country', '')}" for loc in record.get("locations") or []
                     if isinstance(loc, Mapping)})
    if record.get("workplace") == "remote" and not places:
        return "remote"
    return ";".join(places)


def dedup_key(record: Mapping[str, Any]) -> str:
    """Company and location: the bucket in which titles are compared."""
    company = normalize_company(str(record.get("companyName") or ""))
    return f"{company}|{location_key(record)}" if company else ""


def same_title(a: str, b: str, threshold: float = TITLE_THRESHOLD) -> bool:
    left, right = normalize_title(a), normalize_title(b)
    if not left or not right:
        return False
    return fuzz.token_set_ratio(left, right) >= threshold and fuzz.ratio(left, right) >= threshold - 20
