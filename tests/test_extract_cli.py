import io
import json
import subprocess
import sys

from scraper.commands.extract import extract_stream
from tests.helpers import REPO

SEED = json.loads((REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json").read_text())["offers"][0]


def test_seed_posting_gets_the_right_answer():
    line = json.dumps({"id": "seed", "title": SEED["title"], "company": SEED["company_name"],
                       "text": SEED["description"] + SEED["requirements"]})
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(io.StringIO(line + "\n"), out, err) == (1, 0)
    record = json.loads(out.getvalue())
    assert record["id"] == "seed" and record["title"] == SEED["title"]  # passed through
    assert record["skills"] == {"required": ["SQL"], "niceToHave": ["Ruby", "PostgreSQL", "Rust"]}
    assert record["languages"] == ["en"] and record["seniority"] == "junior"
    assert record["workplace"] == "remote" and record["applicantRegions"] == ["EU"]
    assert record["postingLanguage"] == "en"


def test_bad_lines_are_reported_and_skipped_and_the_stream_goes_on():
    lines = ['{"text": "Python and SQL", "n": 1}', "{not json", '["a list"]', '{"text": 5}', "",
             '{"text": "Vollzeit, Remote (DACH), 60.000–70.000 EUR pro Jahr", "n": 2}']
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(io.StringIO("\n".join(lines)), out, err) == (2, 3)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["n"] for r in records] == [1, 2]
    assert records[1]["salary"]["min"] == 60000 and records[1]["salary"]["currency"] == "EUR"
    assert records[1]["employmentType"] == "FULL_TIME"
    assert "line 2:" in err.getvalue() and "line 3:" in err.getvalue() and "line 4:" in err.getvalue()


def test_console_script_streams_stdin_to_stdout():
    proc = subprocess.run([sys.executable, "-m", "scraper.cli", "extract"], input='{"text": "Kotlin or Swift"}\n',
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert set(record) >= {"text", "skills", "languages", "seniority", "experienceYears", "workplace",
                           "applicantRegions", "salary", "employmentType", "postingLanguage"}


def test_lone_surrogates_and_controls_are_extracted_around_and_passed_through_as_escaped():
    # JSON may escape a lone surrogate; UTF-8 (and the Rust matchers and lingua) cannot carry one.
    line = ('{"id": "\\udc00", "title": "Backend Engineer \\ud800", '
            '"text": "We are looking for a senior engineer. You must be \\ud800\\u0007 based in Germany. '
            'Fluent German and Python required. 60.000 - 70.000 EUR pro Jahr."}')
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(io.StringIO(line + "\n"), out, err) == (1, 0), err.getvalue()
    written = out.getvalue()
    written.encode("utf-8")  # a line any UTF-8 reader takes
    record = json.loads(written)
    assert record["id"] == "\udc00" and record["text"] == json.loads(line)["text"]  # unchanged
    assert record["skills"]["required"] == ["Python"] and record["languages"] == ["de"]
    assert record["applicantRegions"] == ["DE"] and record["seniority"] == "senior"
    assert record["salary"]["min"] == 60000 and record["postingLanguage"] == "en"


def test_a_posting_whose_extraction_fails_is_reported_and_the_stream_goes_on(monkeypatch):
    from scraper.commands import extract

    def extract_requirements(text, **kwargs):
        if "boom" in text:
            raise RuntimeError("boom")
        return {"skills": {"required": [], "niceToHave": []}}

    monkeypatch.setattr(extract, "extract_requirements", extract_requirements)
    out, err = io.StringIO(), io.StringIO()
    lines = '{"text": "boom", "n": 1}\n{"text": "fine", "n": 2}\n'
    assert extract_stream(io.StringIO(lines), out, err) == (1, 1)
    assert [json.loads(line)["n"] for line in out.getvalue().splitlines()] == [2]
    assert "line 1: extraction failed (RuntimeError: boom)" in err.getvalue()


def test_console_script_reads_bytes_that_are_not_utf8(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "caf\xe9 \xff Python developer"}\n{"text": "Rust"}\n')
    for args, stdin in ((["-i", str(source)], None), ([], source.read_bytes())):
        proc = subprocess.run([sys.executable, "-m", "scraper.cli", "extract", *args], input=stdin,
                              capture_output=True, cwd=REPO, timeout=120)
        assert proc.returncode == 0, proc.stderr
        records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
        assert records[0]["text"] == "caf\ufffd \ufffd Python developer"
        assert records[0]["skills"]["required"] == ["Python"] and records[1]["skills"]["required"] == ["Rust"]


def test_the_issue_14_lines_as_a_new_user_sends_them():
    # Each posting is the one line of text the issue tried; nothing else around it.
    cases = [("Location: Remote (Europe)", "remote", ["EUROPE"], None),
             ("Location: Remote - Canada", "remote", ["CA"], None),
             ("Remote, Portugal", "remote", ["PT"], None),
             ("Spain/Remote", "remote", ["ES"], None),
             ("Remote-Brazil (contractor)", "remote", ["BR"], None),
             ("Munich, Germany (on-site)", "onsite", [], None),
             ("3 days per week in the office", "hybrid", [], None),
             ("Between 3 and 5 years of experience", "", [], {"min": 3, "max": 5})]
    lines = "".join(json.dumps({"text": text, "title": "Software Engineer"}) + "\n" for text, *_ in cases)
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(io.StringIO(lines), out, err) == (len(cases), 0)
    for record, (text, workplace, regions, years) in zip(map(json.loads, out.getvalue().splitlines()), cases,
                                                          strict=True):
        assert (record["workplace"], record["applicantRegions"]) == (workplace, regions), text
        assert record["experienceYears"] == (years or {"min": None, "max": None}), text
