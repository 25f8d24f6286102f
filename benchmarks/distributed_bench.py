"""Distributed benchmark: the same boards crawled by 1 and by 2 workers sharing one round through Redis.

    .venv/bin/python benchmarks/distributed_bench.py [--boards 50] [--postings 20] [--latency 0.2]
    (make bench-distributed)

1. Starts a real redis-server and a throwaway PostgreSQL on 127.0.0.1 (tests/services.py; the Debian packages
   redis-server and postgresql must be installed) and the benchmark's mock ATS (benchmarks/mockats.py) in its
   own process: N boards, half Greenhouse, half Lever paged 5 postings a page, M postings each; every answer
   waits --latency seconds, a stand-in for the network.
2. For each run: a fresh output folder and database, `jobscraper enqueue` of the companies, then the workers
   (`scrapy crawl careers -s REDIS_URL=... -s STATE_URL=...`) started together; wall time is from the start
   of the workers to the end of the last one.  Runs: a plain single crawl (no Redis, SQLite), 1 worker, and
   2 workers.
3. Prints the figures and, last, one JSON line.
Nothing but 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.mockats import run_server  # noqa: E402
from tests.services import fresh_database, postgres_server, redis_server  # noqa: E402

COMMON = {"AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "16", "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
          "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": "False", "TELNETCONSOLE_ENABLED": "False",
          "SSRF_ALLOWED_NETWORKS": "127.0.0.1/32"}
LEVER_PAGE = 5


def crawl_command(settings: dict[str, str], companies: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "careers"]
    if companies is not None:
        cmd += ["-a", f"companies={companies}"]
    for key, value in {**COMMON, **settings}.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def run_workers(commands: list[list[str]], logs: Path) -> float:
    started = time.perf_counter()
    processes = []
    for i, cmd in enumerate(commands):
        log = open(logs / f"worker-{i}.log", "wb")  # noqa: SIM115 (closed below)
        processes.append((subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT), log))
    for process, log in processes:
        code = process.wait()
        log.close()
        if code != 0:
            sys.stderr.write(Path(log.name).read_text(errors="replace")[-3000:])
            raise SystemExit(f"a worker failed with exit code {code}")
    return time.perf_counter() - started


def count_records(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=50)
    parser.add_argument("--postings", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the mock ATS waits before answering")
    args = parser.parse_args()
    n, m = args.boards, args.postings

    queue: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=run_server, args=(queue, m, args.latency), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    figures: dict[str, object] = {"N": n, "M": m, "postings": n * m, "latency_s": args.latency}
    try:
        with tempfile.TemporaryDirectory(prefix="jobscraper-dbench-") as tmp, redis_server() as redis_url, \
                postgres_server() as postgres_url:
            work = Path(tmp)
            companies = []
            for i in range(n):
                if i % 2 == 0:
                    url = f"http://127.0.0.1:{port}/v1/boards/gh{i}/jobs?content=true"
                else:
                    url = f"http://127.0.0.1:{port}/v0/postings/lv{i}?mode=json&limit={LEVER_PAGE}"
                companies.append({"name": f"Company {i}", "careers_url": url})
                urllib.request.urlopen(url, timeout=60).read()  # warm the server's caches
            companies_file = work / "companies.json"
            companies_file.write_text(json.dumps(companies))

            out = work / "single"
            wall = run_workers([crawl_command({"OUTPUT_DIR": str(out)}, companies_file)], work)
            figures["single_wall_s"] = round(wall, 2)
            figures["single_records"] = count_records(out)

            for workers in (1, 2):
                out = work / f"workers-{workers}"
                state_url = fresh_database(postgres_url, f"bench_{workers}")
                subprocess.run([sys.executable, "-m", "scraper.cli", "enqueue", str(companies_file), "--force",
                                "--redis", redis_url], cwd=REPO, check=True, capture_output=True)
                settings = {"OUTPUT_DIR": str(out), "REDIS_URL": redis_url, "STATE_URL": state_url}
                wall = run_workers([crawl_command(settings) for _ in range(workers)], work)
                figures[f"workers_{workers}_wall_s"] = round(wall, 2)
                figures[f"workers_{workers}_records"] = count_records(out)
    finally:
        server.terminate()

    figures["speedup_2_vs_1"] = round(figures["workers_1_wall_s"] / figures["workers_2_wall_s"], 2)
    print(f"mock ATS: {n} boards x {m} postings = {n * m} postings, {args.latency * 1000:.0f} ms per answer, "
          f"127.0.0.1; Redis and PostgreSQL on 127.0.0.1")
    print(f"{'run':<32}{'wall s':>9}{'records':>9}{'postings/s':>12}")
    for label, key in (("plain crawl (no Redis, SQLite)", "single"), ("1 worker (Redis, PostgreSQL)", "workers_1"),
                       ("2 workers (Redis, PostgreSQL)", "workers_2")):
        wall, records = figures[f"{key}_wall_s"], figures[f"{key}_records"]
        print(f"{label:<32}{wall:>9.2f}{records:>9}{records / wall:>12.1f}")
    print(f"2 workers vs 1: {figures['speedup_2_vs_1']}x")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
