"""Any input into every normalizer and the record writer: no exception, outputs of the promised shape, and
nothing unsafe or outside OUTPUT_DIR.  `make fuzz` runs 10,000 examples per property."""

import csv
import io
import re
import string
from datetime import UTC

from hypothesis import given
from hypothesis import strategies as st
from itemadapter import ItemAdapter

from scraper.bodies import decode_body, loads_json
from scraper.datasets import csv_line
from scraper.dedup import canonical_url, dedup_key, normalize_title, same_job, same_title
from scraper.items import JobPosting
from scraper.normalize.dates import parse_datetime, to_iso
from scraper.normalize.employment import EMPLOYMENT_TYPES, job_type, normalize_employment_type
from scraper.normalize.location import country_code, display_location, parse_location_string, parse_locations
from scraper.normalize.salary import currency_code, normalize_period, normalize_salary, to_amount
from scraper.normalize.seniority import SENIORITY_LEVELS, normalize_seniority
from scraper.normalize.skills import extract_skills, find_skills
from scraper.normalize.text import clean_text, html_to_markdown_text, markdown_to_plain, sanitize_html
from scraper.normalize.workplace import normalize_workplace
from scraper.paths import UnsafePathError, record_path, safe_slug
from scraper.record import RECORD_KEYS, parse_record, render_record, yaml_safe_text

# Text with the characters that break things: markup, YAML syntax, controls, surrogates, odd unicode.
NASTY = st.sampled_from(["<", ">", "&", "&amp;", "&nbsp;", "<script>", "</p>", "<a href='javascript:x'>", "\x00",
                         "\ud800", "\u2028", "\u00a0", "\ufeff", "---", ": ", "#", "*", "&a", "!!python/object",
                         "../", "/", "\\", "C++", "C#", ".NET", "€", "$", "k", "-", "–", "'", '"', "\n", "\t",
                         "\u0338", "／", "\u200b", "e\u0301", "🙂"])
TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=30).map("".join)
HTML_TAGS = ["p", "div", "span", "strong", "em", "b", "i", "a", "ul", "ol", "li", "h1", "h2", "h3", "table", "tr",
             "td", "th", "br", "img", "script", "style", "iframe", "form", "svg", "pre", "code", "blockquote"]


@st.composite
def html_fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(HTML_TAGS))
            attrs = draw(st.sampled_from(["", " href='/x'", " href='javascript:alert(1)'", " onclick='x()'",
                                          " src='data:image/png;base64,AA'", " style='width:expression(1)'",
                                          " src='https://t.example/p.gif' width='1' height='1'", " href=' '"]))
            parts.append(f"<{tag}{attrs}>{draw(html_fragments(depth + 1))}</{tag}>")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


UNSAFE = re.compile(r"(?<!\\)<(script|iframe|object|embed|style|form|svg)\b|\]\((?:javascript|vbscript|data):", re.I)


@given(TEXT)
def test_clean_text_is_one_clean_line(value):
    out = clean_text(value)
    assert "\n" not in out and out == out.strip()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]", out)


@given(html_fragments(), st.sampled_from(["", "https://jobs.example.com/o/x", "not a url", "http://[::1"]))
def test_markdown_is_safe_and_tidy(fragment, base):
    out = html_to_markdown_text(fragment, base_url=base)
    assert not UNSAFE.search(out), out
    assert all(line == line.rstrip() for line in out.split("\n"))
    assert "\n\n\n" not in out
    assert not re.search("[\x00\ud800-\udfff]", out)
    markdown_to_plain(out)
    sanitize_html(fragment, base)


@given(st.one_of(TEXT, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_dates_are_utc_or_nothing(value):
    moment = parse_datetime(value)
    if moment is not None:
        assert moment.tzinfo is not None and moment.utcoffset() == UTC.utcoffset(None)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", to_iso(moment))


@given(st.one_of(TEXT, st.lists(TEXT, max_size=3), st.none()))
def test_employment_type_vocabulary(value):
    found = normalize_employment_type(value)
    assert found in EMPLOYMENT_TYPES or found == ""
    assert job_type(found) in {"full-time", "part-time", "contract", "temporary", "internship", "volunteer",
                               "per-diem", "other"}


@given(TEXT)
def test_locations_have_iso_countries(value):
    for place in [parse_location_string(value), *parse_locations(value)]:
        assert set(place) >= {"city", "region", "country"}
        assert re.fullmatch(r"([A-Z]{2})?", place["country"])
    assert re.fullmatch(r"([A-Z]{2})?", country_code(value))
    display_location([parse_location_string(value)], "onsite")


@given(st.one_of(TEXT, st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none()),
       st.one_of(TEXT, st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none()), TEXT, TEXT)
def test_salary_amounts_positive_finite_or_none(low, high, currency, period):
    salary = normalize_salary({"min": low, "max": high, "currency": currency, "period": period})
    for key in ("min", "max"):
        value = salary[key]
        assert value is None or (0 < value <= 1e9)
    if salary["min"] is not None and salary["max"] is not None:
        assert salary["min"] <= salary["max"]
    assert re.fullmatch(r"([A-Z]{3})?", salary["currency"])
    assert salary["period"] in {"", "HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
    currency_code(currency), normalize_period(period), to_amount(low)


@given(TEXT)
def test_workplace_and_seniority_vocabularies(value):
    assert normalize_workplace(value) in {"", "remote", "hybrid", "onsite"}
    assert normalize_seniority(value) in (*SENIORITY_LEVELS, "")


@given(TEXT)
def test_skills_are_canonical_names_from_the_text(value):
    mentions = find_skills(value)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(value)
    skills = extract_skills(value)
    assert set(skills) == {"required", "niceToHave"}
    assert not set(skills["required"]) & set(skills["niceToHave"])


@given(TEXT, TEXT)
def test_record_paths_stay_inside_output_dir(tmp_path_factory, company, posting):
    root = tmp_path_factory.getbasetemp() / "prop-out"
    slug_a, slug_b = safe_slug(company, fallback="c"), safe_slug(posting, fallback="p")
    assert re.fullmatch(r"[a-z0-9-]{1,80}|x-[0-9a-f]{12}", slug_a)
    path = record_path(root, slug_a, slug_b)
    assert path.resolve().is_relative_to(root.resolve())
    for unsafe in (company, posting):
        if "/" in unsafe or unsafe in {"", ".", ".."}:
            try:
                record_path(root, unsafe, "x")
            except UnsafePathError:
                pass
            else:
                raise AssertionError(f"{unsafe!r} accepted as a path component")


@given(TEXT, TEXT, st.lists(TEXT, max_size=4), st.integers(min_value=0, max_value=2**53))
def test_any_record_round_trips(title, body, tags, timestamp):
    item = ItemAdapter(JobPosting(title=title, companyName=title, description=body, timestamp=timestamp,
                                  languages=tags, locations=[{"city": t, "region": "", "country": ""} for t in tags]))
    meta, parsed_body = parse_record(render_record(item))
    assert list(meta) == list(RECORD_KEYS)
    assert meta["title"] == yaml_safe_text(title) and meta["companyName"] == yaml_safe_text(title)
    assert meta["languages"] == [yaml_safe_text(t) for t in tags]
    assert meta["timestamp"] == timestamp
    assert parsed_body.startswith("## Job description")


@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin-1", "utf-16", "bogus", "cp1252"]))
def test_any_body_decodes(body, charset):
    text, encoding, _ = decode_body(body, charset)
    assert isinstance(text, str) and encoding
    try:
        loads_json(text)
    except (ValueError, RecursionError):
        pass


@given(TEXT, TEXT)
def test_dedup_keys_never_fail(a, b):
    canonical_url(a), normalize_title(a), same_title(a, b)
    record = {"companyName": a, "title": b, "locations": [{"city": b, "country": "DE"}], "workplace": "remote"}
    dedup_key(record), same_job(record, {"companyName": b, "title": a, "locations": [{"city": a}]})


@given(st.text(alphabet=string.ascii_letters + "/:?&=#.%", max_size=60))
def test_canonical_url_is_stable(url):
    once = canonical_url("https://x.example/" + url)
    assert canonical_url(once) == once


# Words every extractor looks for, so that fuzzed text reaches their rules and not only their anchors' absence.
TRIGGERS = st.sampled_from(["based in", "Remote (EU)", "EU only", "Germany", "U.S.", "3+ years", "5-7 Jahre",
                            "fluent English", "Deutschkenntnisse", "nice to have:", "\n## Bonus\n", "- ", "senior",
                            "Werkstudent", "Vollzeit", "€60,000 - €75,000 per year", "$120k", "60-70k EUR", "Python",
                            "Go", "Rust", "the rest of", "is a plus", "the", "und", "het", " ", "\n"])
POSTING_TEXT = st.lists(st.one_of(TRIGGERS, TEXT), max_size=40).map("".join)


@given(st.one_of(POSTING_TEXT, html_fragments()), POSTING_TEXT)
def test_extraction_of_any_text_has_the_promised_shape(text, title):
    from scraper.normalize.requirements import REQUIREMENT_KEYS, extract_from_markdown, extract_requirements

    raw = extract_from_markdown(text, title, title)  # uncleaned: controls, lone surrogates
    assert tuple(raw) == REQUIREMENT_KEYS
    fields = extract_requirements(text, title=title, location=title)
    assert tuple(fields) == REQUIREMENT_KEYS
    assert set(fields["skills"]) == {"required", "niceToHave"}
    assert all(re.fullmatch(r"[a-z]{2}", code) for code in fields["languages"])
    assert fields["seniority"] in (*SENIORITY_LEVELS, "")
    assert fields["workplace"] in {"", "remote", "hybrid", "onsite"}
    assert fields["employmentType"] in (*EMPLOYMENT_TYPES, "")
    assert re.fullmatch(r"[a-z]{2}|", fields["postingLanguage"])
    years = fields["experienceYears"]
    assert years["min"] is None or years["max"] is None or years["min"] <= years["max"]


CSV_CELL = st.one_of(st.text(st.one_of(st.characters(), st.sampled_from([",", '"', "\r", "\n", " "]))),
                     st.integers(), st.floats(allow_nan=False), st.just(""))


@given(st.lists(CSV_CELL, min_size=1, max_size=6))
def test_csv_line_is_what_csv_writer_writes(cells):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(cells)
    assert csv_line(cells) == buffer.getvalue()
