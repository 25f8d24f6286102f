"""jobscraper query "SQL": DuckDB over an output folder's datasets, tables `jobs` (datasets/jobs.parquet) and
`changes` (datasets/changes.jsonl).  Prints a table, or CSV with --csv.

    jobscraper query "SELECT companyName, count(*) FROM jobs WHERE status = 'open' GROUP BY 1 ORDER BY 2 DESC"
"""

from __future__ import annotations

import argparse
import csv
import sys

import duckdb
from rich.console import Console
from rich.table import Table

from scraper.analytics import NoDatasets, connect, rows

HELP = 'SQL over the datasets (DuckDB; tables "jobs" and "changes"), as a table or CSV'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sql", help="the query")
    parser.add_argument("--dir", default="output", help="output folder (default: output)")
    parser.add_argument("--csv", action="store_true", help="CSV on stdout instead of a table")
    parser.add_argument("--limit", type=int, default=200, help="rows shown as a table at most (default 200)")


def run(args: argparse.Namespace) -> int:
    try:
        db = connect(args.dir)
        columns, data = rows(db, args.sql)
    except NoDatasets as exc:
        print(f"query: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"query: {exc}", file=sys.stderr)
        return 1
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(data)
        return 0
    table = Table(show_edge=False)
    for column in columns:
        table.add_column(column)
    for row in data[: args.limit]:
        table.add_row(*["" if value is None else str(value) for value in row])
    console = Console()
    console.print(table)
    if len(data) > args.limit:
        console.print(f"({len(data) - args.limit:,} more rows; --csv prints them all)")
    return 0
