"""`scrapy crawl`, exiting with code 3 when the crawl's quality gate failed (COVERAGE_MIN,
COVERAGE_FAIL_ON_EMPTIED_BOARDS; see scraper/quality.py), so cron and CI notice a crawl that got worse."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from scraper.quality import EXIT_QUALITY_FAILED, QualityGate


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        if QualityGate.failed and not self.exitcode:
            self.exitcode = EXIT_QUALITY_FAILED
