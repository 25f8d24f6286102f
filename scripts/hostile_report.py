"""Figures for the hostile corpus and the fault server: every input through the real spiders and pipelines,
one crawl per input so a crash is attributable.

    .venv/bin/python scripts/hostile_report.py            # prints a Markdown table and a JSON line

Contacts 127.0.0.1 only (a fault server started here).  Takes a minute or two.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.corpus import run_corpus  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="jobscraper-hostile-") as tmp:
        figures = run_corpus(Path(tmp) / "sandbox", one_crawl_per_case=True)
    summary = figures.summary()
    rows = [
        ("inputs tried", summary["inputs_tried"], ""),
        ("crawls run (one per input)", summary["crawls"], ""),
        ("crawls crashed", summary["crawls_crashed"], "0"),
        ("records a correct page should produce", summary["records_expected"], ""),
        ("records written", summary["records_written"], ""),
        ("records lost", summary["records_lost"], "0"),
        ("text lost in cleaning (checked phrases)", summary["text_lost"], "0"),
        ("files written outside OUTPUT_DIR", summary["files_outside_output_dir"], "0"),
        ("unsafe markup in records", summary["unsafe_markup_in_records"], "0"),
        ("failures counted under the wrong reason", summary["failures_with_wrong_reason"], "0"),
    ]
    print("| figure | value | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")
    print("\n| skip counted in stats | count |\n|---|---|")
    for key, value in sorted(summary["skips_by_reason"].items()):
        print(f"| `{key}` | {value} |")
    for label, problems in (("records lost", figures.records_lost), ("text lost", figures.text_lost),
                            ("outside OUTPUT_DIR", figures.outside_output), ("unsafe", figures.unsafe),
                            ("wrong reason", figures.wrong_failure)):
        for problem in problems:
            print(f"PROBLEM ({label}): {problem}")
    print(json.dumps(summary, sort_keys=True))
    bad = summary["crawls_crashed"] + summary["records_lost"] + summary["files_outside_output_dir"] \
        + summary["unsafe_markup_in_records"] + summary["text_lost"] + summary["failures_with_wrong_reason"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
