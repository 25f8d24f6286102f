"""Years of experience a posting asks for, from free text in English, German and Dutch.

Rules (see ``extract_experience_years``):
- A number of years counts only when it is about experience: an experience word stands in
  the same clause ("3+ years of experience", "mindestens 3 Jahre Berufserfahrung",
  "2+ jaar ervaring", "Experience: 5+ years"), or the number is marked as a requirement
  ("5+", "3-5", "at least", "minimum", "mindestens", "minimaal") and the years are followed by
  what the candidate did ("5+ years in Customer Success", "7+ years closing enterprise deals").
- Never: ages ("18 years or older", "16 jaar of ouder"), durations of other things ("a 2-year
  contract", "for over 10 years we have...", "after 2 and 4 years", "every 2 years",
  "over the next two to three years"), or the company's age ("a 2 years old company").
- Several statements: those in required context win over optional ones ("preferred",
  "a plus", a "Nice to have" section); optional ones count only when nothing else is stated.
  Among them the statement with the LARGEST minimum wins, because narrower statements are
  part of the overall one ("10+ years of engineering, with 4+ years in identity" asks for 10).
  Alternatives in one clause joined by "or"/"oder" count as their smallest minimum
  ("5+ years, or 3+ years with a PhD" asks for 3).  ``max`` comes from the winning statement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clauses import clause_around, is_optional, lower_pattern, prepare, trie_alternation

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "ein": 1, "einem": 1, "einen": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12,
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10,
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "diez": 10,
}
_NUM = (r"\d{1,2}(?:[.,]5)?|"
        + trie_alternation(sorted(w for w in _WORD_NUMBERS if w not in ("a", "an", "un", "une", "uno"))))
_YEARS = (r"years?|yrs?\.?|jahre?n?|jährige[rn]?|jaar|jaren|ans?|années?|años?|anni|anos|lat|lata")
# "3+ years", "3-5 years", "3 to 5 years", "at least 3 years", "one year", "a year", "2+ jaar".
_STATEMENT = lower_pattern(
    r"(?<![\w.,])(?:(?P<pre>at least|minimum(?: of)?|min\.|a minimum of|no less than|more than|over|"
    r"mindestens|mind\.|wenigstens|mehr als|über|ab|minimaal|minstens|ten minste|meer dan|"
    r"au moins|al menos|como mínimo|almeno|pelo menos|co najmniej|up to|bis zu|maximal|maximaal|"
    r"höchstens)\s+)?"
    # "between 3 and 5", "zwischen 3 und 5", "tussen (de) 3 en 5", "entre 3 et 5": a range, never its end.
    r"(?:(?P<between>between|zwischen|tussen(?:\s+de)?|entre)\s+(?=\S+\s+(?:and|und|en|et|y|e)\s))?"
    r"(?P<low>" + _NUM + r")\s*(?P<plus1>\+|plus\b|or more\b|oder mehr\b|of meer\b|ou plus\b)?"
    r"(?:\s*(?(between)(?:and|und|en|et|y|e)\b|(?:-|–|—|to\b|bis\b|tot\b|à|a\b|or\b|oder\b))\s*"
    r"(?P<high>" + _NUM + r")\s*(?P<plus2>\+|plus\b|or more\b|oder mehr\b|of meer\b)?)?"
    r"(?P<hyphen>\s*-\s*|\s+)(?P<unit>" + _YEARS + r")(?![\w])"
    r"|(?<![\w])(?P<article>a|an|one)\s+(?P<unit1>year)(?![\w])",
    re.I,
)
_EXPERIENCE = re.compile(
    r"experience|experienced|expertise|background|track record|hands-on|\bexp\b|"
    r"erfahrung|berufserfahrung|praxiserfahrung|berufspraxis|"
    r"ervaring|werkervaring|werkzaam|"
    r"expérience|experiencia|esperienza|experiência|doświadczeni",
    re.I,
)
# What may follow the years when the number itself is marked as a requirement.
_ACTIVITY = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:of\s+)?(?:(?:in|at|as|on|with|within|leading|managing|working|"
    r"building|developing|designing|selling|closing|running|owning|supporting|specializing|"
    r"specialising|writing|doing|using|operating|shipping|delivering|im|in der|als|bei|mit|"
    r"als|bij|met|op)\b|\w+ing\b|(?:professional|relevant|industry|enterprise|hands-on|"
    r"full-time|prior|previous|recent|proven|post-graduate|postgraduate|commercial|"
    r"software|engineering|sales|product|management|leadership)\b)",
    re.I,
)
_NOT_EXPERIENCE_AFTER = re.compile(
    r"\s*(?:old|of age|or older|or more of age|ago|alt|oud|ouder|of ouder|jong|jünger|und älter|"
    r"oder älter|contract|vertrag|contract\w*|warranty|guarantee|anniversary|history|in business|"
    r"of (?:history|growth|operation|existence|innovation|success|business)|"
    r"thereafter|in a row|from now|later|vesting|cliff|lease|term|plan|roadmap|horizon)\b",
    re.I,
)
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?:\bfor|\bsince|\bseit|\bsinds|\bdepuis|\bdesde|\bin the (?:last|past|next)|"
    r"\bover the (?:last|past|next)|"
    r"\bwithin|\bafter|\bevery|\beach|\bnach|\balle|\belke|\bper|\bage[ds]?|\baged|\bfounded|\bvor|"
    r"\bin den (?:letzten|nächsten)|\bin de (?:afgelopen|komende)|\bde afgelopen|\bvanaf|\bvesting over|"
    r"\bduration of|\bterm of|\bperiod of|\bfirst|\bhave been|\bhas been|\bwe've been|\bwe have|\bwe are)"
    r"\s*(?:over|more than|almost|nearly|about|around|the|some)?\s*$",
    re.I,
)
_ALTERNATIVE = re.compile(r"\b(?:or|oder|ou)\b", re.I)
_MAX_YEARS = 40


def _number(value: str | None) -> int | None:
    if value is None:
        return None
    key = value.lower()
    if key in _WORD_NUMBERS:
        return _WORD_NUMBERS[key]
    try:
        return int(float(key.replace(",", ".")))
    except ValueError:
        return None


# Substrings a statement cannot do without (the unit), searched before any pattern runs.
# A leading "*": the anchor may stand inside a word (see clauses.Prepared).
_UNIT_ANCHORS = ("year", "*yr", "jahr", "jähr", "jaar", "jaren", "* ans", "année", "años", "anni", "anos",
                 "* lat")


def _statements(text: str):
    """(min, max, optional, line index, start) for each experience statement."""
    if not text:
        return
    prepared = prepare(text)
    lower, starts = prepared.lower, prepared.starts
    for index in prepared.line_indexes(_UNIT_ANCHORS):
        # Lower-case lines: the statement pattern runs without re.IGNORECASE, several times faster.
        if lower is not None:
            line = lower[starts[index]:starts[index + 1] - 1]
        else:
            line = prepared.lines[index].lower()
        for m in _STATEMENT.finditer(line):
            stated = _statement(line, m)
            if stated is None:
                continue
            optional = prepared.optional_at(index) or is_optional(line, m.start(), m.end())
            yield stated[0], stated[1], optional, index, m.start()


def _statement(line: str, m: re.Match) -> tuple[int | None, int | None] | None:
    before = line[max(0, m.start() - 30):m.start()]
    if _NOT_EXPERIENCE_BEFORE.search(before):
        return None
    if _NOT_EXPERIENCE_AFTER.match(line, m.end()):
        return None
    left, right = clause_around(line, m.start(), m.end())
    if m.group("article"):
        low, high, plus, pre = 1, None, False, None
    else:
        low, high = _number(m.group("low")), _number(m.group("high"))
        plus = bool(m.group("plus1") or m.group("plus2"))
        pre = (m.group("pre") or "").lower()
    # "2-year contract", "5-jährige": a hyphenated adjective is experience only next to the word.
    hyphenated = m.group("hyphen") is not None and "-" in m.group("hyphen")
    window_after = line[m.end():min(right, m.end() + 70)]
    window_before = line[max(left, m.start() - 45):m.start()]
    about_experience = bool(_EXPERIENCE.search(window_after) or _EXPERIENCE.search(window_before))
    marked = plus or high is not None or pre not in ("", "over", "more than", "über", "mehr als", "meer dan")
    if not about_experience:
        if hyphenated or not marked or not _ACTIVITY.match(line, m.end()):
            return None
    if low is None or low > _MAX_YEARS or (high is not None and (high > _MAX_YEARS or high < low)):
        return None
    if pre in ("up to", "bis zu", "maximal", "maximaal", "höchstens"):
        return None, low
    # "3-4+ years" reads as 3 to 4 (the "+" only says more is welcome), as in the evaluation labels.
    return low, high


def extract_experience_years(text: str) -> dict[str, int | None]:
    """{"min": int | None, "max": int | None} years of experience the posting asks for.

    "3+ years" -> {3, None}; "5-7 years" and "5-7+ years" -> {5, 7}; "up to 3 years" -> {None, 3};
    nothing stated -> {None, None}.  See the module docstring for which statement wins.
    """
    low, high = _experience(text or "")
    return {"min": low, "max": high}


@lru_cache(maxsize=8)
def _experience(text: str) -> tuple[int | None, int | None]:
    found = list(_statements(text))
    if not found:
        return None, None
    required = [s for s in found if not s[2]]
    pool = required or found
    # Alternatives within one clause ("5+ years or 3+ years with a PhD") collapse to the smaller.
    merged: list[tuple[int | None, int | None]] = []
    lines = prepare(text).lines
    previous = None
    for low, high, _optional, index, start in pool:
        if previous is not None and previous[3] == index:
            between = lines[index][previous[4]:start]
            if _ALTERNATIVE.search(between) and merged:
                last_low, last_high = merged[-1]
                if low is not None and (last_low is None or low < last_low):
                    merged[-1] = (low, high)
                previous = (low, high, _optional, index, start)
                continue
        merged.append((low, high))
        previous = (low, high, _optional, index, start)
    with_min = [s for s in merged if s[0] is not None]
    if with_min:
        return max(with_min, key=lambda s: s[0])
    return None, merged[0][1]
