"""Clean text: one-line strings for titles and names, and posting HTML to safe Markdown.

HTML goes through three steps:
1. one lxml pass drops what must never reach a record (scripts, styles, frames, embeds,
   forms, javascript:/data: links, tracking pixels) and makes links absolute;
2. html-to-markdown converts; unlike markdownify (upstream issue #155) it keeps the space
   at inline-tag boundaries ("for<strong> enthusiastic</strong>" stays two words);
3. a line pass fixes what the converter leaves: heading levels nested under our section
   headings, empty links and sections, raw-HTML look-alikes, trailing whitespace.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import urljoin, urlsplit

import ftfy
import html_to_markdown
import lxml.etree

# Invisible characters that only get in the way of matching and rendering.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# C0/C1 controls except tab and newline, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
# Markup in a one-line field: real HTML tags only, so a title such as "Sales Lead <Nordics>" keeps its words.
_TAG = re.compile(r"</?(?:a|abbr|b|big|blockquote|body|br|center|code|del|div|em|font|h[1-6]|head|hr|html|i|iframe|img|"
                  r"ins|label|li|link|mark|meta|object|ol|p|pre|q|s|script|small|span|strike|strong|style|sub|sup|"
                  r"svg|table|tbody|td|th|thead|title|tr|tt|u|ul|embed|form|input|button|textarea|select|option)"
                  r"\b[^>]{0,2000}>|<!--.{0,2000}?-->", re.I | re.S)


# UTF-8 read as Latin-1/Windows-1252 somewhere upstream ("CafÃ©", "â€“"): the signature that makes
# running ftfy (several ms per posting) worth it.
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0080-\u00bf\u2122\u0153\u201c\u201d\u2018"
                       "\u2019\u0161\u017e\u02dc\u0178]|\u00c3[\u0080-\u00ff]")


def fix_mojibake(text: str) -> str:
    """Text double-encoded upstream, repaired with ftfy; anything else unchanged (and not paid for)."""
    # Every signature starts with Â, Ã or â: three substring tests (a memchr each) spare the regex its
    # scan of the whole text (~0.14 ms on 10 KB) when none of them occurs, as in nearly every posting.
    if ("\u00c3" in text or "\u00c2" in text or "\u00e2" in text) and _MOJIBAKE.search(text):
        return ftfy.fix_encoding(text)
    return text


_INVISIBLE_CHARS = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def _drop_invisible(text: str) -> str:
    # Substring tests first: a character-class scan costs ~30 us on 10 KB, six of them ~1 us.
    if text.isascii() or not any(char in text for char in _INVISIBLE_CHARS):
        return text
    return _INVISIBLE.sub("", text)


def clean_text(value: object) -> str:
    """One line of clean text: entities decoded, tags and controls dropped, spaces collapsed."""
    if value is None:
        return ""
    text = fix_mojibake(str(value).replace("\x00", ""))
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if text.isascii() and text.isprintable():
        # Printable ASCII (most titles, names and URLs): no invisible character, nothing to normalize, no
        # control; only runs of spaces to collapse.
        return (_ANY_SPACE.sub(" ", text) if "  " in text else text).strip()
    text = unicodedata.normalize("NFC", _drop_invisible(text))
    text = _CONTROL.sub(" ", text)
    return _ANY_SPACE.sub(" ", text).strip()


def unescape_markup(text: str) -> str:
    """Entity-escaped HTML ("&lt;p&gt;R&amp;amp;D&lt;/p&gt;", as Greenhouse sends it) back to HTML, one level.

    Only the five entities an escaper writes are undone here; any other entity left in the result is one
    the HTML itself contains, and the HTML parser decodes it.  Ten times faster than html.unescape.
    """
    if "&" not in text:
        return text
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
            .replace("&#x27;", "'").replace("&amp;", "&"))


def clean_multiline(value: str) -> str:
    """Text with its line structure kept: controls dropped, no trailing spaces, NFC."""
    text = unicodedata.normalize("NFC", _drop_invisible(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if not text.replace("\n", "").replace("\t", "").isprintable():
        # (Text printable but for tabs and newlines holds no control and no surrogate: a faster test than
        # the character class's scan, which runs only when it fails.)
        text = _CONTROL.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# ---------------------------------------------------------------------------
# HTML sanitizing
#
# The output is Markdown, which carries only text, links and images: no attribute but
# href/src/alt/title survives conversion.  So sanitizing means removing elements whose
# content must not become text (scripts, styles, embeds, forms) and keeping only links and
# images that are safe to render.  One lxml pass does that in ~0.1 ms; lxml_html_clean's
# general-purpose Cleaner took 0.5-0.8 ms per posting here, more than the conversion.

_KILL = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "applet", "svg", "math",
    "audio", "video", "canvas", "dialog", "button", "select", "option", "textarea", "head", "title", "map", "portal",
})
# Void in HTML5, but libxml2's parser can hang the following content inside them
# ("<embed src=x><p>text</p>" nests the paragraph): drop the tag, keep what follows.
_VOID_DROP = frozenset({"embed", "param", "source", "track", "input", "link", "meta", "base", "area"})
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_IMAGE_SCHEMES = frozenset({"http", "https"})
# lxml.etree's parser, not lxml.html's: no Python element classes to look up for every node.
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return "invalid"


def _tiny(value: str | None) -> bool:
    try:
        return value is not None and float(value.strip().rstrip("px") or 0) <= 2
    except ValueError:
        return False


def _absolute(url: str, base_url: str) -> str | None:
    """An absolute http(s)/mailto/tel URL, or None when the URL is unsafe or unusable."""
    url = _CONTROL.sub("", url).strip()
    if not url or url.startswith("#"):
        return None
    scheme = _scheme(url)
    if scheme == "":
        if not base_url:
            return None
        try:
            url = urljoin(base_url, url)
        except ValueError:
            return None
        scheme = _scheme(url)
    return url if scheme in _LINK_SCHEMES else None


# libxml2 stops building the tree at depth 256 and drops what lies deeper (text included), so markup
# nested deeper than this is flattened first: the excess tags go, their text stays.
MAX_DEPTH = 200
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})


def flatten_deep_nesting(fragment: str, max_depth: int = MAX_DEPTH) -> str:
    """The fragment with every tag nested deeper than `max_depth` removed (its text kept)."""
    if fragment.count("<") < max_depth:
        return fragment
    depth = deepest = 0
    for match in _TAG_TOKEN.finditer(fragment):
        if match.group(2).lower() in _VOID or match.group(3):
            continue
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= max_depth:
        return fragment
    out, last, depth = [], 0, 0
    for match in _TAG_TOKEN.finditer(fragment):
        if match.group(2).lower() in _VOID or match.group(3):
            continue
        closing = bool(match.group(1))
        level = depth if closing else depth + 1
        depth = max(0, depth - 1) if closing else depth + 1
        if level > max_depth:
            out.append(fragment[last:match.start()])
            last = match.end()
    out.append(fragment[last:])
    return "".join(out)


def _drop_tree(element: Any) -> None:
    """Remove an element and what it holds; the text after it stays."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _drop_tag(element: Any) -> None:
    """Remove an element's tag; its text, children and tail take its place."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    before = (element.text or "")
    if before:
        if previous is not None:
            previous.tail = (previous.tail or "") + before
        else:
            parent.text = (parent.text or "") + before
    if element.tail:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + element.tail
        elif previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    index = parent.index(element)
    parent[index:index + 1] = list(element)


def _parse(fragment: str) -> Any:
    root = lxml.etree.fromstring(fragment, _PARSER)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _PARSER.error_log):
        # Too deep for libxml2, which drops what lies below: flatten and parse again.
        root = lxml.etree.fromstring(flatten_deep_nesting(fragment), _PARSER)
    return root


def sanitize_html(fragment: str, base_url: str = "") -> str:
    """Safe HTML: nothing executable or embedded, no tracking pixels, absolute http(s) links."""
    if not fragment or not fragment.strip():
        return ""
    fragment = _CONTROL.sub("", fragment)
    try:
        root = _parse(fragment)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    doomed, unwrap, links = [], [], []
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments and PIs the parser kept
            doomed.append(element)
        elif tag in _KILL:
            doomed.append(element)
        elif tag == "form" or tag in _VOID_DROP:
            unwrap.append(element)
        elif tag == "img":
            src = _absolute(element.get("src") or "", base_url)
            if src is None or _scheme(src) not in _IMAGE_SCHEMES or _tiny(element.get("width")) \
                    or _tiny(element.get("height")):
                doomed.append(element)
            else:
                element.set("src", src)
        elif tag == "a":
            href = _absolute(element.get("href") or "", base_url)
            if href is None:
                element.attrib.pop("href", None)
                unwrap.append(element)
            else:
                element.set("href", href)
                links.append(element)
    for element in doomed:
        _drop_tree(element)
    for element in unwrap:
        _drop_tag(element)
    # A link without visible content becomes its text, which keeps any space it carried
    # (the seed's "have<a> </a>good" stays two words).
    for link in links:
        if link.getparent() is not None and not "".join(link.itertext()).strip() and link.find(".//img") is None:
            _drop_tag(link)
    body = root.find("body")
    if body is None:
        return ""
    markup = lxml.etree.tostring(body, method="html", encoding="unicode")
    return markup[markup.index(">") + 1: markup.rindex("</body>")]


# ---------------------------------------------------------------------------
# HTML -> Markdown

_OPTIONS = html_to_markdown.ConversionOptions(
    heading_style="atx",
    bullets="*",
    list_indent_width=4,
    escape_asterisks=True,
    autolinks=False,
    newline_style="backslash",
    extract_metadata=False,
    hidden_content="drop",
    inline_data_media="drop_element",
)
try:  # html-to-markdown rebuilds its Rust options on every call (~0.25 ms); build them once.
    from html_to_markdown import _html_to_markdown as _rust
    from html_to_markdown.api import _to_rust_conversion_options

    _RUST_OPTIONS = _to_rust_conversion_options(_OPTIONS)

    def _convert(markup: str) -> str:
        return _rust.convert(html=markup, options=_RUST_OPTIONS, visitor=None).content
except (ImportError, AttributeError, TypeError):  # a release that moved them: the public API
    def _convert(markup: str) -> str:
        return html_to_markdown.convert(markup, _OPTIONS).content

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EMPTY_LINK = re.compile(r"(?<!!)\[\s*\]\([^)\s]*\)")
# "<" that a Markdown renderer could take for the start of raw HTML.
# (Link destinations the converter wraps in angle brackets, "](<...>)", are not text.)
_RAW_HTML = re.compile(r"(?<!\]\()<(?=[A-Za-z/!?])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_BLANKS = re.compile(r"\n{3,}")


def _escape_raw_html(line: str) -> str:
    if "<" not in line:
        return line
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_RAW_HTML.sub(r"\\<", line[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_RAW_HTML.sub(r"\\<", line[last:]))
    return "".join(parts)


def _sentence_like(heading_text: str) -> bool:
    return heading_text.rstrip().endswith((".", "!")) or len(heading_text.split()) > 12


# Heading lines, matched with the newline before them (see _MD_LIST_MARK), on "\n" + text.
_HEADING_LINE = re.compile(r"\n(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_EMPTY_HEADING = re.compile(r"\n#{1,6}[ \t]*#*[ \t]*$", re.M)
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
_LONE_BREAK = re.compile(r"^\\$", re.M)
# A hard break ("\" at a line's end) before a blank line or the end breaks nothing.
_USELESS_BREAK = re.compile(r"[ \t]*(?<!\\)\\$(?=\n\n|\n?\Z)", re.M)


def tidy_markdown(markdown: str, top_level: int = 3) -> str:
    """Fix the converter's output: nest headings from `top_level`, drop empty links and sections,
    escape raw-HTML look-alikes, strip trailing whitespace, collapse blank lines."""
    text = clean_multiline(markdown)
    if "```" in text or "~~~" in text:
        return _tidy_lines(text, top_level)  # code blocks are left as they are, line by line
    # Whole-text passes: the same rules as _tidy_lines, each skipped (by a substring test, which costs
    # nothing) when its pattern cannot occur.
    if "](" in text and ("[]" in text or "[ " in text or "[\t" in text or "[\n" in text):
        text = _TRAILING_SPACE.sub("", _EMPTY_LINK.sub("", text))
    if "<" in text:
        text = _RAW_HTML.sub(r"\\<", text) if "`" not in text else "\n".join(map(_escape_raw_html, text.split("\n")))
    if "\\" in text:
        text = _USELESS_BREAK.sub("", _LONE_BREAK.sub("", text))
    if "#" in text:
        text = _nest_headings(text, top_level)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return _drop_empty_sections(text.strip("\n"))


def _nest_headings(text: str, top_level: int) -> str:
    """Empty headings dropped, the others shifted so that the highest is `top_level` (no code blocks)."""
    text = _EMPTY_HEADING.sub("", "\n" + text)  # an empty heading goes with the newline before it
    levels = [len(m.group(1)) for m in _HEADING_LINE.finditer(text)]
    if levels and (shift := top_level - min(levels)):
        text = _HEADING_LINE.sub(
            lambda m: "\n" + "#" * min(6, max(1, len(m.group(1)) + shift)) + " " + m.group(2), text)
    return text[1:]


def _tidy_lines(text: str, top_level: int) -> str:
    lines = text.split("\n")
    in_code = False
    levels = []
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and (m := _HEADING.match(line)):
            levels.append(len(m.group(1)))
    shift = top_level - min(levels) if levels else 0

    out: list[str] = []
    in_code = False
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
            out.append(line)
            continue
        if in_code:
            out.append(line)
            continue
        line = _escape_raw_html(_EMPTY_LINK.sub("", line)).rstrip()
        if line == "\\":
            # A hard break alone on its line: "<br><br>", which is a paragraph break.
            line = ""
        m = _HEADING.match(line)
        if m:
            text = m.group(2).strip()
            if not text:
                continue
            level = min(6, max(1, len(m.group(1)) + shift))
            line = "#" * level + " " + text
        out.append(line)
    in_code = False
    for i, line in enumerate(out):
        if _FENCE.match(line):
            in_code = not in_code
        # A hard break before a paragraph break (or the end) breaks nothing.
        elif (not in_code and line.endswith("\\") and not line.endswith("\\\\")
              and (i + 1 == len(out) or not out[i + 1])):
            out[i] = line[:-1].rstrip()
    return _drop_empty_sections(_BLANKS.sub("\n\n", "\n".join(out)).strip("\n"))


def _drop_empty_sections(markdown: str) -> str:
    """Remove headings with nothing under them before the next heading of the same or a
    higher level.  A heading that is really a sentence ("Please note, we only accept
    applicants based in the EU.") carries content of its own: it becomes a paragraph."""
    blocks = markdown.split("\n\n")
    kept: list[str] = []
    for i, block in enumerate(blocks):
        m = _HEADING.match(block) if "\n" not in block else None
        if m:
            level = len(m.group(1))
            nxt = next((b for b in blocks[i + 1:] if b.strip()), None)
            nm = _HEADING.match(nxt) if nxt is not None and "\n" not in nxt else None
            if nxt is None or (nm and len(nm.group(1)) <= level):
                if _sentence_like(m.group(2)):
                    kept.append(m.group(2))
                continue
        kept.append(block)
    return "\n\n".join(kept)


LOOKS_LIKE_HTML = _LOOKS_LIKE_HTML = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9]*|/[A-Za-z]|!--)[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def _plain_to_html(text: str) -> str:
    """Plain text keeps its paragraphs and line breaks."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.strip().split("\n")) + "</p>"
        for p in paragraphs if p.strip()
    )


def html_to_markdown_text(fragment: str, base_url: str = "", top_level: int = 3) -> str:
    """Posting HTML (or plain text) to clean, safe Markdown."""
    if not fragment or not fragment.strip():
        return ""
    fragment = fix_mojibake(fragment)
    if not _LOOKS_LIKE_HTML.search(fragment):
        fragment = _plain_to_html(fragment)
    safe = sanitize_html(fragment, base_url)
    if not safe.strip():
        return ""
    converted = _convert(safe)
    return tidy_markdown(converted, top_level=top_level)


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Line-start markers, matched after each newline: a pattern that starts with a literal "\n" is found
# with a fast scan, where "^" under re.M is tried at every position (3-6x slower on 10 KB).
_MD_LIST_MARK = re.compile(r"\n[ \t]{0,12}(?:[*+-]|\d+[.)])[ \t]+")
_MD_HEADING_MARK = re.compile(r"\n#{1,6}[ \t]+")
_MULTI_SPACE = re.compile(r" {2,}")


def _strip_line_starts(pattern: re.Pattern[str], text: str) -> str:
    """``text`` without what ``pattern`` (which starts with "\\n") matches at the start of each line."""
    text = pattern.sub("\n", "\n" + text)
    return text[1:]


def markdown_to_plain(markdown: str) -> str:
    """Plain text of a Markdown body for extraction: markup gone, one block per line."""
    text = markdown
    if "](" in text:
        if "![" in text:
            text = _MD_IMAGE.sub(" ", text)
        text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _strip_line_starts(_MD_LIST_MARK, text)
    if "#" in text:
        text = _strip_line_starts(_MD_HEADING_MARK, text)
    if "**" in text:
        text = text.replace("**", "")
    if "\\" in text:
        text = text.replace("\\", "")
    if "\t" in text:
        text = text.replace("\t", " ")
    # (The Markdown came through clean_multiline: other spaces are already plain ones.)
    return _MULTI_SPACE.sub(" ", text) if "  " in text else text
