"""Response bodies to text and JSON, tolerating what real servers send: BOMs, charsets that
lie (Latin-1 or Windows-1252 declared as UTF-8), missing charsets."""

from __future__ import annotations

import codecs
import json
from typing import Any

from lxml import etree

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def decode_body(body: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """(text, encoding used, whether we had to fall back from what the body claimed).

    A BOM wins; then the declared charset if the bytes really are in it; then UTF-8;
    then Windows-1252, which decodes any byte string (undefined bytes are replaced), so
    nothing is ever refused for its encoding.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, "replace"), encoding, False
    declared_name = _known(declared)
    tried = []
    for encoding in (declared_name, "utf-8"):
        if encoding and encoding not in tried:
            tried.append(encoding)
            try:
                return body.decode(encoding), encoding, encoding != (declared_name or "utf-8")
            except UnicodeDecodeError:
                continue
    return body.decode("cp1252", "replace"), "cp1252", True


def response_charset(headers: Any) -> str | None:
    """The charset a Scrapy response's Content-Type declares, if any."""
    raw = headers.get(b"Content-Type") if headers is not None else None
    if not raw:
        return None
    value = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
    for part in value.split(";")[1:]:
        key, _, val = part.strip().partition("=")
        if key.lower() == "charset" and val:
            return val.strip("\"' ")
    return None


def loads_json(text: str) -> Any:
    """json.loads that also refuses NaN/Infinity, which no API sends on purpose."""
    def _reject(constant: str) -> Any:
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(text, parse_constant=_reject)


def loads_xml(body: bytes) -> etree._Element:
    """The root element of an XML document, parsed without touching the network, loading a
    DTD or expanding entities (a feed is untrusted input).  Raises ValueError when the body
    is not well-formed XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(str(exc)) from exc
    if root is None:
        raise ValueError("empty XML document")
    return root
