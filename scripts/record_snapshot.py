"""Every posting we can make a record of, through the item pipelines to its record text: one JSON line per
record, to compare commits (a speed change must give the same bytes).

    .venv/bin/python scripts/record_snapshot.py > after.jsonl
    git stash; .venv/bin/python scripts/record_snapshot.py > before.jsonl; git stash pop
    cmp before.jsonl after.jsonl

Postings: every board sample of ../shared/fixtures (tests/samples.py: each platform's spider, follow-ups answered
from the samples), the hostile corpus's Recruitee board (tests/fixtures/recruitee/hostile_offers.json) and
--mock generated Greenhouse and Lever postings (benchmarks/mockats.py).  Each goes through the pipelines that do
not touch disk (as tests/helpers.py's run_pipelines runs them) and `render_record`, with the crawl time fixed
(relative dates are read against it), so two runs of one checkout give the same lines.  A posting a pipeline
drops gives a line with its reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CRAWLED_AT = "2026-12-01T12:00:00Z"


def _spider_items(spider, response, sample=None) -> list:
    from scrapy import Request

    from scraper.items import JobPosting
    from tests.samples import _answer

    out = []
    for result in spider.parse_board(response):
        if isinstance(result, Request):
            out.extend(_answer(spider, sample, result) if sample is not None else ())
        else:
            out.append(result)
    return [item for item in out if isinstance(item, JobPosting)]


def postings(mock: int) -> list:
    """(spider, items) for every source, crawl time fixed."""
    from benchmarks.mockats import greenhouse_board, lever_board
    from spiders.greenhouse import GreenhouseSpider
    from spiders.lever import LeverSpider
    from spiders.recruitee import RecruiteeSpider
    from tests.helpers import OWN_FIXTURES, make_response, make_spider
    from tests.samples import SAMPLES, _content_type, spider_class

    runs = []
    for sample in SAMPLES:
        for path in sample.files():
            spider = make_spider(spider_class(sample.platform), url=sample.url, **sample.kwargs)
            response = make_response(spider.board_url, path.read_bytes(),
                                     headers={"Content-Type": _content_type(path, sample.content_type)})
            runs.append((spider, _spider_items(spider, response, sample)))
    spider = make_spider(RecruiteeSpider, url="https://jobs.example.com")
    hostile = OWN_FIXTURES / "recruitee" / "hostile_offers.json"
    runs.append((spider, _spider_items(spider, make_response(spider.board_url, hostile.read_bytes(),
                                                             headers={"Content-Type": "application/json"}))))
    if mock:
        spider = make_spider(GreenhouseSpider, url="https://boards-api.greenhouse.io/v1/boards/gh0/jobs?content=true")
        runs.append((spider, _spider_items(spider, make_response(spider.board_url, greenhouse_board("gh0", mock),
                                                                 headers={"Content-Type": "application/json"}))))
        spider = make_spider(LeverSpider, url="https://api.lever.co/v0/postings/lv1?mode=json&skip=0&limit=100")
        body = json.dumps(lever_board("lv1", mock)).encode()
        runs.append((spider, _spider_items(spider, make_response(spider.board_url, body,
                                                                 headers={"Content-Type": "application/json"}))))
    for _, items in runs:
        for item in items:
            item.crawledAt = CRAWLED_AT
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mock", type=int, default=50, help="generated postings per mock board (default 50)")
    args = parser.parse_args()
    import logging

    from scraper.record import render_record
    from tests.helpers import run_pipelines

    logging.disable(logging.ERROR)
    count = 0
    for spider, items in postings(args.mock):
        result = run_pipelines(spider, items, skip=["DuplicatePostingsPipeline"])
        for item in result.items:
            print(json.dumps({"id": item.id, "record": render_record(item)}, ensure_ascii=False))
            count += 1
        for reason in result.dropped:
            print(json.dumps({"dropped": reason}, ensure_ascii=False))
    print(f"{count} records", file=sys.stderr)


if __name__ == "__main__":
    main()
