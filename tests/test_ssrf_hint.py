"""The SSRF guard's refusal tells a new user how to allow a local server: once per crawl (and network) in the
refusal's own log line, and again in the end-of-crawl summary."""

from __future__ import annotations

import re

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from scraper.extensions import CrawlSummary
from scraper.security import allowing_network, count_refusal
from tests.helpers import crawl

HINT = "-s SSRF_ALLOWED_NETWORKS=127.0.0.1/32"


@pytest.mark.e2e
def test_a_crawl_of_127_0_0_1_says_how_to_allow_it(httpserver, tmp_path):
    httpserver.expect_request("/api/offers/").respond_with_json({"offers": []})
    run = crawl("recruitee", tmp_path, args={"url": f"http://127.0.0.1:{httpserver.port}"},
                settings={"SSRF_ALLOWED_NETWORKS": ""})
    assert run.returncode == 0
    assert len(httpserver.log) == 0  # refused, never sent
    refusals = [line for line in run.log.splitlines() if "[scraper.security]" in line]
    assert len(refusals) >= 2  # robots.txt and the board: every refusal is logged...
    assert [line for line in refusals if HINT in line] == refusals[:1]  # ...the first one with the hint
    assert "non-public address; not connecting (to allow it: " + HINT + ")" in refusals[0]
    summary = [line for line in run.log.splitlines() if "crawl summary:" in line]
    assert any("boards: 0 ok, 1 failed (blocked_address 1)" in line for line in summary)
    (ssrf,) = [line for line in summary if "SSRF guard" in line]
    assert re.search(r"\d+ requests refused by the SSRF guard \(non-public address 127\.0\.0\.1/32\); "
                     r"to allow it: " + re.escape(HINT) + "$", ssrf)
    assert run.stats["jobs/security/refused_networks"] == "127.0.0.1/32"


def test_the_hint_comes_once_per_network():
    stats = MemoryStatsCollector(get_crawler())
    assert count_refusal(stats, "127.0.0.1") == " (to allow it: -s SSRF_ALLOWED_NETWORKS=127.0.0.1/32)"
    assert count_refusal(stats, "127.0.0.1") == ""
    assert count_refusal(stats, "[::1]") == " (to allow it: -s SSRF_ALLOWED_NETWORKS=::1/128)"
    assert count_refusal(stats, "::ffff:10.0.0.7") == " (to allow it: -s SSRF_ALLOWED_NETWORKS=10.0.0.7/32)"
    assert stats.get_value("jobs/security/blocked_address") == 4
    assert stats.get_value("jobs/security/refused_networks") == "127.0.0.1/32,::1/128,10.0.0.7/32"
    assert allowing_network("not an address") == ""


def test_summary_without_refusals_has_no_ssrf_line():
    crawler = get_crawler()
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.stats.set_value("item_scraped_count", 3)
    crawler.stats.set_value("jobs/records/written", 3)
    crawler.stats.set_value("jobs/state/new", 3)
    crawler.stats.set_value("jobs/greenhouse/boards_ok", 2)
    crawler.stats.set_value("jobs/greenhouse/boards_failed/not_found", 1)
    summary, ssrf = CrawlSummary(crawler).lines()
    assert summary == ("crawl summary: 3 postings, 3 records written; state: 3 new, 0 changed, 0 closed; "
                       "boards: 2 ok, 1 failed (not_found 1)")
    assert ssrf == ""
