"""Real `scrapy crawl recruitee` runs against 127.0.0.1, and the README's demo command."""

import re
import shutil
import subprocess

import pytest

from scraper.record import RECORD_KEYS
from tests.helpers import OWN_FIXTURES, REPO, crawl

pytestmark = pytest.mark.e2e

DEMO_OFFERS = REPO / "demo" / "snapshot" / "jobs.chartmogul.com" / "api" / "offers.json"
GOLDEN = OWN_FIXTURES / "recruitee" / "chartmogul-backend-engineer.expected.md"
SEED_RECORD = "chartmogul-cmtde-gmbh-co-kg/backend-engineer-remote-eu-berlin.md"
COMPANY_ARGS = {
    "featured": 20,
    "website": "https://chartmogul.com/",
    "logo": "https://jobboard-logos-bucket.s3.eu-central-1.amazonaws.com/chartmogul-cmtde-gmbh-co-kg",
}


def masked(record_text):
    """A record with its crawl-time stamps replaced, for comparison with the golden file."""
    return re.sub(r'^(firstSeen|lastSeen): "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$', r'\1: "<crawl time>"',
                  record_text, flags=re.M)


def serve_board(httpserver, body, status=200, content_type="application/json"):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/api/offers/").respond_with_data(body, status=status, content_type=content_type)
    return httpserver.url_for("/").rstrip("/")


def test_golden_seed_posting_record(httpserver, tmp_path):
    url = serve_board(httpserver, DEMO_OFFERS.read_bytes())
    result = crawl("recruitee", tmp_path, args={"url": url, **COMPANY_ARGS})
    assert result.returncode == 0, result.log[-3000:]
    records = result.records()
    assert len(records) == 4
    written = (result.output_dir / SEED_RECORD).read_text(encoding="utf-8")
    assert masked(written) == GOLDEN.read_text(encoding="utf-8")
    assert result.stats["jobs/records/written"] == 4
    assert result.stats["jobs/recruitee/boards_ok"] == 1


def test_recrawl_with_nothing_changed_rewrites_nothing(httpserver, tmp_path):
    url = serve_board(httpserver, DEMO_OFFERS.read_bytes())
    first = crawl("recruitee", tmp_path, args={"url": url, **COMPANY_ARGS})
    path = first.output_dir / SEED_RECORD
    before = path.stat().st_mtime_ns
    second = crawl("recruitee", tmp_path, args={"url": url, **COMPANY_ARGS})
    assert second.stats["jobs/state/unchanged"] == 4 and "jobs/records/written" not in second.stats
    assert path.stat().st_mtime_ns == before


def test_board_404_is_logged_and_counted(httpserver, tmp_path):
    url = serve_board(httpserver, b'{"error":"not found"}', status=404)
    result = crawl("recruitee", tmp_path, args={"url": url})
    assert result.returncode == 0
    assert result.stats["jobs/recruitee/boards_failed/not_found"] == 1
    assert "board request failed (not_found)" in result.log
    assert not list(result.output_dir.rglob("*.md"))


def test_hostile_titles_and_slugs_stay_inside_output_dir(httpserver, tmp_path):
    body = (OWN_FIXTURES / "recruitee" / "hostile_offers.json").read_bytes()
    url = serve_board(httpserver, body)
    result = crawl("recruitee", tmp_path, args={"url": url})
    assert result.returncode == 0, result.log[-3000:]
    inside = {p.resolve() for p in result.output_dir.rglob("*") if p.is_file()}
    everything = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert everything - inside == {(tmp_path / "stats.json").resolve()}
    assert not list(result.output_dir.rglob(".tmp-*")), "no half-written temp files"
    records = result.records()
    titles = {meta["title"] for meta, _ in records.values()}
    assert "../../../tmp/x" in titles
    assert 'Engineer: "quoted" # not a comment --- next' in titles  # titles are one line
    for meta, body in records.values():
        assert list(meta) == list(RECORD_KEYS)
        assert "<script" not in body and "javascript:" not in body and "onerror" not in body


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_readme_demo_command_runs_offline(tmp_path):
    out = tmp_path / "demo-output"
    proc = subprocess.run(["make", "demo", f"OUTPUT_DIR={out}"], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    records = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert SEED_RECORD in records and len(records) == 4
    assert masked((out / SEED_RECORD).read_text(encoding="utf-8")) == GOLDEN.read_text(encoding="utf-8")
    assert "'httpcache/hit': 2" in proc.stderr and "httpcache/miss" not in proc.stderr
