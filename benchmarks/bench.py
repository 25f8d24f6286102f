"""End-to-end benchmark: our full crawl against bare Scrapy on the same boards, and a no-change re-crawl.

    .venv/bin/python benchmarks/bench.py [--boards N] [--postings M]      (make bench: 200 x 50)

1. Starts a mock ATS on 127.0.0.1 in its own process (benchmarks/mockats.py): N boards, half Greenhouse
   (content=true) and half Lever (JSON), M postings each of 5-15 KB of HTML.
2. Runs, one after the other, each as a child process, measured for wall time, CPU time and the peak memory of
   its whole process tree (the crawl, its fork server and its normalizing workers):
   (a) bare Scrapy (benchmarks/bare_spider.py, Scrapy's default settings) fetching the same URLs and writing
       the raw postings to a JSONL feed;
   (b) our full crawl: `scrapy crawl careers` over a companies file of the N boards, every pipeline, Markdown
       records, state and datasets, with the default number of normalizing workers (one per core);
   (c) the same crawl into another folder with NORMALIZE_WORKERS=0 (everything in the crawl process);
   (d) crawl (b) again with nothing changed.
3. Prints the figures and, last, one JSON line: the contract's keys (postings_per_s, bare_postings_per_s,
   ratio_vs_bare, peak_rss_mb, recrawl_speedup, records_written_on_recrawl, N, M; figures of (b)) first, then
   postings_per_s_workers0, cpu_ms_per_posting (CPU of the whole tree per posting written), peak_pss_mb
   (proportional set size: shared pages counted once) and the rest.
CPU: the crawl process's own (os.wait4) plus its workers' (they report it in the stats, start-up included).
Memory: the tree's resident set summed over its processes, sampled every 0.1 s (pages the fork server and the
workers share count once per process, so this overstates it; PSS does not).  Both crawls run with the same
concurrency and no AutoThrottle; nothing but 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.mockats import run_server  # noqa: E402

COMMON = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
          "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False", "-s", "TELNETCONSOLE_ENABLED=False"]
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        out.setdefault(ppid, []).append(int(entry))
    return out


def _tree(root: int) -> list[int]:
    children, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes; (0, 0) for a process that is gone."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            rss = int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0, 0
    pss = rss
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            if os.path.exists("/proc/self/stat"):
                pids = _tree(self.pid)
                sizes = [_memory(pid) for pid in pids]
                self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
                self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
                self.peak_processes = max(self.peak_processes, sum(1 for r, _ in sizes if r))
            self.done.wait(self.interval)


def measure(cmd: list[str], cwd: Path, stats_file: Path | None = None) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    # Read stderr before waiting (WARNING-level logs are short), then reap with wait4 for the CPU time.
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    stats = json.loads(stats_file.read_text()) if stats_file is not None else {}
    own_cpu = usage.ru_utime + usage.ru_stime
    workers_cpu = stats.get("jobs/workers/cpu_ms", 0) / 1000
    # ru_maxrss of the process alone, in case the sampler missed a short peak; the tree figure is the larger.
    return {"wall_s": wall, "cpu_s": own_cpu + workers_cpu, "crawl_cpu_s": own_cpu, "workers_cpu_s": workers_cpu,
            "peak_rss_mb": max(sampler.peak_rss / 2**20, usage.ru_maxrss / 1024),
            "peak_pss_mb": max(sampler.peak_pss / 2**20, 0), "crawl_peak_rss_mb": usage.ru_maxrss / 1024,
            "processes": sampler.peak_processes, "stats": stats}


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

            def ours(output: str, stats: str, *settings: str) -> dict[str, float]:
                cmd = [sys.executable, "-m", "scrapy", "crawl", "careers", "-a", f"companies={work / 'companies.yaml'}",
                       "-s", f"OUTPUT_DIR={work / output}", "-s", "SSRF_ALLOWED_NETWORKS=127.0.0.1/32", *COMMON,
                       "-s", f"STATS_FILE={work / stats}", *settings]
                return measure(cmd, cwd=REPO, stats_file=work / stats)

            first = ours("output", "stats1.json")
            in_process = ours("output0", "stats0.json", "-s", "NORMALIZE_WORKERS=0")
            second = ours("output", "stats2.json")
    finally:
        server.terminate()

    stats1, stats0, stats2 = first["stats"], in_process["stats"], second["stats"]
    written1 = stats1.get("jobs/records/written", 0)
    written0 = stats0.get("jobs/records/written", 0)
    written2 = stats2.get("jobs/records/written", 0)
    from scraper.workers import available_cores

    figures = {
        "N": n, "M": m, "postings": total, "workers": available_cores(),
        "bare_postings": raw_rows,
        "records_written": written1, "records_written_workers0": written0,
        "bare_wall_s": round(bare["wall_s"], 2), "bare_cpu_s": round(bare["cpu_s"], 2),
        "bare_peak_rss_mb": round(bare["peak_rss_mb"], 1),
        "bare_postings_per_s": round(raw_rows / bare["wall_s"], 1),
        "wall_s": round(first["wall_s"], 2), "cpu_s": round(first["cpu_s"], 2),
        "crawl_cpu_s": round(first["crawl_cpu_s"], 2), "workers_cpu_s": round(first["workers_cpu_s"], 2),
        "peak_rss_mb": round(first["peak_rss_mb"], 1), "peak_pss_mb": round(first["peak_pss_mb"], 1),
        "crawl_peak_rss_mb": round(first["crawl_peak_rss_mb"], 1), "processes": first["processes"],
        "postings_per_s": round(written1 / first["wall_s"], 1),
        "cpu_ms_per_posting": round(first["cpu_s"] / max(1, written1) * 1000, 2),
        "wall_s_workers0": round(in_process["wall_s"], 2), "cpu_s_workers0": round(in_process["cpu_s"], 2),
        "postings_per_s_workers0": round(written0 / in_process["wall_s"], 1),
        "cpu_ms_per_posting_workers0": round(in_process["cpu_s"] / max(1, written0) * 1000, 2),
        "peak_rss_mb_workers0": round(in_process["peak_rss_mb"], 1),
        "recrawl_wall_s": round(second["wall_s"], 2), "recrawl_cpu_s": round(second["cpu_s"], 2),
        "recrawl_peak_rss_mb": round(second["peak_rss_mb"], 1),
        "records_written_on_recrawl": written2,
        "recrawl_unchanged": stats2.get("jobs/state/unchanged", 0),
        "worker_batches": stats1.get("jobs/workers/batches", 0),
        "worker_failures": sum(v for k, v in stats1.items() if k.startswith("jobs/workers/failed/")),
    }
    figures["ratio_vs_bare"] = round(figures["postings_per_s"] / figures["bare_postings_per_s"], 3)
    figures["recrawl_speedup"] = round(first["wall_s"] / second["wall_s"], 2)

    print(f"mock ATS: {n} boards x {m} postings = {total} postings (Greenhouse + Lever shapes), 127.0.0.1; "
          f"{figures['workers']} cores")
    print(f"{'run':<30}{'wall s':>9}{'cpu s':>9}{'postings/s':>12}{'CPU ms/posting':>16}{'peak RSS MB':>13}")
    rows = (("bare Scrapy", bare, raw_rows), (f"jobscraper ({figures['workers']} workers)", first, written1),
            ("jobscraper (NORMALIZE_WORKERS=0)", in_process, written0), ("jobscraper re-crawl", second, total))
    for label, run, count in rows:
        print(f"{label:<30}{run['wall_s']:>9.2f}{run['cpu_s']:>9.2f}{count / run['wall_s']:>12.1f}"
              f"{run['cpu_s'] / max(1, count) * 1000:>16.2f}{run['peak_rss_mb']:>13.1f}")
    print(f"ratio ours/bare: {figures['ratio_vs_bare']}; re-crawl speed-up: {figures['recrawl_speedup']}x; "
          f"records written on re-crawl: {written2}; peak PSS of the tree: {figures['peak_pss_mb']} MB")
    keys = ("postings_per_s", "bare_postings_per_s", "ratio_vs_bare", "peak_rss_mb", "recrawl_speedup",
            "records_written_on_recrawl", "N", "M")
    print(json.dumps({**{k: figures[k] for k in keys}, **{k: v for k, v in figures.items() if k not in keys}}))


if __name__ == "__main__":
    main()
