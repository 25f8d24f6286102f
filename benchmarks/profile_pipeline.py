"""Where a posting's CPU goes, in process, without the network: the spider's parsing and every item pipeline
(records, state and datasets into a temp folder), on one core.

    .venv/bin/python benchmarks/profile_pipeline.py [--postings 2000] [--source mock|real|both] [--cprofile]

Sources: `mock` is the benchmark's generator (benchmarks/mockats.py, Greenhouse shape, 5-15 KB of HTML a
posting); `real` is every posting of ../shared/fixtures that carries a description of 100 characters or more
(tests/samples.py parses them with their platform's spider), repeated to about --postings.  Prints the CPU time
(time.process_time, this process only) per posting of each step, best of --rounds rounds; the last line is
the same as JSON.  With --cprofile, the cProfile tables of one round instead (slower: figures are inflated).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.mockats import greenhouse_board  # noqa: E402
from spiders.greenhouse import GreenhouseSpider  # noqa: E402
from tests.helpers import make_response, make_spider  # noqa: E402

PER_BOARD = 50


def mock_bodies(postings: int) -> list[tuple[str, bytes]]:
    out = []
    for board in range(max(1, postings // PER_BOARD)):
        token = f"gh{board * 2}"
        out.append((f"http://127.0.0.1:1/v1/boards/{token}/jobs?content=true", greenhouse_board(token, PER_BOARD)))
    return out


def real_items(postings: int) -> list:
    """Spider-parsed postings of the shared fixtures (with a description), ids made unique per copy."""
    from scrapy import Request

    from scraper.items import JobPosting
    from tests.samples import SAMPLES, _answer, _content_type, spider_class

    items = []
    for sample in SAMPLES:
        for path in sample.files():
            spider = make_spider(spider_class(sample.platform), url=sample.url, **sample.kwargs)
            response = make_response(spider.board_url, path.read_bytes(),
                                     headers={"Content-Type": _content_type(path, sample.content_type)})
            for result in spider.parse_board(response):
                for item in (_answer(spider, sample, result) if isinstance(result, Request) else [result]):
                    if isinstance(item, JobPosting) and sum(len(h or "") for _, h in item.descriptionHtml) >= 100:
                        items.append(item)
    return items


def _pipelines(out: Path):
    from scrapy.utils.misc import load_object

    from pipelines.state import CrawlState

    spider = make_spider(GreenhouseSpider, settings={"OUTPUT_DIR": str(out), "NORMALIZE_WORKERS": 0},
                         url="http://127.0.0.1:1/v1/boards/gh0/jobs?content=true")
    crawler = spider.crawler
    pipes = []
    for path, _ in sorted(crawler.settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1]):
        cls = load_object(path)
        try:
            pipes.append(cls.from_crawler(crawler))
        except Exception as exc:  # NotConfigured: a stage that is off in process
            if type(exc).__name__ != "NotConfigured":
                raise
    CrawlState.of(crawler).open(spider)
    return spider, crawler, pipes


def one_round(source: str, postings: int, out: Path, real: list) -> tuple[dict[str, float], int]:
    """CPU seconds by step for one run into `out`; returns (seconds by step, postings)."""
    import copy

    from scrapy.exceptions import DropItem

    from pipelines.state import CrawlState

    spider, crawler, pipes = _pipelines(out)
    steps: dict[str, float] = defaultdict(float)
    clock = time.process_time
    count = 0

    def through(item):
        for pipe in pipes:
            t0 = clock()
            try:
                item = pipe.process_item(item)
            except DropItem:
                steps[type(pipe).__name__] += clock() - t0
                return
            steps[type(pipe).__name__] += clock() - t0

    if source == "mock":
        for url, body in mock_bodies(postings):
            t0 = clock()
            items = list(spider.parse_board(make_response(url, body, headers={"Content-Type": "application/json"})))
            steps["spider parse"] += clock() - t0
            for item in items:
                count += 1
                through(item)
    else:
        copies = max(1, round(postings / max(1, len(real))))
        for n in range(copies):
            for original in real:
                item = copy.deepcopy(original)
                item.id = f"{item.id}#{n}"
                item.postingId = f"{item.postingId}-{n}"
                count += 1
                through(item)
    t0 = clock()
    CrawlState.of(crawler).finish()
    steps["state finish (closing, datasets)"] += clock() - t0
    CrawlState.of(crawler).record_end("finished")
    return steps, count


def measure(source: str, postings: int, rounds: int) -> dict[str, float]:
    real = real_items(postings) if source == "real" else []
    if source == "real" and not real:
        print("real: ../shared/fixtures not found, skipped")
        return {}
    per_round = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="jobscraper-profile-") as tmp:
            steps, count = one_round(source, postings, Path(tmp), real)
        per_round.append({k: v / count * 1000 for k, v in steps.items()})
    names = list(per_round[0])
    # The best round of each step is the figure to compare: slower rounds are other processes' doing.
    result = {name: min(r.get(name, 0.0) for r in per_round) for name in names}
    result["total"] = min(sum(r.values()) for r in per_round)
    label = {"mock": "generated Greenhouse postings (benchmarks/mockats.py)",
             "real": f"real postings with a description ({len(real)} from ../shared/fixtures, repeated)"}[source]
    print(f"{label}: {count} postings, CPU ms per posting, best of {rounds} rounds")
    for name in names + ["total"]:
        print(f"  {name:<36}{result[name]:8.3f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--source", choices=("mock", "real", "both"), default="both")
    parser.add_argument("--cprofile", action="store_true", help="cProfile one round instead of timing steps")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    sources = ("mock", "real") if args.source == "both" else (args.source,)
    # Load the taxonomy, the automata and the models before timing.
    from scraper.normalize.requirements import extract_from_markdown
    extract_from_markdown("Python and SQL. Fluent English.", "Engineer")
    if args.cprofile:
        for source in sources:
            real = real_items(args.postings) if source == "real" else []
            with tempfile.TemporaryDirectory() as tmp:
                profiler = cProfile.Profile()
                profiler.enable()
                one_round(source, args.postings, Path(tmp), real)
                profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
        return
    figures = {source: measure(source, args.postings, args.rounds) for source in sources}
    print(json.dumps({source: {k: round(v, 3) for k, v in steps.items()} for source, steps in figures.items()}))


if __name__ == "__main__":
    main()
