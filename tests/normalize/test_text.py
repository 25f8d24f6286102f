import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.normalize.text import clean_text, html_to_markdown_text, markdown_to_plain, sanitize_html

BASE = "https://jobs.example.com/o/backend"


def md(html, base=BASE):
    return html_to_markdown_text(html, base_url=base)


# Every inline boundary the seed glued: the space lives inside the tag, outside it, as
# &nbsp;, or in a whitespace-only element.  The words must come out separated.
GLUE_CASES = [
    ("for<strong> enthusiastic</strong> people", "for **enthusiastic** people"),
    ("<strong>SQL </strong>and 2", "**SQL** and 2"),
    ("with<em> tech stack</em>, and", "with *tech stack*, and"),
    ("and<b> assist</b> with", "and **assist** with"),
    ("to<i> improve</i> your", "to *improve* your"),
    ("Your<span>&nbsp;primary</span> focus", "Your primary focus"),
    ("with<a href='https://www.postgresql.org/'> PostgreSQL</a>.", "with [PostgreSQL](https://www.postgresql.org/)."),
    ("with<strong>&nbsp;Rust</strong>.", "with **Rust**."),
    ("Backend<strong>&nbsp;</strong>Engineer", "Backend Engineer"),
    ("learn<span>&nbsp;</span>new", "learn new"),
    ("passion for<span> </span>learning", "passion for learning"),
    ("have<a href='/glossary'> </a>good", "have good"),
    ("existing<em> code</em>, not", "existing *code*, not"),
    ("and when<span> to</span> select", "and when to select"),
    ("a&nbsp;<b>b</b>&nbsp;c", "a **b** c"),
    ("x<strong>y</strong>z", "x**y**z"),
]


@pytest.mark.parametrize("html,expected", GLUE_CASES)
def test_no_words_glued_at_inline_tag_boundaries(html, expected):
    assert md(f"<p>{html}</p>") == expected


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script><p>ok</p>",
    "<style>p{color:red}</style><p>ok</p>",
    "<iframe src='https://evil.example/'></iframe><p>ok</p>",
    "<p onclick='steal()' onmouseover=\"x()\">ok</p>",
    "<object data='x.swf'></object><embed src='y'><p>ok</p>",
    "<form action='/x'><input name='q'><button>Go</button></form><p>ok</p>",
    "<img src='https://track.example/p.gif' width='1' height='1'><p>ok</p>",
    "<noscript><img src='https://track.example/ns.gif'></noscript><p>ok</p>",
    "<p style='background:url(javascript:alert(1));width:expression(alert(1))'>ok</p>",
])
def test_unsafe_and_tracking_markup_is_gone(html):
    out = md(html)
    assert out == "ok"


@pytest.mark.parametrize("html", [
    "<p><a href='javascript:alert(1)'>ok</a></p>",
    "<p><a href='JaVaScRiPt:alert(1)'>ok</a></p>",
    "<p><a href=' javascript:alert(1)'>ok</a></p>",
    "<p><a href='vbscript:x'>ok</a></p>",
    "<p><a href='data:text/html;base64,PHNjcmlwdD4='>ok</a></p>",
    "<p><a>ok</a></p>",
    "<p><a href=''>ok</a></p>",
    "<p><a href='#top'>ok</a></p>",
])
def test_links_that_go_nowhere_safe_become_text(html):
    assert md(html) == "ok"


def test_links_are_absolute():
    out = md("<p><a href='/about'>About</a>, <a href='team'>team</a>, <a href='//cdn.example/x'>cdn</a>, "
             "<a href='mailto:jobs@example.com'>mail</a></p>")
    assert out == ("[About](https://jobs.example.com/about), [team](https://jobs.example.com/o/team), "
                   "[cdn](https://cdn.example/x), [mail](mailto:jobs@example.com)")


def test_images_absolute_data_uris_dropped():
    out = md("<p><img src='/logo.png' alt='Logo'><img src='data:image/png;base64,AAAA' alt='x'></p>")
    assert out == "![Logo](https://jobs.example.com/logo.png)"


def test_entities_decoded_and_nbsp_normalized():
    assert md("<p>R&amp;D&nbsp;&nbsp;team &eacute;t&eacute; &#8211; &#x2014;</p>") == "R&D team été – —"


def test_text_that_looks_like_html_cannot_become_markup():
    out = md("<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; but a &lt; b</p>")
    assert not re.search(r"(?<!\\)<(script|img|/script)", out)
    assert "\\<script>" in out and "a < b" in out


def test_no_trailing_whitespace_and_hard_breaks_kept():
    out = md("<p>line one<br>line two   </p><p>  x  </p>")
    assert out == "line one\\\nline two\n\nx"
    assert all(line == line.rstrip() for line in out.split("\n"))


def test_nested_lists_stay_nested():
    out = md("<ul><li>Nice to have:<ul><li>Ruby</li><li>Rust</li></ul></li><li>SQL</li></ul>")
    assert out == "* Nice to have:\n    * Ruby\n    * Rust\n* SQL"
    out = md("<ol><li>one</li><li>two<ol><li>two-a</li></ol></li></ol>")
    assert out == "1. one\n2. two\n    1. two-a"


def test_tables_intact_with_pipes_escaped():
    out = md("<table><tr><th>Team</th><th>Size</th></tr><tr><td>Web | API</td><td>6</td></tr></table>")
    assert out.splitlines()[0].startswith("| Team")
    assert "Web \\| API" in out
    assert len(out.splitlines()) == 3


def test_headings_nest_under_our_sections():
    out = md("<h1>About</h1><p>a</p><h2>Role</h2><p>b</p>")
    assert out == "### About\n\na\n\n#### Role\n\nb"
    assert md("<h3>Only</h3><p>x</p>") == "### Only\n\nx"


def test_empty_sections_dropped_sentence_headings_kept_as_text():
    out = md("<h2>Benefits</h2><h2>What we offer</h2><p>Money</p><h2>Trailing</h2>")
    assert out == "### What we offer\n\nMoney"
    out = md("<p>x</p><h2>Please note, we are only accepting applicants that are based in the EU.</h2>")
    assert out == "x\n\nPlease note, we are only accepting applicants that are based in the EU."
    # A heading followed by a deeper heading is not empty.
    assert md("<h2>Requirements</h2><h3>Professionally</h3><p>SQL</p>") == \
        "### Requirements\n\n#### Professionally\n\nSQL"


def test_plain_text_keeps_paragraphs():
    assert md("First line\nsecond line\n\nNext paragraph & more") == \
        "First line\\\nsecond line\n\nNext paragraph & more"


@pytest.mark.parametrize("html", ["", "   ", "<p></p>", "<div><span> </span></div>", "<script>x</script>"])
def test_empty_input_gives_empty_markdown(html):
    assert md(html) == ""


def test_literal_asterisks_escaped():
    assert md("<p>Salary* and *stars*</p>") == "Salary\\* and \\*stars\\*"


def test_control_characters_and_invisibles_removed():
    assert md("<p>a\x00b\x07c soft\u00adhyphen zero\u200bwidth</p>") == "abc softhyphen zerowidth"


def test_clean_text_one_line():
    assert clean_text("  Backend\n Engineer &amp; <b>Ops</b>\u00a0\t(EU) ") == "Backend Engineer & Ops (EU)"
    assert clean_text(None) == "" and clean_text(12) == "12"
    assert clean_text("a\ud800b") == "a b"


def test_sanitize_keeps_structure():
    out = sanitize_html("<div><p>Hi <b>there</b></p><ul><li>x</li></ul></div>", BASE)
    assert "<p>Hi <b>there</b></p>" in out and "<li>x</li>" in out


def test_markdown_to_plain():
    text = markdown_to_plain("### Skills\n\n* **SQL** and [PostgreSQL](https://x)\n1. Rust")
    assert text == "Skills\n\nSQL and PostgreSQL\nRust"


@given(st.lists(st.sampled_from(["#", "##", "###", " ", "\t", "\n", "x", "Title", "#x", "# a #", "\\", "*"]),
                max_size=40).map("".join))
@settings(max_examples=300)
def test_heading_passes_match_the_line_anchored_patterns(markdown):
    """tidy_markdown finds heading lines after newlines (fast); the result is what the ^...$ patterns under
    re.M gave."""
    from scraper.normalize import text

    def line_anchored(value: str) -> str:
        value = re.sub(r"^#{1,6}[ \t]*#*[ \t]*$\n?", "", value, flags=re.M)
        levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", value, re.M)]
        if levels and (shift := 3 - min(levels)):
            value = re.sub(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$",
                           lambda m: "#" * min(6, max(1, len(m.group(1)) + shift)) + " " + m.group(2), value,
                           flags=re.M)
        return value.strip("\n")

    assert text._nest_headings(markdown, 3).strip("\n") == line_anchored(markdown)
