"""Crawl state: every posting ever seen, in an embedded SQLite database (<OUTPUT_DIR>/state.sqlite).

One row per posting: stable id, board, url, content hash, first/last seen, status, closed-at and consecutive
misses, plus the posting's latest record (front matter + body as JSON) so datasets can be exported without
re-reading the Markdown files.  WAL mode, so a reader (an analyst, `jobscraper stats`) never blocks a crawl;
every change is a transaction, so a crawl killed at any moment leaves the database as of its last commit.

The schema is versioned with SQLite's `user_version`; `migrate()` applies what a database lacks when it is
opened, so an old state file keeps working after an upgrade.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from scraper.dedup import TITLE_THRESHOLD

SCHEMA_VERSION = 1

# Each entry upgrades a database from version N-1 to N.  Never edit a shipped entry; append a new one.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE postings (
            id            TEXT PRIMARY KEY,
            source        TEXT NOT NULL,
            board         TEXT NOT NULL,          -- board token, as in the record
            board_url     TEXT NOT NULL DEFAULT '',  -- the board's API address: what closing counts by
            url           TEXT NOT NULL DEFAULT '',
            apply_url     TEXT NOT NULL DEFAULT '',  -- canonical (scraper.dedup.canonical_url)
            url_canon     TEXT NOT NULL DEFAULT '',  -- the posting URL, canonical
            raw_hash      TEXT NOT NULL DEFAULT '',  -- hash of what the source sent (skips unchanged work)
            content_hash  TEXT NOT NULL DEFAULT '',  -- the record's contentHash
            first_seen    TEXT NOT NULL,
            last_seen     TEXT NOT NULL,
            seen_crawl    INTEGER NOT NULL DEFAULT 0,
            status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            closed_at     TEXT NOT NULL DEFAULT '',
            misses        INTEGER NOT NULL DEFAULT 0,
            record_path   TEXT NOT NULL DEFAULT '',  -- relative to OUTPUT_DIR
            record        TEXT NOT NULL DEFAULT '{}',  -- front matter values + "description", as JSON
            duplicate_of  TEXT,                    -- id of the record this posting was merged into
            same_as       TEXT NOT NULL DEFAULT '[]',  -- URLs of postings merged into this one, as JSON
            dedup_key     TEXT NOT NULL DEFAULT '',  -- normalized company: the bucket for fuzzy matching
            title_key     TEXT NOT NULL DEFAULT ''   -- normalized title
        )""",
        "CREATE INDEX postings_board_url ON postings (board_url, status)",
        "CREATE INDEX postings_apply_url ON postings (apply_url)",
        "CREATE INDEX postings_url_canon ON postings (url_canon)",
        "CREATE INDEX postings_dedup ON postings (dedup_key)",
        """CREATE TABLE crawls (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            spider      TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            reason      TEXT,
            counts      TEXT NOT NULL DEFAULT '{}'
        )""",
        """CREATE TABLE boards (
            board_url     TEXT PRIMARY KEY,
            last_ok_at    TEXT,
            last_ok_crawl INTEGER,
            last_failed_at TEXT,
            last_failure  TEXT,
            last_count    INTEGER
        )""",
        """CREATE TABLE events (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            crawl_id   INTEGER NOT NULL,
            at         TEXT NOT NULL,
            posting_id TEXT NOT NULL,
            event      TEXT NOT NULL CHECK (event IN ('new', 'changed', 'closed', 'reopened')),
            exported   INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX events_unexported ON events (exported, id)",
    ),
}


class StateStore:
    """The state database.  Not thread-safe; one per crawl process."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are explicit (`with self.transaction()`).
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    # ---- schema ------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} has schema version {current}; this jobscraper knows up to "
                               f"{SCHEMA_VERSION}. Upgrade jobscraper.")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in MIGRATIONS[version]:
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version}")

    def transaction(self) -> "_Transaction":
        return _Transaction(self.conn)

    def close(self) -> None:
        self.conn.close()

    # ---- crawls ------------------------------------------------------------------
    def begin_crawl(self, spider: str, started_at: str) -> int:
        cur = self.conn.execute("INSERT INTO crawls (spider, started_at) VALUES (?, ?)", (spider, started_at))
        return int(cur.lastrowid)

    def finish_crawl(self, crawl_id: int, finished_at: str, reason: str, counts: dict[str, int]) -> None:
        self.conn.execute("UPDATE crawls SET finished_at = ?, reason = ?, counts = ? WHERE id = ?",
                          (finished_at, reason, json.dumps(counts, sort_keys=True), crawl_id))

    # ---- postings ----------------------------------------------------------------
    def get(self, posting_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM postings WHERE id = ?", (posting_id,)).fetchone()

    def touch(self, posting_id: str, seen_at: str, crawl_id: int) -> None:
        """Seen again, unchanged."""
        self.conn.execute("UPDATE postings SET last_seen = ?, seen_crawl = ?, misses = 0 WHERE id = ?",
                          (seen_at, crawl_id, posting_id))

    def save(self, row: dict[str, Any]) -> None:
        """Insert or replace a posting's row (all columns given)."""
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
        self.conn.execute(f"INSERT INTO postings ({columns}) VALUES ({marks}) "
                          f"ON CONFLICT (id) DO UPDATE SET {updates}", tuple(row.values()))

    def add_event(self, crawl_id: int, at: str, posting_id: str, event: str) -> None:
        self.conn.execute("INSERT INTO events (crawl_id, at, posting_id, event) VALUES (?, ?, ?, ?)",
                          (crawl_id, at, posting_id, event))

    def open_unseen(self, board_url: str, crawl_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM postings WHERE board_url = ? AND status = 'open' AND seen_crawl != ? "
            "AND duplicate_of IS NULL", (board_url, crawl_id)).fetchall()

    def count_seen(self, board_url: str, crawl_id: int) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM postings WHERE board_url = ? AND seen_crawl = ?",
                                     (board_url, crawl_id)).fetchone()[0])

    def board_ok(self, board_url: str, at: str, crawl_id: int, count: int) -> None:
        self.conn.execute(
            "INSERT INTO boards (board_url, last_ok_at, last_ok_crawl, last_count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (board_url) DO UPDATE SET last_ok_at = excluded.last_ok_at, "
            "last_ok_crawl = excluded.last_ok_crawl, last_count = excluded.last_count",
            (board_url, at, crawl_id, count))

    def board_failed(self, board_url: str, at: str, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO boards (board_url, last_failed_at, last_failure) VALUES (?, ?, ?) "
            "ON CONFLICT (board_url) DO UPDATE SET last_failed_at = excluded.last_failed_at, "
            "last_failure = excluded.last_failure", (board_url, at, reason))

    def previous_count(self, board_url: str) -> int | None:
        row = self.conn.execute("SELECT last_count FROM boards WHERE board_url = ?", (board_url,)).fetchone()
        return None if row is None else row[0]

    def find_duplicate(self, posting_id: str, board_url: str, urls: list[str], key: str, title_key: str,
                       same_job: Any) -> sqlite3.Row | None:
        """An open posting of another board that is the same job: one of `urls` (canonical) is its URL or apply
        URL; or, of the same company (`key`), its title is near-identical and `same_job(record)` agrees."""
        urls = [u for u in dict.fromkeys(urls) if u]
        if urls:
            marks = ",".join("?" for _ in urls)
            row = self.conn.execute(
                f"SELECT * FROM postings WHERE (apply_url IN ({marks}) OR url_canon IN ({marks})) AND board_url != ? "
                "AND id != ? AND duplicate_of IS NULL AND status = 'open' LIMIT 1",
                (*urls, *urls, board_url, posting_id)).fetchone()
            if row is not None:
                return row
        if not key or not title_key:
            return None
        candidates = self.conn.execute(
            "SELECT id, title_key FROM postings WHERE dedup_key = ? AND board_url != ? AND id != ? "
            "AND duplicate_of IS NULL AND status = 'open' LIMIT 5000", (key, board_url, posting_id)).fetchall()
        if not candidates:
            return None
        # One C-level pass over the company's titles, then the place check on the few that are close.
        for _, _score, index in process.extract(title_key, [c["title_key"] for c in candidates],
                                               scorer=fuzz.token_sort_ratio, score_cutoff=TITLE_THRESHOLD, limit=5):
            row = self.get(candidates[index]["id"])
            if row is not None and same_job(json.loads(row["record"])):
                return row
        return None

    def add_same_as(self, posting_id: str, url: str) -> None:
        row = self.conn.execute("SELECT same_as FROM postings WHERE id = ?", (posting_id,)).fetchone()
        urls = json.loads(row[0]) if row else []
        if url and url not in urls:
            urls.append(url)
            self.conn.execute("UPDATE postings SET same_as = ? WHERE id = ?", (json.dumps(urls), posting_id))

    def duplicates_seen(self, posting_id: str, crawl_id: int) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM postings WHERE duplicate_of = ? AND seen_crawl = ?",
                                     (posting_id, crawl_id)).fetchone()[0])

    def iter_postings(self) -> Iterator[sqlite3.Row]:
        """Every posting that is its own record (duplicates merged into another are left out), by id."""
        yield from self.conn.execute("SELECT * FROM postings WHERE duplicate_of IS NULL ORDER BY id")

    def unexported_events(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT e.*, p.url, p.board FROM events e LEFT JOIN postings p ON p.id = e.posting_id "
            "WHERE e.exported = 0 ORDER BY e.id").fetchall()

    def mark_exported(self, up_to_id: int) -> None:
        self.conn.execute("UPDATE events SET exported = 1 WHERE exported = 0 AND id <= ?", (up_to_id,))


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
