"""jobscraper enqueue companies.yaml: start a distributed round (see scraper/distributed.py).

Pushes every company of the file, once, to the round's queue in Redis, clears the round's duplicate filter and
records the round; workers (`scrapy crawl careers -s REDIS_URL=...`) then take the companies from it.
`--status` shows a round's progress instead: companies waiting, requests queued and in flight, workers alive.
"""

from __future__ import annotations

import argparse
import json
import sys

import redis

from scraper.companies import CompaniesFileError, load_companies
from scraper.distributed import RoundInProgress, redis_url, round_status, start_round

HELP = "start a distributed round: push a companies file to Redis (or --status: the round's progress)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("companies", nargs="?", help="the companies file (YAML)")
    parser.add_argument("--redis", default="", help="Redis URL (default: $JOBSCRAPER_REDIS_URL, else $REDIS_URL)")
    parser.add_argument("--force", action="store_true",
                        help="start a new round even though the current one is not finished (drops its leftovers)")
    parser.add_argument("--status", action="store_true", help="show the current round's progress")
    parser.add_argument("--json", action="store_true", help="with --status: one JSON object")


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except redis.RedisError as exc:
        print(f"enqueue: Redis at {args.redis or redis_url()}: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    url = args.redis or redis_url()
    if not url:
        print("enqueue: give --redis redis://host:6379 (or set JOBSCRAPER_REDIS_URL or REDIS_URL)", file=sys.stderr)
        return 2
    server = redis.Redis.from_url(url)
    if args.status:
        status = round_status(server, "careers")
        if args.json:
            print(json.dumps(status))
        else:
            round_ = status["round"] or {}
            print(f"round {round_.get('id', '(none)')} started {round_.get('started_at', '-')}: "
                  f"{status['companies_waiting']} companies waiting, {status['companies_being_scheduled']} being "
                  f"scheduled, {status['requests_queued']} requests queued, {status['requests_in_flight']} in "
                  f"flight, {status['requests_seen']} seen; workers alive: {len(status['workers_alive'])}")
        return 0
    if not args.companies:
        print("enqueue: give the companies file", file=sys.stderr)
        return 2
    try:
        companies = load_companies(args.companies)
    except (CompaniesFileError, OSError) as exc:
        print(f"enqueue: {exc}", file=sys.stderr)
        return 1
    entries = [{key: value for key, value in vars(company).items() if value not in ("", None)}
               for company in companies]
    try:
        round_ = start_round(server, "careers", entries, force=args.force)
    except RoundInProgress as exc:
        print(f"enqueue: {exc}; wait for it (enqueue --status) or give --force", file=sys.stderr)
        return 1
    print(f"enqueue: round {round_['id']}: {len(entries)} companies queued at {url}")
    return 0
