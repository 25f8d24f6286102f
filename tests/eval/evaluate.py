"""Score a requirements extractor against the hand-labelled evaluation set.

    python tests/eval/evaluate.py [--extractor module:function] [--json] [--errors] [--platform NAME]
                                  [--cases PATH]

The extractor is called as ``extractor(text: str, title: str) -> dict`` and must return the record's keys:
``skills`` ({required, niceToHave}), ``languages``, ``seniority``, ``experienceYears`` ({min, max}),
``workplace``, ``applicantRegions``, ``salary`` ({min, max, currency, period}), ``employmentType``,
``postingLanguage``. Missing keys count as "predicted empty".

Scoring, per field:
- set-valued fields (skills.required, skills.niceToHave, skills.all, languages, applicantRegions) are
  micro-averaged over items: every predicted item in the gold set is a true positive, every other predicted
  item a false positive, every gold item not predicted a false negative. skills.all ignores the
  required/nice-to-have split (the union of both lists on each side).
- broad topics ("Cloud computing", "Software testing": the taxonomy's category "topic") are left out of the
  labels by their rule (domains and concepts are not labelled), so skills.required, skills.niceToHave and
  skills.all compare the other names only, like with like.  The topics are scored on their own rows:
  skills.all+topics is skills.all with every topic output counted as a false positive (what a set without topic
  labels says of them), and skills.topics is the topics output (either list, once per case) against a hand
  audit (cases_topics_audit.yaml: each one read in its posting, "asked" or "wrong"; one not in the audit counts
  as wrong).  Its recall is not known (nobody listed the topics a posting asks for) and prints as "–".
- single-valued fields are exact matches: right value = TP; wrong value = FP and FN; predicted empty while
  the label has a value = FN only (a miss, not a false positive); a value where the label is null = FP.
  salary matches when min, max, currency and period all agree; experienceYears when min and max agree.

Skill names are compared after mapping both sides through
``scraper.normalize.skills.canonical_name`` when that function exists, then case-folded.

Cases reference postings in ../shared/fixtures (see the header of cases.yaml for the locator
conventions); a case whose fixture file is absent is skipped and reported on stderr.
"""

from __future__ import annotations

import argparse
import html
import importlib
import inspect
import json
import math
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # run as a script: make `scraper` and `tests.eval.*` importable
    sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

CASES_FILE = HERE / "cases.yaml"
TOPICS_AUDIT = HERE / "cases_topics_audit.yaml"
FIXTURES = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared") / "fixtures"
DEFAULT_EXTRACTOR = "scraper.normalize.requirements:extract_requirements"

SENIORITY = ("intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", "executive")
WORKPLACE = ("remote", "hybrid", "onsite")
EMPLOYMENT = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER")
PERIODS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
REGION_CODES = ("EU", "EEA", "EMEA", "DACH", "APAC", "LATAM", "EUROPE", "NORTH_AMERICA")

SET_FIELDS = ("skills.required", "skills.niceToHave", "skills.all", "skills.all+topics", "skills.topics",
              "languages", "applicantRegions")
SINGLE_FIELDS = ("seniority", "experienceYears", "workplace", "salary", "employmentType", "postingLanguage")
FIELDS = SET_FIELDS + SINGLE_FIELDS


class FixtureMissing(Exception):
    """The fixture file a case references is not on this machine."""


# ---------------------------------------------------------------------------
# Cases and their text


def load_cases(path: Path = CASES_FILE) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data["cases"]


def _pointer(doc: Any, pointer: str) -> list[Any]:
    """Values at a JSON pointer (RFC 6901); a `*` segment fans out over every list item or dict value."""
    nodes = [doc]
    if pointer in ("", "/"):
        return nodes
    for raw in pointer.lstrip("/").split("/"):
        seg = raw.replace("~1", "/").replace("~0", "~")
        nxt = []
        for node in nodes:
            if seg == "*" and isinstance(node, dict):
                nxt.extend(node.values())
            elif seg == "*" and isinstance(node, list):
                nxt.extend(node)
            elif isinstance(node, dict) and seg in node:
                nxt.append(node[seg])
            elif isinstance(node, list) and seg.isdigit() and int(seg) < len(node):
                nxt.append(node[int(seg)])
        nodes = nxt
    return nodes


def _parent_pointer(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0]


def _select_json(doc: Any, source: dict[str, Any]) -> Any:
    at = source.get("at", "")
    found = _pointer(doc, at)
    if len(found) != 1:
        raise LookupError(f"{at!r} matched {len(found)} nodes")
    node = found[0]
    where = source.get("where")
    if where is not None:
        items = node.values() if isinstance(node, dict) else node
        hits = [item for item in items
                if isinstance(item, dict) and all(item.get(k) == v for k, v in where.items())]
        if len(hits) != 1:
            raise LookupError(f"{where!r} matched {len(hits)} postings under {at!r}")
        node = hits[0]
    return node


def _json_part(posting: Any, part: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(kind, heading, value) for every string one text part of a JSON posting points at."""
    kind = "html" if "html" in part else "plain"
    pointer = part[kind]
    out = []
    if "heading" in part:
        # fan out over the parents so each value keeps the heading stored next to it
        leaf = pointer.rsplit("/", 1)[1]
        for parent in _pointer(posting, _parent_pointer(pointer)):
            if not isinstance(parent, dict) or not isinstance(parent.get(leaf), str):
                continue
            heading = parent.get(part["heading"])
            out.append((kind, heading if isinstance(heading, str) else "", parent[leaf]))
    else:
        out.extend((kind, "", value) for value in _pointer(posting, pointer) if isinstance(value, str))
    if part.get("unescape"):
        out = [(k, h, html.unescape(v)) for k, h, v in out]
    return out


def _xml_parts(root: Any, source: dict[str, Any]) -> list[tuple[str, str, str]]:
    found = root.xpath(source["at"])
    if len(found) != 1:
        raise LookupError(f"{source['at']!r} matched {len(found)} elements")
    posting = found[0]
    out = []
    for part in source["text"]:
        kind = "html" if "html" in part else "plain"
        for node in posting.xpath(part[kind]):
            value = node if isinstance(node, str) else node.text or ""
            heading = ""
            if "heading" in part and not isinstance(node, str):
                found = node.getparent().xpath(part["heading"])
                if found:
                    heading = found[0] if isinstance(found[0], str) else found[0].text or ""
            out.append((kind, heading.strip(), value))
    return out


def _html_jsonld(raw: bytes, source: dict[str, Any]) -> Any:
    """The JSON object in the ld+json script an XPath selects, from a saved HTML page."""
    import lxml.html

    tree = lxml.html.fromstring(raw)
    scripts = tree.xpath(source["script"])
    if len(scripts) != 1:
        raise LookupError(f"{source['script']!r} matched {len(scripts)} elements")
    return json.loads(scripts[0].text_content())


def raw_parts(case: dict[str, Any], fixtures: Path = FIXTURES) -> list[tuple[str, str, str]]:
    """The posting's text parts as (kind html|plain, heading, value); FixtureMissing if absent."""
    if "text" in case:
        return [("plain", "", case["text"])]
    source = case["source"]
    path = (REPO if source.get("root") == "repo" else fixtures) / source["file"]
    if not path.exists():
        raise FixtureMissing(str(path))
    raw = path.read_bytes()
    if path.suffix == ".xml":
        import lxml.etree

        root = lxml.etree.fromstring(raw, lxml.etree.XMLParser(strip_cdata=False, recover=False))
        return _xml_parts(root, source)
    doc = _html_jsonld(raw, source) if path.suffix == ".html" else json.loads(raw)
    posting = _select_json(doc, source)
    return [item for part in source["text"] for item in _json_part(posting, part)]


def posting_text(case: dict[str, Any], fixtures: Path = FIXTURES) -> str:
    """The text the extractor receives, as the crawl's pipeline has it: HTML parts through the pipeline's
    Markdown cleaning; plain parts as they are; a part's heading (Lever list titles, SmartRecruiters and
    Personio section names) as a "## " heading before it, as the record body writes section headings;
    parts separated by a blank line."""
    from scraper.normalize.text import html_to_markdown_text

    blocks = []
    for kind, heading, value in raw_parts(case, fixtures):
        if kind == "html":
            body = html_to_markdown_text(value).strip()
        else:
            body = value.strip()
        heading = heading.strip()
        if heading and body:
            blocks.append(f"## {heading}\n\n{body}")
        elif body:
            blocks.append(body)
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------------
# Scoring


def _skill_key_function() -> Callable[[str], str]:
    try:
        canonical = importlib.import_module("scraper.normalize.skills").canonical_name
    except (ImportError, AttributeError):
        canonical = None

    def key(name: str) -> str:
        name = str(name).strip()
        if canonical is not None:
            mapped = canonical(name)
            if mapped:
                name = mapped
        return name.casefold()

    return key


def _is_topic(name: str) -> bool:
    try:
        is_topic = importlib.import_module("scraper.normalize.requirements").is_topic
    except (ImportError, AttributeError):
        return False
    return is_topic(name)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _num_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=0.005)
    except (TypeError, ValueError):
        return False


def _norm_salary(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or (value.get("min") is None and value.get("max") is None):
        return None
    return {"min": value.get("min"), "max": value.get("max"),
            "currency": str(value.get("currency") or "").upper(),
            "period": str(value.get("period") or "").upper()}


def _salary_equal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (_num_equal(a["min"], b["min"]) and _num_equal(a["max"], b["max"])
            and a["currency"] == b["currency"] and a["period"] == b["period"])


def _norm_years(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or (value.get("min") is None and value.get("max") is None):
        return None
    return {"min": value.get("min"), "max": value.get("max")}


def _years_equal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _num_equal(a["min"], b["min"]) and _num_equal(a["max"], b["max"])


def _text_value(value: Any, upper: bool = False) -> str | None:
    if _empty(value):
        return None
    text = str(value).strip()
    return text.upper() if upper else text.lower()


def field_values(record: dict[str, Any], name: str, skill_key: Callable[[str], str]) -> Any:
    """A field of a label or prediction in comparable form: a set, a normalized scalar or None."""
    record = record or {}
    if name.startswith("skills."):
        skills = record.get("skills") or {}
        if name in ("skills.all", "skills.all+topics", "skills.topics"):
            names = list(skills.get("required") or []) + list(skills.get("niceToHave") or [])
        else:
            names = skills.get(name.split(".", 1)[1]) or []
        if name == "skills.topics":
            names = [n for n in names if _is_topic(n)]
        elif name != "skills.all+topics":
            names = [n for n in names if not _is_topic(n)]
        return {skill_key(n) for n in names if str(n).strip()}
    if name == "languages":
        return {str(v).strip().lower() for v in record.get("languages") or [] if str(v).strip()}
    if name == "applicantRegions":
        return {str(v).strip().upper() for v in record.get("applicantRegions") or [] if str(v).strip()}
    if name == "salary":
        return _norm_salary(record.get("salary"))
    if name == "experienceYears":
        return _norm_years(record.get("experienceYears"))
    if name == "employmentType":
        return _text_value(record.get(name), upper=True)
    return _text_value(record.get(name))


def _single_equal(name: str, a: Any, b: Any) -> bool:
    if name == "salary":
        return _salary_equal(a, b)
    if name == "experienceYears":
        return _years_equal(a, b)
    return a == b


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    recall_known: bool = True  # False for skills.topics: no label lists the topics a posting asks for

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        if not self.recall_known:
            return None
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if not self.recall_known:
            return None
        if self.tp == 0:
            # nothing right: 0 when there was anything to get right or wrong, undefined otherwise
            return 0.0 if self.fp or self.fn else None
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def compare(name: str, gold: Any, pred: Any) -> tuple[int, int, int, Any, Any]:
    """(tp, fp, fn, missed, spurious) for one field of one case; gold/pred from field_values."""
    if name in SET_FIELDS:
        missed, spurious = gold - pred, pred - gold
        return len(gold & pred), len(spurious), len(missed), sorted(missed), sorted(spurious)
    if gold is None and pred is None:
        return 0, 0, 0, None, None
    if gold is None:
        return 0, 1, 0, None, pred
    if pred is None:
        return 0, 0, 1, gold, None
    if _single_equal(name, gold, pred):
        return 1, 0, 0, None, None
    return 0, 1, 1, gold, pred


@dataclass
class Report:
    fields: dict[str, Counts] = field(
        default_factory=lambda: {f: Counts(recall_known=f != "skills.topics") for f in FIELDS})
    errors: list[dict[str, Any]] = field(default_factory=list)
    scored: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def load_topics_audit(path: Path = TOPICS_AUDIT) -> set[tuple[str, str]]:
    """(case id, skill key) pairs of topics the hand audit found the posting asks for."""
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        entries = (yaml.safe_load(fh) or {}).get("topics") or []
    key = _skill_key_function()
    return {(e["case"], key(e["name"])) for e in entries if e.get("verdict") == "asked"}


def score(pairs: Iterable[tuple[str, dict[str, Any], dict[str, Any]]],
          topics_audit: set[tuple[str, str]] | None = None) -> Report:
    """Counts per field over (case id, labels, prediction) triples; skills.topics against ``topics_audit``
    ((case id, skill key) pairs judged asked; none when it is not given)."""
    skill_key = _skill_key_function()
    report = Report()
    audit = topics_audit or set()
    for case_id, labels, pred in pairs:
        report.scored += 1
        for name in FIELDS:
            pred_v = field_values(pred, name, skill_key)
            if name == "skills.topics":
                gold_v = {k for k in pred_v if (case_id, k) in audit}  # the audited ones; no misses known
            else:
                gold_v = field_values(labels, name, skill_key)
            tp, fp, fn, missed, spurious = compare(name, gold_v, pred_v)
            counts = report.fields[name]
            counts.tp += tp
            counts.fp += fp
            counts.fn += fn
            if fp or fn:
                report.errors.append({"case": case_id, "field": name, "missed": missed, "spurious": spurious})
    return report


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown_table(report: Report) -> str:
    lines = ["| field | precision | recall | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name in FIELDS:
        c = report.fields[name]
        scores = " | ".join(_fmt(v) for v in (c.precision, c.recall, c.f1))
        lines.append(f"| {name} | {scores} | {c.tp} | {c.fp} | {c.fn} |")
    return "\n".join(lines)


def load_extractor(spec: str) -> Callable[[str, str], dict[str, Any]]:
    module_name, _, func = spec.partition(":")
    if not func:
        raise SystemExit(f"--extractor wants module:function, got {spec!r}")
    try:
        return getattr(importlib.import_module(module_name), func)
    except (ImportError, AttributeError) as exc:
        raise SystemExit(f"cannot load extractor {spec}: {exc}") from None


def _call(extractor: Callable[..., dict[str, Any]], text: str, case: dict[str, Any]) -> dict[str, Any]:
    """The extractor on one case.  An extractor that takes `company` gets the posting's company (the
    case's `company`, else the board token in its id), as the crawl's pipeline passes companyName: a
    company naming itself ("GitLab" at GitLab) is not a skill the posting asks for."""
    title = case.get("title") or ""
    try:
        accepts_company = "company" in inspect.signature(extractor).parameters
    except (TypeError, ValueError):
        accepts_company = False
    if accepts_company:
        parts = str(case.get("id", "")).split("/")
        company = case.get("company") or (parts[1] if len(parts) > 2 else "")
        return extractor(text, title, company=company)
    return extractor(text, title)


def run(extractor: Callable[[str, str], dict[str, Any]], cases: list[dict[str, Any]],
        fixtures: Path = FIXTURES) -> Report:
    triples = []
    skipped, failed = [], []
    for case in cases:
        try:
            text = posting_text(case, fixtures)
        except FixtureMissing as exc:
            skipped.append(f"{case['id']}: fixture absent ({exc})")
            continue
        try:
            pred = _call(extractor, text, case)
        except Exception as exc:  # one broken case must not hide the others' scores
            failed.append(f"{case['id']}: extractor raised {type(exc).__name__}: {exc}")
            pred = {}
        triples.append((case["id"], case["labels"], pred or {}))
    report = score(triples, load_topics_audit())
    report.skipped, report.failed = skipped, failed
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR,
                        help="module:function (default %(default)s)")
    parser.add_argument("--cases", type=Path, default=CASES_FILE)
    parser.add_argument("--platform", action="append", help="score only these platforms (repeatable; edge = "
                        "the inline edge cases)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--errors", action="store_true", help="also list every wrong field per case")
    args = parser.parse_args(argv)

    extractor = load_extractor(args.extractor)
    cases = load_cases(args.cases)
    if args.platform:
        cases = [c for c in cases if c["platform"] in args.platform]
    report = run(extractor, cases)
    for line in report.skipped:
        print(f"skipped {line}", file=sys.stderr)
    for line in report.failed:
        print(f"failed {line}", file=sys.stderr)

    if args.json:
        out = {"extractor": args.extractor, "cases": report.scored, "skipped": len(report.skipped),
               "failed": len(report.failed), "fields": {k: v.as_dict() for k, v in report.fields.items()}}
        if args.errors:
            out["errors"] = report.errors
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"Extractor `{args.extractor}` on {report.scored} labelled cases"
          f" ({len(report.skipped)} skipped, fixture absent; {len(report.failed)} raised)\n")
    print(markdown_table(report))
    if args.errors:
        print()
        for err in report.errors:
            print(f"- {err['case']} {err['field']}: missed {err['missed']} spurious {err['spurious']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
