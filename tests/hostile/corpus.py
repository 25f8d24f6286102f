"""The hostile corpus: inputs written to break a job-posting crawler, and what a correct crawl makes of each.

Small inputs are files beside this module (recruitee/*.json: offers API bodies); big or deep ones are built
here (a 50 MB body, a gzip bomb, 10,000-level markup, a 100,000-level JSON array).  Faults of the transport
(resets, slow bodies, redirects, Retry-After) are in tests/faultserver.py and tests/test_faults.py.

`run_corpus(workdir)` serves every case from a fault server on 127.0.0.1, crawls it with the real spiders
and pipelines, and returns the figures: inputs tried, crawls crashed, records lost that a correct page should
have produced, files written outside OUTPUT_DIR, unsafe markup in records, and every skip with its reason.
Used by tests/hostile/test_hostile.py (one crawl for all cases) and scripts/hostile_report.py (one crawl per
case, so a crash is attributable).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.faultserver import FaultServer, gzip_bomb, huge, ok

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# What must never appear in a record a job board will render.
UNSAFE = re.compile(r"(?<!\\)<\s*(script|iframe|object|embed|style|form|svg|meta|base)\b|"
                    r"\]\(\s*<?\s*(javascript|vbscript|data):|\bon[a-z]+\s*=\s*['\"]", re.I)


def _offer(i: int, title: str, description: str) -> dict[str, Any]:
    return {"id": i, "slug": f"job-{i}", "title": title, "company_name": "Hostile Corp", "description": description,
            "careers_url": f"https://jobs.hostile.example/o/job-{i}", "published_at": "2026-11-01 10:00:00 UTC"}


def _generated() -> dict[str, bytes]:
    deep = {"offers": [
        _offer(1, "Deep", "<div>" * 10000 + "deep text survives" + "</div>" * 10000),
        _offer(2, "Deep unclosed", "<span>" * 10000 + "unclosed deep text survives"),
        _offer(3, "Deep list", "<ul><li>" * 3000 + "innermost item survives" + "</li></ul>" * 3000),
    ]}
    return {
        "deep_markup": json.dumps(deep).encode(),
        "deep_json_array": b"[" * 100_000 + b"]" * 100_000,
        "deep_json_object": b'{"offers": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
    }


@dataclass
class Case:
    name: str
    serve: Callable[..., None]
    expect_records: int
    """Records a correct crawl writes for this input (0 for input that is not a board)."""
    expect_failure: str = ""
    """The board failure reason counted for it, when it is not a board."""
    must_contain: tuple[str, ...] = ()
    """Text the records of this case must carry (nothing lost in cleaning)."""
    platform: str = "recruitee"
    must_not_contain: tuple[str, ...] = ()
    """Text no record of this case may carry (an expanded entity, a file's contents)."""

    def path(self) -> str:
        """Where the fault server answers for this case, and the careers URL the companies file gives."""
        return {"recruitee": f"/{self.name}/api/offers/", "personio": f"/{self.name}/xml",
                "greenhouse": f"/v1/boards/{self.name}/jobs", "lever": f"/v0/postings/{self.name}",
                "jsonld": f"/{self.name}/careers.html"}[self.platform]


def _file(name: str, content_type: str = "application/json; charset=utf-8", folder: str = "recruitee"
          ) -> Callable[..., None]:
    """A corpus file, its postings moved to a host of their own: equal posting URLs on two boards would
    rightly be merged as one job by the cross-source dedup."""
    data = (HERE / folder / name).read_bytes()
    host = name.split(".")[0].replace("_", "-") + ".hostile.example"
    for encoding in ("utf-8", "utf-16-le"):
        data = data.replace("jobs.hostile.example".encode(encoding), host.encode(encoding))
    return ok(data, content_type)


def cases() -> list[Case]:
    generated = _generated()
    return [
        Case("yaml_titles", _file("yaml_titles.json"), 10),
        Case("path_tricks", _file("path_tricks.json"), 10),
        Case("unsafe_markup", _file("unsafe_markup.json"), 10, must_contain=("\\<script>alert(1)\\</script>",)),
        Case("bad_values", _file("bad_values.json"), 10),
        Case("broken_html", _file("broken_html.json"), 4, must_contain=("item", "more", "visible")),
        Case("latin1_declared_utf8", _file("latin1_declared_utf8.json"), 1, must_contain=("Café Manager",)),
        Case("cp1252_declared_utf8", _file("cp1252_declared_utf8.json"), 1, must_contain=("Café Manager – Köln",)),
        Case("utf8_bom", _file("utf8_bom.json"), 1, must_contain=("Café Manager – Köln",)),
        Case("utf16_bom", _file("utf16_bom.json", "application/json"), 1, must_contain=("Café Manager – Köln",)),
        Case("mojibake", _file("mojibake.json"), 1, must_contain=("Café Manager – Köln",)),
        Case("nul_bytes", _file("nul_bytes.json"), 1, must_contain=("NulTitle",)),
        Case("lone_surrogates", _file("lone_surrogates.json"), 1, must_contain=("surrogate",)),
        Case("offers_not_objects", _file("offers_not_objects.json"), 1, must_contain=("The only real one",)),
        Case("empty_offers", _file("empty_offers.json"), 0),
        Case("deep_markup", ok(generated["deep_markup"]), 3,
             must_contain=("deep text survives", "unclosed deep text survives", "innermost item survives")),
        Case("truncated", _file("truncated.json"), 0, "malformed"),
        Case("not_json", _file("not_json.html", "text/html"), 0, "malformed"),
        Case("nan_constant", _file("nan_constant.json"), 0, "malformed"),
        Case("deep_json_array", ok(generated["deep_json_array"]), 0, "malformed"),
        Case("deep_json_object", ok(generated["deep_json_object"]), 0, "malformed"),
        Case("wrong_shape", _file("wrong_shape.json"), 0, "unexpected_shape"),
        Case("body_50mb", huge(50), 0, "too_large"),
        Case("gzip_bomb", gzip_bomb(512), 0, "too_large"),
        # Other platforms' shapes
        Case("personio_hostile", _file("hostile_feed.xml", "application/xml", "personio"), 2, platform="personio",
             must_contain=("Engineer & Analyst", "Python", "Figma")),
        Case("personio_truncated", _file("truncated.xml", "application/xml", "personio"), 0, "malformed",
             platform="personio"),
        Case("personio_billion_laughs", _file("billion_laughs.xml", "application/xml", "personio"), 0,
             "malformed", platform="personio", must_not_contain=("lollollol",)),
        # The external entity is not resolved (no file read, no network): the posting stays, without it.
        Case("personio_xxe", _file("xxe.xml", "application/xml", "personio"), 1, platform="personio",
             must_contain=('title: "Leak here"',), must_not_contain=("root:",)),
        Case("greenhouse_hostile", _file("hostile_board.json", folder="greenhouse"), 3, platform="greenhouse",
             must_contain=("Go & Rust", 'title: "Engineer alert(1)"')),
        Case("lever_hostile", _file("hostile_postings.json", folder="lever"), 2, platform="lever",
             must_contain=("Lever hostile bold", "SQL")),
        Case("jsonld_hostile", _file("hostile_page.html", "text/html; charset=utf-8", "jsonld"), 1,
             platform="jsonld", must_contain=("Kotlin",)),
    ]


@dataclass
class Figures:
    inputs: int = 0
    crawls: int = 0
    crashed: int = 0
    records_expected: int = 0
    records_written: int = 0
    records_lost: list[str] = field(default_factory=list)
    text_lost: list[str] = field(default_factory=list)
    outside_output: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    wrong_failure: list[str] = field(default_factory=list)
    skips: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "inputs_tried": self.inputs, "crawls": self.crawls, "crawls_crashed": self.crashed,
            "records_expected": self.records_expected, "records_written": self.records_written,
            "records_lost": len(self.records_lost), "text_lost": len(self.text_lost),
            "files_outside_output_dir": len(self.outside_output), "unsafe_markup_in_records": len(self.unsafe),
            "failures_with_wrong_reason": len(self.wrong_failure), "skips_by_reason": self.skips,
        }


_SKIP_KEYS = re.compile(r"^jobs/[a-z_]+/(boards_failed/|postings_skipped/|dropped/|malformed_body|"
                        r"encoding_fallback|boards_empty|postings_without_description|[a-z_]+/missing_)")


def _crawl(companies: list[dict[str, str]], workdir: Path, tag: str) -> tuple[int, str, dict[str, Any], Path]:
    out = workdir / f"output-{tag}"
    stats_file = workdir / f"stats-{tag}.json"
    companies_file = workdir / f"companies-{tag}.yaml"
    companies_file.write_text(json.dumps(companies))
    cmd = [sys.executable, "-m", "scrapy", "crawl", "careers", "-a", f"companies={companies_file}",
           "-s", f"OUTPUT_DIR={out}", "-s", f"STATS_FILE={stats_file}", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", "SSRF_ALLOWED_NETWORKS=127.0.0.1/32", "-s", "DOWNLOAD_MAXSIZE=33554432",
           "-s", "RETRY_ENABLED=False", "-s", "LOG_LEVEL=INFO"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return proc.returncode, proc.stdout + proc.stderr, stats, out


def run_corpus(workdir: Path, one_crawl_per_case: bool = False) -> Figures:
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    before = set(workdir.parent.rglob("*"))
    figures = Figures()
    all_cases = cases()
    figures.inputs = len(all_cases)
    with FaultServer() as server:
        entries = {}
        for case in all_cases:
            url = server.route(case.path(), case.serve)
            entry = {"name": case.name, "careers_url": url, "platform": case.platform}
            if case.platform == "recruitee":
                entry["token"] = case.name  # the offers API names no account; ids need a board
            entries[case.name] = entry
        groups = [[c] for c in all_cases] if one_crawl_per_case else [all_cases]
        for index, group in enumerate(groups):
            code, log, stats, out = _crawl([entries[c.name] for c in group], workdir, str(index))
            figures.crawls += 1
            if code != 0 or "Traceback" in log:
                figures.crashed += 1
            for key, value in stats.items():
                if _SKIP_KEYS.match(key):
                    figures.skips[key] = figures.skips.get(key, 0) + int(value)
            failed = {k.rsplit("/", 1)[1] for k in stats if "/boards_failed/" in k}
            for case in group:
                records = sorted((out / case.name.replace("_", "-")).glob("*.md"))
                figures.records_expected += case.expect_records
                figures.records_written += len(records)
                if len(records) < case.expect_records:
                    figures.records_lost.append(f"{case.name}: {len(records)} of {case.expect_records}")
                text = "\n".join(p.read_text(encoding="utf-8") for p in records)
                for needle in case.must_contain:
                    if needle not in text:
                        figures.text_lost.append(f"{case.name}: {needle!r}")
                for needle in case.must_not_contain:
                    if needle in text:
                        figures.unsafe.append(f"{case.name}: {needle!r} reached a record")
                for path in records:
                    body = path.read_text(encoding="utf-8")
                    if UNSAFE.search(body):
                        figures.unsafe.append(f"{path.name}: {UNSAFE.search(body).group(0)!r}")
                if case.expect_failure and case.expect_failure not in failed:
                    figures.wrong_failure.append(f"{case.name}: expected {case.expect_failure}, saw {sorted(failed)}")
    for path in set(workdir.parent.rglob("*")) - before:
        parts = path.relative_to(workdir.parent).parts
        ours = parts[0] == workdir.name and len(parts) > 1 and parts[1].startswith(("output-", "stats-", "companies-"))
        if path.is_file() and not ours:
            figures.outside_output.append(str(path))
    for candidate in ("/tmp/pwned", "/etc/pwned", str(Path.home() / ".ssh" / "id_rsa.md")):
        if os.path.exists(candidate):
            figures.outside_output.append(candidate)
    return figures
