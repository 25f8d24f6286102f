"""Score the skills extractor on SkillSpan (Zhang et al., NAACL 2022): postings nobody here labelled.

    python tests/eval/skillspan.py [--split dev|train] [--misses N] [--json]      (make eval-skillspan)

Data: ../shared/datasets/skillspan/skillspan_{tech,house}_{train,dev}.conll (MIT; see PROVENANCE.md there;
JOBSCRAPER_SHARED overrides ../shared).  One token per line, "token<TAB>skill<TAB>knowledge" (BIO), a blank
line between sentences.  The corpus has lost its commas ("Python Go Rust"), which makes lists harder to read.

What the extractor sees: each sentence on a line of its own, tokens joined by one space, passed to
``extract_requirements`` as plain text.  What it outputs: the names in ``skills.required`` and
``skills.niceToHave``.

TECH postings (StackOverflow jobs) carry the employer's own technology tags ("Technologies: java spring
amazon-web-services"); only the posting body (after "Job description") is given to the extractor.  A
posting runs to the header of the next one (its title, address and "Date posted:" sentences).  HOUSE postings
have no tags and no markers between postings; they are read in blocks of ``HOUSE_BLOCK`` sentences.

Measures, per corpus and split:
- tag recall: of the tags that occur in the body, the share the output names.  A tag occurs when one of its
  spellings stands in the body as a word: the tag itself with its hyphens as spaces, as nothing or kept
  ("amazon-web-services", "amazon web services"; "reactjs" also as "react", "react.js"), and, when the tag is
  a skill of our taxonomy (by a spelling, or by ``TAG_SKILLS`` for the few tags no spelling names: "embedded" is
  Embedded systems), every alias of that skill (so "aws" for amazon-web-services).  Case is ignored,
  except for the taxonomy's case-sensitive forms ("Go", "R", "C"), which count only as written.  A tag the
  taxonomy does not know is a miss when it occurs (sysadmin, architect, design).
- precision: of the names output for a posting (block), the share that is one of its tags or has a mention
  that overlaps a Knowledge span (column 3).  HOUSE: the Knowledge spans only.
- audited precision (dev only): the same, with the names a hand audit found the annotators left unmarked counted
  as right (``skillspan_dev_audit.yaml``: each such name read in its posting; a name not in the audit counts as
  wrong).  The Knowledge labels miss many plain technology names ("Oracle Postgres Cassandra Hadoop and Spark
  for distributed data storage" is unmarked), which caps the strict figure well below what a reader would grade.
- Knowledge-span F1: the token spans of the mentions behind the output against the Knowledge spans, exact
  (same tokens) and overlapping (any shared token).  Knowledge spans also mark fields of study and soft
  domains ("Information Technology", "PhD", "property law"), so their recall is low by construction.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # run as a script: make `scraper` importable
    sys.path.insert(0, str(REPO))

DATA = Path(os.environ.get("JOBSCRAPER_SHARED") or REPO.parent / "shared") / "datasets" / "skillspan"
HOUSE_BLOCK = 25
AUDIT = HERE / "skillspan_dev_audit.yaml"
_PLACEHOLDER = re.compile(r"^(?:<[A-Z]+>|[-–,.()]|[A-Z]{2,3})$")


@dataclass
class Document:
    """One posting (TECH) or block of sentences (HOUSE) as the extractor reads it."""
    corpus: str
    index: int
    text: str
    token_starts: list[int]  # character offset of each token in `text`
    token_ends: list[int]
    spans: list[tuple[int, int]]  # Knowledge spans, [first token, last token + 1)
    tags: list[str] = field(default_factory=list)


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """[(token, knowledge tag), ...] per sentence."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            current.append((parts[0], parts[2] if len(parts) > 2 else "O"))
    if current:
        sentences.append(current)
    return sentences


def _document(corpus: str, index: int, sentences: list[list[tuple[str, str]]], tags: list[str]) -> Document:
    lines, starts, ends, spans = [], [], [], []
    offset = 0
    token_index = 0
    open_span = None
    for sentence in sentences:
        words = []
        for token, label in sentence:
            starts.append(offset)
            ends.append(offset + len(token))
            offset += len(token) + 1
            words.append(token)
            if label.startswith("B-") or (label.startswith("I-") and open_span is None):
                if open_span is not None:
                    spans.append((open_span, token_index))
                open_span = token_index
            elif label == "O" and open_span is not None:
                spans.append((open_span, token_index))
                open_span = None
            token_index += 1
        if open_span is not None:  # spans do not cross sentences
            spans.append((open_span, token_index))
            open_span = None
        lines.append(" ".join(words))
    return Document(corpus, index, "\n".join(lines), starts, ends, spans, tags)


def _words(sentence: list[tuple[str, str]]) -> list[str]:
    return [token for token, _label in sentence]


def _header_start(sentences: list[list[tuple[str, str]]], dated: int) -> int:
    """First sentence of the header that ends in the "Date posted:" sentence ``dated``: the title, then the
    address (placeholders and country codes), then the date; some postings run them into fewer sentences."""
    first = _words(sentences[dated])
    start = dated
    if first[:2] == ["Date", "posted:"]:
        start = dated - 1
        if start > 0 and all(_PLACEHOLDER.match(w) for w in _words(sentences[start])):
            start -= 1
    elif dated > 0 and len(sentences[dated - 1]) <= 25:
        start = dated - 1
    return max(start, 0)


def tech_documents(path: Path) -> list[Document]:
    sentences = read_sentences(path)
    dated = [i for i, s in enumerate(sentences)
             if any(a == "Date" and b == "posted:" for (a, _x), (b, _y) in zip(s, s[1:], strict=False))]
    header_starts = sorted(_header_start(sentences, d) for d in dated)
    # The tag list: "Technologies" and the tags, up to "Job description"; in one or several sentences.
    flat = [(i, j, token) for i, s in enumerate(sentences) for j, (token, _label) in enumerate(s)]
    documents = []
    for k, (_i, _j, token) in enumerate(flat):
        if token != "Technologies":
            continue
        tags: list[str] = []
        body = None
        for m in range(k + 1, min(len(flat), k + 20)):
            word = flat[m][2]
            if word == "Job" and m + 1 < len(flat) and flat[m + 1][2] == "description":
                body = m + 2
                break
            if tags and tags[-1] == ".":  # ".net" and ".net-core" are split into "." and "net"
                tags[-1] += word
            else:
                tags.append(word)
        if body is None or body >= len(flat):
            continue  # "Technologies" in the prose
        si, sj = flat[body][0], flat[body][1]
        following = bisect.bisect_right(header_starts, si)
        stop = header_starts[following] if following < len(header_starts) else len(sentences)
        part = [sentences[si][sj:]] + sentences[si + 1:stop]
        documents.append(_document("tech", len(documents), [s for s in part if s], tags))
    return documents


def house_documents(path: Path) -> list[Document]:
    sentences = read_sentences(path)
    return [_document("house", n, sentences[k:k + HOUSE_BLOCK], [])
            for n, k in enumerate(range(0, len(sentences), HOUSE_BLOCK))]


# ---------------------------------------------------------------------------
# Tags: their skill and their spellings


def _tag_variants(tag: str) -> list[str]:
    low = tag.lower()
    forms = [low, low.replace("-", " "), low.replace("-", ""), low.replace("-", ".")]
    if low.endswith(".js"):
        forms += [low[:-3], low[:-3] + "js", low[:-3] + " js"]
    elif low.endswith("js") and len(low) > 4:
        forms += [low[:-2], low[:-2] + ".js", low[:-2] + " js"]
    forms.append(re.sub(r"\d+$", "", low))  # "symfony2"
    return [f for f in dict.fromkeys(forms) if f.strip()]


# StackOverflow tags whose meaning is plainly a taxonomy skill that no spelling of the tag names (the tag's own
# wiki says so): "embedded" is embedded systems, "security" software and information security, "user-experience"
# UX design, "user-interface" UI design, "react-redux" the Redux bindings.  Without this table a posting tagged
# "embedded" whose extraction says "Embedded systems" would count as a miss.  The extractor never sees it.
TAG_SKILLS = {"embedded": "Embedded systems", "security": "Information security", "user-experience": "UX design",
              "user-interface": "UI design", "react-redux": "Redux"}


class Taxonomy:
    """The taxonomy's names and spellings, for mapping tags and output names to one key."""

    def __init__(self) -> None:
        from scraper.normalize.skills import canonical_name, load_taxonomy_data

        self.canonical = canonical_name
        self.forms: dict[str, tuple[list[str], list[str]]] = {}  # name -> (any-case forms, cased forms)
        for entry in load_taxonomy_data():
            cased = list(entry.get("cased", []))
            loose = list(entry.get("aliases", []))
            if entry.get("name_matches", True) and entry["name"] not in cased:
                loose.append(entry["name"])
            self.forms[entry["name"]] = (loose, cased)

    def skill_of_tag(self, tag: str) -> str:
        if tag.lower() in TAG_SKILLS and TAG_SKILLS[tag.lower()] in self.forms:
            return TAG_SKILLS[tag.lower()]
        for form in _tag_variants(tag):
            name = self.canonical(form)
            if name:
                return name
        return ""

    def key(self, name: str) -> str:
        return (self.canonical(name) or name).casefold()

    def tag_pattern(self, tag: str) -> re.Pattern[str]:
        skill = self.skill_of_tag(tag)
        loose, cased = self.forms.get(skill, ([], []))
        cased_low = {c.lower() for c in cased}
        loose = [f for f in [*loose, *_tag_variants(tag)] if f.lower() not in cased_low]
        parts = [r"(?i:" + re.escape(f) + ")" for f in sorted(set(loose), key=len, reverse=True)]
        parts += [re.escape(f) for f in sorted(set(cased), key=len, reverse=True)]
        return re.compile(r"(?<![\w.+#-])(?:" + "|".join(parts) + r")(?![\w+#]|\.\w)")


# ---------------------------------------------------------------------------
# Scoring


@dataclass
class Scores:
    documents: int = 0
    tags: int = 0
    tags_in_text: int = 0
    tags_found: int = 0
    names: int = 0
    names_right: int = 0
    names_audited_right: int = 0
    audited: bool = False
    exact_tp: int = 0
    predicted_spans: int = 0
    gold_spans: int = 0
    overlap_predicted: int = 0
    overlap_gold: int = 0
    missed: Counter = field(default_factory=Counter)
    spurious: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        exact_p, exact_r = ratio(self.exact_tp, self.predicted_spans), ratio(self.exact_tp, self.gold_spans)
        loose_p, loose_r = ratio(self.overlap_predicted, self.predicted_spans), \
            ratio(self.overlap_gold, self.gold_spans)
        return {
            "documents": self.documents, "tags": self.tags, "tags_in_text": self.tags_in_text,
            "tag_recall": ratio(self.tags_found, self.tags_in_text),
            "names": self.names, "precision": ratio(self.names_right, self.names),
            "audited_precision": ratio(self.names_audited_right, self.names) if self.audited else None,
            "span_exact": {"precision": exact_p, "recall": exact_r, "f1": _f1(exact_p, exact_r)},
            "span_overlap": {"precision": loose_p, "recall": loose_r, "f1": _f1(loose_p, loose_r)},
        }


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _tokens_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    first = bisect.bisect_right(doc.token_starts, start) - 1
    last = bisect.bisect_left(doc.token_starts, end)
    return max(first, 0), max(last, first + 1)


def _snippet(text: str, start: int, end: int) -> str:
    return text[max(0, start - 40):end + 40].replace("\n", " / ")


Extractor = Callable[[str], tuple[list[str], list[tuple[str, int, int]]]]


def default_extractor(text: str) -> tuple[list[str], list[tuple[str, int, int]]]:
    """Output names of extract_requirements and the mentions (name, start, end) behind them."""
    from scraper.normalize.requirements import extract_requirements
    from scraper.normalize.skills import find_skills

    skills = extract_requirements(text)["skills"]
    names = list(dict.fromkeys([*skills["required"], *skills["niceToHave"]]))
    wanted = set(names)
    mentions = [(m.name, m.start, m.end) for m in find_skills(text) if m.name in wanted]
    return names, mentions


def load_audit(path: Path = AUDIT) -> set[tuple[str, str]]:
    """(document "corpus:index", name) pairs the hand audit found to be unlabelled skills of their posting."""
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        entries = (yaml.safe_load(fh) or {}).get("dev") or []
    return {(e["doc"], e["name"]) for e in entries if e.get("verdict") == "unlabelled"}


def score_documents(documents: Iterable[Document], extractor: Extractor, taxonomy: Taxonomy,
                    scores: Scores | None = None, audit: set[tuple[str, str]] | None = None) -> Scores:
    scores = scores or Scores()
    if audit is not None:
        scores.audited = True
    for doc in documents:
        scores.documents += 1
        names, mentions = extractor(doc.text)
        output = {taxonomy.key(n) for n in names}
        # Tags
        tag_keys = set()
        for tag in dict.fromkeys(doc.tags):
            scores.tags += 1
            skill = taxonomy.skill_of_tag(tag)
            key = skill.casefold() if skill else tag.casefold()
            tag_keys.add(key)
            tag_keys.update(v.casefold() for v in _tag_variants(tag))
            hit = taxonomy.tag_pattern(tag).search(doc.text)
            if hit is None:
                continue
            scores.tags_in_text += 1
            if key in output:
                scores.tags_found += 1
            else:
                scores.missed[tag] += 1
                scores.examples.setdefault("missed " + tag, []).append(_snippet(doc.text, hit.start(), hit.end()))
        # Names
        spans = set(doc.spans)
        covered = set()
        for first, last in doc.spans:
            covered.update(range(first, last))
        by_name: dict[str, list[tuple[int, int]]] = {}
        for name, start, end in mentions:
            by_name.setdefault(name, []).append(_tokens_of(doc, start, end))
        for name in names:
            scores.names += 1
            token_spans = by_name.get(name, [])
            right = taxonomy.key(name) in tag_keys or any(
                any(t in covered for t in range(a, b)) for a, b in token_spans)
            if right:
                scores.names_right += 1
                scores.names_audited_right += 1
            else:
                if audit and (f"{doc.corpus}:{doc.index}", name) in audit:
                    scores.names_audited_right += 1
                scores.spurious[name] += 1
                where = [m for m in mentions if m[0] == name][:1]
                if where:
                    scores.examples.setdefault("spurious " + name, []).append(
                        _snippet(doc.text, where[0][1], where[0][2]))
        # Spans
        predicted = {span for spans_of in by_name.values() for span in spans_of}
        scores.predicted_spans += len(predicted)
        scores.gold_spans += len(spans)
        scores.exact_tp += len(predicted & spans)
        scores.overlap_predicted += sum(1 for a, b in predicted if any(t in covered for t in range(a, b)))
        hit_tokens = {t for a, b in predicted for t in range(a, b)}
        scores.overlap_gold += sum(1 for a, b in spans if any(t in hit_tokens for t in range(a, b)))
    return scores


def evaluate(split: str, extractor: Extractor = default_extractor, data: Path = DATA) -> dict[str, Scores]:
    """Scores per corpus ("tech", "house") and for both ("all") on one split; {} when the data is absent."""
    taxonomy = Taxonomy()
    audit = load_audit() if split == "dev" else None
    out: dict[str, Scores] = {}
    both = Scores()
    for corpus, reader in (("tech", tech_documents), ("house", house_documents)):
        path = data / f"skillspan_{corpus}_{split}.conll"
        if not path.exists():
            continue
        documents = reader(path)
        out[corpus] = score_documents(documents, extractor, taxonomy, audit=audit)
        score_documents(documents, extractor, taxonomy, both, audit=audit)
    if out:
        out["all"] = both
    return out


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown_table(results: dict[str, dict[str, Scores]]) -> str:
    lines = ["| split | corpus | documents | tags in text | tag recall | names output | precision | "
             "audited precision | span F1 exact | span F1 overlap |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for split, per_corpus in results.items():
        for corpus, scores in per_corpus.items():
            d = scores.as_dict()
            lines.append(f"| {split} | {corpus.upper()} | {d['documents']} | {d['tags_in_text']} of {d['tags']} | "
                         f"{_fmt(d['tag_recall'])} | {d['names']} | {_fmt(d['precision'])} | "
                         f"{_fmt(d['audited_precision'])} | "
                         f"{_fmt(d['span_exact']['f1'])} | {_fmt(d['span_overlap']['f1'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", choices=("train", "dev"),
                        help="split(s) to score (default: both, train first)")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="also list the N most frequent missed tags and spurious names, with examples")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    splits = args.split or ["train", "dev"]
    results = {split: evaluate(split) for split in splits}
    if not any(results.values()):
        print(f"no SkillSpan data under {DATA}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({split: {c: s.as_dict() for c, s in per.items()} for split, per in results.items()}))
        return 0
    print(markdown_table(results))
    if args.misses:
        for split, per in results.items():
            for corpus, scores in per.items():
                if corpus == "all":
                    continue
                _print_misses(f"{split} {corpus.upper()}", scores, args.misses)
    return 0


def _print_misses(label: str, scores: Scores, limit: int) -> None:
    if scores.missed:
        print(f"\n{label}: missed tags (where they occur)")
        for tag, count in scores.missed.most_common(limit):
            print(f"  {count:3d} {tag}: {scores.examples['missed ' + tag][0]!r}")
    print(f"\n{label}: names output that are neither a tag nor in a Knowledge span")
    for name, count in scores.spurious.most_common(limit):
        example = scores.examples.get("spurious " + name, [""])[0]
        print(f"  {count:3d} {name}: {example!r}")


if __name__ == "__main__":
    sys.exit(main())
