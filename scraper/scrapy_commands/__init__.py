"""Project commands for `scrapy` (COMMANDS_MODULE): `crawl` with the quality gate's exit code."""
