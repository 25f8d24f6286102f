"""Normalization on one core, no network, no disk: HTML -> Markdown, requirements extraction, front matter.

    .venv/bin/python benchmarks/normalize_bench.py [--postings 200]

Postings: the benchmark generator's (benchmarks/mockats.py) cut to 10 KB of HTML, and, when ../shared is next
to the clone, every real posting of the Greenhouse and Lever samples padded or cut to 10 KB.  Prints the median
CPU time per posting of each step and the postings per second they allow together.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.mockats import posting_html  # noqa: E402
from scraper.items import JobPosting  # noqa: E402
from scraper.normalize.requirements import extract_from_markdown, hashtags, summary  # noqa: E402
from scraper.normalize.text import html_to_markdown_text, unescape_markup  # noqa: E402
from scraper.record import content_hash, render_record  # noqa: E402

SHARED = REPO.parent / "shared" / "fixtures"


def ten_kb(html: str) -> str:
    while len(html) < 10_000:
        html += html
    return html[:10_000]


def real_postings() -> list[str]:
    out = []
    for path in sorted((SHARED / "greenhouse" / "api").glob("*.json")):
        data = json.loads(path.read_text())
        jobs = data.get("jobs", [data]) if isinstance(data, dict) else []
        out += [unescape_markup(j["content"]) for j in jobs if isinstance(j, dict) and j.get("content")]
    for path in sorted((SHARED / "lever" / "api").glob("*.json")):
        data = json.loads(path.read_text())
        for p in data if isinstance(data, list) else [data]:
            if isinstance(p, dict) and p.get("description"):
                out.append(p["description"] + "".join(f"<h3>{x.get('text', '')}</h3><ul>{x.get('content', '')}</ul>"
                                                      for x in p.get("lists", [])) + (p.get("additional") or ""))
    return [ten_kb(h) for h in out if len(h) > 500]


def measure(postings: list[str], label: str) -> None:
    steps = {"html_to_markdown": [], "extraction": [], "front_matter": []}
    for html in postings * 2:
        t0 = time.process_time()
        markdown = html_to_markdown_text(html, "https://jobs.example.com/o/x")
        t1 = time.process_time()
        found = extract_from_markdown(markdown, "Senior Backend Engineer", "Berlin, Germany", "Example")
        t2 = time.process_time()
        item = JobPosting(title="Senior Backend Engineer", companyName="Example", description=markdown,
                          id="bench:x:1", url="https://jobs.example.com/o/x", **found)
        item.hashtags = hashtags(found["skills"], found["languages"])
        item.summary = summary(item.title, item.companyName, found)
        item.contentHash = content_hash(item.__dict__ if hasattr(item, "__dict__") else {k: getattr(item, k)
                                        for k in item.__dataclass_fields__})
        render_record({k: getattr(item, k) for k in item.__dataclass_fields__})
        t3 = time.process_time()
        steps["html_to_markdown"].append(t1 - t0)
        steps["extraction"].append(t2 - t1)
        steps["front_matter"].append(t3 - t2)
    total = sum(statistics.median(v) for v in steps.values())
    print(f"{label}: {len(postings)} postings of 10 KB")
    for name, values in steps.items():
        print(f"  {name:<18} {statistics.median(values) * 1000:6.3f} ms")
    print(f"  {'total':<18} {total * 1000:6.3f} ms  -> {1 / total:,.0f} postings/s on one core")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=200)
    args = parser.parse_args()
    generated = [ten_kb(posting_html(f"gh{i}", i, "Example")) for i in range(args.postings)]
    extract_from_markdown(html_to_markdown_text(generated[0]), "x")  # load models and taxonomy once
    measure(generated, "generated (benchmarks/mockats.py)")
    real = real_postings()
    if real:
        measure(real, "real (../shared/fixtures Greenhouse + Lever)")


if __name__ == "__main__":
    main()
