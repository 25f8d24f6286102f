"""Consecutive real crawls of a board that changes between runs: new, changed, missed, failed, closed,
reopened; the files, the state, changes.jsonl and the stats."""

import json
import sqlite3

import pytest

from scraper.datasets import read_jsonl
from scraper.record import parse_record
from tests.helpers import crawl

pytestmark = pytest.mark.e2e


def offer(offer_id, title, body="<p>Work with SQL.</p>"):
    return {"id": offer_id, "slug": f"job-{offer_id}", "title": title, "description": body,
            "careers_url": f"https://jobs.example.com/o/job-{offer_id}", "company_name": "Example GmbH",
            "mailbox_email": f"job.{offer_id}@example.recruitee.com", "published_at": "2026-11-01 10:00:00 UTC",
            "status": "published"}


class Board:
    """A Recruitee board on 127.0.0.1 whose answer the test sets before each crawl."""

    def __init__(self, httpserver):
        self.server = httpserver
        self.url = httpserver.url_for("/").rstrip("/")

    def serve(self, *offers, status=200):
        self.server.clear()
        self.server.expect_request("/robots.txt").respond_with_data("", status=404)
        body = json.dumps({"offers": list(offers)}) if status == 200 else "upstream error"
        self.server.expect_request("/api/offers/").respond_with_data(body, status=status,
                                                                    content_type="application/json")


def record(out, offer_id):
    return parse_record((out / "example-gmbh" / f"job-{offer_id}.md").read_text(encoding="utf-8"))[0]


def test_new_changed_missed_failed_closed_reopened(httpserver, tmp_path):
    board = Board(httpserver)
    out = tmp_path / "output"
    changes = out / "datasets" / "changes.jsonl"

    # 1. three new postings
    board.serve(offer(1, "Engineer"), offer(2, "Analyst"), offer(3, "Designer"))
    run = crawl("recruitee", tmp_path, args={"url": board.url})
    assert run.returncode == 0, run.log[-2000:]
    assert run.stats["jobs/state/new"] == 3
    assert [e["event"] for e in read_jsonl(changes)] == ["new"] * 3
    first_seen = record(out, 1)["firstSeen"]
    mtime_3 = (out / "example-gmbh" / "job-3.md").stat().st_mtime_ns

    # 2. 1 edited, 2 removed, 4 added, 3 untouched
    board.serve(offer(1, "Engineer", "<p>Work with SQL and Rust.</p>"), offer(3, "Designer"), offer(4, "Lead"))
    run = crawl("recruitee", tmp_path, args={"url": board.url})
    s = run.stats
    assert (s["jobs/state/changed"], s["jobs/state/new"], s["jobs/state/unchanged"], s["jobs/state/missed"]) == \
        (1, 1, 1, 1)
    assert "jobs/state/closed" not in s
    assert record(out, 2)["status"] == "open", "one miss does not close"
    assert record(out, 1)["firstSeen"] == first_seen
    assert "Rust" in (out / "example-gmbh" / "job-1.md").read_text()
    assert (out / "example-gmbh" / "job-3.md").stat().st_mtime_ns == mtime_3

    # 3. the board fails: nothing may close
    board.serve(status=500)
    run = crawl("recruitee", tmp_path, args={"url": board.url})
    assert run.returncode == 0
    assert run.stats["jobs/recruitee/boards_failed/http_500"] == 1
    assert "jobs/state/closed" not in run.stats and "jobs/state/missed" not in run.stats
    assert {record(out, i)["status"] for i in (1, 2, 3, 4)} == {"open"}

    # 4. 2 is missing again (second miss in a row of normal answers): closed, record kept
    board.serve(offer(1, "Engineer", "<p>Work with SQL and Rust.</p>"), offer(3, "Designer"), offer(4, "Lead"))
    run = crawl("recruitee", tmp_path, args={"url": board.url})
    assert run.stats["jobs/state/closed"] == 1 and run.stats["jobs/state/unchanged"] == 3
    closed = record(out, 2)
    assert closed["status"] == "closed" and closed["closedAt"]

    # 5. 2 reappears: reopened
    board.serve(offer(1, "Engineer", "<p>Work with SQL and Rust.</p>"), offer(2, "Analyst"), offer(3, "Designer"),
                offer(4, "Lead"))
    run = crawl("recruitee", tmp_path, args={"url": board.url})
    assert run.stats["jobs/state/reopened"] == 1
    reopened = record(out, 2)
    assert reopened["status"] == "open" and reopened["closedAt"] == ""

    events = [(e["event"], e["id"].rsplit(":", 1)[1]) for e in read_jsonl(changes)]
    assert events == [("new", "1"), ("new", "2"), ("new", "3"), ("changed", "1"), ("new", "4"),
                      ("closed", "2"), ("reopened", "2")]
    rows = {r["id"].rsplit(":", 1)[1]: r for r in read_jsonl(out / "datasets" / "jobs.jsonl")}
    assert set(rows) == {"1", "2", "3", "4"} and {r["status"] for r in rows.values()} == {"open"}

    db = sqlite3.connect(out / "state.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT COUNT(*) FROM crawls WHERE finished_at IS NOT NULL").fetchone()[0] == 5


def test_posting_missing_from_a_board_that_emptied_is_flagged(httpserver, tmp_path):
    board = Board(httpserver)
    board.serve(offer(1, "Engineer"), offer(2, "Analyst"))
    crawl("recruitee", tmp_path, args={"url": board.url})
    board.serve()
    run = crawl("recruitee", tmp_path, args={"url": board.url})
    assert run.stats["jobs/state/boards_emptied"] == 1
    assert "listed 0 postings; it had 2 last time" in run.log
