"""The `jobscraper` command line: one subcommand per module in scraper/commands/.

Each command module defines `HELP` (one line), `add_arguments(parser)` and `run(args) -> int`.
Crawling itself stays `scrapy crawl <spider>`; these commands work on what crawls produce.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module; a new command is one module and one line here.
COMMANDS: dict[str, str] = {
    "detect": "scraper.commands.detect",
    "enqueue": "scraper.commands.enqueue",
    "export": "scraper.commands.export",
    "extract": "scraper.commands.extract",
    "query": "scraper.commands.query",
    "report": "scraper.commands.report",
    "stats": "scraper.commands.stats",
    "validate": "scraper.commands.validate",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobscraper", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
