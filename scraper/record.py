"""The Markdown record: YAML front matter in the contract's key order, then the body.

Every string in the front matter is written double-quoted on one line (the seed's
style), so no value can end the front matter early, and `yaml.safe_load` gives back
exactly what was written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

SEED_KEYS = (
    "title", "location", "host", "companyName", "url", "applyUrl", "timestamp", "hashtags",
    "jobType", "logoUrl", "companyWebsite", "summary", "summaryBackup", "featured",
)
NORMALIZED_KEYS = (
    "id", "source", "board", "datePosted", "dateModified", "validThrough", "employmentType",
    "workplace", "locations", "applicantRegions", "department", "seniority", "experienceYears",
    "skills", "languages", "salary", "postingLanguage", "status", "closedAt", "firstSeen",
    "lastSeen", "contentHash",
)
RECORD_KEYS = SEED_KEYS + NORMALIZED_KEYS
INT_KEYS = frozenset({"timestamp", "featured"})
# Keys that change without the posting changing; left out of the content hash.
BOOKKEEPING_KEYS = frozenset({"status", "closedAt", "firstSeen", "lastSeen", "contentHash", "dateModified"})
BODY_HEADING = "## Job description"

try:  # libyaml's emitter is ~8x faster than the pure-Python one
    _BaseDumper = yaml.CSafeDumper
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseDumper = yaml.SafeDumper
    _Loader = yaml.SafeLoader

# YAML can carry any Unicode scalar value; lone surrogates (which a broken JSON
# source can smuggle into a str) cannot be encoded at all.
_SURROGATES = re.compile("[\ud800-\udfff]")


def yaml_safe_text(value: str) -> str:
    """The string as the record will hold it: lone surrogates become U+FFFD."""
    if value.isascii():  # O(1) in CPython: the string knows it
        return value
    try:
        value.encode("utf-8")  # refuses lone surrogates, and is ~5x faster than the pattern's scan
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", value)
    return value


class RecordDumper(_BaseDumper):
    """Safe dumper writing every string double-quoted."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", yaml_safe_text(value), style='"')


_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def _represent_dict(dumper: yaml.SafeDumper, value: Mapping[str, Any]) -> yaml.Node:
    # Keys as the seed writes them (plain), values through the quoting representers.
    pairs = []
    for key, item in value.items():
        if isinstance(key, str) and _PLAIN_KEY.match(key):
            key_node = yaml.ScalarNode("tag:yaml.org,2002:str", key, style=None)
        else:
            key_node = dumper.represent_data(key)
        pairs.append((key_node, dumper.represent_data(item)))
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False if pairs else True)


RecordDumper.add_representer(str, _represent_str)
RecordDumper.add_representer(dict, _represent_dict)


def _getter(item: Any) -> Any:
    # An ItemAdapter over a dataclass item checks the field list on every access; read the attributes.
    raw = getattr(item, "item", item)
    if hasattr(raw, "__dataclass_fields__"):
        return lambda key: getattr(raw, key, None)
    return item.get


def front_matter_values(item: Mapping[str, Any]) -> dict[str, Any]:
    """The record's front-matter mapping, in contract order, with empty defaults filled."""
    get = _getter(item)
    out: dict[str, Any] = {}
    for key in RECORD_KEYS:
        value = get(key)
        if value is None:
            value = 0 if key in INT_KEYS else ""
        out[key] = value
    return out


# ---- the writer ----------------------------------------------------------------------------------
# PyYAML spends ~1.4 ms a record in its Python representer (libyaml's emitter is fast, the representer is
# not).  The front matter's shapes are few and fixed (scalars, lists of scalars, lists of flat mappings,
# mappings of scalars or lists), so `dump_front_matter` writes them directly in ~0.1 ms: the same bytes as
# `dump_front_matter_pyyaml` for ordinary text (control characters are escaped in another, equally valid
# form), and tests/test_record.py holds that both load back to exactly the values written.
#
# A double-quoted YAML scalar is a JSON string, except that YAML allows only printable characters literally
# and reads NEL, LS and PS as line breaks: those are escaped.
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_PLAIN_KEY_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_YAML_KEYWORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"})


def _escape_unprintable(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


# json.dumps(value, ensure_ascii=False) for a str, without building a JSONEncoder per call.
_json_string = json.encoder.encode_basestring


def _quote(value: str) -> str:
    text = _json_string(yaml_safe_text(value))
    return _YAML_UNPRINTABLE.sub(_escape_unprintable, text) if _YAML_UNPRINTABLE.search(text) else text


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        # YAML 1.1 (PyYAML) reads a float only with a dot: 1e+20 must be written 1.0e+20.
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return text
    raise TypeError(f"no front-matter form for {type(value).__name__}")


def _key(key: str) -> str:
    if _PLAIN_KEY_SAFE.match(key) and key.lower() not in _YAML_KEYWORDS:
        return key
    return _quote(key)


def _emit(lines: list[str], indent: str, key: str, value: Any) -> None:
    head = f"{indent}{_key(key)}:"
    if isinstance(value, Mapping):
        if not value:
            lines.append(head + " {}")
            return
        lines.append(head)
        for sub_key, sub_value in value.items():
            _emit(lines, indent + "  ", sub_key, sub_value)
    elif isinstance(value, (list, tuple)):
        if not value:
            lines.append(head + " []")
            return
        lines.append(head)
        for element in value:
            if isinstance(element, Mapping):
                if not element:
                    lines.append(f"{indent}- {{}}")
                    continue
                first = True
                for sub_key, sub_value in element.items():
                    if isinstance(sub_value, (Mapping, list, tuple)):
                        raise TypeError("nested containers in a list of mappings")
                    prefix = f"{indent}- " if first else f"{indent}  "
                    lines.append(f"{prefix}{_key(sub_key)}: {_scalar(sub_value)}")
                    first = False
            elif isinstance(element, (list, tuple)):
                raise TypeError("a list of lists")
            else:
                lines.append(f"{indent}- {_scalar(element)}")
    else:
        lines.append(f"{head} {_scalar(value)}")


def dump_front_matter(values: Mapping[str, Any]) -> str:
    """The front matter's YAML: every string double-quoted on one line, keys plain, block style."""
    if not values:
        return "{}\n"
    lines: list[str] = []
    try:
        for key, value in values.items():
            _emit(lines, "", str(key), value)
    except TypeError:
        return dump_front_matter_pyyaml(values)  # a shape the fast writer does not know
    return "\n".join(lines) + "\n"


def dump_front_matter_pyyaml(values: Mapping[str, Any]) -> str:
    return yaml.dump(
        dict(values),
        Dumper=RecordDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,  # never fold: one line per scalar
    )


def render_record(item: Mapping[str, Any]) -> str:
    """Front matter plus body, exactly as the record file holds it."""
    body = _getter(item)("description") or ""
    body = BODY_HEADING + ("\n\n" + body if body else "")
    return "---\n" + dump_front_matter(front_matter_values(item)) + "---\n\n" + yaml_safe_text(body) + "\n"


def parse_record(text: str) -> tuple[dict[str, Any], str]:
    """Split a record file into (front matter, body)."""
    if not text.startswith("---\n"):
        raise ValueError("record does not start with front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ValueError("front matter is not closed")
    meta = yaml.load(text[4:end + 1], Loader=_Loader)
    return meta, text[end + 5:].lstrip("\n")


def content_hash(item: Mapping[str, Any]) -> str:
    """sha256 of what a reader sees, minus the keys that move without the posting changing."""
    values = front_matter_values(item)
    payload = {k: v for k, v in values.items() if k not in BOOKKEEPING_KEYS}
    payload["description"] = _getter(item)("description") or ""
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    try:
        data = blob.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: hashed as the record holds them
        data = _SURROGATES.sub("\ufffd", blob).encode("utf-8")
    return hashlib.sha256(data).hexdigest()
