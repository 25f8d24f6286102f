"""scraper.embedded.PageData: the data pages embed in their scripts, JSON or JavaScript literals, never run."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper import embedded
from scraper.embedded import PageData, dig, fill, literal_at
from tests.helpers import shared_fixture


def page(*scripts: str, **kwargs) -> PageData:
    return PageData("<html><head></head><body>" + "".join(scripts) + "</body></html>", "https://x.test/", **kwargs)


def test_next_data_json_block():
    data = {"props": {"pageProps": {"initialState": {"jobs": {"items": [{"id": 1}]}}}}}
    found = page('<script id="__NEXT_DATA__" type="application/json">' + json.dumps(data) + "</script>",
                 '<script type="application/json" id="other">{"a": 1}</script>')
    assert found.script_json("__NEXT_DATA__") == data
    assert found.script_json("other") == {"a": 1}
    assert found.script_json() == data  # the first block when no id is asked for
    assert found.script_json("missing") is None
    assert found.errors == []


@pytest.mark.parametrize("code, name", [
    ('window.pageData = {"Jobs": [1]};', "window.pageData"),
    ('window.pageData = {"Jobs": [1]};', "pageData"),
    ('var pageData={"Jobs":[1]}', "pageData"),
    ('const pageData =\n  {"Jobs": [1]};', "window.pageData"),
    ("JBL.embed_v2['pageData'] = {Jobs: [1,],};", "JBL.embed_v2['pageData']"),
    ('JBL.embed_v2["pageData"] = {Jobs: [1,],};', "JBL.embed_v2['pageData']"),
    ("JBL . embed_v2 . pageData = {'Jobs': [1]}", 'JBL.embed_v2["pageData"]'),
])
def test_assignment_forms(code, name):
    assert page(f"<script>{code}</script>").assigned(name) == {"Jobs": [1]}


def test_assignment_needs_the_whole_name():
    found = page('<script>other.pageData = {"a": 1}; pageDataX = {"b": 2}; pageData == {"c": 3};'
                 ' x = pageData => {"d": 4};</script>')
    assert found.assigned("pageData") is None
    assert found.assigned("other.pageData") == {"a": 1}


def test_javascript_literal_of_the_jobylon_embed():
    code = """JBL.embed_v2['jobs'] = [
        { id: '1', title: 'McDonald\\u0027s', klass: {'job-lang-sv': true, 'internal': false,}, locations: ['A',],
          to_date: '', summary: 'None', extra: undefined },
    ];"""
    assert page(f"<script>{code}</script>").assigned("JBL.embed_v2['jobs']") == [
        {"id": "1", "title": "McDonald's", "klass": {"job-lang-sv": True, "internal": False}, "locations": ["A"],
         "to_date": "", "summary": "None", "extra": None}]


def test_first_of_several_names_and_assignments():
    found = page("<script>phApp.ddo = {\"a\": 1}; phApp.ddo = {\"a\": 2};</script>")
    assert found.assigned("missing", "phApp.ddo") == {"a": 1}


def test_call_argument_with_comments_and_trailing_commas():
    code = """window.comeetInit = function() { COMEET.init({
        "token": "ABC", "company-uid": "47.003",
        "css-cache": false,   //add more parameters here
    }); };"""
    assert page(f"<script>{code}</script>").call_argument("COMEET.init") == {
        "token": "ABC", "company-uid": "47.003", "css-cache": False}


def test_only_code_scripts_are_read():
    found = page('<script src="/app.js">window.pageData = {"a": 1};</script>',
                 '<script type="text/template">window.pageData = {"b": 2};</script>',
                 '<script type="text/javascript">window.pageData = {"c": 3};</script>')
    assert found.assigned("pageData") == {"c": 3}


def test_malformed_values_are_reported_and_the_next_one_read():
    seen = []
    found = page("<script>window.pageData = {\"Jobs\": [1, 2</script>",
                 '<script>window.pageData = {"Jobs": [3]};</script>',
                 '<script id="__NEXT_DATA__" type="application/json">{"broken": </script>', on_error=seen.append)
    assert found.assigned("pageData") == {"Jobs": [3]}
    assert found.script_json("__NEXT_DATA__") is None
    assert len(found.errors) == 2 and seen == found.errors
    assert "pageData" in found.errors[0] and "__NEXT_DATA__" in found.errors[1]


def test_code_is_never_run():
    # chompjs keeps an expression it meets inside a literal as its text; nothing is evaluated.
    found = page("<script>window.pageData = {a: (function(){ throw 1 })()};</script>")
    assert found.assigned("pageData") == {"a": "(function(){ throw 1 })()"}


def test_an_oversized_script_is_not_read(monkeypatch):
    monkeypatch.setattr(embedded, "MAX_SCRIPT_CHARS", 100)
    code = 'window.pageData = {"a": "' + "x" * 200 + '"};'
    found = page(f"<script>{code}</script>")
    assert found.assigned("pageData") is None
    assert found.errors == [f"a script of {len(code)} characters was not read (limit 100)"]


def test_deep_nesting_is_refused_not_a_crash():
    deep = "[" * 100_000 + "]" * 100_000
    found = page(f"<script>window.pageData = {deep};</script>")
    assert found.assigned("pageData") is None
    assert found.errors


@pytest.mark.parametrize("html", ["", "   ", "<html>", "not html at all", "\x00\x01", "<script>"])
def test_empty_and_junk_pages(html):
    found = PageData(html)
    assert found.assigned("pageData") is None and found.script_json() is None and found.job_postings() == []


def test_job_postings_of_the_page():
    found = page('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",'
                 ' "title": "Engineer"}</script>')
    assert [p["title"] for p in found.job_postings()] == ["Engineer"]


def test_literal_at():
    assert literal_at('x = [1, {"a": 2}]; y', 4) == [1, {"a": 2}]
    with pytest.raises(ValueError):
        literal_at("x = [1, 2", 4)


def test_dig_and_fill():
    data = {"a": {"b": [{"c": 1}]}}
    assert dig(data, "a", "b", 0, "c") == 1
    assert dig(data, "a", "x", "c") is None and dig(data, "a", "b", 5) is None and dig(None, "a") is None
    fields = {"title": "Listed", "descriptionHtml": [("", "teaser")], "url": ""}
    assert fill(fields, {"title": "Page", "descriptionHtml": [("", "full")], "url": "u", "department": ""},
                "descriptionHtml") == {"title": "Listed", "descriptionHtml": [("", "full")], "url": "u"}


def test_the_jobylon_sample_reads_whole():
    found = PageData(shared_fixture("jobylon/embed/mcdonalds_se_company_embed_v2.html").read_text())
    jobs = found.assigned("JBL.embed_v2['jobs']")
    assert len(jobs) == 125 and len({job["id"] for job in jobs}) == 125
    assert found.assigned("JBL.embed_v2['companies']") == ["McDonald’s Sverige"]
    assert found.errors == []


_PIECES = st.sampled_from([*"{}[]'\",:=;.() \nabcxyz0123<>/$_\\", "window", "var ", "<script>", "</script>",
                            "undefined", "x = ", "f(", "a.b['c'] = ", '<script type="application/json">'])


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_reading_any_page_never_raises(text):
    found = PageData(text)
    for value in (found.assigned("x", "window.y", "a.b['c']"), found.call_argument("f"), found.script_json()):
        assert value is None or isinstance(value, (dict, list))
