"""The quality gate of a crawl (coverage report, exit code), the progress line, and `jobscraper stats` and
`query` on a crawl's output."""

import json
import time

import pytest
from werkzeug import Response

from scraper.cli import main as cli
from tests.helpers import REPO, crawl

pytestmark = pytest.mark.e2e

DEMO_OFFERS = REPO / "demo" / "snapshot" / "jobs.chartmogul.com" / "api" / "offers.json"


def serve(httpserver, delay=0.0):
    def offers(request):
        time.sleep(delay)
        return Response(DEMO_OFFERS.read_bytes(), content_type="application/json")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/api/offers/").respond_with_handler(offers)
    return httpserver.url_for("/").rstrip("/")


def test_coverage_report_and_gate(httpserver, tmp_path):
    url = serve(httpserver, delay=0.6)
    run = crawl("recruitee", tmp_path, args={"url": url},
                settings={"COVERAGE_MIN": json.dumps({"title": 100, "recruitee/salary": 90}),
                          "PROGRESS_INTERVAL": "0.2"})
    assert run.returncode == 3, run.log[-2000:]  # salary is stated by 3 of the 4 postings
    assert "quality gate failed: recruitee/salary: 75.0% < 90%" in run.log
    assert "progress: " in run.log and "boards 0/1 done" in run.log
    assert run.stats["jobs/coverage/recruitee/title"] == 100.0
    [report_file] = (run.output_dir / "reports").glob("*.json")
    report = json.loads(report_file.read_text())
    assert report["postings"] == {"recruitee": 4}
    assert report["coverage"]["recruitee"]["skills"] == 100.0
    assert report["gate"]["passed"] is False and report["gate"]["failures"] == ["recruitee/salary: 75.0% < 90%"]
    assert report["boards"]["ok"] == 1 and report["state"]["new"] == 4

    again = crawl("recruitee", tmp_path, args={"url": url}, settings={"COVERAGE_MIN": '{"title": 100}'})
    assert again.returncode == 0, "a crawl that meets its minimums exits 0"
    assert len(list((run.output_dir / "reports").glob("*.json"))) == 2


def test_an_emptied_board_can_fail_the_gate(httpserver, tmp_path):
    url = serve(httpserver)
    assert crawl("recruitee", tmp_path, args={"url": url}).returncode == 0
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/api/offers/").respond_with_data('{"offers": []}', content_type="application/json")
    run = crawl("recruitee", tmp_path, args={"url": url}, settings={"COVERAGE_FAIL_ON_EMPTIED_BOARDS": "True"})
    assert run.returncode == 3
    assert "1 board(s) listed no postings after listing some last time" in run.log


@pytest.fixture
def crawled(httpserver, tmp_path):
    run = crawl("recruitee", tmp_path, args={"url": serve(httpserver)})
    assert run.returncode == 0
    return run.output_dir


def test_stats_json(crawled, capsys):
    assert cli(["stats", str(crawled), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["postings"] == 4 and data["open"] == 4
    assert {row["value"]: row["postings"] for row in data["by_workplace"]} == {"hybrid": 2, "onsite": 1, "remote": 1}
    assert data["top_skills_required"][0] == {"value": "SQL", "postings": 2}
    assert {"value": "Rust", "postings": 1} in data["top_skills_nice_to_have"]
    assert {"currency": "EUR", "period": "YEAR", "postings": 2, "p25": 65000.0, "median": 70000.0,
            "p75": 75000.0} in data["salary_quartiles"]
    assert data["recent_changes"]["new"] == 4


def test_stats_tables(crawled, capsys):
    assert cli(["stats", str(crawled)]) == 0
    out = capsys.readouterr().out
    assert "4 postings, 4 open" in out and "Top skills required" in out and "EUR" in out


def test_query_table_csv_and_errors(crawled, capsys):
    sql = "SELECT seniority, count(*) AS n FROM jobs GROUP BY 1 ORDER BY 1"
    assert cli(["query", sql, "--dir", str(crawled), "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["seniority,n", "intern,1", "junior,1", "mid,1", "senior,1"]
    assert cli(["query", "SELECT title FROM jobs WHERE list_contains(skills.required, 'SQL') ORDER BY 1",
                "--dir", str(crawled)]) == 0
    out = capsys.readouterr().out
    assert "Backend Engineer - Remote (EU)" in out and "Werkstudent" in out
    assert cli(["query", "SELECT count(*) FROM changes WHERE event = 'new'", "--dir", str(crawled), "--csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "4"
    assert cli(["query", "SELECT nonsense FROM jobs", "--dir", str(crawled)]) == 1
    assert cli(["query", "SELECT 1", "--dir", str(crawled.parent / "nowhere")]) == 2
