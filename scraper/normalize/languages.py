"""Spoken languages a posting asks for, and the language it is written in.

``extract_language_requirements`` finds names of languages (English names from pycountry,
plus native, German, Dutch, French, Spanish, Italian, Portuguese and Polish names of the common
ones: "Deutsch", "Englischkenntnisse", "Nederlands", "Engels", "anglais", "inglés") and keeps a
mention only when it is worded as a requirement on the candidate:
- a level or skill word stands next to it ("fluent English", "English (C1)", "Native-level
  German", "sehr gute Deutsch- und gute Englischkenntnisse", "Goede beheersing van de
  Nederlandse taal", "Speaking English fluently", "German is a plus");
- or it names the candidate's speaking ("German-speaking", "Nederlandstalig") and is not about
  customers or markets.  "our German-speaking customers" and "the German market" are not
  requirements; "(German speaking)" in a title is.
Programming languages are never matched: only names of human languages are looked up.

Decisions:
- A language that is only "a plus" / "nice to have" / "von Vorteil" / "een pré", or that stands
  in a "Nice to have" section, is reported by ``extract_language_requirements`` with
  ``"required": False`` and is left out of ``extract_languages`` (the record's key is the
  languages the posting *requires*).
- Levels are normalized to native, fluent, business, good or basic, or a CEFR code (A1-C2)
  when one is given; the strongest word next to the mention wins ("business fluent" is
  business).  "" when no level is stated.

``detect_posting_language`` uses lingua-language-detector (Apache-2.0) in low-accuracy mode,
restricted to the languages job postings come in (POSTING_LANGUAGES).  Measured on the 121 fixture
texts and our own short, code-mixed German/Dutch samples, cut to 60-1,000 characters: py3langid and
lingua were right on all of them, pycld2 took code-mixed German and Dutch ("Als Data Engineer bouw
je data pipelines in Python ...") for English; per call lingua was 3-4x slower than py3langid,
langdetect 10-30x, pycld2 5-10x faster.  py3langid was the first choice; lingua replaced it because
its model keeps ~60 MB resident against py3langid's ~100 MB for a crawl's whole life (the memory
target of a 50,000-posting crawl is 400 MB).  It classifies a sample of up to 200 characters of
running prose (lines of six words or more), out of the job jargon of headings.  Most samples never
reach the model: one that plainly holds English, German, Dutch, French or Spanish function words
(``_by_function_words``) is answered from them, ~30x faster; the tests check that these answers are
lingua's on the fixture postings.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

import ahocorasick_rs
import pycountry

from .clauses import automaton, clause_around, find_all, is_optional, prepare, utf8_safe

# pycountry codes left out: dead or constructed languages, and names that are English words
# or place names more often than languages in postings ("Latin America", "Tonga").
_SKIP_CODES = {"la", "sa", "ae", "cu", "pi", "io", "ia", "ie", "vo", "eo", "to", "ee", "lo", "ho", "ki",
               "ny", "sg", "ts", "tn", "nd", "nr", "ii", "oc", "ch", "ty"}
_EXTRA_NAMES = {
    # English forms pycountry does not list
    "greek": "el", "mandarin": "zh", "cantonese": "zh", "mandarin chinese": "zh", "flemish": "nl",
    "farsi": "fa", "castilian": "es", "filipino": "tl", "norwegian": "no", "swiss german": "de",
    "brazilian portuguese": "pt", "scottish gaelic": "gd", "irish gaelic": "ga", "hebrew": "he",
    # German
    "deutsch": "de", "englisch": "en", "französisch": "fr", "spanisch": "es", "italienisch": "it",
    "niederländisch": "nl", "holländisch": "nl", "polnisch": "pl", "portugiesisch": "pt", "russisch": "ru",
    "türkisch": "tr", "chinesisch": "zh", "japanisch": "ja", "arabisch": "ar", "schwedisch": "sv",
    "dänisch": "da", "norwegisch": "no", "finnisch": "fi", "tschechisch": "cs", "ungarisch": "hu",
    "rumänisch": "ro", "griechisch": "el", "kroatisch": "hr", "ukrainisch": "uk", "koreanisch": "ko",
    "slowakisch": "sk", "bulgarisch": "bg", "serbisch": "sr", "slowenisch": "sl", "hebräisch": "he",
    # Dutch
    "nederlands": "nl", "nederlandse": "nl", "vlaams": "nl", "engels": "en", "engelse": "en", "duits": "de",
    "duitse": "de", "frans": "fr", "franse": "fr", "spaans": "es", "spaanse": "es", "italiaans": "it",
    "italiaanse": "it", "pools": "pl", "poolse": "pl", "portugees": "pt", "portugese": "pt", "turks": "tr",
    "turkse": "tr", "chinees": "zh", "japans": "ja", "zweeds": "sv", "deens": "da", "noors": "no",
    # French
    "anglais": "en", "allemand": "de", "français": "fr", "francais": "fr", "néerlandais": "nl",
    "espagnol": "es", "italien": "it", "portugais": "pt", "polonais": "pl",
    # Spanish, Italian, Portuguese, Polish
    "inglés": "en", "ingles": "en", "alemán": "de", "francés": "fr", "español": "es", "castellano": "es",
    "portugués": "pt", "neerlandés": "nl", "inglese": "en", "tedesco": "de", "francese": "fr",
    "spagnolo": "es", "italiano": "it", "olandese": "nl", "inglês": "en", "alemão": "de", "francês": "fr",
    "espanhol": "es", "português": "pt", "angielski": "en", "niemiecki": "de", "polski": "pl",
    "francuski": "fr", "hiszpański": "es",
}
# Lower-case mentions count for these; every other name must be capitalised, because the
# lower-case word means something else ("polish the UI", "Frans" the first name aside).
_LOWERCASE_OK = {
    "english", "german", "dutch", "french", "spanish", "italian", "portuguese", "swedish", "danish",
    "norwegian", "finnish", "russian", "chinese", "japanese", "mandarin", "deutsch", "englisch",
    "französisch", "spanisch", "italienisch", "niederländisch", "nederlands", "nederlandse", "anglais",
    "allemand", "français", "francais", "néerlandais", "espagnol", "inglés", "ingles", "alemán", "francés",
    "español", "castellano", "inglese", "tedesco", "francese", "spagnolo", "italiano", "inglês", "alemão",
    "espanhol", "português", "angielski", "niemiecki", "polski", "francuski",
}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if not code or code in _SKIP_CODES:
            continue
        for field in ("name", "common_name"):
            value = getattr(language, field, None)
            if not value:
                continue
            for part in value.split(";"):
                part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip().lower()
                if part and "," not in part and len(part) > 2:
                    names.setdefault(part, code)
    names.update(_EXTRA_NAMES)
    return names


_SUFFIXES = ("sprachkenntnissen", "sprachkenntnisse", "kenntnissen", "kenntnisse", "muttersprachlerin",
             "muttersprachler", "sprachige", "sprachigen", "sprachiger", "sprachig", "talige", "talig")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


class _Mention:
    """A language name found in a line: its span, the name as written, a compound suffix."""

    __slots__ = ("start", "end", "name", "suffix")

    def __init__(self, start: int, end: int, name: str, suffix: str = "") -> None:
        self.start, self.end, self.name, self.suffix = start, end, name, suffix


@lru_cache(maxsize=1)
def _multiword() -> dict[str, tuple[str, ...]]:
    """First word of each multi-word name -> the full names starting with it, longest first."""
    table: dict[str, list[str]] = {}
    for name in _names():
        if " " in name:
            table.setdefault(name.split(" ", 1)[0], []).append(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _name_automaton() -> ahocorasick_rs.AhoCorasick:
    return automaton(list(_names()))


def _is_letter(char: str) -> bool:
    """What [^\\W\\d_] matches: a word character that is neither a decimal digit nor "_"."""
    return char.isalnum() and not char.isdecimal()


def _word_starts(lower: str) -> list[int]:
    """Offsets where a word of _WORD begins with a language name: every mention starts so.

    A word begins at a letter that neither follows a letter nor is joined to one by "-" or an
    apostrophe ("German-speaking" is one word, so "speaking" begins none)."""
    starts = set()
    for _name, start, _end in find_all(_name_automaton(), lower):
        if start and (_is_letter(lower[start - 1])
                      or (start > 1 and lower[start - 1] in "-'’" and _is_letter(lower[start - 2]))):
            continue
        starts.add(start)
    return sorted(starts)


def _find_mentions(line: str) -> list[_Mention]:
    """Language names in ``line``, word by word; only words that begin with a name (found in one
    Aho-Corasick pass) are read."""
    names = _names()
    multi = _multiword()
    lower = line.lower()
    found: list[_Mention] = []
    for position in _word_starts(lower):
        m = _WORD.match(lower, position)
        if m is None:
            continue
        word = m.group(0)
        start, end = m.start(), m.end()
        if word in multi:
            for name in multi[word]:
                if lower.startswith(name, start) and (start + len(name) == len(lower)
                                                      or not lower[start + len(name)].isalnum()):
                    found.append(_Mention(start, start + len(name), line[start:start + len(name)]))
                    break
            else:
                if word in names:
                    found.append(_Mention(start, end, line[start:end]))
            continue
        if word in names:
            suffix = "-" if _HYPHEN_SHARED.match(line, end) else ""
            found.append(_Mention(start, end, line[start:end], suffix))
            continue
        head, _, tail = word.partition("-")
        if tail and head in names:
            # "German-speaking", "Deutsch-Kenntnisse": the name and what follows the hyphen.
            found.append(_Mention(start, start + len(head), line[start:start + len(head)],
                                  tail if tail.startswith(("kenntnis", "sprach")) else ""))
            continue
        if len(word) > 9:
            for suffix in _SUFFIXES:
                if word.endswith(suffix) and word[:-len(suffix)] in names:
                    cut = end - len(suffix)
                    found.append(_Mention(start, cut, line[start:cut], suffix))
                    break
    return found


_HYPHEN_SHARED = re.compile(r"-\s+(?:und|oder|sowie|en|of|und/oder)\s")


# Names searched for everywhere: stems of the languages postings on our sources ask for most.
# Every other language is looked up only on lines that speak of language skills (_STRONG_CUES),
# which keeps the number of substring searches per posting small.
_NAME_STEMS = (
    "engl", "engels", "ingl", "anglais", "angiel",
    "german", "deutsch", "duits", "allemand", "alem", "tedesc", "niemie",
    "dutch", "nederl", "niederl", "néerl", "neerl", "hollän", "olandes", "vlaams", "flemish",
    "french", "franç", "francais", "francés", "francese", "francês", "francu", "französ", "frans",
    "spani", "spaans", "espa", "spagn", "hiszp", "castel", "castil",
    "itali", "portug", "polish", "polni", "pools", "polski", "polona",
    "russ", "chine", "mandarin", "japan", "korea", "arab", "turk", "türk",
)
# Compounds ("deutschsprachig", "Englischkenntnisse") start with a name stem, so every anchor
# here starts a word (see clauses.Prepared).
_STRONG_CUES = ("fluen", "native", "language", "speak", "proficien", "sprach", "taal", "spreek",
                "mother tongue",
                "moedertaal", "multilingual", "bilingual", "kenntnis", "vloeiend", "fließend")


def _anchors() -> tuple[str, ...]:
    return _NAME_STEMS + _STRONG_CUES


# Level words, strongest first; the first that matches a window decides.  "business" comes
# before "fluent" so that "business fluent" (German postings' "verhandlungssicher") is business.
_LEVELS = (
    ("native", re.compile(r"(?<!near[- ])\bnative\b|mother[- ]tongue|first language|muttersprach\w*|"
                          r"moedertaal|langue maternelle|lengua materna|madrelingua", re.I)),
    ("business", re.compile(r"\bbusiness\b|verhandlungssicher\w*|\bzakelijk\w*|professional working|"
                            r"working proficiency|professional proficiency", re.I)),
    ("fluent", re.compile(r"\bfluen\w*|flie(?:ß|ss)end\w*|vloeiend\w*|\bcourant\w*|\bexcellen\w*|"
                          r"exzellent\w*|"
                          r"hervorragend\w*|sehr gut\w*|very good|uitstekend\w*|perfe[ck]t\w*|\bproficien\w*|"
                          r"\bmaster(?:y|ed)\b|maîtrise|near[- ]native|bilingual|zweisprachig|tweetalig|"
                          r"\bexpert\b", re.I)),
    ("good", re.compile(r"\bgood\b|\bgute?[nrs]?\b|\bgoede?\b|\bstrong\b|\bsolid\b|\bsolide\w*|fundiert\w*|"
                        r"working knowledge|\bcompetent\b|\bbonne?s?\b|\bbuen[oa]?\b", re.I)),
    ("basic", re.compile(r"\bbasic\b|\bbasis\w*|grundkenntnis\w*|grundlegend\w*|\belementary\b|"
                         r"\bconversational\b|\bbeginner\b|\bnotions?\b", re.I)),
)
_CEFR = re.compile(r"(?<![\w-])[ABC][12](?![\w])")
# Words that make a nearby language name a statement about the candidate's skill.
_CUE = re.compile(
    r"\b(?:speak\w*|spoken|written|writing|verbal\w*|oral|skills?|language|languages|proficien\w*|"
    r"knowledge|command|communicat\w*|level|niveau|required|requirement|must|mandatory|essential|"
    r"needed|necessary|plus|advantage|bonus|asset|preferred|desirable|"
    r"kenntnis\w*|sprache|sprachkenntnis\w*|sprichst|sprechen|spricht|beherrsch\w*|wort und schrift|"
    r"mündlich\w*|schriftlich\w*|kommunizier\w*|voraussetzung|erforderlich|vorteil|"
    r"taal|talen|beheers\w*|spreek\w*|spreken|schrijf\w*|woord en geschrift|mondeling\w*|schriftelijk\w*|"
    r"communicer\w*|vereist|pr[eé]|kennis|"
    r"parl\w*|habl\w*|idioma|lingua|langue|conocimiento\w*|connaissance\w*|conoscenza|znajomoś\w*)\b",
    re.I,
)
_SPEAKING = re.compile(r"^(?:[- ]?speaking|[- ]?speakers?|sprachig\w*|talig\w*)", re.I)
# Nouns that make a language name an adjective of something else ("German market",
# "German-speaking customers", "Dutch law").
_NOT_ABOUT_CANDIDATE = re.compile(
    r"^[- ]?(?:speaking\s+|sprachige[nmrs]?\s+|talige\s+)?(?:customers?|clients?|users?|markets?|countries|"
    r"country|regions?|region|audiences?|accounts?|community|communities|world|territor\w*|partners?|"
    r"gaap|law|laws|legal|tax\w*|compan\w*|commercial|accounting|standards?|culture|citizens?|"
    r"citizenship|nationals?|nationality|residents?|universit\w*|government|authorities|subsidiar\w*|"
    r"entit\w*|office|offices|team|teams|branch|headquarters|kunden|markt|märkte|raum|länder|"
    r"klanten|markten|landen|regio|bedrijven|wetgeving|recht|unternehmen|gesellschaft)\b",
    re.I,
)
_ATTACHED = re.compile(
    r"^\s*(?:[(:\-–—]|(?:is|are|at|on|auf|op|to|speakers?|skills?|proficiency|language|taal|sprache|"
    r"kenntnisse|level|niveau|required|mandatory|essential|\w+ly)\b)",
    re.I,
)
# "Polish your CV": the verb, not the language.
_VERB_AFTER = re.compile(r"\s+(?:your|our|the|a|an|up|off|it|them|my|their|and refine|existing)\b", re.I)
_JOINER = re.compile(r"^\s*(?:,|/|&|\+|and|und|en|et|y|e|or|oder|of|ou|o|sowie|as well as|and/or|und/oder|"
                     r"and also|plus)?\s*$", re.I)
_WINDOW_WORDS = 8


def _window_before(clause: str, words: int) -> str:
    return " ".join(clause.split()[-words:])


def _window_after(clause: str, words: int) -> str:
    return " ".join(clause.split()[:words])


def _level(window: str) -> str:
    cefr = _CEFR.search(window)
    if cefr:
        return cefr.group(0)
    for name, pattern in _LEVELS:
        if pattern.search(window):
            return name
    return ""


def _mentions(line: str):
    names = _names()
    for mention in _find_mentions(line):
        word = mention.name
        key = word.lower()
        if key not in _LOWERCASE_OK and not word[0].isupper():
            continue
        if key == "polish" and _VERB_AFTER.match(line, mention.end):
            continue
        yield mention, names[key]


def _requirements_in_line(line: str, optional_section: bool, in_title: bool):
    mentions = list(_mentions(line))
    if not mentions:
        return
    # Names joined only by "and", commas or slashes form a group sharing what stands before
    # the first and after the last ("fluent in German and English").
    groups: list[list[tuple[re.Match, str]]] = []
    for m, code in mentions:
        if groups and _JOINER.match(line[groups[-1][-1][0].end:m.start]):
            groups[-1].append((m, code))
        else:
            groups.append([(m, code)])
    bounds = [(g[0][0].start, g[-1][0].end) for g in groups]
    for gi, group in enumerate(groups):
        start, end = bounds[gi]
        left, right = clause_around(line, start, end)
        # Windows stop at the neighbouring groups, so one group's level is not another's.
        if gi > 0:
            left = max(left, bounds[gi - 1][1])
        if gi + 1 < len(groups):
            right = min(right, bounds[gi + 1][0])
        before = _window_before(line[left:start], _WINDOW_WORDS)
        after_text = line[end:right]
        after = _window_after(after_text, _WINDOW_WORDS)
        suffix = group[-1][0].suffix
        if _NOT_ABOUT_CANDIDATE.match(after_text) and not (in_title and _SPEAKING.match(after_text)):
            continue
        speaking = bool(_SPEAKING.match(after_text)) or suffix.startswith(("sprachig", "talig"))
        cue = (bool(suffix) or speaking or _CUE.search(before) or _CUE.search(after)
               or _level(before) or _level(after))
        if not cue:
            continue
        optional = optional_section or is_optional(line, start, end)
        # A qualifier attached after the name belongs to it ("English (C1)", "German: native",
        # "English fluently", "German at B2 level"); otherwise what stands before the name.
        attached = suffix != "-" and _ATTACHED.match(after_text)
        level = (_level(after) if attached else "") or _level(before) or (_level(after) if not groups[gi + 1:]
                                                                           else "")
        for _mention, code in group:
            yield {"code": code, "level": level, "required": not optional}


def extract_language_requirements(text: str, title: str = "") -> list[dict[str, object]]:
    """[{"code": ISO 639-1, "level": str, "required": bool}] in order of first mention.

    ``level`` is native, fluent, business, good, basic, a CEFR code (A1..C2) or "".  A
    language stated both as required and as a plus is required; its first stated level is kept.
    """
    found: dict[str, dict[str, object]] = {}

    def add(item: dict[str, object]) -> None:
        known = found.get(item["code"])  # type: ignore[arg-type]
        if known is None:
            found[item["code"]] = item  # type: ignore[index]
            return
        known["required"] = bool(known["required"] or item["required"])
        if not known["level"] and item["level"]:
            known["level"] = item["level"]

    if title:
        for item in _requirements_in_line(title, False, True):
            add(item)
    if text:
        prepared = prepare(text)
        for index in prepared.line_indexes(_anchors()):
            line = prepared.lines[index]
            for item in _requirements_in_line(line, prepared.optional_at(index), False):
                add(item)
    return list(found.values())


def extract_languages(text: str, title: str = "") -> list[str]:
    """ISO 639-1 codes of the spoken languages the posting requires, in order of mention."""
    return [item["code"] for item in extract_language_requirements(text, title)  # type: ignore[misc]
            if item["required"]]


# ---------------------------------------------------------------------------
# The language a posting is written in

# Languages postings on our sources come in.  Text in a script of its own is told by the script (cheap and
# certain); Latin-script and Cyrillic text by lingua, restricted to the languages of that script, which keeps
# rare look-alikes (Luxembourgish for German, Afrikaans for Dutch) out of the answers and the model small
# and fast (0.2 ms a sample with 16 Latin languages, 0.6 ms with all 36).
LATIN_LANGUAGES = ("en", "de", "nl", "fr", "es", "it", "pt", "pl", "sv", "da", "nb", "fi", "cs", "ro", "hu", "tr")
CYRILLIC_LANGUAGES = ("ru", "uk", "bg")
_SCRIPT_LANGUAGES = (
    (re.compile("[\uac00-\ud7af\u1100-\u11ff]"), "ko"),
    (re.compile("[\u3040-\u30ff]"), "ja"),  # kana before Han: Japanese writes both
    (re.compile("[\u4e00-\u9fff]"), "zh"),
    (re.compile("[\u0590-\u05ff]"), "he"),
    (re.compile("[\u0600-\u06ff]"), "ar"),
    (re.compile("[\u0370-\u03ff]"), "el"),
    (re.compile("[\u0e00-\u0e7f]"), "th"),
    (re.compile("[\u0900-\u097f]"), "hi"),
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
POSTING_LANGUAGES = LATIN_LANGUAGES + CYRILLIC_LANGUAGES + tuple(code for _, code in _SCRIPT_LANGUAGES)
_SAMPLE_CHARS = 200
_MIN_SAMPLE_WORDS = 6
_detectors: dict[str, Any] = {}
_identifier_lock = threading.Lock()


def _detector(codes: tuple[str, ...]) -> Any:
    """lingua's detector for `codes`, in low-accuracy mode (trigram models), built once."""
    key = " ".join(codes)
    if key not in _detectors:
        with _identifier_lock:
            if key not in _detectors:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                _detectors[key] = (LanguageDetectorBuilder
                                   .from_iso_codes_639_1(*[getattr(IsoCode639_1, c.upper()) for c in codes])
                                   .with_low_accuracy_mode().build())
    return _detectors[key]


def _sample(text: str) -> str:
    """Up to _SAMPLE_CHARS of running prose: sentences say more about the language than
    headings and titles full of English job jargon ("Senior Backend Engineer (m/w/d)")."""
    parts: list[str] = []
    size = 0
    for line in prepare(text).lines:
        if len(line.split()) < _MIN_SAMPLE_WORDS:
            continue
        parts.append(line)
        size += len(line) + 1
        if size >= _SAMPLE_CHARS:
            break
    sample = "\n".join(parts) if parts else text
    return sample[:_SAMPLE_CHARS]


# Function words that, among the Latin-script languages above, are common in one language only ("the", "und",
# "het", "vous", "los"; not "de", "en", "die", "du", "la", "con", "for" or "to").  A few English ones are
# Dutch words too ("we", "is", "of"): Dutch prose holds more of its own, so the 4:1 rule still holds.  A
# sample of running prose that holds several of one language and hardly any of another is that language
# without asking the model: it gives lingua's answer on every fixture text and takes ~0.02 ms instead of ~0.6.
_FUNCTION_WORDS = {
    "en": ("the", "and", "with", "you", "your", "our", "are", "will", "have", "this", "that", "who", "from",
           "be", "they", "their", "about", "which", "we", "is", "of", "or", "by", "can", "us", "what", "when",
           "how", "it", "its", "has", "been", "through", "into", "while", "where"),
    "de": ("und", "mit", "wir", "bist", "sie", "ist", "für", "ein", "eine", "einen", "zu", "auf", "von", "bei",
           "nicht", "auch", "oder", "sowie", "deine", "dich", "dir", "uns", "unser", "unsere", "unserem", "im"),
    "nl": ("het", "een", "van", "je", "jij", "jouw", "wij", "voor", "zijn", "bij", "naar", "ook", "niet", "wat",
           "met", "op", "deze", "onze", "ons", "hebt", "hebben", "kun", "kunt", "wordt", "maar", "zoals"),
    "fr": ("les", "et", "des", "une", "pour", "vous", "nous", "avec", "est", "dans", "sur", "aux", "votre",
           "notre", "vos", "nos", "sont", "être"),
    "es": ("el", "los", "las", "y", "nuestro", "nuestra", "nuestros", "somos", "buscamos", "también", "más",
           "está", "están", "pero", "usted", "muy"),
}
_FUNCTION_WORD_LANGUAGE = {word: code for code, words in _FUNCTION_WORDS.items() for word in words}
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_MIN_FUNCTION_WORDS = 5


def _by_function_words(sample: str) -> str:
    """The language whose function words the sample holds at least five of, and four times as many as of
    any other; "" when no language stands out so clearly."""
    counts: dict[str, int] = {}
    lookup = _FUNCTION_WORD_LANGUAGE
    for word in _PLAIN_WORD.findall(sample.lower()):
        code = lookup.get(word)
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return ""
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.__getitem__)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    return best if ranked[0] >= _MIN_FUNCTION_WORDS and ranked[0] >= 4 * runner_up else ""


def detect_posting_language(text: str) -> str:
    """ISO 639-1 code of the language the posting is written in, "" for text without words."""
    if not text or not re.search(r"[^\W\d_]{2,}", text):
        return ""
    sample = _sample(text)
    letters = sum(map(str.isalpha, sample)) or 1
    for pattern, code in _SCRIPT_LANGUAGES:
        if len(pattern.findall(sample)) * 3 >= letters:  # a third of the letters in that script
            return code
    if len(_CYRILLIC.findall(sample)) * 3 >= letters:
        codes = CYRILLIC_LANGUAGES
    else:
        codes = LATIN_LANGUAGES
        found = _by_function_words(sample)
        if found:
            return found
    try:
        language = _detector(codes).detect_language_of(sample)
    except UnicodeEncodeError:
        language = _detector(codes).detect_language_of(utf8_safe(sample))
    return language.iso_code_639_1.name.lower() if language is not None else ""
