"""Datasets for a job board to import and analysts to load, exported from the crawl state after every crawl.

<OUTPUT_DIR>/datasets/
  jobs.jsonl    one JSON object per known posting (open and closed): every front-matter key, "description"
                (the Markdown body), "recordPath" (the record file, relative to OUTPUT_DIR) and "sameAs" (URLs
                of the same job found through other sources and merged into this row)
  jobs.csv      the same rows; lists and objects (locations, skills, salary, ...) as JSON text in their cell
  jobs.parquet  the same rows with real types (structs, lists, int64, double), for pyarrow/pandas/DuckDB
  changes.jsonl appended: one line per new/changed/closed/reopened event, with the crawl time

Rows stream from SQLite in batches, so memory does not grow with the number of postings.  Each file is
written to a temp file and renamed, so a reader (or a crawl killed mid-export) never sees half a dataset.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from scraper.files import atomic_file
from scraper.record import RECORD_KEYS
from scraper.state import StateStore

DATASET_COLUMNS = RECORD_KEYS + ("description", "recordPath", "sameAs")
# Rows per read from the state and per Parquet row group.  Each row (~12 KB) is held at once as a state row, a
# dict and Arrow columns: after a 4,000-posting crawl the export added ~80 MB to the crawl process at 500 rows
# (pyarrow's own ~40 MB included), ~190 MB at 2,000.
_BATCH = 500
_INT_COLUMNS = {"timestamp", "featured"}
_NESTED = {"locations", "applicantRegions", "languages", "sameAs", "experienceYears", "skills", "salary"}


@lru_cache(maxsize=1)
def parquet_schema() -> Any:
    """The Parquet columns' types.  pyarrow (~40 MB) is loaded here, when a dataset is written or read, not
    with the module: a crawl runs for hours before it exports."""
    import pyarrow as pa

    location = pa.struct([("city", pa.string()), ("region", pa.string()), ("country", pa.string())])
    nested = {
        "locations": pa.list_(location),
        "applicantRegions": pa.list_(pa.string()),
        "languages": pa.list_(pa.string()),
        "sameAs": pa.list_(pa.string()),
        "experienceYears": pa.struct([("min", pa.int64()), ("max", pa.int64())]),
        "skills": pa.struct([("required", pa.list_(pa.string())), ("niceToHave", pa.list_(pa.string()))]),
        "salary": pa.struct([("min", pa.float64()), ("max", pa.float64()), ("currency", pa.string()),
                             ("period", pa.string()), ("raw", pa.string())]),
    }
    return pa.schema([
        (name, pa.int64() if name in _INT_COLUMNS else nested.get(name, pa.string())) for name in DATASET_COLUMNS
    ])


def dataset_row(row: Any) -> dict[str, Any]:
    """A state row as a dataset row: the stored record, with the state's current bookkeeping values."""
    record = json.loads(row["record"] or "{}")
    out = {key: record.get(key) for key in RECORD_KEYS}
    out["status"] = row["status"]
    out["closedAt"] = row["closed_at"]
    out["firstSeen"] = row["first_seen"]
    out["lastSeen"] = row["last_seen"]
    out["description"] = record.get("description", "")
    out["recordPath"] = row["record_path"]
    out["sameAs"] = json.loads(row["same_as"] or "[]")
    return out


def _rows(store: StateStore) -> Iterator[dict[str, Any]]:
    for row in store.iter_postings(_BATCH):
        yield dataset_row(row)


# json.dumps(value, ensure_ascii=False), without building a JSONEncoder per call (eight calls a row).
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return _to_json(value)
    return "" if value is None else value


def csv_line(cells: list[Any]) -> str:
    """One row as csv.writer (excel dialect, QUOTE_MINIMAL) writes it, ~20x faster on rows holding a 10 KB body:
    the csv module looks at every character, this at four substrings (tests/test_datasets.py compares them)."""
    out = []
    for cell in cells:
        text = cell if isinstance(cell, str) else str(cell)
        if '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        elif "," in text or "\n" in text or "\r" in text:
            text = '"' + text + '"'
        out.append(text)
    if len(out) == 1 and not out[0]:
        out[0] = '""'  # a row of one empty cell would read back as no cell at all
    return ",".join(out) + "\r\n"


def export_datasets(store: StateStore, directory: Path) -> int:
    """Write jobs.jsonl, jobs.csv and jobs.parquet from the state; returns the number of rows.

    Written with json and csv directly (Scrapy's item exporters cost ~1 ms a row here, and these rows are
    already plain values), Parquet in row groups of _BATCH rows."""
    directory = Path(directory)
    count = 0
    columns = list(DATASET_COLUMNS)
    with atomic_file(directory / "jobs.jsonl", "w", encoding="utf-8") as jsonl_file, \
            atomic_file(directory / "jobs.csv", "w", encoding="utf-8", newline="") as csv_file, \
            atomic_file(directory / "jobs.parquet") as parquet_file:
        csv_file.write(csv_line(columns))
        import pyarrow.parquet as pq

        writer = pq.ParquetWriter(parquet_file, parquet_schema(), compression="zstd")
        batch: list[dict[str, Any]] = []
        for row in _rows(store):
            jsonl_file.write(_to_json(row) + "\n")
            csv_file.write(csv_line([_csv_cell(row[key]) for key in columns]))
            batch.append(row)
            count += 1
            if len(batch) >= _BATCH:
                writer.write_table(_table(batch))
                batch = []
        if batch or count == 0:
            writer.write_table(_table(batch))
        writer.close()
    return count


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    columns = {name: [_parquet_value(name, row.get(name)) for row in rows] for name in DATASET_COLUMNS}
    return pa.table(columns, schema=parquet_schema())


def _parquet_value(name: str, value: Any) -> Any:
    if name == "salary" and isinstance(value, dict):
        return {**value, "min": _float(value.get("min")), "max": _float(value.get("max"))}
    return value


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def append_changes(store: StateStore, path: Path) -> int:
    """Append the state's unexported events to changes.jsonl; returns how many were appended.

    A crawl killed mid-append can leave a partial last line or lines whose events the state still has
    as unexported: the partial line is cut, and events already in the file (by event id) are skipped.
    """
    events = store.unexported_events()
    if not events:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    last_id = _repair_and_last_id(path)
    appended = 0
    with open(path, "a", encoding="utf-8") as handle:
        for event in events:
            if event["id"] <= last_id:
                continue
            handle.write(json.dumps({
                "eventId": event["id"], "crawlId": event["crawl_id"], "at": event["at"],
                "event": event["event"], "id": event["posting_id"], "url": event["url"] or "",
            }, ensure_ascii=False) + "\n")
            appended += 1
        handle.flush()
        os.fsync(handle.fileno())
    store.mark_exported(events[-1]["id"])
    return appended


def _repair_and_last_id(path: Path) -> int:
    if not path.exists():
        return 0
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with open(path, "r+b") as handle:
            handle.truncate(cut)
        data = data[:cut]
    for line in reversed(data.splitlines()):
        try:
            return int(json.loads(line)["eventId"])
        except (ValueError, KeyError, TypeError):
            continue
    return 0


def read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_csv(path: Path) -> Iterable[dict[str, Any]]:
    """jobs.csv rows with their values typed back: ints, and lists/objects decoded from their JSON cells."""
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: _from_csv_cell(key, value) for key, value in row.items()}


def _from_csv_cell(key: str, value: str) -> Any:
    if key in _INT_COLUMNS:
        return int(value) if value else 0
    if key in _NESTED:
        return json.loads(value) if value else None
    return value


def read_parquet(path: Path) -> Iterable[dict[str, Any]]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    for batch in parquet.iter_batches(batch_size=_BATCH):
        yield from batch.to_pylist()
