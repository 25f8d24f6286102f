"""Speed of requirements extraction: milliseconds of CPU per 10 KB posting on one core.

Run: make bench-extract   (or .venv/bin/python benchmarks/extract_bench.py [--rounds N])

What is timed is what the requirements pipeline and `jobscraper extract` run on a posting's Markdown
body: `extract_from_markdown` (plain text from the Markdown, skills, languages, seniority, experience,
workplace, applicant regions, salary, employment type, posting language).  Postings are the real ones
in ../shared/fixtures (Greenhouse, Lever, Ashby, Recruitee) when that folder is there, plus the bundled
demo snapshot; each posting's Markdown is repeated up to 10 KB so every sample is the same size.
Time is this thread's CPU time (time.thread_time), so other processes disturb it less than wall time;
figures are the best and the median of the rounds (on a shared machine the best round is the one
least disturbed, as `timeit` advises).  Each step is timed on its own, in the order extract_from_markdown runs them, and
the whole call is timed too.  A reference figure (a pure-Python loop of one million additions) is
printed to compare machines.  Not a test: nothing is asserted.
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
from scraper.normalize.languages import detect_posting_language, extract_languages  # noqa: E402
from scraper.normalize.regions import extract_applicant_regions  # noqa: E402
from scraper.normalize.requirements import extract_from_markdown  # noqa: E402
from scraper.normalize.salary import extract_salary  # noqa: E402
from scraper.normalize.seniority import extract_seniority  # noqa: E402
from scraper.normalize.skills import extract_skills  # noqa: E402
from scraper.normalize.text import html_to_markdown_text, markdown_to_plain  # noqa: E402
from scraper.normalize.workplace import extract_workplace  # noqa: E402

SHARED = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared") / "fixtures"
SIZE = 10_000


def _markdown(fragment: str) -> str:
    return html_to_markdown_text(fragment)


def postings() -> list[tuple[str, str, str]]:
    """(title, location, Markdown body) of real postings."""
    found: list[tuple[str, str, str]] = []
    demo = json.loads((REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json").read_text())
    for offer in demo["offers"]:
        found.append(
            (
                offer["title"],
                offer.get("location") or "",
                _markdown((offer.get("description") or "") + (offer.get("requirements") or "")),
            )
        )
    if SHARED.is_dir():
        for path in sorted((SHARED / "greenhouse/api").glob("*_job_detail.json")):
            job = json.loads(path.read_text())
            found.append(
                (
                    job["title"],
                    (job.get("location") or {}).get("name", ""),
                    _markdown(html.unescape(job.get("content") or "")),
                )
            )
        for path in sorted((SHARED / "recruitee/api").glob("*.json")):
            for offer in json.loads(path.read_text())["offers"]:
                found.append(
                    (
                        offer["title"],
                        offer.get("location") or "",
                        _markdown((offer.get("description") or "") + (offer.get("requirements") or "")),
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
                        _markdown(body + (posting.get("additional") or "")),
                    )
                )
        for path in sorted((SHARED / "ashby/api").glob("*.json")):
            for job in json.loads(path.read_text()).get("jobs", [])[:10]:
                found.append(
                    (job["title"], job.get("location") or "", _markdown(job.get("descriptionHtml") or ""))
                )
    return [(t, loc, text) for t, loc, text in found if len(markdown_to_plain(text)) > 500]


def to_size(text: str) -> str:
    out = text
    while len(out) < SIZE:
        out += "\n\n" + text
    return out[:SIZE]


# The steps of extract_from_markdown, in its order.  Each gets (markdown, plain text, title, location).
STEPS = {
    "plain text": lambda md, plain, title, loc: markdown_to_plain(md),
    "skills": lambda md, plain, title, loc: extract_skills(md),
    # The line index and the one Aho-Corasick pass for every extractor's anchors (clauses.Prepared),
    # timed on its own so that the lines below are each extractor's own cost.
    "shared anchor pass": lambda md, plain, title, loc: prepare(plain).line_indexes(()),
    "languages": lambda md, plain, title, loc: extract_languages(plain, title),
    "seniority": lambda md, plain, title, loc: extract_seniority(title, plain),
    "experience": lambda md, plain, title, loc: extract_experience_years(plain),
    "workplace": lambda md, plain, title, loc: extract_workplace(plain, title, loc),
    "regions": lambda md, plain, title, loc: extract_applicant_regions(plain, title, loc),
    "salary": lambda md, plain, title, loc: extract_salary(plain),
    "employment": lambda md, plain, title, loc: extract_employment_type(plain, title, loc),
    "posting language": lambda md, plain, title, loc: detect_posting_language(plain),
}


def _run_steps(samples: list[tuple[str, str, str]], spent: dict[str, float]) -> None:
    clock = time.thread_time
    for title, loc, markdown in samples:
        markdown = markdown + " "  # a new string object each round: no cache carries over
        plain = ""
        for name, run in STEPS.items():
            start = clock()
            result = run(markdown, plain, title, loc)
            spent[name] += clock() - start
            if name == "plain text":
                plain = result


def _run_whole(samples: list[tuple[str, str, str]]) -> float:
    start = time.thread_time()
    for title, loc, markdown in samples:
        extract_from_markdown(markdown + " ", title, loc)
    return time.thread_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    samples = [(title, loc, to_size(text)) for title, loc, text in postings()]
    for title, loc, markdown in samples:  # warm-up: compiled patterns, automata, the language model
        extract_from_markdown(markdown, title, loc)
    per_step: dict[str, list[float]] = {name: [] for name in STEPS}
    whole: list[float] = []
    for _ in range(args.rounds):
        spent = dict.fromkeys(STEPS, 0.0)
        _run_steps(samples, spent)
        for name, seconds in spent.items():
            per_step[name].append(seconds / len(samples) * 1000)
        whole.append(_run_whole(samples) / len(samples) * 1000)
    reference = _reference_loop_ms()
    sums = [sum(values) for values in zip(*per_step.values(), strict=True)]
    print(
        f"{len(samples)} postings of {SIZE:,} characters of Markdown, {args.rounds} rounds, one thread "
        f"(ms of CPU per posting: median, best round)"
    )
    for name, values in per_step.items():
        print(f"  {name:20} {statistics.median(values):7.3f} {min(values):7.3f}")
    print(f"  {'sum of the steps':20} {statistics.median(sums):7.3f} {min(sums):7.3f}")
    print(f"  {'extract_from_markdown':20} {statistics.median(whole):7.3f} {min(whole):7.3f}")
    print(f"  reference loop       {reference:7.1f} ms for 1,000,000 additions on this machine")
    print(
        json.dumps(
            {
                "postings": len(samples),
                "chars": SIZE,
                "ms_per_posting": round(statistics.median(whole), 3),
                "ms_per_posting_best": round(min(whole), 3),
                "reference_loop_ms": round(reference, 1),
                **{f"ms_{name.replace(' ', '_')}": round(statistics.median(v), 3) for name, v in per_step.items()},
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
