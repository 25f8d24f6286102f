"""Where a phrase stands in a posting: its clause, and whether it is only "nice to have".

Shared by the free-text extractors (experience, languages).  The input is the plain text
of a posting as ``markdown_to_plain`` gives it: one block per line, headings and list
items on lines of their own, blank lines between blocks.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parser  # type: ignore[attr-defined]

import ahocorasick_rs

# Wording that makes a statement optional.  Before it in its clause: "Ideally 3+ years",
# "Bonus: French".  After it only as a predicate: "German is a plus", "... experience preferred",
# "Deutsch von Vorteil"; "5+ years, ideally in fintech" qualifies the fintech, not the years.
_OPTIONAL_BEFORE = re.compile(
    r"\b(?:ideally|preferably|preferred|bonus|plus|nice[- ]to[- ]have|optionally|optional|"
    r"idealerweise|wünschenswert|gerne auch|bij voorkeur|idealiter|liefst|idéalement|idealmente)\b",
    re.I,
)
_OPTIONAL_AFTER = re.compile(
    r"\b(?:(?:is|are|would be|will be|be|as|counts as|considered)\s+(?:a\s+|an\s+)?"
    r"(?:big\s+|huge\s+|definite\s+|strong\s+|real\s+)?(?:plus|bonus|advantage|asset|nice[- ]to[- ]have)|"
    r"(?:is|are)\s+(?:desirable|beneficial|preferred|optional|nice|advantageous)|"
    r"(?:preferred|desirable|desired|beneficial|a plus|nice[- ]to[- ]have|optional)\W*$|"
    r"von Vorteil|wünschenswert|ein Plus|gern gesehen|een pr[eé]|een pluspunt|mooi meegenomen|"
    r"strekt tot aanbeveling|un (?:plus|atout)|se valorar[aá])",
    re.I,
)
# A heading line that opens a nice-to-have section.
_OPTIONAL_HEADING = re.compile(
    r"^(?:\W*)(?:nice[- ]to[- ]haves?|bonus(?: points?)?|(?:it'?s |it would be )?(?:a )?(?:big )?plus|"
    r"(?:what would be |would be )?(?:a )?plus(?: points?)?|"
    r"preferred(?: qualifications| skills| experience)?|"
    r"desirable|desired|(?:additional|optional|bonus|preferred) (?:qualifications|skills|points)|"
    r"(?:even )?better if|extra (?:points|credit)|wünschenswert|von Vorteil|pluspunkte|"
    r"(?:was )?(?:uns )?(?:besonders )?freuen würde|nice to have|idealerweise|"
    r"pr[eé]|pluspunten|mooi meegenomen|een pluspunt)\b.{0,40}$",
    re.I,
)
_SECTION_TITLE = re.compile(
    r"\b(?:about|benefits?|perks|offer|what we|what you|who you|your|you will|you'll|responsibilit\w*|"
    r"requirements?|qualifications?|profile|role|company|why|how|apply|application|process|salary|"
    r"compensation|location|diversity|equal|culture|values|mission|working at|life at|must[- ]haves?|"
    r"behaviou?r\w*|professionally|personally|mindset|tasks|"
    r"wir bieten|über uns|deine?|ihre?|aufgaben|profil|was|wer|wie|warum|"
    r"wat|wie|over|jouw|functie|aanbod|bieden|ons|taken|vereisten)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\s[–—-]\s")


def is_heading(lines: list[str], i: int) -> bool:
    """A short line standing alone between blank lines (or ending with ":"), not a sentence."""
    line = lines[i].strip()
    if not line or len(line) > 80:
        return False
    if line.endswith(":"):
        return True
    if line[-1] in ".;,!" or len(line.split()) > 9:
        return False
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after


def optional_lines(lines: list[str]) -> list[bool]:
    """For each line: does it stand in a "Nice to have" / "Wünschenswert" / "Pluspunten" section?

    A section opens at a heading that names it and closes at the next heading of another kind.
    """
    flags = [False] * len(lines)
    inside = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        heading = is_heading(lines, i)
        if heading and _OPTIONAL_HEADING.match(stripped):
            inside = True
            flags[i] = True
            continue
        # Short list items stand alone between blank lines too; only a line that reads as a
        # section title ends the section.
        if heading and inside and (stripped[-1] in ":?" or _SECTION_TITLE.search(stripped)):
            inside = False
        flags[i] = inside
    return flags


def _optional_at(lines: list[str], index: int) -> bool:
    for j in range(index, -1, -1):
        stripped = lines[j].strip()
        if not stripped or not is_heading(lines, j):
            continue
        if _OPTIONAL_HEADING.match(stripped):
            return True
        if stripped[-1] in ":?" or _SECTION_TITLE.search(stripped):
            return False
    return False


def clause_around(line: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause of ``line`` that holds [start, end): split at ". ; ! ?" and dashes."""
    left = 0
    for m in _SENTENCE_END.finditer(line, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(line, end)
    right = m.start() if m else len(line)
    return left, right


def is_optional(line: str, start: int, end: int) -> bool:
    """Is the statement at [start, end) of ``line`` marked optional within its clause?"""
    left, right = clause_around(line, start, end)
    return bool(_OPTIONAL_BEFORE.search(line, left, start) or _OPTIONAL_AFTER.search(line[end:right]))


# ---------------------------------------------------------------------------
# A posting prepared once for all extractors
#
# Running a dozen regular expressions over 10 KB of text costs milliseconds in Python.  So each
# extractor names the literal substrings its patterns cannot match without (its anchors), and runs
# its patterns only on the lines that hold one.  Every anchor of every extractor is found in one
# Aho-Corasick pass over the posting (ahocorasick-rs), and the prepared text is cached, so the
# extractors called one after the other on the same posting share the lower-casing, the line index
# and that pass.


def line_starts(lines: list[str]) -> list[int]:
    """Offset of each line in the text the lines were split from at "\\n", and one past the end."""
    return list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))


def automaton(patterns: list[str]) -> ahocorasick_rs.AhoCorasick:
    """An Aho-Corasick automaton that reports every match, overlapping ones too (Standard match
    kind), built as a DFA: it scans text about twice as fast as the default NFA, for a few MB more
    memory (6 MB for the skills taxonomy's 6,000 patterns)."""
    return ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard,
                                      implementation=ahocorasick_rs.Implementation.DFA)


_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """``text`` with each lone surrogate (as "\\ud800" in JSON gives; UTF-8 has no form for it, so
    the Rust libraries refuse it) replaced by U+FFFD, one for one: offsets stay the same."""
    return _SURROGATE.sub("\ufffd", text)


def find_all(automaton: ahocorasick_rs.AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """Every match of ``automaton`` in ``text``, overlapping ones too: (pattern index, start, end)."""
    try:
        return automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:
        return automaton.find_matches_as_indexes(utf8_safe(text), overlapping=True)


class _Anchors:
    """Every anchor the extractors have asked for, in one automaton (one for lower-case anchors, one
    for exact-case ones).  An extractor's anchors join on its first call; the automaton is rebuilt
    then (a few ms, once per anchor set in a process), and the generation tells prepared texts
    scanned with an older automaton to scan again."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.in_word: list[bool] = []  # per id: written with "*", may stand inside a word
        self.automaton: ahocorasick_rs.AhoCorasick | None = None
        self.generation = 0
        self.lock = threading.Lock()

    def ids_of(self, anchors: tuple[str, ...]) -> tuple[int, ...]:
        ids = self.ids
        try:
            return tuple(ids[anchor] for anchor in anchors)
        except KeyError:
            pass
        with self.lock:
            for anchor in anchors:
                if anchor not in ids:
                    ids[anchor] = len(ids)
                    self.in_word.append(anchor[0] == "*")
            self.automaton = automaton([anchor.lstrip("*") for anchor in ids])
            self.generation += 1
        return tuple(ids[anchor] for anchor in anchors)


_ANCHORS = {False: _Anchors(), True: _Anchors()}


@lru_cache(maxsize=256)
def _anchor_ids(anchors: tuple[str, ...], case: bool) -> tuple[int, ...]:
    return _ANCHORS[case].ids_of(anchors)


class Prepared:
    """Plain text with its lower-case copy, its lines and where each anchor stands in it.

    An anchor is a lower-case substring (or, with ``case``, an exact one such as "EUR") that starts
    a word: "based" is found in "US-based" and "based in", not in "database".  One written with a
    leading "*" is found inside words too ("*gehalt" in "Jahresgehalt").
    """

    __slots__ = ("text", "lower", "lines", "starts", "_found", "_lines", "_optional")
    _optional: dict[int, bool] | None

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        # Offsets must agree between the two copies; a few characters change length when
        # lower-cased ("İ"), and then every line is a candidate.
        self.lower = lower if len(lower) == len(text) else None
        self.lines = text.split("\n")
        self.starts = line_starts(self.lines)
        # Per case: (automaton generation, anchor id -> start offsets of its matches).
        self._found: dict[bool, tuple[int, dict[int, list[int]]]] = {}
        self._lines: dict[tuple[tuple[str, ...], bool], list[int]] = {}
        self._optional = None

    def _matches(self, case: bool) -> dict[int, list[int]]:
        registry = _ANCHORS[case]
        found = self._found.get(case)
        if found is not None and found[0] == registry.generation:
            return found[1]
        generation, automaton, in_word = registry.generation, registry.automaton, registry.in_word
        source = self.text if case else self.lower
        by_anchor: dict[int, list[int]] = {}
        assert automaton is not None
        for anchor, start, _end in find_all(automaton, source):
            if start and source[start - 1].isalnum() and not in_word[anchor]:
                continue
            positions = by_anchor.get(anchor)
            if positions is None:
                by_anchor[anchor] = [start]
            else:
                positions.append(start)
        self._found[case] = (generation, by_anchor)
        return by_anchor

    def line_indexes(self, anchors: tuple[str, ...], case: bool = False) -> list[int]:
        """Indexes of the lines holding any of ``anchors`` (lower-case unless ``case``), in order."""
        key = (anchors, case)
        indexes = self._lines.get(key)
        if indexes is not None:
            return indexes
        if not case and self.lower is None:
            indexes = list(range(len(self.lines)))
        else:
            ids = _anchor_ids(anchors, case)
            matches = self._matches(case)
            starts = self.starts
            hits: set[int] = set()
            for anchor in ids:
                positions = matches.get(anchor)
                if positions:
                    hits.update(bisect_right(starts, position) - 1 for position in positions)
            indexes = sorted(hits)
        self._lines[key] = indexes
        return indexes

    def excerpt(self, anchors: tuple[str, ...], case: bool = False) -> str:
        """The lines holding an anchor, joined by newlines (line structure kept for clause rules)."""
        lines = self.lines
        return "\n".join(lines[i] for i in self.line_indexes(anchors, case))

    def lower_excerpt(self, anchors: tuple[str, ...]) -> str:
        """``excerpt`` in lower case, offsets unchanged: patterns compiled without re.IGNORECASE
        run several times faster, and on lower-case text they need no flag."""
        if self.lower is None:
            return self.excerpt(anchors).lower()
        lower = self.lower
        starts = self.starts
        return "\n".join(lower[starts[i]:starts[i + 1] - 1] for i in self.line_indexes(anchors))

    def optional_at(self, index: int) -> bool:
        """Does line ``index`` stand in a nice-to-have section?  The same answer as
        ``optional_lines`` gives, found by walking back to the nearest heading that decides it,
        so that only the lines an extractor asks about cost anything."""
        cache = self._optional
        if cache is None:
            cache = self._optional = {}
        found = cache.get(index)
        if found is None:
            found = cache[index] = _optional_at(self.lines, index)
        return found


@lru_cache(maxsize=8)
def prepare(text: str) -> Prepared:
    """The Prepared form of ``text``, shared by calls on the same posting."""
    return Prepared(text)


def lower_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern written for any case, compiled for lower-case text: its letters lower-cased
    (escapes such as \\S and \\W kept) and without re.IGNORECASE; with a look-ahead of the
    characters a match can start with (see ``with_first_chars``)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "P" and out[-2:] == ["(", "?"]:
            out.append(char)  # a named group "(?P<name>"
        else:
            out.append(char.lower())
    return with_first_chars("".join(out), flags & ~re.IGNORECASE)


def trie_alternation(words: list[str]) -> str:
    """A regular expression that matches the same as the alternation of ``words`` longest first,
    written as a trie: "germany|german|georgia" becomes "ge(?:orgia|rman(?:y)?)".  Python's engine
    tries an alternation's branches one by one; the trie form compares each character once (12x
    faster for the 500 place names).  Longer words are tried before a shorter one ending at the
    same node, so what follows may still send the match back to the shorter word."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        ends = "" in node
        alternatives = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and not ends:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + (")?" if ends else ")")

    return branch(root)


def with_first_chars(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a look-ahead of the characters its matches can start with,
    "(?=[...])": the same matches, found faster.  Python's engine tries a pattern of many
    alternatives at every position of the text ("\\b(?:applicants|candidates|...)" is several
    steps each time); the look-ahead turns most positions away in one.  The character class is
    read from the parsed pattern and compiled with the pattern's flags (under re.IGNORECASE it
    matches the same case variants as the pattern does); a pattern whose first characters cannot be
    stated (one that may match empty, starts with "." or a negated class, or sets flags inline) is
    compiled as it is."""
    compiled = re.compile(pattern, flags)
    try:
        first = _first_chars(_sre_parser.parse(pattern, flags).data)
        if first is None or first[1]:
            return compiled
        return re.compile(f"(?=[{''.join(sorted(set(first[0])))}])(?:{pattern})", flags)
    except (re.error, TypeError, ValueError, AttributeError):
        return compiled


_CATEGORY_CLASSES = {_sre.CATEGORY_SPACE: "\\s", _sre.CATEGORY_DIGIT: "\\d", _sre.CATEGORY_WORD: "\\w"}


def _class_char(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\]^-[" else char


def _first_chars(items: list) -> tuple[list[str], bool] | None:
    """Character-class parts for the first character of a match of the parsed ``items``, and whether
    a match may be empty; None when that cannot be told."""
    parts: list[str] = []
    for op, value in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the first character comes from what follows
        if op is _sre.LITERAL:
            parts.append(_class_char(value))
            return parts, False
        if op is _sre.IN:
            for kind, member in value:
                if kind is _sre.LITERAL:
                    parts.append(_class_char(member))
                elif kind is _sre.RANGE:
                    parts.append(f"{_class_char(member[0])}-{_class_char(member[1])}")
                elif kind is _sre.CATEGORY and member in _CATEGORY_CLASSES:
                    parts.append(_CATEGORY_CLASSES[member])
                else:
                    return None  # a negated class, or a category without a class of its own
            return parts, False
        if op is _sre.BRANCH:
            branches = [_first_chars(branch) for branch in value[1]]
        elif op is _sre.SUBPATTERN:
            if value[1] or value[2]:
                return None  # inline flags
            branches = [_first_chars(value[3])]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            inner = _first_chars(value[2])
            branches = [None if inner is None else (inner[0], inner[1] or value[0] == 0)]
        else:
            return None  # any character, a back-reference, ...
        if any(branch is None for branch in branches):
            return None
        for branch_parts, _empty in branches:  # type: ignore[misc]
            parts.extend(branch_parts)
        if not any(empty for _parts, empty in branches):  # type: ignore[misc]
            return parts, False
    return parts, True
