"""jobscraper validate [OUTPUT_DIR]: check every record file and dataset against schema/job.schema.json."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.progress import track

from scraper.datasets import read_csv, read_jsonl, read_parquet
from scraper.record import BODY_HEADING, parse_record
from scraper.schema import schema_errors

HELP = "check every record and dataset in an output folder against the JSON Schema; non-zero exit on failure"
MAX_SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default="output", help="output folder (default: output)")


def record_from_file(path: Path) -> dict[str, Any]:
    meta, body = parse_record(path.read_text(encoding="utf-8"))
    if not body.startswith(BODY_HEADING):
        raise ValueError(f"body does not start with {BODY_HEADING!r}")
    record = dict(meta or {})
    record["description"] = body[len(BODY_HEADING):].strip("\n")
    return record


def _check(label: str, rows: Iterable[dict[str, Any]], problems: list[str]) -> tuple[int, set[str]]:
    count, ids = 0, set()
    for index, row in enumerate(rows, 1):
        count += 1
        row = dict(row)
        ids.add(str(row.get("id")))
        for error in schema_errors(row, limit=3):
            problems.append(f"{label} row {index} ({row.get('id')}): {error}")
    return count, ids


def run(args: argparse.Namespace) -> int:
    root = Path(args.directory)
    if not root.is_dir():
        print(f"validate: {root} is not a directory")
        return 2
    problems: list[str] = []
    records = 0
    paths = sorted(root.rglob("*.md"))
    if sys.stdout.isatty() and len(paths) > 500:  # a progress bar where a person waits
        paths = track(paths, description="records", transient=True)
    for path in paths:
        rel = path.relative_to(root)
        if rel.parts[0] in {"datasets", "reports"} or path.name.startswith(".") or path.name == "README.md":
            continue
        records += 1
        try:
            record = record_from_file(path)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            problems.append(f"{rel}: unreadable record: {exc}")
            continue
        problems.extend(f"{rel}: {error}" for error in schema_errors(record, limit=5))
    datasets = root / "datasets"
    counts: dict[str, int] = {}
    id_sets: dict[str, set[str]] = {}
    readers = {"jobs.jsonl": read_jsonl, "jobs.csv": read_csv, "jobs.parquet": read_parquet}
    for name, reader in readers.items():
        path = datasets / name
        if not path.exists():
            continue
        try:
            counts[name], id_sets[name] = _check(name, reader(path), problems)
        except Exception as exc:  # a corrupt file of any kind is a finding, not a crash
            problems.append(f"datasets/{name}: unreadable: {type(exc).__name__}: {exc}")
    if len(set(counts.values())) > 1:
        problems.append(f"datasets disagree on the number of rows: {counts}")
    if len({frozenset(ids) for ids in id_sets.values()}) > 1:
        problems.append("datasets disagree on which postings they hold")
    if records == 0 and not counts:
        print(f"validate: no records or datasets under {root}")
        return 1
    summary = ", ".join(f"{name}: {n} rows" for name, n in counts.items()) or "no datasets"
    print(f"validate: {records} record files, {summary}")
    if problems:
        for line in problems[:MAX_SHOWN]:
            print("  " + line)
        if len(problems) > MAX_SHOWN:
            print(f"  ... and {len(problems) - MAX_SHOWN} more")
        print(f"validate: FAILED ({len(problems)} problems)")
        return 1
    print("validate: OK")
    return 0
