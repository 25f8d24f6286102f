"""The HTML report in a real browser (Debian's headless Chromium, driven by Selenium): it loads without console
errors, its charts render, filtering and sorting the table work, links reach the records; a screenshot is kept
in build/test-artifacts/report.png."""

import functools
import http.server
import re
import shutil
import threading

import pytest

from scraper.cli import main as cli
from tests.helpers import REPO, crawl

pytestmark = pytest.mark.e2e

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
ARTIFACTS = REPO / "build" / "test-artifacts"
DEMO_OFFERS = REPO / "demo" / "snapshot" / "jobs.chartmogul.com" / "api" / "offers.json"


@pytest.fixture
def site(httpserver, tmp_path):
    """A crawled output folder with its report, served from 127.0.0.1."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/api/offers/").respond_with_data(DEMO_OFFERS.read_bytes(),
                                                                content_type="application/json")
    run = crawl("recruitee", tmp_path, args={"url": httpserver.url_for("/").rstrip("/")})
    assert run.returncode == 0, run.log[-2000:]
    assert cli(["report", str(run.output_dir), "-o", str(tmp_path / "report.html")]) == 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html", tmp_path / "report.html"
    server.shutdown()


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed "
                    "(Debian packages chromium, chromium-driver; .ci/run installs them)")
def test_report_in_headless_chromium(site):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    url, report = site
    html = report.read_text(encoding="utf-8")
    # Self-contained: nothing for the browser to fetch (the only <link> is an inline, empty favicon).
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.split('id="postings-data"')[0])
    assert "@import" not in html and html.count("<link") == 1 and '<link rel="icon" href="data:,">' in html
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(url)
        assert driver.title == "jobscraper report"
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == [], errors

        charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        assert len(charts) == 5
        for chart in charts:  # every chart drew something: bars, columns or ranges
            assert chart.find_elements(By.CSS_SELECTOR, "rect"), chart.get_attribute("outerHTML")[:200]
            assert chart.size["width"] > 100 and chart.size["height"] > 20

        rows = lambda: driver.find_elements(By.CSS_SELECTOR, "#postings-body tr")  # noqa: E731
        assert len(rows()) == 4
        box = driver.find_element(By.ID, "filter")
        box.send_keys("SQL")
        assert len(rows()) == 2  # the two postings that require SQL
        assert "2 of 4 open postings" in driver.find_element(By.ID, "postings-count").text
        box.clear()
        box.send_keys("zzz-no-such-posting")
        assert len(rows()) == 0
        box.clear()
        driver.execute_script("document.getElementById('filter').dispatchEvent(new Event('input'))")
        Select(driver.find_element(By.ID, "workplace-filter")).select_by_value("remote")
        assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows()] == ["Backend Engineer - Remote (EU)"]
        Select(driver.find_element(By.ID, "workplace-filter")).select_by_value("")

        driver.find_elements(By.CSS_SELECTOR, "#postings th")[0].click()  # sort by title
        titles = [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows()]
        assert titles == sorted(titles)

        link = rows()[0].find_element(By.TAG_NAME, "a").get_attribute("href")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(ARTIFACTS / "report.png"))
        driver.get(link)  # the record file itself, served next to the report
        # Chromium shows a text file in a <pre> it may still be filling when get() returns: wait for the text.
        WebDriverWait(driver, 15).until(lambda d: "## Job description" in d.page_source)
    finally:
        driver.quit()
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
