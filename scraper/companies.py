"""The companies file behind `scrapy crawl careers -a companies=companies.yaml`.

A YAML list of companies (or a mapping whose `companies` key holds that list); each entry:

    name         required  the company's name, as records show it
    careers_url  required  its careers page or board (http/https; a bare host means https)
    platform     optional  one of scraper.detect.PLATFORMS, when detection should not guess
    token        optional  the board's name on that platform (needs `platform`)
    website      optional  the company's website (http/https), for the record's companyWebsite
    logo         optional  a logo URL (http/https), for the record's logoUrl
    featured     optional  promotion weight, a whole number >= 0 (default 0)

`load_companies` returns Company objects or raises CompaniesFileError listing every problem,
each with the entry's position in the list (counting from 1) and its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from scraper.detect import PLATFORMS

KEYS = ("name", "careers_url", "platform", "token", "website", "logo", "featured")


class CompaniesFileError(ValueError):
    """A companies file that cannot be used; the message lists every problem found."""


@dataclass(frozen=True)
class Company:
    name: str
    careers_url: str
    """Absolute http(s) URL."""
    platform: str = ""
    """One of scraper.detect.PLATFORMS, or "" to detect it from the careers URL or page."""
    token: str = ""
    """Board name on `platform`, or "" to take it from the URL or page."""
    website: str = ""
    logo: str = ""
    featured: int = 0

    def spider_kwargs(self) -> dict[str, str]:
        """The platform spider arguments (scraper.platform.PlatformSpider) this entry sets."""
        kwargs = {"company": self.name, "featured": str(self.featured)}
        for key, value in (("board", self.token), ("website", self.website), ("logo", self.logo)):
            if value:
                kwargs[key] = value
        return kwargs


def _http_url(value: str) -> str | None:
    """The value as an absolute http(s) URL (a bare host gets https://), or None."""
    value = value.strip()
    if value and "://" not in value:
        value = "https://" + value.lstrip("/")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        return None
    return value


def _text(value: Any) -> str | None:
    """A scalar YAML gave as text: strings, and numbers people write as names (e.g. 1_000)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return None


def _featured(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _entry(raw: Any, problems: list[str]) -> Company | None:
    """One entry as a Company; its problems (without the entry's position) go to `problems`."""
    if not isinstance(raw, dict):
        problems.append(f"is a {type(raw).__name__}, not a mapping of keys (name, careers_url, ...)")
        return None
    unknown = [str(k) for k in raw if k not in KEYS]
    if unknown:
        problems.append(f"unknown key(s) {', '.join(map(repr, unknown))} (known: {', '.join(KEYS)})")
    values = {k: raw.get(k) for k in KEYS}

    name = _text(values["name"])
    if not name:
        missing = values["name"] in (None, "")
        problems.append("missing name" if missing else f"name must be text, not {values['name']!r}")
    careers_url = ""
    if values["careers_url"] in (None, ""):
        problems.append("missing careers_url")
    else:
        text = _text(values["careers_url"])
        careers_url = _http_url(text) if text else None
        if not careers_url:
            problems.append(f"careers_url must be an http(s) URL, not {values['careers_url']!r}")

    platform = ""
    if values["platform"] not in (None, ""):
        platform = (_text(values["platform"]) or "").lower()
        if platform not in PLATFORMS:
            problems.append(f"unknown platform {values['platform']!r} (known: {', '.join(PLATFORMS)})")
    token = ""
    if values["token"] not in (None, ""):
        token = _text(values["token"]) or ""
        if not token or any(c.isspace() for c in token):
            problems.append(f"token must be one word of text, not {values['token']!r}")
        elif not platform:
            problems.append("token is given without the platform it belongs to")

    urls = {}
    for key in ("website", "logo"):
        urls[key] = ""
        if values[key] not in (None, ""):
            text = _text(values[key])
            url = _http_url(text) if text else None
            if url:
                urls[key] = url
            else:
                problems.append(f"{key} must be an http(s) URL, not {values[key]!r}")

    featured = 0
    if values["featured"] is not None:
        parsed = _featured(values["featured"])
        if parsed is None:
            problems.append(f"featured must be a whole number >= 0, not {values['featured']!r}")
        else:
            featured = parsed
    if problems:
        return None
    return Company(name=name or "", careers_url=careers_url or "", platform=platform, token=token,
                   website=urls["website"], logo=urls["logo"], featured=featured)


def parse_companies(data: Any, source: str = "companies file") -> list[Company]:
    """Companies from already-loaded YAML data; `source` names the file in error messages."""
    entries = data.get("companies") if isinstance(data, dict) else data
    if isinstance(data, dict) and "companies" not in data:
        raise CompaniesFileError(f"{source}: a mapping needs a 'companies' key holding the list of companies")
    if entries is None:
        raise CompaniesFileError(f"{source}: no companies in the file")
    if not isinstance(entries, list):
        raise CompaniesFileError(f"{source}: expected a list of companies, found a {type(entries).__name__}")
    if not entries:
        raise CompaniesFileError(f"{source}: the list of companies is empty")
    companies: list[Company] = []
    errors: list[str] = []
    first_seen: dict[str, int] = {}
    for position, raw in enumerate(entries, start=1):
        problems: list[str] = []
        company = _entry(raw, problems)
        label = f"entry {position}"
        if isinstance(raw, dict) and _text(raw.get("name")):
            label += f" ({_text(raw.get('name'))})"
        errors.extend(f"{source}: {label}: {problem}" for problem in problems)
        if company is None:
            continue
        key = company.careers_url.rstrip("/").lower()
        if key in first_seen:
            errors.append(f"{source}: {label}: careers_url {company.careers_url} "
                          f"repeats entry {first_seen[key]}")
            continue
        first_seen[key] = position
        companies.append(company)
    if errors:
        raise CompaniesFileError("\n".join(errors))
    return companies


def load_companies(path: str | Path) -> list[Company]:
    """Companies from a YAML file (yaml.safe_load); CompaniesFileError when unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CompaniesFileError(f"{path}: cannot read the companies file: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CompaniesFileError(f"{path}: not valid YAML: {exc}") from exc
    return parse_companies(data, source=str(path))
