"""jobscraper export [OUTPUT_DIR] --format jsonld|jsonld-html|indeed|jobs-json -o OUT [--where SQL] [--strict]:
the open postings of an output folder in a job board's import format.

    jobscraper export output --format jsonld -o jobs.jsonld            # JSON array of schema.org JobPosting
    jobscraper export output --format jsonld-html -o site/             # site/<company>/<posting>.jsonld.html
    jobscraper export output --format indeed -o feed.xml               # Indeed-style XML feed
    jobscraper export output --format jobs-json -o jobs.json --where "companyName = 'ChartMogul'"

Postings come from datasets/jobs.parquet, which the state rewrites after every crawl: it says which postings
are open (closed ones are never exported, so an expired job disappears from a board), and its `description`
is the record's Markdown body.  `--where` is an SQL condition over the same DuckDB table `jobs` as
`jobscraper query`.  Every object is checked against its format's required properties, types and
enumerations before it is written; a posting that fails is left out and named on stderr with its reasons
(the file is written with the others); `--strict` makes that exit 1.

jobs.json describes one company: OUT is that company's document when the exported postings belong to one
company, else a JSON array of one document per company (each a valid jobs.json).  jsonld-html writes
<OUT>/<record path>.jsonld.html (a <script> element per posting, for static sites) and removes the snippets
of postings that closed or are left out.
Exit codes: 0 done, 1 postings left out under --strict, 2 no datasets, a bad --where or an unwritable OUT.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from scraper.analytics import NoDatasets, connect
from scraper.export import indeed, jobsjson, jsonld
from scraper.export.validation import problems, validator
from scraper.files import atomic_file
from scraper.paths import UnsafePathError, record_path

HELP = "open postings as schema.org JobPosting JSON-LD, an Indeed-style XML feed or jobs.json, for job boards"
FORMATS = ("jsonld", "jsonld-html", "indeed", "jobs-json")
MAX_SHOWN = 20
SNIPPET_SUFFIX = ".jsonld.html"
_BATCH = 500
# The company a posting belongs to, for jobs.json: its records' folder (the company slug), else its name.
_COMPANY = "coalesce(nullif(split_part(recordPath, '/', 1), ''), companyName, '')"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default="output", help="output folder (default: output)")
    parser.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    parser.add_argument("-o", "--output", required=True, help="file to write (jsonld-html: a folder)")
    parser.add_argument("--where", default="", help="SQL condition over table jobs, as in `jobscraper query`, "
                                                    "e.g. \"workplace = 'remote'\"")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any posting was left out")
    parser.add_argument("--publisher", default="jobscraper", help="indeed: <publisher> (default: jobscraper)")
    parser.add_argument("--publisher-url", default="", help="indeed: <publisherurl>")


@dataclass
class Outcome:
    written: int = 0
    left_out: list[tuple[str, str, list[str]]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def leave_out(self, row: dict[str, Any], reasons: list[str]) -> None:
        self.left_out.append((str(row.get("id") or "?"), str(row.get("recordPath") or ""), reasons))


def _select(where: str, columns: str = "*") -> str:
    condition = f" AND ({where})" if where.strip() else ""
    return f"SELECT {columns} FROM jobs WHERE status = 'open'{condition}"


def open_postings(db: duckdb.DuckDBPyConnection, where: str) -> Iterator[dict[str, Any]]:
    """The open postings `where` picks, as dicts, company by company, read in batches."""
    result = db.execute(_select(where, f"*, {_COMPANY} AS __company") + " ORDER BY __company, id")
    names = [d[0] for d in result.description]
    while batch := result.fetchmany(_BATCH):
        for values in batch:
            row = dict(zip(names, values, strict=True))
            # The SQL says open already; a --where that reaches around that condition still exports no closed job.
            if row.get("status") == "open":
                yield row


def run(args: argparse.Namespace) -> int:
    try:
        db = connect(args.directory)
        total = db.execute(_select(args.where, "count(*)")).fetchone()[0]
    except NoDatasets as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"export: --where: {exc}", file=sys.stderr)
        return 2
    out = Path(args.output)
    writers = {"jsonld": _jsonld, "jsonld-html": _jsonld_html, "indeed": _indeed, "jobs-json": _jobs_json}
    try:
        outcome = writers[args.format](db, args, out)
    except OSError as exc:
        print(f"export: cannot write {out}: {exc}", file=sys.stderr)
        return 2
    _report(args.format, total, outcome, out)
    return 1 if args.strict and outcome.left_out else 0


def _report(fmt: str, total: int, outcome: Outcome, out: Path) -> None:
    for posting_id, path, reasons in outcome.left_out[:MAX_SHOWN]:
        print(f"export: left out {posting_id} ({path or 'no record'}): {'; '.join(reasons)}", file=sys.stderr)
    if len(outcome.left_out) > MAX_SHOWN:
        print(f"export: ... and {len(outcome.left_out) - MAX_SHOWN} more left out", file=sys.stderr)
    for note in outcome.notes:
        print(f"export: {note}", file=sys.stderr)
    where = ", ".join(str(p) for p in outcome.files[:5]) or "nothing written"
    if len(outcome.files) > 5:
        where += f" and {len(outcome.files) - 5} more files"
    line = f"export: {fmt}: {outcome.written} of {total} open postings written ({where})"
    if outcome.left_out:
        reasons = Counter(reason for _, _, rs in outcome.left_out for reason in rs)
        line += f"; {len(outcome.left_out)} left out: " + ", ".join(f"{r} ({n})" for r, n in reasons.most_common())
    print(line, file=sys.stderr)


# ---- the formats -------------------------------------------------------------------------------------------
def _jsonld(db: duckdb.DuckDBPyConnection, args: argparse.Namespace, out: Path) -> Outcome:
    outcome = Outcome()
    check = validator(jsonld.SCHEMA)
    with atomic_file(out, "w", encoding="utf-8") as handle:
        handle.write("[")
        for row in open_postings(db, args.where):
            posting = jsonld.job_posting(row)
            reasons = problems(check, posting)
            if reasons:
                outcome.leave_out(row, reasons)
                continue
            handle.write(("\n" if not outcome.written else ",\n") + json.dumps(posting, ensure_ascii=False, indent=2))
            outcome.written += 1
        handle.write("\n]\n" if outcome.written else "]\n")
    outcome.files.append(out)
    return outcome


def _snippet_path(root: Path, row: dict[str, Any]) -> Path:
    """<root>/<company>/<posting>.jsonld.html for the record <company>/<posting>.md; never outside root."""
    parts = str(row.get("recordPath") or "").split("/")
    if len(parts) != 2 or not parts[1].endswith(".md"):
        raise UnsafePathError(f"no record path of the form <company>/<posting>.md: {row.get('recordPath')!r}")
    path = record_path(root, parts[0], parts[1][: -len(".md")])
    return path.with_name(path.name[: -len(".md")] + SNIPPET_SUFFIX)


def _jsonld_html(db: duckdb.DuckDBPyConnection, args: argparse.Namespace, out: Path) -> Outcome:
    outcome = Outcome()
    check = validator(jsonld.SCHEMA)
    out.mkdir(parents=True, exist_ok=True)
    stale: list[dict[str, Any]] = []
    for row in open_postings(db, args.where):
        posting = jsonld.job_posting(row)
        reasons = problems(check, posting)
        try:
            path = _snippet_path(out, row)
        except UnsafePathError as exc:
            outcome.leave_out(row, reasons + [f"unsafe or missing record path ({exc})"])
            continue
        if reasons:
            outcome.leave_out(row, reasons)
            stale.append(row)
            continue
        with atomic_file(path, "w", encoding="utf-8") as handle:
            handle.write(jsonld.script_snippet(posting))
        outcome.written += 1
    # A job that closed (or no longer qualifies) must not stay on a static site through an old snippet.
    closed = db.execute("SELECT recordPath FROM jobs WHERE status = 'closed'").fetchall()
    stale.extend({"recordPath": value} for (value,) in closed)
    removed = 0
    for row in stale:
        try:
            path = _snippet_path(out, row)
        except UnsafePathError:
            continue
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed += 1
    if removed:
        outcome.notes.append(f"removed {removed} snippets of postings closed or left out")
    outcome.files.append(out)
    return outcome


def _indeed(db: duckdb.DuckDBPyConnection, args: argparse.Namespace, out: Path) -> Outcome:
    outcome = Outcome()
    check = validator(indeed.SCHEMA)
    with atomic_file(out, "wb") as handle, indeed.FeedWriter(handle, args.publisher, args.publisher_url) as feed:
        for row in open_postings(db, args.where):
            values = indeed.job_fields(row)
            reasons = problems(check, values)
            if reasons:
                outcome.leave_out(row, reasons)
                continue
            feed.job(values)
            outcome.written += 1
    outcome.files.append(out)
    return outcome


def _company_groups(rows: Iterator[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    key, group = None, []
    for row in rows:
        if row["__company"] != key and group:
            yield key, group
            group = []
        key = row["__company"]
        group.append(row)
    if group:
        yield key, group


def _jobs_json(db: duckdb.DuckDBPyConnection, args: argparse.Namespace, out: Path) -> Outcome:
    outcome = Outcome()
    check_company, check_job = validator(jobsjson.COMPANY_SCHEMA), validator(jobsjson.JOB_SCHEMA)
    check_document = validator(jobsjson.DOCUMENT_SCHEMA)
    documents = []
    for _key, rows in _company_groups(open_postings(db, args.where)):
        company = jobsjson.company(rows)
        company_reasons = problems(check_company, company)
        if company_reasons:
            for row in rows:
                outcome.leave_out(row, company_reasons)
            continue
        jobs, kept = [], []
        for row in rows:
            job = jobsjson.job(row)
            reasons = problems(check_job, job)
            if reasons:
                outcome.leave_out(row, reasons)
            else:
                jobs.append(job)
                kept.append(row)
        if not jobs:
            continue
        last_seen = max((row.get("lastSeen") or "" for row in kept), default="")
        document = jobsjson.document(company, jobs, last_seen)
        reasons = problems(check_document, document)
        if reasons:  # the parts passed; a failure here is a bug of ours, reported like any other
            for row in kept:
                outcome.leave_out(row, [f"document: {r}" for r in reasons])
            continue
        documents.append(document)
        outcome.written += len(jobs)
    with atomic_file(out, "w", encoding="utf-8") as handle:
        body = documents[0] if len(documents) == 1 else documents
        handle.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    outcome.files.append(out)
    if len(documents) != 1:
        outcome.notes.append(f"{len(documents)} companies: {out} is a JSON array of one jobs.json document each")
    return outcome
