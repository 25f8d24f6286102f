#!/usr/bin/env python3
"""Milliseconds per 10 KB posting for find_skills and extract_skills, on one core.

    python benchmarks/skills_bench.py [--repeat N]

Postings: the Greenhouse, Lever and Ashby samples under ../shared/fixtures when present
(JOBSCRAPER_SHARED overrides the location), else the demo snapshot in this repository.
Each posting's Markdown body is repeated or cut to exactly 10 KB (10,240 characters), so
the figure is per 10 KB of text whatever the sample sizes.  Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scraper.normalize.skills import extract_skills, find_skills  # noqa: E402
from scraper.normalize.text import html_to_markdown_text  # noqa: E402

SIZE = 10 * 1024


def shared_postings(root: Path) -> list[str]:
    bodies = []
    for path in sorted((root / "greenhouse" / "api").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for job in data.get("jobs", [data]) if isinstance(data, dict) else []:
            if job.get("content"):
                bodies.append(html.unescape(job["content"]))
    for path in sorted((root / "lever" / "api").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for job in data if isinstance(data, list) else [data]:
            lists = "".join(f"<h3>{p['text']}</h3><ul>{p['content']}</ul>" for p in job.get("lists", []))
            bodies.append((job.get("description") or "") + lists + (job.get("additional") or ""))
    for path in sorted((root / "ashby" / "api").glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8")).get("jobs", []):
            bodies.append(job.get("descriptionHtml") or "")
    return [b for b in bodies if b.strip()]


def demo_postings() -> list[str]:
    offers = json.loads((REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json").read_text())["offers"]
    return [o["description"] + o["requirements"] for o in offers]


def to_size(text: str) -> str:
    return (text * (SIZE // max(1, len(text)) + 1))[:SIZE]


def per_call_ms(fn, texts: list[str], repeat: int) -> list[float]:
    out = []
    for text in texts:
        fn(text)  # warm
        start = time.perf_counter()
        for _ in range(repeat):
            fn(text)
        out.append((time.perf_counter() - start) / repeat * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    shared = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared") / "fixtures"
    raw = shared_postings(shared) if shared.exists() else []
    source = f"{len(raw)} postings from {shared}" if raw else "the demo snapshot"
    raw = raw or demo_postings()
    texts = [to_size(md) for md in (html_to_markdown_text(r) for r in raw) if md.strip()]

    start = time.perf_counter()
    find_skills("warm up the taxonomy")
    load_ms = (time.perf_counter() - start) * 1000

    print(f"skills benchmark: {len(texts)} postings ({source}), each cut or repeated to {SIZE} characters, one core")
    print(f"taxonomy load + automaton build (once per process): {load_ms:.0f} ms")
    for label, fn in (("find_skills", find_skills), ("extract_skills", extract_skills)):
        ms = per_call_ms(fn, texts, args.repeat)
        print(f"{label:15s} ms per 10 KB posting: median {statistics.median(ms):.3f}, "
              f"mean {statistics.fmean(ms):.3f}, max {max(ms):.3f}")
    found = [len(find_skills(t)) for t in texts]
    print(f"mentions per 10 KB posting: median {statistics.median(found):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
