"""jobscraper stats [OUTPUT_DIR] [--json]: what the datasets hold, by platform, company, status, workplace, country,
seniority; top skills (required and nice to have apart); salary quartiles by currency and period; new, changed,
closed and reopened postings in the last N days."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.table import Table

from scraper.analytics import NoDatasets, connect, summary

HELP = "counts, top skills, salary quartiles and recent changes of an output folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default="output", help="output folder (default: output)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of tables")
    parser.add_argument("--top", type=int, default=15, help="rows in the top-N tables (default 15)")
    parser.add_argument("--days", type=int, default=7, help="window for recent changes, in days (default 7)")


def _table(title: str, rows: list[dict], columns: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    for key, header in columns:
        table.add_column(header, justify="right" if key != "value" else "left")
    for row in rows:
        table.add_row(*[f"{row[key]:,.0f}" if isinstance(row[key], float) else str(row[key]) for key, _ in columns])
    return table


def run(args: argparse.Namespace) -> int:
    try:
        data = summary(connect(args.directory), top=args.top, days=args.days)
    except NoDatasets as exc:
        print(f"stats: {exc}")
        return 2
    if args.json:
        print(json.dumps(data, ensure_ascii=False, default=str))
        return 0
    console = Console()
    console.print(f"[bold]{data['postings']:,}[/] postings, [bold]{data['open']:,}[/] open "
                  f"({args.directory})")
    for key, title, label in (("by_platform", "All postings by platform", "platform"),
                              ("by_status", "All postings by status", "status"),
                              ("by_company", "All postings, top companies", "company"),
                              ("by_workplace", "Open postings by workplace", "workplace"),
                              ("by_country", "Open postings by country (first location)", "country"),
                              ("by_seniority", "Open postings by seniority", "seniority"),
                              ("top_skills_required", "Top skills required (open postings)", "skill"),
                              ("top_skills_nice_to_have", "Top skills nice to have (open postings)", "skill")):
        console.print(_table(title, data[key], [("value", label), ("postings", "postings")]))
        console.print()
    console.print(_table("Salary quartiles (midpoint of each posting's range)", data["salary_quartiles"],
                         [("currency", "currency"), ("period", "period"), ("postings", "postings"),
                          ("p25", "25%"), ("median", "median"), ("p75", "75%")]))
    recent = data["recent_changes"]
    console.print(f"\nLast {data['recent_days']} days: " + ", ".join(f"{n:,} {event}" for event, n in recent.items()))
    return 0
