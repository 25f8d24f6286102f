"""Profile the pipeline on N generated postings, in process, without the network: the Greenhouse spider's
parsing and every item pipeline (records, state and datasets into a temp folder), under cProfile.

    .venv/bin/python benchmarks/profile_pipeline.py [--postings 10000] [--top 30]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.mockats import greenhouse_board  # noqa: E402
from spiders.greenhouse import GreenhouseSpider  # noqa: E402
from tests.helpers import make_response, make_spider  # noqa: E402


def run(postings: int, out: Path) -> float:
    from itemadapter import ItemAdapter  # noqa: F401
    from scrapy.utils.misc import load_object

    spider = make_spider(GreenhouseSpider, settings={"OUTPUT_DIR": str(out)},
                         url="http://127.0.0.1:1/v1/boards/gh0/jobs?content=true")
    crawler = spider.crawler
    pipes = []
    for path, _ in sorted(crawler.settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1]):
        cls = load_object(path)
        pipes.append(cls.from_crawler(crawler))
    from pipelines.state import CrawlState
    CrawlState.of(crawler).open(spider)
    per_board = 50
    start = time.perf_counter()
    for board in range(postings // per_board):
        token = f"gh{board * 2}"
        body = greenhouse_board(token, per_board)
        url = f"http://127.0.0.1:1/v1/boards/{token}/jobs?content=true"
        for item in spider.parse_board(make_response(url, body, headers={"Content-Type": "application/json"})):
            for pipe in pipes:
                item = pipe.process_item(item)
    CrawlState.of(crawler).finish()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        profiler = cProfile.Profile()
        profiler.enable()
        seconds = run(args.postings, Path(tmp))
        profiler.disable()
    print(f"{args.postings} postings in {seconds:.2f} s: {args.postings / seconds:.0f} postings/s "
          f"({seconds / args.postings * 1000:.2f} ms each, under cProfile)")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
