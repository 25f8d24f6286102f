"""Exports of hostile text: a real Recruitee sample posting whose title and Markdown body hold a CDATA terminator,
XML-illegal control characters, `</script>`, raw HTML, entities and javascript:/data: links, written into an
output folder as a crawl writes it; each format is parsed back with a strict parser.  Plus the description
renderer on its own."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest
from lxml import etree

from scraper.export.html import literal_entities, markdown_to_html, xml_text
from tests.samples import BY_PLATFORM, run_sample
from tests.test_export import check_safe_html, export, write_output

TITLE = 'Engineer ]]> <b>&amp;</b> </script><script>alert(1)</script> \x01\x08\x0b\x1f &copy; "q" \ufffe end'
BODY = "\n\n".join([
    "Intro ]]> ends CDATA; ]]]]> twice. R&D, a < b, 3 > 2, &copy; &amp;amp; &#x3c;script&#x3e;",
    "<script>alert(1)</script> and </script><img src=x onerror=alert(1)>",
    "[js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x) "
    "[rel](/relative) [ok](https://ok.example/?a=1&b=2)",
    '<a href="javascript:alert(2)" onclick="alert(3)">raw link</a>',
    "- item one\n- item two",
    "Controls: \x01\x02\x0b end.",
])
XML_TITLE = 'Engineer ]]> <b>&amp;</b> </script><script>alert(1)</script>  &copy; "q"  end'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    sample = BY_PLATFORM["recruitee"]
    files = sample.files()
    if not files:
        pytest.skip("no shared Recruitee samples")
    items = run_sample(sample, files[0]).items
    item = next(i for i in items if i.locations and i.datePosted and i.companyName)
    item.title, item.description = TITLE, BODY
    item.companyWebsite = "https://company.example/"
    work = tmp_path_factory.mktemp("hostile")
    write_output(sample, [item], work / "output")
    return work, item.id


def test_indeed_xml_is_well_formed_and_gives_the_text_back(hostile):
    work, posting_id = hostile
    code, stderr = export(work / "output", "indeed", work / "feed.xml")
    assert code == 0, stderr
    data = (work / "feed.xml").read_bytes()
    root = etree.fromstring(data, etree.XMLParser(recover=False, resolve_entities=False))
    job = root.find("job")
    assert job.findtext("referencenumber") == posting_id
    assert job.findtext("title") == XML_TITLE == xml_text(TITLE)
    description = job.findtext("description")
    assert "R&D" in description and "&amp;" not in description.replace("&amp;amp;", "")
    check_safe_html(description)
    tree = lxml.html.fragment_fromstring(description, create_parent="div")
    text = tree.text_content()
    assert "Intro ]]> ends CDATA; ]]]]> twice. R&D, a < b, 3 > 2, © &amp; <script>" in text
    assert "<script>alert(1)</script> and </script><img src=x onerror=alert(1)>" in text
    assert [a.get("href") for a in tree.xpath("//a[@href]")] == ["https://ok.example/?a=1&b=2"]
    assert "Controls:  end." in text and len(tree.xpath("//li")) == 2
    # Nothing but CDATA holds text, and no character reference stands outside it.
    outside = re.sub(rb"<!\[CDATA\[.*?\]\]>", b"", data, flags=re.S)
    assert b"&" not in outside and not re.search(rb">[^<\s][^<]*<", outside)


def test_jsonld_array_and_snippet(hostile):
    work, posting_id = hostile
    code, stderr = export(work / "output", "jsonld", work / "jobs.jsonld")
    assert code == 0, stderr
    (posting,) = json.loads((work / "jobs.jsonld").read_text(encoding="utf-8"))
    assert posting["title"] == TITLE and posting["identifier"]["value"] == posting_id
    check_safe_html(posting["description"])

    code, stderr = export(work / "output", "jsonld-html", work / "site")
    assert code == 0, stderr
    (path,) = list((work / "site").rglob("*.jsonld.html"))
    snippet = path.read_text(encoding="utf-8")
    assert snippet.count("<script") == 1 and snippet.count("</script") == 1 and snippet.rstrip().endswith("</script>")
    assert "<" not in snippet[snippet.index(">") + 1: snippet.rindex("</script>")]
    (script,) = lxml.html.fromstring(snippet).xpath("//script")
    assert json.loads(script.text) == posting


def test_jobs_json_keeps_the_text(hostile):
    work, posting_id = hostile
    code, stderr = export(work / "output", "jobs-json", work / "jobs.json")
    assert code == 0, stderr
    document = json.loads((work / "jobs.json").read_text(encoding="utf-8"))
    (job,) = document["jobs"]
    assert job["id"] == posting_id and job["title"] == TITLE
    check_safe_html(job["description"])


@pytest.mark.parametrize("markdown, expected", [
    ("", ""),
    ("## Tasks\n\n- **Build** things\n- *Ship*\n\n1. one",
     "<h2>Tasks</h2>\n<ul>\n<li><strong>Build</strong> things</li>\n<li><em>Ship</em></li>\n</ul>\n<ol>\n<li>one</li>"
     "\n</ol>"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n"
     "<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>"),
    ("[a](https://x.example/) [b](mailto:jobs@x.example) [c](/rel) [d](javascript:x)",
     '<p><a href="https://x.example/">a</a> <a href="mailto:jobs@x.example">b</a> <a>c</a> [d](javascript:x)</p>'),
    ("<div onclick=x>raw</div>", "<p>&lt;div onclick=x&gt;raw&lt;/div&gt;</p>"),
    ("![logo](https://x.example/l.png) text", "<p> text</p>"),
])
def test_markdown_to_html(markdown, expected):
    assert markdown_to_html(markdown) == expected


@pytest.mark.parametrize("markup, expected", [
    ("R&amp;D &amp;amp; &amp;copy &amp;#1 a&amp;", "R&D &amp;amp; &amp;copy &amp;#1 a&"),
    ("a &lt; b &lt;script&gt; &lt;/p&gt; &lt;3", "a < b &lt;script> &lt;/p> <3"),
    ('<a href="https://x/?a=1&amp;b=2">x&nbsp;y &#39;q&#39;</a>', '<a href="https://x/?a=1&b=2">x\u00a0y \'q\'</a>'),
    ('<a title="&quot;">x</a>', '<a title="&quot;">x</a>'),
])
def test_literal_entities_reads_the_same(markup, expected):
    assert literal_entities(markup) == expected
    # An HTML parser reads both the same way.
    parse = lambda m: etree.tostring(lxml.html.fragment_fromstring(m, create_parent="div"))  # noqa: E731
    assert parse(literal_entities(markup)) == parse(markup)
