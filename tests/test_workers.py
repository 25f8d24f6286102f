"""Normalizing in worker processes (scraper/workers.py): the same records as in process, nothing lost or applied
twice when a worker dies (killed from outside during a real crawl, or on a posting that kills it every time),
and no worker left behind by a crawl killed with SIGKILL."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from benchmarks.mockats import greenhouse_board
from scraper.datasets import read_jsonl
from scraper.items import JobPosting
from scraper.workers import WorkerPool, WorkerPoolUnavailable, WorkerPostingError, offloaded_pipelines
from tests.helpers import FIXTURES, REPO, crawl, project_settings, shared_fixture


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def posting(i: int, title: str = "Backend Engineer") -> JobPosting:
    return JobPosting(id=f"test:b:{i}", postingId=str(i), title=title, url=f"https://jobs.example.com/{i}",
                      companyName="Example", descriptionHtml=[("", f"<p>We use <b>Python</b> and SQL. Job {i}.</p>")])


def run(pool: WorkerPool, items: list[JobPosting]) -> list[object]:
    async def main() -> list[object]:
        try:
            return await asyncio.gather(*(pool.process(item) for item in items), return_exceptions=True)
        finally:
            pool.shutdown()
    return asyncio.run(main())


# Batch functions for the pool, run in the workers (importable by name: tests is a package).
def crash_on_poison(payloads):
    index = list(JobPosting.__dataclass_fields__).index("title")  # a payload: the item's field values, in order
    if any(values[index] == "POISON" for values in payloads):
        os._exit(3)
    return [("ok", {"summary": f"done {values[index]}"}) for values in payloads], {"jobs/test/seen": len(payloads)}, []


def crash_once(payloads):
    # (The marker's path comes in the postings: a worker's environment is the fork server's, from its start.)
    marker = Path(payloads[0][list(JobPosting.__dataclass_fields__).index("board")])
    if not marker.exists():
        marker.write_text("crashed")
        os._exit(3)
    return [("ok", {"summary": "done"}) for _ in payloads], {}, []


def cannot_start(*args):
    raise RuntimeError("a pipeline that cannot be built in a worker")


def test_workers_give_what_the_pipelines_give_in_process(caplog):
    settings = project_settings()
    chain = offloaded_pipelines(settings)
    assert [cls.__name__ for cls in chain] == ["CleanTextPipeline", "NormalizeFieldsPipeline",
                                               "ExtractRequirementsPipeline", "SeedFieldsPipeline",
                                               "ValidatePostingsPipeline"]
    stats = Stats()
    items = [posting(i) for i in range(40)] + [posting(40, title="")]  # the last is dropped: no title
    results = run(WorkerPool(2, chain, settings, stats=stats, batch_size=8), items)

    expected = [posting(i) for i in range(40)] + [posting(40, title="")]
    local_stats = Stats()
    local_crawler = type("Crawler", (), {"stats": local_stats, "settings": {**settings, "NORMALIZE_WORKERS": 0}})()
    local = [cls.from_crawler(local_crawler) for cls in chain]
    for item in expected:
        try:
            for pipe in local:
                item = pipe.process_item(item)
        except DropItem:
            pass
    assert results[:40] == expected[:40]  # every field, in order per posting
    # ... set on the crawl's own objects
    assert all(result is item for result, item in zip(results[:40], items[:40], strict=True))
    assert isinstance(results[40], DropItem) and "has no title" in str(results[40])
    assert {k: v for k, v in stats.values.items() if not k.startswith("jobs/workers/")} == local_stats.values
    assert stats.values["jobs/workers/postings"] == 41 and stats.values["jobs/workers/batches"] >= 6
    assert stats.values["jobs/workers/cpu_ms"] > 0


def test_a_posting_that_kills_its_worker_is_dropped_alone_and_counted(caplog):
    stats = Stats()
    items = [posting(i) for i in range(12)]
    items[5].title = "POISON"
    with caplog.at_level(logging.WARNING):
        results = run(WorkerPool(2, [], {}, stats=stats, batch_size=4, function=crash_on_poison), items)
    assert isinstance(results[5], DropItem) and "died on this posting" in str(results[5])
    for i, result in enumerate(results):
        if i != 5:
            assert result is items[i] and items[i].summary == f"done {items[i].title}"
    assert stats.values["jobs/workers/failed/worker_died"] == 1
    assert stats.values["jobs/workers/pool_broken"] >= 1
    # Postings done before the crash are not done again; the others exactly once: 11 answers in all.
    assert stats.values["jobs/test/seen"] == 11
    assert "posting test:b:5 dropped" in caplog.text


def test_a_worker_that_dies_once_costs_nothing(tmp_path):
    stats = Stats()
    items = [posting(i) for i in range(10)]
    for item in items:
        item.board = str(tmp_path / "crashed")
    results = run(WorkerPool(2, [], {}, stats=stats, batch_size=4, function=crash_once), items)
    assert all(result is item and item.summary == "done" for result, item in zip(results, items, strict=True))
    assert stats.values["jobs/workers/pool_broken"] == 1 and stats.values["jobs/workers/redone"] >= 4
    assert not any(key.startswith("jobs/workers/failed/") for key in stats.values)


def test_a_pipeline_error_in_a_worker_is_raised_with_its_traceback():
    settings = project_settings()
    item = posting(1)
    item.descriptionHtml = "not a list of pairs"  # the text pipeline cannot unpack it
    result = run(WorkerPool(1, offloaded_pipelines(settings), settings), [item])[0]
    assert isinstance(result, WorkerPostingError)
    assert "Traceback" in str(result) and "pipelines/text.py" in str(result)


def test_without_worker_processes_postings_are_normalized_in_the_crawl_process(monkeypatch, caplog):
    from scrapy.utils.test import get_crawler

    from pipelines.workers import NormalizeInWorkersPipeline

    crawler = get_crawler(settings_dict=project_settings(NORMALIZE_WORKERS=2, TWISTED_REACTOR=None))
    stage = NormalizeInWorkersPipeline.from_crawler(crawler)

    def no_processes():
        raise OSError(38, "Function not implemented")  # what a sandbox without semaphores says
    monkeypatch.setattr(stage.pool, "_executor", no_processes)

    async def main():
        return [await stage.process_item(posting(i)) for i in range(3)]
    with caplog.at_level(logging.ERROR):
        items = asyncio.run(main())
    assert all(item.description and item.contentHash for item in items)
    assert crawler.stats.get_value("jobs/workers/unavailable") == 1
    assert crawler.stats.get_value("jobs/text/converted") == 3
    assert caplog.text.count("no normalizing worker process could be started") == 1


def test_a_pool_whose_workers_die_at_start_hands_postings_back():
    stats = Stats()
    results = run(WorkerPool(2, [], {}, stats=stats, batch_size=4, initializer=cannot_start, initargs=()),
                  [posting(i) for i in range(10)])
    assert all(isinstance(result, WorkerPoolUnavailable) for result in results)  # the caller normalizes them
    assert stats.values["jobs/workers/unavailable"] == 1
    assert not any(key.startswith("jobs/workers/failed/") for key in stats.values)


# ---- real crawls ---------------------------------------------------------------------------------------

_CRAWL_TIME_KEYS = re.compile(r'^(firstSeen|lastSeen|dateModified): ".*"$', re.M)


def _records(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): _CRAWL_TIME_KEYS.sub(r"\1: <crawl time>", p.read_text(encoding="utf-8"))
            for p in sorted(out.rglob("*.md"))}


def _rows(out: Path) -> list[dict]:
    rows = sorted(read_jsonl(out / "datasets" / "jobs.jsonl"), key=lambda r: r["id"])
    for row in rows:
        for key in ("firstSeen", "lastSeen", "dateModified"):
            row.pop(key)
    return rows


@pytest.mark.e2e
def test_records_are_the_same_with_and_without_workers(httpserver, tmp_path):
    """Real postings of three platforms (../shared/fixtures), crawled with NORMALIZE_WORKERS=0 and =2: the same
    record bytes (apart from the crawl-time keys), datasets and stats."""
    shared_fixture("greenhouse/api")
    platforms = {  # platform: (fixture glob, the board's API path and query on the test server)
        "greenhouse": ("greenhouse/api/*_jobs_content.json", "/v1/boards/{}/jobs", "?content=true"),
        "lever": ("lever/api/*_postings.json", "/v0/postings/{}", "?mode=json&skip=0&limit=100"),
        "ashby": ("ashby/api/*_job_board*.json", "/posting-api/job-board/{}", "?includeCompensation=true"),
    }
    companies = []
    for platform, (pattern, path, query) in platforms.items():
        for n, fixture in enumerate(sorted(FIXTURES.glob(pattern))):
            board_path = path.format(f"b{n}")
            httpserver.expect_request(board_path).respond_with_data(fixture.read_bytes(),
                                                                    content_type="application/json")
            companies.append({"name": f"{platform} {fixture.stem}", "platform": platform,
                              "careers_url": httpserver.url_for(board_path + query)})
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))
    runs = {}
    for workers in ("0", "2"):
        runs[workers] = crawl("careers", tmp_path / f"w{workers}", args={"companies": companies_file},
                              settings={"NORMALIZE_WORKERS": workers, "NORMALIZE_BATCH": "4"})
        assert runs[workers].returncode == 0, runs[workers].log[-3000:]
    without, with_workers = runs["0"], runs["2"]
    assert with_workers.stats["jobs/workers/postings"] > 50 and "jobs/workers/postings" not in without.stats
    records = _records(without.output_dir)
    assert len(records) > 50
    assert _records(with_workers.output_dir) == records
    assert _rows(with_workers.output_dir) == _rows(without.output_dir)

    def jobs_stats(stats):
        return {k: v for k, v in stats.items() if k.startswith("jobs/") and not k.startswith("jobs/workers/")}
    assert jobs_stats(with_workers.stats) == jobs_stats(without.stats)


def _descendants(pid: int) -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process below `pid`."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_bytes()
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            table[int(entry)] = (int(stat[stat.rindex(b")") + 2:].split()[1]), cmdline)
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, cmdline) in table.items():
            if ppid == parent:
                out.append((child, ppid, cmdline))
                todo.append(child)
    return out


def _workers_of(pid: int) -> list[int]:
    """The normalizing workers of a crawl: the children of its fork server."""
    tree = _descendants(pid)
    servers = {child for child, ppid, cmdline in tree if ppid == pid and "forkserver" in cmdline}
    return [child for child, ppid, _ in tree if ppid in servers]


def _serve_boards(httpserver, tmp_path: Path, boards: int, postings: int) -> Path:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    companies = []
    for i in range(boards):
        token = f"gh{i}"
        httpserver.expect_request(f"/v1/boards/{token}/jobs").respond_with_data(
            greenhouse_board(token, postings), content_type="application/json")
        companies.append({"name": f"Company {i}", "platform": "greenhouse",
                          "careers_url": httpserver.url_for(f"/v1/boards/{token}/jobs?content=true")})
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))
    return companies_file


def _crawl_command(companies_file: Path, out: Path, *settings: str) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "careers", "-a", f"companies={companies_file}",
           "-s", f"OUTPUT_DIR={out}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO",
           "-s", "SSRF_ALLOWED_NETWORKS=127.0.0.1/32", "-s", "NORMALIZE_WORKERS=2", "-s", "NORMALIZE_BATCH=4"]
    for setting in settings:
        cmd += ["-s", setting]
    return cmd


def _assert_complete(out: Path, total: int) -> None:
    records = list(out.rglob("*.md"))
    assert len(records) == total and not list(out.rglob(".tmp-*"))
    rows = list(read_jsonl(out / "datasets" / "jobs.jsonl"))
    assert len(rows) == total and len({r["id"] for r in rows}) == total
    events = list(read_jsonl(out / "datasets" / "changes.jsonl"))
    assert Counter(e["event"] for e in events) == {"new": total}
    assert len({e["id"] for e in events}) == total


@pytest.mark.e2e
def test_a_worker_killed_during_a_crawl_loses_and_duplicates_nothing(httpserver, tmp_path):
    boards, per_board = 16, 40
    companies_file = _serve_boards(httpserver, tmp_path, boards, per_board)
    out, stats_file = tmp_path / "output", tmp_path / "stats.json"
    proc = subprocess.Popen(_crawl_command(companies_file, out, f"STATS_FILE={stats_file}"), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.time() + 120
    while killed is None and time.time() < deadline and proc.poll() is None:
        workers = _workers_of(proc.pid)
        if workers and len(list(out.rglob("*.md"))) > 0:  # the workers have answered: work is under way
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        time.sleep(0.01)
    log = proc.communicate(timeout=180)[1]
    assert killed is not None, "no worker to kill"
    assert proc.returncode == 0, log[-3000:]
    stats = json.loads(stats_file.read_text())
    assert stats["jobs/workers/pool_broken"] >= 1 and stats["jobs/workers/redone"] >= 1
    assert not any(key.startswith("jobs/workers/failed/") for key in stats)
    assert stats["jobs/records/written"] == boards * per_board
    _assert_complete(out, boards * per_board)
    assert "a normalizing worker process died" in log


@pytest.mark.e2e
def test_crawl_killed_with_sigkill_leaves_no_worker_and_reruns_complete(httpserver, tmp_path):
    boards, per_board = 16, 40
    companies_file = _serve_boards(httpserver, tmp_path, boards, per_board)
    out = tmp_path / "output"
    proc = subprocess.Popen(_crawl_command(companies_file, out), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    workers: list[int] = []
    while time.time() < deadline and proc.poll() is None:
        workers = workers or _workers_of(proc.pid)
        if workers and len(list(out.rglob("*.md"))) >= 40:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(list(out.rglob("*.md")))
    assert workers and 0 < written < boards * per_board, "the kill must land mid-crawl, workers running"
    deadline = time.time() + 10  # the workers notice within a second that the crawl is gone
    while time.time() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")], "workers outlived the crawl"

    run = crawl("careers", tmp_path, args={"companies": companies_file},
                settings={"NORMALIZE_WORKERS": "2", "NORMALIZE_BATCH": "4"}, timeout=180)
    assert run.returncode == 0, run.log[-3000:]
    _assert_complete(out, boards * per_board)
