"""Every real posting text we have, through requirements extraction: one JSON line per text, to compare commits.

    .venv/bin/python scripts/extract_snapshot.py > after.jsonl
    git worktree add /tmp/before <commit>
    .venv/bin/python scripts/extract_snapshot.py --repo /tmp/before > before.jsonl
    cmp before.jsonl after.jsonl

(The older checkout's dependencies must be installed in the environment that runs it.)

A change meant only to make extraction faster must give the same lines.  Texts: every string of more than
200 characters in the JSON and XML files of ../shared/fixtures and the demo snapshot (descriptions,
requirements, list contents; with the title of the object holding them), and the texts of the evaluation
cases.  Each goes through html_to_markdown_text and extract_from_markdown, as in a crawl.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MIN_CHARS = 200


def _strings(node: Any, title: str = "") -> Iterator[tuple[str, str]]:
    """(title, text) for every long string in a JSON document, the title from the nearest object having one."""
    if isinstance(node, dict):
        named = node.get("title") or node.get("text") or node.get("name")
        title = named if isinstance(named, str) else title
        for value in node.values():
            if isinstance(value, str) and len(value) > MIN_CHARS:
                yield title, value
            else:
                yield from _strings(value, title)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, title)


def texts(repo: Path, fixtures: Path) -> Iterator[tuple[str, str]]:
    from lxml import etree

    for path in sorted(fixtures.rglob("*.json")) + sorted((repo / "demo" / "snapshot").rglob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        yield from _strings(document)
    for path in sorted(fixtures.rglob("*.xml")):
        for element in etree.parse(str(path)).iter():
            if isinstance(element.text, str) and len(element.text) > MIN_CHARS:
                yield "", element.text
    from tests.eval.evaluate import FixtureMissing, load_cases, posting_text

    for case in load_cases():
        try:
            yield case.get("title", ""), posting_text(case)
        except FixtureMissing:
            continue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose extractors run (default: this one)")
    args = parser.parse_args()
    repo = args.repo.resolve()
    sys.path.insert(0, str(repo))
    from scraper.normalize.requirements import extract_from_markdown
    from scraper.normalize.text import html_to_markdown_text

    fixtures = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared") / "fixtures"
    count = 0
    for title, text in texts(repo, fixtures):
        markdown = html_to_markdown_text(html.unescape(text))
        print(json.dumps(extract_from_markdown(markdown, title), sort_keys=True, ensure_ascii=False))
        count += 1
    print(f"{count} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
