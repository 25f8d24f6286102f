"""schema.org JobPosting: found in a page (JSON-LD, microdata, RDFa, through extruct) and
mapped onto the item's fields.  No Scrapy here, so any spider can use it: the `jsonld`
spider on career pages, Teamtailor's `_jobposting` objects, a careers crawler.

Postings come back in one shape whatever the syntax: a dict with schema.org property
names as keys ("title", "jobLocation", ...), "@type" short ("JobPosting"), nested
objects inlined.  `job_posting_fields` turns one into `JobPosting(**fields)` arguments
with the `*Raw` partners filled; normalizing them stays with the pipelines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import extruct
import lxml.etree
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_xmldom_html
from w3lib.url import canonicalize_url

from scraper.normalize.text import clean_text, unescape_markup

_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "http://www.schema.org/",
                    "https://www.schema.org/", "schema:")
_JSONLD_SCRIPTS = lxml.etree.XPath('//script[@type="application/ld+json"]')
# Nesting deeper than this is not a job posting but a hostile or broken document.
_MAX_DEPTH = 40
# Text properties some publishers give beside the description, in the order a reader expects them.
_EXTRA_SECTIONS = (
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Qualifications"),
    ("skills", "Skills"),
    ("educationRequirements", "Education requirements"),
    ("experienceRequirements", "Experience requirements"),
    ("jobBenefits", "Benefits"),
    ("incentiveCompensation", "Incentives"),
)
_ESCAPED_MARKUP = re.compile(r"&lt;\s*/?\s*[a-z][a-z0-9]*[\s/&]", re.I)
_REAL_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*[\s/>]", re.I)
_PLAIN_NUMBER = re.compile(r"\s*\d[\d.,]*\s*")
_WHITESPACE = re.compile(r"\s+")
_SAFE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass
class PageJobPostings:
    """The JobPostings one page carries, from the first syntax that has any."""
    postings: list[dict[str, Any]] = field(default_factory=list)
    syntax: str = ""
    """json-ld | microdata | rdfa, "" when the page has none."""
    errors: list[str] = field(default_factory=list)
    """What could not be read (a malformed JSON-LD block, an unparsable page), for the caller to count."""


def short_name(name: object) -> str:
    """A schema.org term without its vocabulary prefix: "https://schema.org/JobPosting" -> "JobPosting"."""
    text = str(name)
    for prefix in _SCHEMA_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def has_type(node: Mapping[str, Any], name: str) -> bool:
    types = node.get("@type")
    return any(short_name(t) == name for t in (types if isinstance(types, list) else [types]) if t)


def _compact(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, Mapping):
        out = {short_name(k): _compact(v, depth + 1) for k, v in value.items()}
        if "@type" in out:
            types = out["@type"]
            out["@type"] = [short_name(t) for t in types] if isinstance(types, list) else short_name(types)
        return out
    if isinstance(value, list):
        return [_compact(v, depth + 1) for v in value]
    return value


def find_job_postings(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in decoded JSON-LD, wherever it sits (@graph, a list, mainEntity, ...)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, Mapping):
        if has_type(data, "JobPosting"):
            yield _compact(data)
            return
        for value in data.values():
            yield from find_job_postings(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from find_job_postings(value, depth + 1)


def _rdfa_job_postings(nodes: list[Any]) -> list[dict[str, Any]]:
    """JobPostings from extruct's RDFa output (expanded, flattened JSON-LD), with references inlined."""
    by_id = {node["@id"]: node for node in nodes if isinstance(node, Mapping) and "@id" in node}

    def build(node: Mapping[str, Any], seen: frozenset[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        types = [short_name(t) for t in node.get("@type") or []]
        if types:
            out["@type"] = types[0] if len(types) == 1 else types
        for key, values in node.items():
            if key.startswith("@"):
                continue
            converted = []
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, Mapping) and "@value" in value:
                    converted.append(value["@value"])
                elif isinstance(value, Mapping) and "@id" in value:
                    ref = by_id.get(value["@id"])
                    if ref is not None and value["@id"] not in seen and len(seen) < _MAX_DEPTH:
                        converted.append(build(ref, seen | {value["@id"]}))
                    else:
                        converted.append(value["@id"])
            out[short_name(key)] = converted[0] if len(converted) == 1 else converted
        return out

    return [build(node, frozenset({node["@id"]})) for node in by_id.values() if has_type(node, "JobPosting")]


def extract_job_postings(page: str | bytes, base_url: str) -> PageJobPostings:
    """The page's JobPostings: JSON-LD first, else microdata, else RDFa (one syntax, so a posting
    marked up twice is not counted twice).  A malformed JSON-LD block costs that block only."""
    result = PageJobPostings()
    body = page.encode("utf-8") if isinstance(page, str) else page
    try:
        tree = parse_xmldom_html(body, encoding="utf-8")
    except (ValueError, lxml.etree.LxmlError) as exc:
        result.errors.append(f"unparsable HTML: {exc}")
        return result
    if tree is None:
        return result
    jsonld: list[Any] = []
    for script in _JSONLD_SCRIPTS(tree):
        try:
            jsonld.extend(JsonLdExtractor().extract_items(script))
        except (ValueError, TypeError, RecursionError) as exc:
            result.errors.append(f"malformed JSON-LD block: {str(exc)[:200]}")
    found = list(find_job_postings(jsonld))
    if found:
        result.postings, result.syntax = found, "json-ld"
        return result
    try:
        other = extruct.extract(tree, base_url=base_url, syntaxes=["microdata", "rdfa"], uniform=True)
    except Exception as exc:  # extruct's RDFa and microdata parsers raise a wide range on broken markup
        result.errors.append(f"microdata/RDFa not readable: {type(exc).__name__}: {str(exc)[:200]}")
        return result
    for syntax, postings in (("microdata", list(find_job_postings(other.get("microdata") or []))),
                             ("rdfa", _rdfa_job_postings(other.get("rdfa") or []))):
        if postings:
            result.postings, result.syntax = [_collapse_spaces(p) for p in postings], syntax
            break
    return result


def _collapse_spaces(value: Any) -> Any:
    """Microdata and RDFa values are the text of page elements, where line breaks and
    indentation are layout (HTML collapses them), not content."""
    if isinstance(value, str):
        return _WHITESPACE.sub(" ", value).strip()
    if isinstance(value, dict):
        return {k: _collapse_spaces(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_collapse_spaces(v) for v in value]
    return value


# ---------------------------------------------------------------------------
# JobPosting -> item fields

def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _first(value: Any) -> Any:
    items = _as_list(value)
    return items[0] if items else None


def _name(value: Any) -> str:
    """A Thing's name, or the value itself when the source gives a plain string."""
    value = _first(value)
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("@value") or ""
        value = _first(value)
    if value is None or isinstance(value, (bool, Mapping, list)):
        return ""
    return clean_text(value)


def _url(value: Any, base: str) -> str:
    value = _first(value)
    if isinstance(value, Mapping):
        value = _first(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if not isinstance(value, str) or not value.strip():
        return ""
    absolute = urljoin(base, value.strip()) if base else value.strip()
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def description_html(value: Any) -> str:
    """The description as HTML: entity-escaped markup ("&lt;p&gt;...") unescaped once."""
    parts = [v for v in _as_list(value) if isinstance(v, str) and v.strip()]
    text = "\n".join(parts).strip()
    if _ESCAPED_MARKUP.search(text) and not _REAL_TAG.search(text):
        text = unescape_markup(text)
    return text


def _section_texts(posting: Mapping[str, Any]) -> list[tuple[str, str]]:
    main = description_html(posting.get("description"))
    sections = [("", main)] if main else []
    seen = clean_text(main).lower()
    for key, heading in _EXTRA_SECTIONS:
        text = description_html([v for v in _as_list(posting.get(key)) if isinstance(v, str)])
        flat = clean_text(text).lower()
        # Publishers following Google's guidance repeat these inside the description.
        if flat and flat not in seen:
            sections.append((heading, text))
            seen += " " + flat
    return sections


def salary_raw(base_salary: Any, salary_currency: Any = None) -> dict[str, Any] | str | None:
    """baseSalary as {min, max, currency, period}; a free-text salary string as it is; None when absent.

    MonetaryAmount carries minValue/maxValue/value either itself or in a QuantitativeValue
    under `value`; a bare number (with the posting's salaryCurrency) is an exact amount.
    """
    amount = next((a for a in _as_list(base_salary) if a not in (None, "")), None)
    if amount is None or isinstance(amount, bool):
        return None
    currency = _name(salary_currency)
    if isinstance(amount, (int, float)) or (isinstance(amount, str) and _PLAIN_NUMBER.fullmatch(amount)):
        return {"min": amount, "max": amount, "currency": currency, "period": ""}
    if isinstance(amount, str):
        return clean_text(amount) or None
    if not isinstance(amount, Mapping):
        return None
    value = _first(amount.get("value"))
    quantity = value if isinstance(value, Mapping) else {}
    single = quantity.get("value") if quantity else value
    low = quantity.get("minValue", amount.get("minValue"))
    high = quantity.get("maxValue", amount.get("maxValue"))
    if low in (None, "") and high in (None, ""):
        low = high = single
    if low in (None, "") and high in (None, ""):
        return None
    return {
        "min": _first(low), "max": _first(high),
        "currency": _name(amount.get("currency")) or currency,
        "period": _name(quantity.get("unitText") or amount.get("unitText")),
    }


def locations_raw(job_location: Any) -> list[dict[str, str]]:
    """jobLocation (Place or list of Places) as [{city, region, country}], or [{label, country}] for a
    place the source names only in free text (a string address, a Place with a name)."""
    out: list[dict[str, str]] = []
    for place in _as_list(job_location):
        if isinstance(place, str):
            if place.strip():
                out.append({"label": clean_text(place), "country": ""})
            continue
        if not isinstance(place, Mapping):
            continue
        addresses = _as_list(place.get("address"))
        for address in addresses:
            if isinstance(address, Mapping):
                loc = {"city": _name(address.get("addressLocality")),
                       "region": _name(address.get("addressRegion")),
                       "country": _name(address.get("addressCountry"))}
                if any(loc.values()):
                    out.append(loc)
            elif isinstance(address, str) and address.strip():
                out.append({"label": clean_text(address), "country": ""})
        if not addresses and _name(place.get("name")):
            out.append({"label": _name(place.get("name")), "country": ""})
    return out


def posting_identifier(posting: Mapping[str, Any]) -> str:
    """The JobPosting's own identifier (a PropertyValue's value, or a plain string or number), "" if none."""
    for ident in _as_list(posting.get("identifier")):
        value = _first(ident.get("value")) if isinstance(ident, Mapping) else ident
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def posting_token(posting: Mapping[str, Any], page_url: str, salt: str = "") -> str:
    """A file- and id-safe token for the posting: its identifier when that is already safe, else a
    hash of it or of the canonical posting URL (`salt` tells apart postings sharing one page)."""
    ident = posting_identifier(posting)
    if ident and not salt and _SAFE_TOKEN.fullmatch(ident):
        return ident
    key = ident or canonicalize_url(_url(posting.get("url"), page_url) or page_url)
    return hashlib.sha256(f"{key}\n{salt}".encode()).hexdigest()[:16]


def posting_tokens(postings: list[Mapping[str, Any]], page_url: str) -> list[str]:
    """One token per posting of a page; postings that would share one get their title mixed in."""
    tokens: list[str] = []
    for posting in postings:
        token = posting_token(posting, page_url)
        if token in tokens:
            token = posting_token(posting, page_url, salt=f"{_name(posting.get('title'))}#{len(tokens)}")
        tokens.append(token)
    return tokens


def job_posting_fields(posting: Mapping[str, Any], page_url: str = "") -> dict[str, Any]:
    """A JobPosting dict as keyword arguments for `scraper.items.JobPosting` (raw partners filled)."""
    org = _first(posting.get("hiringOrganization"))
    org = org if isinstance(org, Mapping) else {"name": org} if isinstance(org, str) else {}
    url = _url(posting.get("url"), page_url) or page_url
    title = _name(posting.get("title")) or _name(posting.get("name"))
    employment = [clean_text(v) for v in _as_list(posting.get("employmentType")) if isinstance(v, str)]
    direct_apply = posting.get("directApply")
    applicant_locations = posting.get("applicantLocationRequirements")
    return {
        "title": title,
        "titleRaw": title,
        "url": url,
        # directApply says the posting's own URL takes the application.
        "applyUrl": url if direct_apply is True or str(direct_apply).lower() == "true" else "",
        "companyName": _name(org.get("name")),
        "companyWebsite": _url(org.get("sameAs"), "") or _url(org.get("url"), ""),
        "logoUrl": _url(org.get("logo"), page_url),
        "descriptionHtml": _section_texts(posting),
        "datePostedRaw": _first(posting.get("datePosted")),
        "validThroughRaw": _first(posting.get("validThrough")),
        "employmentTypeRaw": employment if len(employment) > 1 else (employment[0] if employment else ""),
        "workplaceRaw": " ".join(_name(v) for v in _as_list(posting.get("jobLocationType"))),
        "locationsRaw": locations_raw(posting.get("jobLocation")),
        "applicantRegionsRaw": [name for name in map(_name, _as_list(applicant_locations)) if name],
        "salaryRaw": salary_raw(posting.get("baseSalary"), posting.get("salaryCurrency")),
    }
