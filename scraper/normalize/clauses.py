"""Where a phrase stands in a posting: its clause, and whether it is only "nice to have".

Shared by the free-text extractors (experience, languages).  The input is the plain text
of a posting as ``markdown_to_plain`` gives it: one block per line, headings and list
items on lines of their own, blank lines between blocks.
"""

from __future__ import annotations

import re

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
    r"(?:what would be |would be )?(?:a )?plus(?: points?)?|preferred(?: qualifications| skills| experience)?|"
    r"desirable|desired|(?:additional|optional|bonus|preferred) (?:qualifications|skills|points)|"
    r"(?:even )?better if|extra (?:points|credit)|wünschenswert|von Vorteil|pluspunkte|"
    r"(?:was )?(?:uns )?(?:besonders )?freuen würde|nice to have|idealerweise|"
    r"pr[eé]|pluspunten|mooi meegenomen|een pluspunt)\b.{0,40}$",
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
        if heading and inside:
            inside = False
        flags[i] = inside
    return flags


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
