"""A scheduled crawl interrupted (SIGINT, as cron's timeout or an operator would) and resumed with JOBDIR:
it completes, no board is requested twice, no posting is recorded twice (normalizing worker processes on)."""

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest
from werkzeug import Response

from scraper.datasets import read_jsonl
from tests.helpers import REPO

pytestmark = pytest.mark.e2e

BOARDS = 24


def test_interrupted_crawl_resumes_from_jobdir(httpserver, tmp_path):
    hits = Counter()

    def board(request):
        name = request.path.split("/")[1]
        hits[name] += 1
        time.sleep(0.15)
        offers = [{"id": f"{name}-{i}", "slug": f"job-{i}", "title": f"Job {i} at {name}", "company_name": name,
                   "careers_url": f"https://{name}.example/o/job-{i}", "description": "<p>SQL</p>"}
                  for i in range(2)]
        return Response(json.dumps({"offers": offers}), content_type="application/json")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    companies = []
    for i in range(BOARDS):
        httpserver.expect_request(f"/b{i}/api/offers/").respond_with_handler(board)
        companies.append({"name": f"Company {i}", "careers_url": httpserver.url_for(f"/b{i}/api/offers/"),
                          "platform": "recruitee"})
    companies_file = tmp_path / "companies.yaml"
    companies_file.write_text(json.dumps(companies))  # JSON is YAML
    out, jobdir = tmp_path / "output", tmp_path / "jobdir"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "careers", "-a", f"companies={companies_file}",
           "-s", f"OUTPUT_DIR={out}", "-s", f"JOBDIR={jobdir}", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", "CONCURRENT_REQUESTS=1", "-s", "LOG_LEVEL=INFO",
           "-s", "SSRF_ALLOWED_NETWORKS=127.0.0.1/32", "-s", "NORMALIZE_WORKERS=2"]

    first = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while sum(hits.values()) < 5 and time.time() < deadline:
        time.sleep(0.02)
    first.send_signal(signal.SIGINT)  # graceful: Scrapy finishes what is in flight and saves the queue
    log = first.communicate(timeout=60)[1]
    assert "shutdown" in log.lower() or "Received SIGINT" in log
    done_first = sum(hits.values())
    assert 0 < done_first < BOARDS, "the interruption must land mid-crawl"

    stats_file = tmp_path / "stats.json"
    second = subprocess.run(cmd + ["-s", f"STATS_FILE={stats_file}"], cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert second.returncode == 0, second.stderr[-2000:]
    assert json.loads(stats_file.read_text())["jobs/workers/postings"] > 0  # normalized in worker processes
    assert set(hits) == {f"b{i}" for i in range(BOARDS)}
    assert max(hits.values()) == 1, "a board was requested twice"
    rows = list(read_jsonl(out / "datasets" / "jobs.jsonl"))
    assert len(rows) == BOARDS * 2 and len({r["id"] for r in rows}) == BOARDS * 2
    events = list(read_jsonl(out / "datasets" / "changes.jsonl"))
    assert Counter(e["event"] for e in events) == {"new": BOARDS * 2}
    assert len(list(out.rglob("*.md"))) == BOARDS * 2
    # Both runs are one logical crawl in the state: the resumed run kept the crawl id saved in JOBDIR.
    db = sqlite3.connect(out / "state.sqlite")
    assert db.execute("SELECT COUNT(*) FROM crawls").fetchone()[0] == 1
