"""jobscraper report [OUTPUT_DIR] -o report.html: one self-contained HTML file with charts and a sortable,
filterable table of the open postings (see scraper/report.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from scraper.analytics import NoDatasets, connect
from scraper.files import write_atomic
from scraper.report import render_report

HELP = "a self-contained HTML report (charts, table of open postings) of an output folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default="output", help="output folder (default: output)")
    parser.add_argument("-o", "--output", default="report.html", help="the HTML file to write (default report.html)")


def run(args: argparse.Namespace) -> int:
    try:
        db = connect(args.directory)
    except NoDatasets as exc:
        print(f"report: {exc}")
        return 2
    target = Path(args.output)
    page = render_report(db, Path(args.directory), target)
    write_atomic(target, page.encode("utf-8"))
    print(f"report: {target} ({target.stat().st_size / 1024:,.0f} KB)")
    return 0
