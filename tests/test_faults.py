"""Faults a crawl meets unattended, all in one real crawl (one company per fault) against a fault-injecting
server on 127.0.0.1: every fault costs its board a logged, counted failure, the crawl finishes, and the
boards that recover (retries, Retry-After, slow bodies) lose nothing."""

import json

import pytest

from tests.faultserver import (
    FaultServer,
    empty,
    flaky,
    gzip_bomb,
    huge,
    ok,
    redirect,
    reset_mid_body,
    slow,
    status,
    wrong_length,
)
from tests.helpers import crawl

pytestmark = pytest.mark.e2e


def board(name, n=2):
    offers = [{"id": f"{name}-{i}", "slug": f"job-{i}", "title": f"{name} job {i}", "company_name": name,
               "careers_url": f"https://{name}.example/o/job-{i}", "description": "<p>Python and SQL.</p>"}
              for i in range(n)]
    return json.dumps({"offers": offers}).encode()


def test_faults_cost_one_board_each_and_nothing_else(tmp_path):
    with FaultServer() as server, FaultServer() as other_port:
        other_port.route("/elsewhere/api/offers/", ok(board("elsewhere")))
        scenarios = {
            "healthy": ok(board("healthy")),
            "e500": status(500),
            "e502": status(502),
            "e404": status(404),
            "flaky503": flaky(2, ok(board("flaky503"))),
            "flaky429": flaky(1, ok(board("flaky429")), code=429, retry_after="1"),
            "retry_later": status(429, retry_after="3600"),
            "slow": slow(board("slow"), chunks=4, delay=0.25),
            "reset": reset_mid_body(board("reset", 40)),
            "short": wrong_length(board("short"), 10_000),
            "loop": redirect("/loop/api/offers/"),
            "other_port": redirect(other_port.url("/elsewhere/api/offers/")),
            "other_host": redirect(f"http://127.0.0.2:{server.port}/healthy/api/offers/"),
            "empty": empty(),
            "bomb": gzip_bomb(256),
            "huge": huge(40),
            "truncated": ok(board("truncated")[:-30]),
            "latin1": ok(board("latin1").replace(b"job", "Stellé".encode("latin-1")),
                         content_type="application/json; charset=utf-8"),
        }
        companies = []
        for name, behaviour in scenarios.items():
            companies.append({"name": name, "platform": "recruitee",
                              "careers_url": server.route(f"/{name}/api/offers/", behaviour)})
        companies_file = tmp_path / "companies.yaml"
        companies_file.write_text(json.dumps(companies))
        run = crawl("careers", tmp_path, args={"companies": companies_file},
                    settings={"DOWNLOAD_MAXSIZE": str(32 << 20), "DOWNLOAD_TIMEOUT": "10",
                              "REDIRECT_MAX_TIMES": "3"}, timeout=180)

        assert run.returncode == 0, run.log[-3000:]
        s = run.stats
        failed = {key.rsplit("/", 1)[1]: value for key, value in s.items()
                  if key.startswith("jobs/recruitee/boards_failed/")}
        # Boards that recover lose nothing: 2 postings each.
        companies_written = {p.parent.name for p in run.output_dir.rglob("*.md")}
        assert {"healthy", "flaky503", "flaky429", "slow", "latin1"} <= companies_written
        assert s["jobs/retry_after/honoured"] >= 1 and s["jobs/retry_after/too_long"] == 1
        assert server.hits["/retry_later/api/offers/"] == 1, "Retry-After beyond the cap: no hammering"
        assert server.hits["/e500/api/offers/"] == 3, "5xx retried RETRY_TIMES, then given up"
        # Every other board failed with its reason, and nothing of theirs was written.
        assert failed["http_500"] == 1 and failed["http_502"] == 1 and failed["not_found"] == 1
        assert failed["http_429"] == 1
        assert failed["offsite_redirect"] == 2 and other_port.hits["/elsewhere/api/offers/"] == 0
        assert failed["malformed"] == 2  # the empty 200 and the truncated JSON
        assert failed["too_large"] == 2  # 40 MB over a 32 MB cap, and the gzip bomb while decompressing
        assert failed["data_loss"] == 2  # reset mid-body, and a body shorter than its Content-Length
        assert failed["redirect_loop"] == 1
        assert s["jobs/recruitee/encoding_fallback"] == 1
        assert not ({"e500", "e502", "e404", "retry_later", "reset", "short", "loop", "other_port", "other_host",
                     "empty", "bomb", "huge", "truncated"} & companies_written)
        assert sum(failed.values()) == len(scenarios) - 5
        assert "Traceback" not in run.log


def test_ssrf_guard_refuses_non_public_addresses(tmp_path):
    with FaultServer(host="127.0.0.2") as target:
        target.route("/api/offers/", ok(board("internal")))
        # The user's start URL is on 127.0.0.2; only 127.0.0.1 is allowed (as in tests): refused, never sent.
        run = crawl("recruitee", tmp_path, args={"url": target.url("/")})
        assert run.returncode == 0
        assert run.stats["jobs/recruitee/boards_failed/blocked_address"] == 1
        assert run.stats["jobs/security/blocked_address"] >= 1
        assert sum(target.hits.values()) == 0

        # A host name that resolves to a non-public address is refused at resolution time.
        run = crawl("recruitee", tmp_path, args={"url": f"http://localhost:{target.port}/"},
                    settings={"SSRF_ALLOWED_NETWORKS": ""})
        assert run.stats["jobs/security/blocked_address"] >= 1
        assert run.stats["jobs/recruitee/boards_failed/dns"] == 1
        assert sum(target.hits.values()) == 0

        # With the network allowed (a mirror), it is crawled.
        run = crawl("recruitee", tmp_path, args={"url": target.url("/")},
                    settings={"SSRF_ALLOWED_NETWORKS": "127.0.0.0/8"})
        assert run.stats["jobs/recruitee/boards_ok"] == 1
