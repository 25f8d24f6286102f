"""Distributed crawling (scraper/distributed.py) with a real redis-server and a real PostgreSQL on 127.0.0.1.

One local server holds 50 boards (25 Greenhouse, 25 Lever paged two postings a page, so a board's pages can go
to different workers).  `jobscraper enqueue` starts a round; worker processes are real `scrapy crawl careers`
runs with REDIS_URL and STATE_URL:

- two workers: every board URL is requested exactly once, and the records and datasets equal those of a plain
  single-worker crawl (no Redis, SQLite);
- two workers, one killed with SIGKILL while it holds requests in flight: the other recovers them, and the
  records are still those of the single-worker crawl.

Without the servers' binaries the tests skip; under CI (`CI` set, where .ci/run installs them) they fail.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from scrapy.settings import Settings

from benchmarks import mockats
from scraper.record import parse_record
from scraper.state import open_store
from tests.helpers import REPO
from tests.services import ServiceUnavailable, fresh_database, postgres_server, redis_server

BOARDS = 50
POSTINGS = 3  # per board; Lever pages of LEVER_PAGE, so every Lever board takes two requests
LEVER_PAGE = 2
# Per-crawl values: they differ between any two crawls by design.
CRAWL_TIME_KEYS = ("crawledAt", "firstSeen", "lastSeen")


def _service(factory: Any) -> Iterator[str]:
    try:
        with factory() as url:
            yield url
    except ServiceUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide it (.ci/run installs it): {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    yield from _service(redis_server)


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    yield from _service(postgres_server)


class LoggingATS:
    """The benchmark's mock ATS (Greenhouse and Lever shapes) in a thread, logging every request path; each
    answer can be delayed, so that a crawl lasts long enough to kill a worker in the middle of it."""

    def __init__(self, delay: float = 0.0):
        self.requests: list[str] = []
        lock = threading.Lock()
        log = self.requests

        class Handler(mockats._Handler):
            postings = POSTINGS

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with lock:
                    log.append(self.path)
                if delay:
                    time.sleep(delay)
                try:
                    super().do_GET()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the killed worker's connections

        from http.server import ThreadingHTTPServer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LoggingATS":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def companies_file(self, path: Path) -> Path:
        companies = []
        for i in range(BOARDS):
            if i % 2 == 0:
                url = f"http://127.0.0.1:{self.port}/v1/boards/gh{i}/jobs?content=true"
            else:
                url = f"http://127.0.0.1:{self.port}/v0/postings/lv{i}?mode=json&skip=0&limit={LEVER_PAGE}"
            companies.append({"name": f"Company {i}", "careers_url": url})
        path.write_text(json.dumps(companies), encoding="utf-8")
        return path


def worker_command(tmp: Path, name: str, settings: dict[str, Any], args: dict[str, str] | None = None
                   ) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "careers"]
    for key, value in (args or {}).items():
        cmd += ["-a", f"{key}={value}"]
    merged = {"STATS_FILE": str(tmp / f"stats-{name}.json"), "AUTOTHROTTLE_ENABLED": "False",
              "LOG_LEVEL": "INFO", "SSRF_ALLOWED_NETWORKS": "127.0.0.1/32", "LOG_FILE": str(tmp / f"{name}.log"),
              **settings}
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def start_worker(tmp: Path, name: str, settings: dict[str, Any]) -> subprocess.Popen:
    return subprocess.Popen(worker_command(tmp, name, settings), cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def enqueue(companies: Path, redis: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "scraper.cli", "enqueue", str(companies), "--redis", redis],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"{BOARDS} companies queued" in proc.stdout
    return proc.stdout


def wait(process: subprocess.Popen, tmp: Path, name: str, timeout: float = 240) -> int:
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        log = (tmp / f"{name}.log").read_text(errors="replace")[-3000:]
        pytest.fail(f"worker {name} did not finish in {timeout} s; its log ends:\n{log}")


def _without_crawl_times(meta: dict[str, Any]) -> dict[str, Any]:
    """The values without the per-crawl times; a dateModified that is the crawl's time (a source that gives
    none: the posting changed when we first saw it) becomes a marker."""
    times = {meta.get(key) for key in CRAWL_TIME_KEYS}
    out = {k: v for k, v in meta.items() if k not in CRAWL_TIME_KEYS}
    if out.get("dateModified") and out["dateModified"] in times:
        out["dateModified"] = "<crawl time>"
    return out


def comparable_records(output: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """relative path -> (front matter without per-crawl times, body) of every record."""
    out = {}
    for path in sorted(output.rglob("*.md")):
        meta, body = parse_record(path.read_text(encoding="utf-8"))
        out[path.relative_to(output).as_posix()] = (_without_crawl_times(meta), body)
    return out


def comparable_dataset(output: Path) -> dict[str, dict[str, Any]]:
    rows = {}
    for line in (output / "datasets" / "jobs.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["id"]] = _without_crawl_times(row)
    return rows


def _explain(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Names the first differing record and keys, for a readable failure."""
    assert sorted(got) == sorted(want)
    for path in sorted(want):
        if got[path] != want[path]:
            (meta, _), (ref, _) = got[path], want[path]
            keys = sorted(k for k in set(meta) | set(ref) if meta.get(k) != ref.get(k))
            pytest.fail(f"{path}: differs in {keys or 'the body'}: "
                        f"{[(k, meta.get(k), ref.get(k)) for k in keys][:3]}")


def stats_of(tmp: Path, name: str) -> dict[str, Any]:
    path = tmp / f"stats-{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


@pytest.fixture(scope="module")
def single_worker(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The reference: one plain crawl of the 50 boards, no Redis, SQLite state."""
    tmp = tmp_path_factory.mktemp("single")
    with LoggingATS() as ats:
        companies = ats.companies_file(tmp / "companies.json")
        started = time.monotonic()
        proc = subprocess.run(worker_command(tmp, "single", {"OUTPUT_DIR": str(tmp / "output")},
                                             {"companies": str(companies)}),
                              cwd=REPO, capture_output=True, text=True, timeout=240)
        elapsed = time.monotonic() - started
    assert proc.returncode == 0, (tmp / "single.log").read_text()[-3000:]
    records = comparable_records(tmp / "output")
    assert len(records) == BOARDS * POSTINGS
    return {"records": records, "dataset": comparable_dataset(tmp / "output"), "seconds": elapsed,
            "requests": Counter(ats.requests)}


@pytest.mark.parametrize("state", ["postgresql", "sqlite"])
def test_two_workers_share_one_round(tmp_path: Path, redis_url: str, request: pytest.FixtureRequest, state: str,
                                     single_worker: dict[str, Any]) -> None:
    """PostgreSQL is the state for workers on several machines; workers on one machine can share the
    embedded SQLite file in their common OUTPUT_DIR."""
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    settings = {"REDIS_URL": redis_url, "OUTPUT_DIR": str(tmp_path / "output")}
    if state == "postgresql":
        settings["STATE_URL"] = fresh_database(request.getfixturevalue("postgres_url"), "two_workers")
    with LoggingATS() as ats:
        enqueue(ats.companies_file(tmp_path / "companies.json"), redis_url)
        started = time.monotonic()
        workers = {name: start_worker(tmp_path, name, settings) for name in ("a", "b")}
        codes = {name: wait(process, tmp_path, name) for name, process in workers.items()}
        elapsed = time.monotonic() - started
    assert codes == {"a": 0, "b": 0}

    # Every board (and every page of it) requested exactly once, by one worker or the other.
    # (robots.txt is each worker's own: Scrapy's robots.txt middleware asks before the first request.)
    requests = Counter(path for path in ats.requests if path != "/robots.txt")
    assert set(requests) == set(single_worker["requests"]) - {"/robots.txt"}
    assert sum(1 for path in requests if "skip=2" in path) == BOARDS // 2  # Lever's second pages
    assert all(count == 1 for count in requests.values()), requests.most_common(3)
    # ... and the work was shared.
    done = {name: stats_of(tmp_path, name).get("jobs/careers/companies", 0) for name in workers}
    assert sum(done.values()) == BOARDS
    assert all(done.values()), done

    # The same records and datasets as the single-worker crawl.
    _explain(comparable_records(tmp_path / "output"), single_worker["records"])
    assert comparable_records(tmp_path / "output") == single_worker["records"]
    assert comparable_dataset(tmp_path / "output") == single_worker["dataset"]

    # One crawl in the shared state, every posting open and seen in it.
    store = open_store(Settings(settings), tmp_path / "output")
    try:
        crawls = store.execute("SELECT id, round FROM crawls").fetchall()
        assert len(crawls) == 1 and crawls[0]["round"]
        postings = store.execute("SELECT count(*) AS n FROM postings WHERE status = 'open' AND seen_crawl = ?",
                                 (crawls[0]["id"],)).fetchone()["n"]
    finally:
        store.close()
    assert postings == BOARDS * POSTINGS

    # The round is over: nothing waits, nothing is in flight, no worker is registered.
    status = json.loads(subprocess.run(
        [sys.executable, "-m", "scraper.cli", "enqueue", "--status", "--json", "--redis", redis_url],
        cwd=REPO, capture_output=True, text=True, check=True).stdout)
    assert status["companies_waiting"] == status["requests_queued"] == status["requests_in_flight"] == 0
    assert status["workers_alive"] == []
    print(f"\n50 boards: 1 worker {single_worker['seconds']:.1f} s, 2 workers {elapsed:.1f} s")


def test_a_killed_worker_loses_nothing(tmp_path: Path, redis_url: str, postgres_url: str,
                                       single_worker: dict[str, Any]) -> None:
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    state_url = fresh_database(postgres_url, "killed_worker")
    settings = {"REDIS_URL": redis_url, "STATE_URL": state_url, "OUTPUT_DIR": str(tmp_path / "output"),
                "DISTRIBUTED_HEARTBEAT_TTL": "3", "CONCURRENT_REQUESTS": "4", "NORMALIZE_WORKERS": "2"}
    with LoggingATS(delay=0.25) as ats:
        enqueue(ats.companies_file(tmp_path / "companies.json"), redis_url)
        victim = start_worker(tmp_path, "victim", settings)
        survivor = start_worker(tmp_path, "survivor", settings)
        # Kill the victim once the crawl is under way and it holds requests in flight.
        deadline = time.monotonic() + 120
        held = 0
        while time.monotonic() < deadline and victim.poll() is None:
            held = sum(server.hlen(key) for key in server.scan_iter(f"jobscraper:careers:inflight:*:{victim.pid}:*"))
            if held and len(ats.requests) >= 10:
                break
            time.sleep(0.02)
        assert victim.poll() is None, "the victim finished before it could be killed"
        assert held, "the victim never held a request in flight"
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        assert wait(survivor, tmp_path, "survivor") == 0

    survivor_stats = stats_of(tmp_path, "survivor")
    assert survivor_stats.get("jobs/distributed/recovered", 0) >= 1
    assert survivor_stats["jobs/workers/postings"] > 0  # its postings went through normalizing workers
    # Nothing lost: every board answered, and the records are those of the single-worker crawl.
    assert set(ats.requests) == set(single_worker["requests"])
    assert comparable_records(tmp_path / "output") == single_worker["records"]
    with psycopg.connect(state_url) as conn:
        assert conn.execute("SELECT count(*) FROM postings WHERE status = 'open'").fetchone()[0] == \
            BOARDS * POSTINGS
    assert server.llen("jobscraper:careers:companies") == 0
    assert server.zcard("jobscraper:careers:requests") == 0
    assert not list(server.scan_iter("jobscraper:careers:inflight:*"))


def test_without_redis_url_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    from scrapy.settings import Settings

    from spiders.careers import CareersSpider

    for name in ("JOBSCRAPER_REDIS_URL", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    plain = Settings()
    plain.setmodule("scraper.settings", priority="project")
    CareersSpider.update_settings(plain)
    assert plain["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert plain["DUPEFILTER_CLASS"] == "scrapy.dupefilters.RFPDupeFilter"

    for env in ("JOBSCRAPER_REDIS_URL", "REDIS_URL"):
        monkeypatch.setenv(env, "redis://127.0.0.1:6390/0")
        shared = Settings()
        shared.setmodule("scraper.settings", priority="project")
        CareersSpider.update_settings(shared)
        assert shared["SCHEDULER"] == "scraper.distributed.ReliableScheduler"
        assert shared["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
        assert shared["REDIS_URL"] == "redis://127.0.0.1:6390/0"
        assert shared.getint("STATE_COMMIT_EVERY") == 1
        monkeypatch.delenv(env)


def test_enqueue_refuses_to_mix_rounds(tmp_path: Path, redis_url: str) -> None:
    from scraper.cli import main

    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    companies = tmp_path / "companies.yaml"
    companies.write_text("- name: Acme\n  careers_url: https://boards.greenhouse.io/acme\n"
                         "- name: Globex\n  careers_url: https://jobs.lever.co/globex\n", encoding="utf-8")
    assert main(["enqueue", str(companies), "--redis", redis_url]) == 0
    queued = [json.loads(entry) for entry in server.lrange("jobscraper:careers:companies", 0, -1)]
    assert [(c["index"], c["name"]) for c in queued] == [(0, "Acme"), (1, "Globex")]
    first = json.loads(server.get("jobscraper:careers:round"))
    # The round has not been crawled: a second enqueue would mix them.
    assert main(["enqueue", str(companies), "--redis", redis_url]) == 1
    assert json.loads(server.get("jobscraper:careers:round")) == first
    assert main(["enqueue", str(companies), "--redis", redis_url, "--force"]) == 0
    assert json.loads(server.get("jobscraper:careers:round"))["id"] != first["id"]
    assert server.llen("jobscraper:careers:companies") == 2


def test_enqueue_status(capsys: pytest.CaptureFixture[str], redis_url: str, tmp_path: Path) -> None:
    from scraper.cli import main

    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    assert main(["enqueue", "--status", "--redis", redis_url]) == 0
    assert "round (none)" in capsys.readouterr().out
    companies = tmp_path / "companies.yaml"
    companies.write_text("- name: Acme\n  careers_url: https://boards.greenhouse.io/acme\n", encoding="utf-8")
    main(["enqueue", str(companies), "--redis", redis_url])
    capsys.readouterr()
    assert main(["enqueue", "--status", "--json", "--redis", redis_url]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["companies_waiting"] == 1 and status["round"]["id"]
    assert main(["enqueue", "--redis", redis_url]) == 2  # no file, no --status
