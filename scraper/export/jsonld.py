"""schema.org JobPosting (JSON-LD) for one posting, as Google's job search reads it.

Required by Google, always present in what we write: title, description (HTML), datePosted, hiringOrganization
(Organization: name; sameAs = companyWebsite and logo = logoUrl when known) and either jobLocation (Place /
PostalAddress per location) or, for a fully remote posting, jobLocationType TELECOMMUTE with
applicantLocationRequirements.  Recommended ones when the row knows them: validThrough, employmentType (our
values are schema.org's), baseSalary (MonetaryAmount / QuantitativeValue, unitText HOUR..YEAR), identifier
(PropertyValue holding our id), experienceRequirements (months of experience), skills, url.

Choices:
- TELECOMMUTE only for `workplace: remote`: Google takes it for 100% remote jobs only, so hybrid stays a
  located job.  A remote posting keeps its office locations as jobLocation too.
- applicantLocationRequirements lists Countries: a region code (EU, EEA, DACH, EMEA, ...) becomes its member
  countries, which Google can match (it knows countries and states, not "EMEA").
- directApply is left out: whether the page a board shows lets one apply there is the board's to say, not
  the source's.
"""

from __future__ import annotations

import json
from typing import Any

from scraper.export import fields
from scraper.export.html import markdown_to_html

CONTEXT = "https://schema.org/"
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER")
UNIT_TEXTS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"}
_URL = {"type": "string", "pattern": r"^https?://\S+$"}
_TEXT = {"type": "string", "minLength": 1}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["@context", "@type", "title", "description", "datePosted", "hiringOrganization"],
    "properties": {
        "@context": {"const": CONTEXT},
        "@type": {"const": "JobPosting"},
        "title": _TEXT,
        "description": _TEXT,
        "datePosted": _DATE,
        "validThrough": _DATE,
        "employmentType": {"enum": list(EMPLOYMENT_TYPES)},
        "url": _URL,
        "hiringOrganization": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "Organization"}, "name": _TEXT, "sameAs": _URL, "logo": _URL},
        },
        "jobLocation": {
            "type": "array", "minItems": 1,
            "items": {
                "type": "object", "required": ["@type", "address"],
                "properties": {
                    "@type": {"const": "Place"},
                    "address": {
                        "type": "object", "required": ["@type"], "minProperties": 2,
                        "properties": {"@type": {"const": "PostalAddress"}, "addressLocality": _TEXT,
                                       "addressRegion": _TEXT,
                                       "addressCountry": {"type": "string", "pattern": "^[A-Z]{2}$"}},
                    },
                },
            },
        },
        "jobLocationType": {"const": "TELECOMMUTE"},
        "applicantLocationRequirements": {
            "type": "array", "minItems": 1,
            "items": {"type": "object", "required": ["@type", "name"],
                      "properties": {"@type": {"enum": ["Country", "AdministrativeArea"]}, "name": _TEXT}},
        },
        "baseSalary": {
            "type": "object", "required": ["@type", "currency", "value"],
            "properties": {
                "@type": {"const": "MonetaryAmount"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                "value": {
                    "type": "object", "required": ["@type"], "minProperties": 2,
                    "properties": {"@type": {"const": "QuantitativeValue"},
                                   "value": {"type": "number", "exclusiveMinimum": 0},
                                   "minValue": {"type": "number", "exclusiveMinimum": 0},
                                   "maxValue": {"type": "number", "exclusiveMinimum": 0},
                                   "unitText": {"enum": list(UNIT_TEXTS)}},
                },
            },
        },
        "identifier": {
            "type": "object", "required": ["@type", "name", "value"],
            "properties": {"@type": {"const": "PropertyValue"}, "name": _TEXT, "value": _TEXT},
        },
        "experienceRequirements": {
            "type": "object", "required": ["@type", "monthsOfExperience"],
            "properties": {"@type": {"const": "OccupationalExperienceRequirements"},
                           "monthsOfExperience": {"type": "integer", "minimum": 0}},
        },
        "skills": {"type": "array", "items": _TEXT},
    },
    "allOf": [{
        "anyOf": [{"required": ["jobLocation"]}, {"required": ["jobLocationType", "applicantLocationRequirements"]}],
        "x-reason": "no location (no locations, and not remote with applicantRegions)",
    }],
}


def job_posting(row: dict[str, Any]) -> dict[str, Any]:
    """The JobPosting object for a dataset row; keys whose value the row does not know are left out."""
    out: dict[str, Any] = {"@context": CONTEXT, "@type": "JobPosting"}
    _put(out, "title", fields.text(row, "title"))
    _put(out, "description", markdown_to_html(row.get("description") or ""))
    _put(out, "datePosted", fields.text(row, "datePosted"))
    _put(out, "validThrough", fields.text(row, "validThrough"))
    _put(out, "employmentType", fields.text(row, "employmentType"))
    organization: dict[str, Any] = {"@type": "Organization"}
    _put(organization, "name", fields.text(row, "companyName"))
    _put(organization, "sameAs", fields.http_url(row.get("companyWebsite")))
    _put(organization, "logo", fields.http_url(row.get("logoUrl")))
    out["hiringOrganization"] = organization
    places = [_place(location) for location in fields.locations(row)]
    if places:
        out["jobLocation"] = places
    if fields.text(row, "workplace") == "remote":
        out["jobLocationType"] = "TELECOMMUTE"
        countries = [{"@type": "Country", "name": fields.country_name(code)}
                     for code in fields.applicant_countries(row) if fields.country_name(code)]
        if countries:
            out["applicantLocationRequirements"] = countries
    salary = _salary(row)
    if salary:
        out["baseSalary"] = salary
    if organization.get("name") and fields.text(row, "id"):
        out["identifier"] = {"@type": "PropertyValue", "name": organization["name"], "value": fields.text(row, "id")}
    years = fields.experience_min_years(row)
    if years:
        out["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                         "monthsOfExperience": years * 12}
    skills = fields.skills(row)
    if skills:
        out["skills"] = skills
    _put(out, "url", fields.http_url(row.get("url")))
    return out


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value:
        target[key] = value


def _place(location: dict[str, str]) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress"}
    _put(address, "addressLocality", location["city"])
    _put(address, "addressRegion", location["region"])
    _put(address, "addressCountry", location["country"])
    return {"@type": "Place", "address": address}


def _salary(row: dict[str, Any]) -> dict[str, Any] | None:
    salary = fields.salary(row)
    if salary is None:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    low, high = salary["min"], salary["max"]
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    _put(value, "unitText", salary["period"])
    return {"@type": "MonetaryAmount", "currency": salary["currency"], "value": value}


# In a <script> element the HTML parser ends the script at "</script" whatever JSON says; these escapes are
# the same characters to a JSON parser, and U+2028/U+2029 are escaped for any JavaScript consumer.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(posting: dict[str, Any]) -> str:
    """The object as JSON safe to put inside <script type="application/ld+json">."""
    text = json.dumps(posting, ensure_ascii=False, indent=2)
    # Only string contents can hold these characters (JSON's own syntax has none of them).
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def script_snippet(posting: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">\n{script_json(posting)}\n</script>\n'
