"""Crawl state: every posting ever seen, in an embedded SQLite database (<OUTPUT_DIR>/state.sqlite), or, for
several crawl workers on several machines (STATE_URL=postgresql://...), in PostgreSQL: one interface, two stores.

One row per posting: stable id, board, url, content hash, first/last seen, status, closed-at and consecutive
misses, plus the posting's latest record (front matter + body as JSON) so datasets can be exported without
re-reading the Markdown files.  WAL mode, so a reader (an analyst, `jobscraper stats`) never blocks a crawl;
every change is a transaction, so a crawl killed at any moment leaves the database as of its last commit.

The schema is versioned (SQLite's `user_version`, a `schema_version` table in PostgreSQL); `migrate()` applies
what a database lacks when it is opened, so an old state keeps working after an upgrade.
"""

from __future__ import annotations

import json
import re
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
            round       TEXT UNIQUE,              -- a distributed round's id: all its workers are one crawl
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
    """The state database (SQLite).  Not thread-safe; one per crawl process.

    Every statement goes through `execute` with "?" placeholders; a backend adapts them.  Rows read by column
    name (row["id"])."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are explicit (`with self.transaction()`, begin/commit).
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.path}>"

    # ---- the backend -------------------------------------------------------------
    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    for_update = ""  # SQLite: BEGIN IMMEDIATE already holds the write lock

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def transaction(self) -> "_Transaction":
        return _Transaction(self)

    def close(self) -> None:
        self.conn.close()

    # ---- schema ------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def _ddl(self, statement: str) -> str:
        return statement

    def migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise RuntimeError(f"{self!r} has schema version {current}; this jobscraper knows up to "
                               f"{SCHEMA_VERSION}. Upgrade jobscraper.")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                # Another worker sharing the file may have applied it while this one waited for the lock.
                if self.version >= version:
                    continue
                for statement in MIGRATIONS[version]:
                    self.execute(self._ddl(statement))
                self._set_version(version)

    # ---- crawls ------------------------------------------------------------------
    def begin_crawl(self, spider: str, started_at: str, round_id: str | None = None) -> int:
        """A crawl's id; every worker of one distributed round gets the same one."""
        if round_id:
            self.execute("INSERT INTO crawls (round, spider, started_at) VALUES (?, ?, ?) ON CONFLICT (round) "
                         "DO NOTHING", (round_id, spider, started_at))
            return int(self.execute("SELECT id FROM crawls WHERE round = ?", (round_id,)).fetchone()["id"])
        return int(self.execute("INSERT INTO crawls (spider, started_at) VALUES (?, ?) RETURNING id",
                                (spider, started_at)).fetchone()["id"])

    def finish_crawl(self, crawl_id: int, finished_at: str, reason: str, counts: dict[str, int]) -> None:
        """The crawl's end; its counts add to what other workers of the round (or the run a JOBDIR crawl
        resumed) recorded."""
        with self.transaction():
            row = self.execute(f"SELECT counts FROM crawls WHERE id = ?{self.for_update}", (crawl_id,)).fetchone()
            total = json.loads(row["counts"] or "{}") if row is not None else {}
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
            self.execute("UPDATE crawls SET finished_at = ?, reason = ?, counts = ? WHERE id = ?",
                         (finished_at, reason, json.dumps(total, sort_keys=True), crawl_id))

    # ---- postings ----------------------------------------------------------------
    def get(self, posting_id: str) -> Any:
        return self.execute("SELECT * FROM postings WHERE id = ?", (posting_id,)).fetchone()

    def touch(self, posting_id: str, seen_at: str, crawl_id: int) -> None:
        """Seen again, unchanged."""
        self.execute("UPDATE postings SET last_seen = ?, seen_crawl = ?, misses = 0 WHERE id = ?",
                     (seen_at, crawl_id, posting_id))

    def seen_with_new_hash(self, posting_id: str, raw_hash: str, seen_at: str, crawl_id: int) -> None:
        """Seen again: the source's bytes moved, the content did not."""
        self.execute("UPDATE postings SET raw_hash = ?, last_seen = ?, seen_crawl = ?, misses = 0 WHERE id = ?",
                     (raw_hash, seen_at, crawl_id, posting_id))

    def set_misses(self, posting_id: str, misses: int) -> None:
        self.execute("UPDATE postings SET misses = ? WHERE id = ?", (misses, posting_id))

    def close_posting(self, posting_id: str, closed_at: str, record: str, crawl_id: int) -> None:
        self.execute("UPDATE postings SET status = 'closed', closed_at = ?, misses = misses + 1, record = ? "
                     "WHERE id = ?", (closed_at, record, posting_id))
        self.add_event(crawl_id, closed_at, posting_id, "closed")

    def save(self, row: dict[str, Any]) -> None:
        """Insert or replace a posting's row (all columns given)."""
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
        self.execute(f"INSERT INTO postings ({columns}) VALUES ({marks}) "
                     f"ON CONFLICT (id) DO UPDATE SET {updates}", tuple(row.values()))

    def add_event(self, crawl_id: int, at: str, posting_id: str, event: str) -> None:
        self.execute("INSERT INTO events (crawl_id, at, posting_id, event) VALUES (?, ?, ?, ?)",
                     (crawl_id, at, posting_id, event))

    def open_unseen(self, board_url: str, crawl_id: int) -> list[Any]:
        return self.execute(
            "SELECT * FROM postings WHERE board_url = ? AND status = 'open' AND seen_crawl != ? "
            "AND duplicate_of IS NULL", (board_url, crawl_id)).fetchall()

    def count_seen(self, board_url: str, crawl_id: int) -> int:
        return int(self.execute("SELECT COUNT(*) AS n FROM postings WHERE board_url = ? AND seen_crawl = ?",
                                (board_url, crawl_id)).fetchone()["n"])

    def board_ok(self, board_url: str, at: str, crawl_id: int, count: int) -> None:
        self.execute(
            "INSERT INTO boards (board_url, last_ok_at, last_ok_crawl, last_count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (board_url) DO UPDATE SET last_ok_at = excluded.last_ok_at, "
            "last_ok_crawl = excluded.last_ok_crawl, last_count = excluded.last_count",
            (board_url, at, crawl_id, count))

    def board_failed(self, board_url: str, at: str, reason: str) -> None:
        self.execute(
            "INSERT INTO boards (board_url, last_failed_at, last_failure) VALUES (?, ?, ?) "
            "ON CONFLICT (board_url) DO UPDATE SET last_failed_at = excluded.last_failed_at, "
            "last_failure = excluded.last_failure", (board_url, at, reason))

    def previous_count(self, board_url: str, crawl_id: int | None = None) -> int | None:
        """How many postings the board listed the last time it answered normally before this crawl."""
        row = self.execute("SELECT last_count, last_ok_crawl FROM boards WHERE board_url = ?",
                           (board_url,)).fetchone()
        return None if row is None else row["last_count"]

    def find_duplicate(self, posting_id: str, board_url: str, urls: list[str], key: str, title_key: str,
                       same_job: Any) -> Any:
        """An open posting of another board that is the same job: one of `urls` (canonical) is its URL or apply
        URL; or, of the same company (`key`), its title is near-identical and `same_job(record)` agrees."""
        urls = [u for u in dict.fromkeys(urls) if u]
        if urls:
            marks = ",".join("?" for _ in urls)
            row = self.execute(
                f"SELECT * FROM postings WHERE (apply_url IN ({marks}) OR url_canon IN ({marks})) AND board_url != ? "
                "AND id != ? AND duplicate_of IS NULL AND status = 'open' LIMIT 1",
                (*urls, *urls, board_url, posting_id)).fetchone()
            if row is not None:
                return row
        if not key or not title_key:
            return None
        candidates = self.execute(
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
        row = self.execute("SELECT same_as FROM postings WHERE id = ?", (posting_id,)).fetchone()
        urls = json.loads(row["same_as"]) if row else []
        if url and url not in urls:
            urls.append(url)
            self.execute("UPDATE postings SET same_as = ? WHERE id = ?", (json.dumps(urls), posting_id))

    def duplicates_seen(self, posting_id: str, crawl_id: int) -> int:
        return int(self.execute("SELECT COUNT(*) AS n FROM postings WHERE duplicate_of = ? AND seen_crawl = ?",
                                (posting_id, crawl_id)).fetchone()["n"])

    def iter_postings(self, batch: int = 2000) -> Iterator[Any]:
        """Every posting that is its own record (duplicates merged into another are left out), by id, read
        in batches (keyset paging): memory does not grow with the number of postings."""
        last = ""
        while True:
            rows = self.execute("SELECT * FROM postings WHERE duplicate_of IS NULL AND id > ? ORDER BY id LIMIT ?",
                                (last, batch)).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def unexported_events(self) -> list[Any]:
        return self.execute(
            "SELECT e.*, p.url, p.board FROM events e LEFT JOIN postings p ON p.id = e.posting_id "
            "WHERE e.exported = 0 ORDER BY e.id").fetchall()

    def mark_exported(self, up_to_id: int) -> None:
        self.execute("UPDATE events SET exported = 1 WHERE exported = 0 AND id <= ?", (up_to_id,))


class PostgresStateStore(StateStore):
    """The same state in PostgreSQL (psycopg 3), for crawl workers on several machines (STATE_URL)."""

    def __init__(self, url: str):
        import psycopg
        from psycopg.rows import dict_row

        self.url = url
        self.path = Path("/dev/null")
        self._psycopg = psycopg
        self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        self.migrate()

    def __repr__(self) -> str:
        return f"<PostgresStateStore {re.sub(r'://[^@/]*@', '://***@', self.url)}>"

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), tuple(params))

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    for_update = " FOR UPDATE"

    def begin(self) -> None:
        self.conn.execute("BEGIN")

    @property
    def version(self) -> int:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT max(version) AS v FROM schema_version").fetchone()
        return int(row["v"] or 0)

    def _set_version(self, version: int) -> None:
        self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def _ddl(self, statement: str) -> str:
        return statement.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY")

    def migrate(self) -> None:
        # Two workers starting together must not both create the tables.
        self.conn.execute("SELECT pg_advisory_lock(4242)")
        try:
            super().migrate()
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(4242)")


def open_store(settings: Any, root: Path) -> StateStore:
    """The state store a crawl's settings ask for: STATE_URL (postgresql://...) or <root>/state.sqlite."""
    url = settings.get("STATE_URL") or ""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStateStore(url)
    if url:
        raise ValueError(f"STATE_URL {url!r}: only postgresql:// URLs are supported (or none, for SQLite)")
    return StateStore(root / "state.sqlite")


class _Transaction:
    def __init__(self, store: StateStore):
        self.store = store

    def __enter__(self) -> StateStore:
        self.store.begin()
        return self.store

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type:
            self.store.rollback()
        else:
            self.store.commit()
