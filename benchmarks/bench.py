"""End-to-end benchmark: our full crawl against bare Scrapy on the same boards, and a no-change re-crawl.

    .venv/bin/python benchmarks/bench.py [--boards N] [--postings M]      (make bench: 200 x 50)

1. Starts a mock ATS on 127.0.0.1 in its own process (benchmarks/mockats.py): N boards, half Greenhouse
   (content=true) and half Lever (JSON), M postings each of 5-15 KB of HTML.
2. Runs, one after the other, each as a child process measured with os.wait4 (wall time, CPU time, peak RSS):
   (a) bare Scrapy (benchmarks/bare_spider.py, Scrapy's default settings) fetching the same URLs and writing
       the raw postings to a JSONL feed;
   (b) our full crawl: `scrapy crawl careers` over a companies file of the N boards, every pipeline, Markdown
       records, state and datasets;
   (c) the same crawl again with nothing changed.
3. Prints the figures and, last, one JSON line.
Both crawls run with the same concurrency and no AutoThrottle; nothing but 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.mockats import run_server  # noqa: E402

COMMON = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
          "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False", "-s", "TELNETCONSOLE_ENABLED=False"]


def measure(cmd: list[str], cwd: Path) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr_chunks = []
    # Read stderr in a thread-free way: wait4 blocks, so drain first (WARNING-level logs are short).
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr_chunks.append(stderr)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=200)
    parser.add_argument("--postings", type=int, default=50)
    args = parser.parse_args()
    n, m = args.boards, args.postings
    total = n * m

    queue: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=run_server, args=(queue, m), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    try:
        with tempfile.TemporaryDirectory(prefix="jobscraper-bench-") as tmp:
            work = Path(tmp)
            urls, companies = [], []
            for i in range(n):
                if i % 2 == 0:
                    url = f"http://127.0.0.1:{port}/v1/boards/gh{i}/jobs?content=true"
                else:
                    url = f"http://127.0.0.1:{port}/v0/postings/lv{i}?mode=json&skip=0&limit=100"
                urls.append(url)
                companies.append({"name": f"Company {i}", "careers_url": url})
            (work / "urls.txt").write_text("\n".join(urls))
            (work / "companies.yaml").write_text(json.dumps(companies))
            # Warm the server's caches so neither crawl pays for generating the boards.
            import urllib.request
            for url in urls:
                urllib.request.urlopen(url, timeout=60).read()

            bare = measure([sys.executable, "-m", "scrapy", "runspider", str(REPO / "benchmarks" / "bare_spider.py"),
                            "-a", f"urls={work / 'urls.txt'}", "-o", str(work / "raw.jsonl"), *COMMON], cwd=work)
            raw_rows = sum(1 for _ in open(work / "raw.jsonl", encoding="utf-8"))
            out = work / "output"
            ours_cmd = [sys.executable, "-m", "scrapy", "crawl", "careers",
                        "-a", f"companies={work / 'companies.yaml'}",
                        "-s", f"OUTPUT_DIR={out}", "-s", "SSRF_ALLOWED_NETWORKS=127.0.0.1/32", *COMMON]
            first = measure(ours_cmd + ["-s", f"STATS_FILE={work / 'stats1.json'}"], cwd=REPO)
            stats1 = json.loads((work / "stats1.json").read_text())
            second = measure(ours_cmd + ["-s", f"STATS_FILE={work / 'stats2.json'}"], cwd=REPO)
            stats2 = json.loads((work / "stats2.json").read_text())
    finally:
        server.terminate()

    written1 = stats1.get("jobs/records/written", 0)
    written2 = stats2.get("jobs/records/written", 0)
    figures = {
        "N": n, "M": m, "postings": total,
        "bare_postings": raw_rows,
        "records_written": written1,
        "bare_wall_s": round(bare["wall_s"], 2), "bare_cpu_s": round(bare["cpu_s"], 2),
        "bare_peak_rss_mb": round(bare["peak_rss_mb"], 1),
        "bare_postings_per_s": round(raw_rows / bare["wall_s"], 1),
        "wall_s": round(first["wall_s"], 2), "cpu_s": round(first["cpu_s"], 2),
        "peak_rss_mb": round(first["peak_rss_mb"], 1),
        "postings_per_s": round(written1 / first["wall_s"], 1),
        "recrawl_wall_s": round(second["wall_s"], 2), "recrawl_cpu_s": round(second["cpu_s"], 2),
        "recrawl_peak_rss_mb": round(second["peak_rss_mb"], 1),
        "records_written_on_recrawl": written2,
        "recrawl_unchanged": stats2.get("jobs/state/unchanged", 0),
    }
    figures["ratio_vs_bare"] = round(figures["postings_per_s"] / figures["bare_postings_per_s"], 3)
    figures["recrawl_speedup"] = round(first["wall_s"] / second["wall_s"], 2)

    print(f"mock ATS: {n} boards x {m} postings = {total} postings (Greenhouse + Lever shapes), 127.0.0.1")
    print(f"{'run':<22}{'wall s':>9}{'cpu s':>9}{'postings/s':>12}{'peak RSS MB':>13}")
    print(f"{'bare Scrapy':<22}{bare['wall_s']:>9.2f}{bare['cpu_s']:>9.2f}{figures['bare_postings_per_s']:>12.1f}"
          f"{bare['peak_rss_mb']:>13.1f}")
    print(f"{'jobscraper (full)':<22}{first['wall_s']:>9.2f}{first['cpu_s']:>9.2f}{figures['postings_per_s']:>12.1f}"
          f"{first['peak_rss_mb']:>13.1f}")
    print(f"{'jobscraper re-crawl':<22}{second['wall_s']:>9.2f}{second['cpu_s']:>9.2f}"
          f"{total / second['wall_s']:>12.1f}{second['peak_rss_mb']:>13.1f}")
    print(f"ratio ours/bare: {figures['ratio_vs_bare']}; re-crawl speed-up: {figures['recrawl_speedup']}x; "
          f"records written on re-crawl: {written2}")
    keys = ("postings_per_s", "bare_postings_per_s", "ratio_vs_bare", "peak_rss_mb", "recrawl_speedup",
            "records_written_on_recrawl", "N", "M")
    print(json.dumps({**{k: figures[k] for k in keys}, **{k: v for k, v in figures.items() if k not in keys}}))


if __name__ == "__main__":
    main()
