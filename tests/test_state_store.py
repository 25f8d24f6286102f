"""The SQLite state store opened by several processes at once (distributed workers sharing OUTPUT_DIR)."""

import sqlite3
import threading
import time
from pathlib import Path

from scraper.state import MIGRATIONS, SCHEMA_VERSION, StateStore


def test_a_worker_that_waited_for_the_lock_does_not_create_the_schema_again(tmp_path: Path) -> None:
    """Worker B reads schema version 0, then waits for the write lock while worker A creates the tables:
    B must see A's work and not run the same CREATE TABLE statements (the error a distributed test met)."""
    path = tmp_path / "state.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN IMMEDIATE")  # worker A holds the write lock
    opened: dict[str, object] = {}

    def worker_b() -> None:
        try:
            store = StateStore(path)
            opened["version"] = store.version
            store.close()
        except Exception as exc:  # reported below
            opened["error"] = exc

    thread = threading.Thread(target=worker_b)
    thread.start()
    time.sleep(0.5)  # B has read version 0 and waits at BEGIN IMMEDIATE
    for version in range(1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version]:
            other.execute(statement)
    other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    other.execute("COMMIT")
    thread.join(60)
    other.close()
    assert "error" not in opened, opened.get("error")
    assert opened["version"] == SCHEMA_VERSION
