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
