"""The shared machinery of the extractors: anchors and first-character look-aheads.

Both are speed-ups that must not change an answer: the tests compare them with the plain way.
"""

import importlib
import random
import re

import pytest

from scraper.normalize.clauses import Prepared, lower_pattern, trie_alternation, with_first_chars
from tests.eval.evaluate import FixtureMissing, load_cases, posting_text
from tests.normalize.postings import seed_posting

EXTRACTOR_MODULES = ("clauses", "employment", "experience", "languages", "regions", "salary", "seniority",
                     "skills", "workplace")


def _texts() -> list[str]:
    texts = [seed_posting().text]
    for case in load_cases():
        try:
            texts.append(posting_text(case))
        except FixtureMissing:
            continue
    return texts


def _look_ahead_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name in EXTRACTOR_MODULES:
        module = importlib.import_module(f"scraper.normalize.{name}")
        values = list(vars(module).items())
        while values:
            key, value = values.pop()
            if isinstance(value, tuple | list):
                values.extend((key, item) for item in value)
            elif isinstance(value, re.Pattern) and value.pattern.startswith("(?=["):
                found.append((f"{name}.{key}", value))
    return found


@pytest.mark.parametrize(
    "pattern,first",
    [
        (r"\b(?:abc|d\s)", "(?=[ad])"),
        (r"(?P<n>\d+)k|€", r"(?=[\d€])"),
        (r"[-\s]*(?:based\s+)?only", r"(?=[\-\sbo])"),
        (r"(?<!un)befristet", "(?=[b])"),
        (r"x{0,2}y", "(?=[xy])"),
        (r"a]|\^|\]", r"(?=[\]\^a])"),
    ],
)
def test_look_ahead_names_the_first_characters(pattern, first):
    compiled = with_first_chars(pattern)
    assert compiled.pattern.startswith(first)
    assert compiled.pattern.endswith(f"(?:{pattern})")


@pytest.mark.parametrize("pattern", [r"x*", r"(?:a|)", r"[^a]b", r".b", r"(?i:a)b", r"$", r"\Bx"])
def test_no_look_ahead_when_the_first_characters_cannot_be_stated(pattern):
    # may match empty, any character, a negated class, inline flags; \B is zero-width (so "x" is stated)
    compiled = with_first_chars(pattern)
    if pattern == r"\Bx":
        assert compiled.pattern == r"(?=[x])(?:\Bx)"
    else:
        assert compiled.pattern == pattern


def test_look_ahead_under_ignorecase_matches_the_case_variants_the_pattern_does():
    compiled = with_first_chars(r"\b(?:kelvin|straße)", re.I)
    assert compiled.pattern.startswith("(?=[ks])")
    for text in ("KELVIN", "\u212aelvin", "STRASSE", "Straße", "ſtraße"):  # Kelvin sign, long s
        assert bool(compiled.search(text)) == bool(re.search(r"\b(?:kelvin|straße)", text, re.I)), text


def test_lower_pattern_lower_cases_letters_but_not_escapes():
    assert lower_pattern(r"\bGehalt\S+(?P<num>\d)").pattern == r"(?=[g])(?:\bgehalt\S+(?P<num>\d))"


def test_every_look_ahead_pattern_finds_what_the_plain_one_finds():
    patterns = _look_ahead_patterns()
    assert len(patterns) >= 15
    texts = [variant for text in _texts() for variant in (text, text.lower())]
    for name, compiled in patterns:
        inner = re.compile(compiled.pattern[compiled.pattern.index("])(?:") + 5:-1], compiled.flags)
        for text in texts:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in inner.finditer(text)], name


def test_anchors_start_a_word_unless_marked():
    prepared = Prepared("A database\nUS-based team\n(based in Berlin)\nJahresgehalt 60k")
    assert prepared.line_indexes(("based",)) == [1, 2]
    assert prepared.line_indexes(("gehalt",)) == []
    assert prepared.line_indexes(("*gehalt",)) == [3]
    assert prepared.line_indexes(("US",), case=True) == [1]
    assert prepared.line_indexes(("us",), case=True) == []


def test_anchors_on_text_that_changes_length_when_lower_cased():
    prepared = Prepared("İstanbul office\nremote")
    assert prepared.line_indexes(("remote",)) == [0, 1]  # every line is a candidate then


def _longest_first(words):
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def test_trie_alternation_matches_what_the_longest_first_alternation_matches():
    rng = random.Random(4)
    for _ in range(2000):
        words = {"".join(rng.choice("abc.") for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 8))}
        text = "".join(rng.choice("abc. ") for _ in range(40))
        for suffix in ("", r"(?![a-c])", r"\b"):  # what follows may send the match back to a shorter word
            plain = re.compile(f"(?:{_longest_first(words)}){suffix}")
            trie = re.compile(f"(?:{trie_alternation(sorted(words))}){suffix}")
            assert [m.span() for m in plain.finditer(text)] == [m.span() for m in trie.finditer(text)], (words, text)


def test_place_pattern_finds_what_the_plain_alternation_found():
    from scraper.normalize import regions

    upper = set(regions._CODES_UPPER) | set(regions._UPPER_REGION_CODES)
    plain = re.compile(r"(?<![\w-])(?:(?P<upper>" + _longest_first(upper) + r")|(?i:(?P<name>"
                       + _longest_first(regions._place_names()) + r")))(?![\w-])")
    trie = regions._place_pattern()
    for text in _texts() + ["Remote: Germany, the Netherlands or U.S.A. (LatAm, UK&I, D-A-CH) - Deutschlands"]:
        for variant in (text, text.lower(), text.upper(), text.title()):
            found = [(m.span(), m.group("upper"), m.group("name")) for m in trie.finditer(variant)]
            assert found == [(m.span(), m.group("upper"), m.group("name")) for m in plain.finditer(variant)]


def test_anchors_in_text_with_lone_surrogates_keep_their_offsets():
    prepared = Prepared("\ud800 line one\nremote \udfff work\nbased")
    assert prepared.line_indexes(("remote",)) == [1]
    assert prepared.line_indexes(("based",)) == [2]
    assert prepared.line_indexes(("work",)) == [1]
