"""Speed of the free-text extractors: milliseconds per 10 KB posting on one core.

Run: .venv/bin/python benchmarks/extract_bench.py [--rounds N]

Postings are the real ones in ../shared/fixtures (Greenhouse, Lever, Ashby, Recruitee, Personio)
when that folder is there, else the bundled demo snapshot; each posting's plain text is
repeated up to 10 KB so every sample is the same size.  Time is this thread's CPU time
(time.thread_time), so other processes on a shared machine disturb it less than wall time;
figures are the median and the best of the rounds.  A reference figure (a pure-Python loop of
one million additions) is printed to compare machines.  Not a test: nothing is asserted.
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

from scraper.normalize.clauses import prepare  # noqa: E402
from scraper.normalize.employment import extract_employment_type  # noqa: E402
from scraper.normalize.experience import extract_experience_years  # noqa: E402
from scraper.normalize.languages import (  # noqa: E402
    detect_posting_language,
    extract_language_requirements,
)
from scraper.normalize.regions import extract_applicant_regions  # noqa: E402
from scraper.normalize.salary import extract_salary  # noqa: E402
from scraper.normalize.seniority import extract_seniority  # noqa: E402
from scraper.normalize.text import html_to_markdown_text, markdown_to_plain  # noqa: E402
from scraper.normalize.workplace import extract_workplace  # noqa: E402

SHARED = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared") / "fixtures"
SIZE = 10_000


def _plain(fragment: str) -> str:
    return markdown_to_plain(html_to_markdown_text(fragment))


def postings() -> list[tuple[str, str, str]]:
    """(title, location, plain text) of real postings."""
    found: list[tuple[str, str, str]] = []
    demo = json.loads((REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json").read_text())
    for offer in demo["offers"]:
        found.append(
            (
                offer["title"],
                offer.get("location") or "",
                _plain((offer.get("description") or "") + (offer.get("requirements") or "")),
            )
        )
    if SHARED.is_dir():
        for path in sorted((SHARED / "greenhouse/api").glob("*_job_detail.json")):
            job = json.loads(path.read_text())
            found.append(
                (
                    job["title"],
                    (job.get("location") or {}).get("name", ""),
                    _plain(html.unescape(job.get("content") or "")),
                )
            )
        for path in sorted((SHARED / "recruitee/api").glob("*.json")):
            for offer in json.loads(path.read_text())["offers"]:
                found.append(
                    (
                        offer["title"],
                        offer.get("location") or "",
                        _plain((offer.get("description") or "") + (offer.get("requirements") or "")),
                    )
                )
        for path in sorted((SHARED / "lever/api").glob("*.json")):
            data = json.loads(path.read_text())
            for posting in data if isinstance(data, list) else [data]:
                body = (posting.get("description") or "") + "".join(
                    f"<h3>{part['text']}</h3><ul>{part['content']}</ul>" for part in posting.get("lists", [])
                )
                found.append(
                    (
                        posting["text"],
                        (posting.get("categories") or {}).get("location") or "",
                        _plain(body + (posting.get("additional") or "")),
                    )
                )
        for path in sorted((SHARED / "ashby/api").glob("*.json")):
            for job in json.loads(path.read_text()).get("jobs", [])[:10]:
                found.append(
                    (job["title"], job.get("location") or "", _plain(job.get("descriptionHtml") or ""))
                )
    return [(t, loc, text) for t, loc, text in found if len(text) > 500]


def to_size(text: str) -> str:
    out = text
    while len(out) < SIZE:
        out += "\n\n" + text
    return out[:SIZE]


EXTRACTORS = {
    # Lower-casing, the line index and the word index the extractors share (clauses.prepare);
    # timed on its own so that the lines below are each extractor's own cost.
    "shared prepare": lambda t, title, loc: prepare(t).line_indexes(("the",)),
    "experience": lambda t, title, loc: extract_experience_years(t),
    "seniority": lambda t, title, loc: extract_seniority(title, t),
    "languages": lambda t, title, loc: extract_language_requirements(t, title),
    "posting_language": lambda t, title, loc: detect_posting_language(t),
    "workplace": lambda t, title, loc: extract_workplace(t, title, loc),
    "regions": lambda t, title, loc: extract_applicant_regions(t, title, loc),
    "salary": lambda t, title, loc: extract_salary(t),
    "employment": lambda t, title, loc: extract_employment_type(t, title),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    samples = [(title, loc, to_size(text)) for title, loc, text in postings()]
    for title, loc, text in samples:  # warm-up: compiled patterns, the language model
        for run in EXTRACTORS.values():
            run(text, title, loc)
    per_extractor: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    totals: list[float] = []
    clock = time.thread_time
    for _ in range(args.rounds):
        # Posting by posting, as the pipeline calls them: the extractors share the prepared text
        # (lower-casing, line index, anchor searches), whose cost lands on the first one.
        spent = dict.fromkeys(EXTRACTORS, 0.0)
        for title, loc, text in samples:
            text = "".join(text)  # a new string object each round: no cache carries over
            for name, run in EXTRACTORS.items():
                start = clock()
                run(text, title, loc)
                spent[name] += clock() - start
        for name, seconds in spent.items():
            per_extractor[name].append(seconds / len(samples) * 1000)
        totals.append(sum(spent.values()) / len(samples) * 1000)
    reference = _reference_loop_ms()
    print(
        f"{len(samples)} postings of {SIZE} characters, {args.rounds} rounds, one thread "
        f"(ms of CPU per posting: median, best round)"
    )
    for name, values in per_extractor.items():
        print(f"  {name:18} {statistics.median(values):7.3f} {min(values):7.3f}")
    print(f"  {'all together':18} {statistics.median(totals):7.3f} {min(totals):7.3f}")
    print(f"  reference loop     {reference:7.1f} ms for 1,000,000 additions on this machine")
    print(
        json.dumps(
            {
                "postings": len(samples),
                "chars": SIZE,
                "ms_per_posting": round(statistics.median(totals), 3),
                "ms_per_posting_best": round(min(totals), 3),
                "reference_loop_ms": round(reference, 1),
                **{f"ms_{name}": round(statistics.median(v), 3) for name, v in per_extractor.items()},
            }
        )
    )


def _reference_loop_ms() -> float:
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, (time.thread_time() - start) * 1000)
    return best


if __name__ == "__main__":
    main()
