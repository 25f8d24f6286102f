"""XML job feeds, read once for every source: RSS 2.0 (and 0.9x) items, RSS 1.0 (RDF) items and Atom
entries, with their extensions (Google Base `g:` job fields, Teamtailor's `tt:` locations, ...), as plain
dicts keyed by local name.

    feed = read_feed(loads_xml(body))        # scraper.bodies.loads_xml: no network, no entity expansion
    feed.kind     "rss" | "rdf" | "atom"
    feed.fields   the channel's (Atom: the feed's) own children, e.g. {"title": "Jobs at Acme", "language": "en_US"}
    feed.items    one dict per <item> / <entry>:
                  {"title": "Engineer (Fort Worth, TX, US)", "link": "https://...", "guid": "1436476000",
                   "id": "1436476000", "location": "Fort Worth, TX, US", "employer": "American Airlines", ...}

Each child element is keyed by its local name (the prefix dropped: `g:location` and `tt:department` are
"location" and "department") and read as
  - its text, stripped (CDATA and character entities decoded; an entity reference the parser left
    unexpanded is dropped, its surrounding text kept), when it has no child elements;
  - a dict of its children, read the same way, when it has some (`<tt:locations><tt:location><tt:city>`
    is {"location": {"city": ...}});
  - its inner markup as a string, when it holds markup rather than fields: Atom's type="xhtml" text
    constructs, XHTML elements, or text mixed with elements (`<description>Hi <b>you</b></description>`);
  - a dict of its attributes by local name, when it has neither text nor children (`<enclosure url=.../>`);
  - a list of those in document order, when the element is repeated (several `<category>` or `<tt:location>`).
A child whose local name a child in another namespace already holds is keyed "<prefix>:<name>" instead
(`g:title` beside `title`), so an extension never overwrites a core field.  An Atom entry's `link` is the
href of its alternate link.  `text()` and `listed()` read values whatever shape a feed gave them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass
class Feed:
    kind: str
    """"rss" (RSS 0.9x/2.0), "rdf" (RSS 1.0) or "atom"."""
    fields: dict[str, Any] = field(default_factory=dict)
    """The channel's (Atom: the feed's) own children, items excluded."""
    items: list[dict[str, Any]] = field(default_factory=list)


def local_name(element: Any) -> str:
    """An element's tag without its namespace; "" for what is not an element (an entity reference)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def element_text(element: Any) -> str:
    """The element's text around any (unresolved, never expanded) entity reference, without the reference:
    findtext() stops at the reference ("Leak &xxe; here" -> "Leak"), itertext() keeps it as "&xxe;"."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child, etree._Entity):
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inner_markup(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(etree.tostring(child, encoding="unicode", with_tail=False))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _holds_markup(element: Any, children: list[Any]) -> bool:
    if element.get("type") == "xhtml" or any(etree.QName(c).namespace == XHTML for c in children):
        return True
    return bool((element.text or "").strip()) or any((c.tail or "").strip() for c in children)


def element_value(element: Any) -> Any:
    """One element read as the module docstring says: text, a dict of children, markup or attributes."""
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        text = element_text(element).strip()
        if not text and element.attrib:
            return {etree.QName(k).localname: v.strip() for k, v in element.attrib.items()}
        return text
    if _holds_markup(element, children):
        return _inner_markup(element)
    return children_dict(children)


def children_dict(children: list[Any]) -> dict[str, Any]:
    """Elements by local name (see the module docstring for collisions and repeats)."""
    out: dict[str, Any] = {}
    namespace_of: dict[str, str | None] = {}
    repeated: set[str] = set()
    for child in children:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        key = qname.localname
        if key in namespace_of and namespace_of[key] != qname.namespace:
            key = f"{child.prefix or qname.namespace}:{key}"
        namespace_of.setdefault(key, qname.namespace)
        value = element_value(child)
        if key not in out:
            out[key] = value
        elif key in repeated:
            out[key].append(value)
        else:
            out[key] = [out[key], value]
            repeated.add(key)
    return out


def _atom_fields(element: Any, skip: str) -> dict[str, Any]:
    """An Atom feed's or entry's children, `link` being the href of its alternate link."""
    fields = children_dict([c for c in element if local_name(c) not in (skip, "link")])
    for link in element:
        if local_name(link) == "link" and link.get("rel", "alternate") == "alternate" and link.get("href"):
            fields["link"] = link.get("href").strip()
            break
    return fields


def read_feed(root: Any) -> Feed | None:
    """The feed an XML document holds (its root element), or None when it is not an RSS or Atom feed."""
    if root is None or not isinstance(root.tag, str):
        return None
    name, namespace = local_name(root), etree.QName(root).namespace
    if name == "feed" and namespace == ATOM:
        entries = [c for c in root if local_name(c) == "entry"]
        return Feed("atom", _atom_fields(root, "entry"), [_atom_fields(e, "") for e in entries])
    channel = next((c for c in root if local_name(c) == "channel"), None)
    if name == "rss" and namespace is None and channel is not None:
        items = [c for c in channel if local_name(c) == "item"]
        return Feed("rss", children_dict([c for c in channel if local_name(c) != "item"]),
                    [children_dict(list(item)) for item in items])
    if name == "RDF" and channel is not None:
        # RSS 1.0: the items are the channel's siblings.
        items = [c for c in root if local_name(c) == "item"]
        return Feed("rdf", children_dict(list(channel)), [children_dict(list(item)) for item in items])
    return None


def listed(value: Any) -> list[Any]:
    """A value that may be repeated, as a list: [] for nothing (or an empty element), [value] for one."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def text(fields: Any, key: str) -> str:
    """The text of `fields[key]`: the first one when the element was repeated, "" when it is absent or is
    not text (an element with children, a wrong shape)."""
    value = fields.get(key) if isinstance(fields, dict) else None
    for candidate in listed(value):
        if isinstance(candidate, str):
            return candidate
    return ""
