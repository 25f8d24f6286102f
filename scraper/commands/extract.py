"""jobscraper extract: requirements from postings in JSON Lines, for batch use outside a crawl.

    jobscraper extract < postings.jsonl > extracted.jsonl

Each input line is a JSON object with `text` (plain text, Markdown or HTML) and optionally `title`, `location`
and `company`; every key is passed through unchanged, and the extracted fields are added under their record
names: skills {required, niceToHave}, languages, seniority, experienceYears, workplace, applicantRegions,
salary, employmentType, postingLanguage.  One line in, one line out, as soon as it is read.  A line that is
not a JSON object with a string `text`, or whose extraction fails, is reported on stderr (with its line number
and the reason) and skipped; the stream goes on.  Bytes that are not UTF-8 are read as U+FFFD; a string the
input escapes as a lone surrogate ("\ud800") is passed through escaped the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO

from scraper.normalize.requirements import extract_requirements

HELP = "extract skills, languages, seniority, salary, ... from JSON Lines postings (stdin -> stdout)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", "-i", type=argparse.FileType("r", encoding="utf-8", errors="replace"),
                        default=sys.stdin,
                        help="JSON Lines to read (default: stdin)")
    parser.add_argument("--output", "-o", type=argparse.FileType("w", encoding="utf-8"), default=sys.stdout,
                        help="JSON Lines to write (default: stdout)")


def extract_stream(source: IO[str], sink: IO[str], errors: IO[str]) -> tuple[int, int]:
    done = skipped = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            posting = json.loads(line)
        except ValueError as exc:
            errors.write(f"line {number}: not JSON ({exc}); skipped\n")
            skipped += 1
            continue
        if not isinstance(posting, dict) or not isinstance(posting.get("text"), str):
            errors.write(f"line {number}: needs a JSON object with a string \"text\"; skipped\n")
            skipped += 1
            continue
        try:
            fields = extract_requirements(posting["text"], title=str(posting.get("title") or ""),
                                          location=str(posting.get("location") or ""),
                                          company=str(posting.get("company") or ""))
        except Exception as exc:  # one posting's failure must not end the stream
            errors.write(f"line {number}: extraction failed ({type(exc).__name__}: {exc}); skipped\n")
            skipped += 1
            continue
        sink.write(_json_line({**posting, **fields}))
        sink.flush()
        done += 1
    return done, skipped


def _json_line(value: dict) -> str:
    """The object as one JSON line, non-ASCII text as it is; a lone surrogate (which UTF-8 cannot carry)
    makes the line ASCII-escaped instead, as the input had it."""
    line = json.dumps(value, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(value)
    return line + "\n"


def run(args: argparse.Namespace) -> int:
    for stream, errors in ((args.input, "replace"), (args.output, "strict")):
        if stream in (sys.stdin, sys.stdout) and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)
    done, skipped = extract_stream(args.input, args.output, sys.stderr)
    if skipped:
        sys.stderr.write(f"extract: {done} postings, {skipped} lines skipped\n")
    return 0
