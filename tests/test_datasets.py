"""Datasets after a real crawl: Parquet (pyarrow), CSV (csv module) and JSONL hold exactly what the
Markdown records hold; `jobscraper validate` passes on them and fails on a broken record."""

import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from scraper.cli import main as cli
from scraper.commands.validate import record_from_file
from scraper.datasets import read_csv, read_jsonl
from tests.helpers import REPO, crawl

pytestmark = pytest.mark.e2e

DEMO_OFFERS = REPO / "demo" / "snapshot" / "jobs.chartmogul.com" / "api" / "offers.json"


@pytest.fixture
def crawled(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/api/offers/").respond_with_data(DEMO_OFFERS.read_bytes(),
                                                                content_type="application/json")
    run = crawl("recruitee", tmp_path, args={"url": httpserver.url_for("/").rstrip("/"), "featured": 3})
    assert run.returncode == 0, run.log[-2000:]
    return run.output_dir


def records_by_id(out):
    records = {}
    for path in out.rglob("*.md"):
        record = record_from_file(path)
        record["recordPath"] = path.relative_to(out).as_posix()
        record["sameAs"] = []
        records[record["id"]] = record
    return records


def test_parquet_csv_and_jsonl_equal_the_records(crawled):
    records = records_by_id(crawled)
    assert len(records) == 4
    table = pq.read_table(crawled / "datasets" / "jobs.parquet")
    assert table.schema.field("salary").type.num_fields == 5
    assert str(table.schema.field("timestamp").type) == "int64"
    for source in (table.to_pylist(), list(read_csv(crawled / "datasets" / "jobs.csv")),
                   list(read_jsonl(crawled / "datasets" / "jobs.jsonl"))):
        assert len(source) == 4
        for row in source:
            expected = records[row["id"]]
            assert set(row) == set(expected)
            for key, value in row.items():
                if key == "salary":  # Parquet stores amounts as double
                    value = {**value, **{k: (int(v) if isinstance(v, float) and v.is_integer() else v)
                                         for k, v in value.items() if k in ("min", "max")}}
                assert value == expected[key], (row["id"], key)


def test_validate_passes_then_catches_a_broken_record(crawled, capsys):
    assert cli(["validate", str(crawled)]) == 0
    assert "validate: OK" in capsys.readouterr().out
    path = next(crawled.rglob("backend-engineer-remote-eu-berlin.md"))
    path.write_text(path.read_text().replace('workplace: "remote"', 'workplace: "on the moon"'))
    assert cli(["validate", str(crawled)]) == 1
    out = capsys.readouterr().out
    assert "backend-engineer-remote-eu-berlin.md: workplace" in out and "FAILED" in out


def test_validate_on_an_empty_folder_fails(tmp_path, capsys):
    assert cli(["validate", str(tmp_path)]) == 1


def big_board(n):
    import json
    offers = [{"id": i, "slug": f"job-{i}", "title": f"Engineer {i}", "company_name": "Bulk Co",
               "careers_url": f"https://jobs.bulk.example/o/job-{i}", "published_at": "2026-11-01 10:00:00 UTC",
               "description": "<p>We need <strong>SQL</strong> and<em> Python</em>.</p>" * 20} for i in range(n)]
    return json.dumps({"offers": offers})


def test_kill_9_mid_crawl_then_rerun_completes(httpserver, tmp_path):
    n = 1500
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/api/offers/").respond_with_data(big_board(n), content_type="application/json")
    out = tmp_path / "output"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "recruitee", "-a", f"url={httpserver.url_for('/').rstrip('/')}",
           "-s", f"OUTPUT_DIR={out}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING",
           "-s", "SSRF_ALLOWED_NETWORKS=127.0.0.1/32"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    company = out / "bulk-co"
    while time.time() < deadline and (not company.exists() or len(os.listdir(company)) < 100):
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written_before = len(list(company.glob("*.md")))
    assert 0 < written_before < n, "the kill must land mid-crawl"
    for path in company.glob("*.md"):  # every file present is a whole record
        record_from_file(path)

    run = crawl("recruitee", tmp_path, args={"url": httpserver.url_for("/").rstrip("/")})
    assert run.returncode == 0, run.log[-2000:]
    assert len(list(company.glob("*.md"))) == n
    assert not list(out.rglob(".tmp-*"))
    assert cli(["validate", str(out)]) == 0
    rows = list(read_jsonl(out / "datasets" / "jobs.jsonl"))
    assert len(rows) == n and len({r["id"] for r in rows}) == n
    events = list(read_jsonl(out / "datasets" / "changes.jsonl"))
    assert sorted(e["id"] for e in events if e["event"] == "new") == sorted(r["id"] for r in rows)
