"""The description as job boards take it: clean HTML rendered from the record's Markdown body, and text made
safe for XML.

`markdown_to_html` renders with markdown-it-py (CommonMark, plus tables and strikethrough; raw HTML in the
Markdown is escaped as text, never passed through) and sanitizes the result with nh3 (ammonia): only the
structural tags below survive, links keep only `href` with an http(s)/mailto/tel URL (relative ones are dropped),
so no script, style, iframe, event handler, `javascript:` or `data:` link can reach a board's page whatever
the body holds.

`xml_text` drops the characters XML 1.0 cannot carry at all (C0 controls but tab/newline/return, lone
surrogates, U+FFFE/U+FFFF): lxml refuses them, and a feed must stay well-formed.

`literal_entities` turns the HTML's character references into the characters themselves wherever that does
not change what an HTML parser reads, for Indeed ("Indeed does not support HTML entities"): `&amp;` stays only
where the next characters would read as another reference, `&lt;` only where a tag could start.
"""

from __future__ import annotations

import html.entities
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "b", "em", "i", "s", "del",
    "code", "pre", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_to_html(markdown: str) -> str:
    """Safe HTML for a Markdown body; "" for an empty one."""
    text = xml_text(markdown or "").strip()
    if not text:
        return ""
    rendered = _markdown().render(text)
    clean = nh3.clean(rendered, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=set(URL_SCHEMES), url_relative="deny", link_rel=None,
                      clean_content_tags={"script", "style"})
    return clean.strip()


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


@lru_cache(maxsize=1)
def _reference_start() -> re.Pattern[str]:
    # What an HTML parser would read as a character reference after a literal "&": "#", a name ending in ";",
    # or one of the legacy names it accepts without the semicolon ("&copy", "&amp", ...).
    legacy = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
    return re.compile(r"#|[A-Za-z][A-Za-z0-9]*;|" + "|".join(map(re.escape, legacy)))


_REFERENCE = re.compile(r"&(amp|lt|gt|quot|nbsp|#39|#x27);")


def literal_entities(markup: str) -> str:
    """nh3's output with its references (&amp; &lt; &gt; &quot; &nbsp; &#39;) written as characters where safe."""
    starts = _reference_start()

    def literal(match: re.Match[str]) -> str:
        name, rest = match.group(1), markup[match.end():match.end() + 40]
        if name == "amp":
            return match.group(0) if starts.match(rest) else "&"
        if name == "lt":
            return match.group(0) if re.match(r"[A-Za-z/!?]", rest) else "<"
        if name == "quot":
            return match.group(0)  # only in attribute values, where a literal one would end the value
        return {"gt": ">", "nbsp": "\u00a0", "#39": "'", "#x27": "'"}[name]

    return _REFERENCE.sub(literal, markup)
