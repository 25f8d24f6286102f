"""Skills named in a posting: find them, tell required from nice-to-have, make hashtags.

The taxonomy is scraper/data/skills.yaml (built by scripts/build_skills_taxonomy.py).

Matching is one Aho-Corasick pass (ahocorasick-rs) over a copy of the text in which every
character that cannot belong to a skill name (anything but ASCII letters, digits, "_", ".",
"+", "#") is a space, and every key is " alias " or " alias." (the alias normalised the same
way).  A hit is therefore already word-aligned on both sides: "Go" is not found in "good",
"C" not in "C++" or "C-level"'s neighbour "level", "SQL" not in "NoSQL", ".NET" not in
"ASP.NET" (which is a key of its own), and "CI/CD", "Node.js", "C#" are found whole.
Overlapping hits keep the leftmost-longest ("Spring Boot" over "Spring").

Aliases marked `cased` in the taxonomy only match as written ("REST" but not "the rest of").
Skills with a `context` rule are words or names too ("Go", "R", "C", "Rust", "Swift", "Spring",
"React", "Express", "Make", "Chef", "Excel", ...); their cased hits are checked against the
local context:
- a negative context for that skill rejects the hit ("go to market", "R&D", "Series C",
  "C-level", "Rust Belt", "in the Spring", "Spring 2025", "react quickly", "head chef",
  "excel at", "make sure", "American Express");
- evidence accepts it: a neighbouring skill in the same list ("Python, Go or Rust",
  "(Java/Kotlin)"), a cue before ("experience with", "written in", "such as", "knowledge
  of") or after ("Go developer", "R programming", "Chef cookbooks", "Python 3"), or a line
  that is only the skill (a list item "Rust");
- `strong` skills are accepted without evidence in their canonical case in the middle of a
  sentence, where the ordinary word would be lower-case; at the start of a sentence, in a
  Title Case or ALL CAPS line, and always for `weak` skills, evidence is required;
- a negative context after the word ("React to", "make sure") leaves the decision to a list
  neighbour ("Django and/or React to get things done").
Broad topics (category "topic": "cloud", "testing", "mobile", "open source") also name what a
company does: their cue before must be about knowledge ("experience with", "knowledge of",
"such as"), a neighbour must stand on the same line, a heading is no evidence, and a role or
thing after them ("QA engineers", "Frontend Developer", "mobile app") drops the hit.  Methods,
design, data and AI fields followed by a plural role ("UX designers", "DevOps Engineers") name
colleagues and are dropped too, as is any name the sentence does not ask for (_not_asked): a team or role a few
words after or just before it ("Product QA and Software Dev teams", "Application Developers and QA"), a
department's disciplines, a benefit ("training courses taught by practitioners (Agile and Lean)"), the company
describing itself ("a leading provider of cloud services"), the application's documents, the employer's own
app.  "AWS Lambda" names AWS as well (_VENDOR_PREFIXES), "Red Hat Linux" names Linux.  A name between two others
with only a space on each side is in a list ("Angular Ionic TypeScript": a list whose commas were lost).

`extract_skills` reads the posting's Markdown body (scraper.normalize.text.html_to_markdown_text)
for its structure: headings (`#`..`######`, and lines that are only bold text), list items with
their indentation, and paragraphs.  Plain text with one block per line (markdown_to_plain) is
accepted as well; it has no nesting, so a "Nice to have:" line there covers the lines that
follow it up to the next blank line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick_rs
import yaml

from .clauses import automaton, find_all, line_starts

DATA_FILE = "skills.yaml"


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    tag: str
    context: str = ""  # "", "strong" or "weak"


class SkillMention(NamedTuple):
    """One skill named in a text: canonical name, category, tag and the [start, end) span."""
    name: str
    category: str
    tag: str
    start: int
    end: int


# ---------------------------------------------------------------------------
# Taxonomy and automaton

# Literal stems of every nice-to-have marker, in the matcher's normalised form (lower case, ASCII,
# other characters as spaces: "wünschenswert" is "w nschenswert").  They ride along in the skills
# automaton, so the same single pass finds the few lines that can hold a marker; only those meet
# the slower, many-branched _NICE expression.
_NICE_STEMS = ("nice", "good to", "bonus", "extra cr", "extra po", "brownie", "plus", "prefer", "ideally",
               "idealerweise", "alement", "desir", "option", "advantag", "benefic", "would be", "helpful",
               "not req", "not nec", "not man", "not a", "not str", "even better", "nschenswert", "w re ",
               "vorteil", "gerne", " pr ", "voorkeur", "wenselijk", "aanbeveling", "meegenomen", "souhait",
               "appr ci", "atout", "voordeel")


# The same for the words of the benefit, company, discipline and own-app rules (_not_asked): a hit with none of
# them near it skips those rules' expressions.
# Per rule: benefit, company, disciplines, own app.
_NOT_ASKED_STEMS = (
    ("course", "training", "budget", "scheme", "perk", "discount", "allowance", "laptop", "weapon", "choice",
     "cycle to", "gym", "pension", "free ", "outside", "after hours"),
    ("leading", "largest", "biggest", "fastest", "successful", "provider", "scale", "innovation", "pioneer",
     "speciali", "market leader", "company", "firm", "group", "portfolio"),
    ("discipline", "department", "facult", "school", "institute"),
    ("availab", "download"),
)
_BENEFIT_RULE, _COMPANY_RULE, _DISCIPLINE_RULE, _APP_RULE = range(4)

# Characters that may be part of a skill name; everything else separates words.
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+#")
_TO_SPACE_LOWER = bytes(
    (c + 32 if 65 <= c <= 90 else c) if chr(c) in _KEEP else 32 for c in range(256))
_TO_SPACE = bytes(c if chr(c) in _KEEP else 32 for c in range(256))


def _normalise(text: str, lower: bool = True) -> str:
    """Same length as `text`: separators (and every non-ASCII character) become spaces."""
    raw = text.encode("ascii", "replace")  # one byte per character: offsets are kept
    return raw.translate(_TO_SPACE_LOWER if lower else _TO_SPACE).decode("ascii")


class _Form(NamedTuple):
    skill: Skill
    cased: bool
    exact: str  # the alias normalised without lower-casing, for cased comparison


class _Taxonomy(NamedTuple):
    skills: tuple[Skill, ...]
    by_name: dict[str, Skill]
    automaton: ahocorasick_rs.AhoCorasick
    values: tuple[tuple[int, tuple[_Form, ...]], ...]  # per pattern: (alias length or -1 for a stem, forms)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _taxonomy_data() -> tuple[dict, ...]:
    text = resources.files("scraper").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return tuple(yaml.load(text, Loader=_YAML_LOADER)["skills"])


def load_taxonomy_data() -> list[dict]:
    """The raw entries of scraper/data/skills.yaml (copies: callers may change them)."""
    return [dict(entry) for entry in _taxonomy_data()]


@lru_cache(maxsize=1)
def _taxonomy() -> _Taxonomy:
    skills = []
    keys: dict[str, list[_Form]] = {}
    for entry in _taxonomy_data():
        skill = Skill(entry["name"], entry["category"], entry["tag"], entry.get("context", ""))
        skills.append(skill)
        cased = list(entry.get("cased", []))
        forms = [(a, False) for a in entry.get("aliases", [])] + [(a, True) for a in cased]
        if entry.get("name_matches", True) and skill.name not in cased:
            forms.append((skill.name, False))
        for alias, is_cased in forms:
            if not alias.isascii():
                continue
            key = " " + _normalise(alias).strip() + " "
            if key.strip():
                keys.setdefault(key, []).append(_Form(skill, is_cased, _normalise(alias, lower=False).strip()))
    patterns: dict[str, tuple[int, tuple[_Form, ...]]] = {}
    for key, forms in keys.items():
        value = (len(key) - 2, tuple(forms))
        patterns[key] = value
        # A sentence may end right after the name ("Experience with Rust.").
        patterns[key[:-1] + "."] = value
    for stem in _NICE_STEMS:
        if stem in patterns:
            raise ValueError(f"nice-to-have stem {stem!r} is also a skill key")
        patterns[stem] = (-1, ())
    for rule, rule_stems in enumerate(_NOT_ASKED_STEMS):
        for stem in rule_stems:
            if stem in patterns:
                raise ValueError(f"stem {stem!r} is also a skill key or a nice-to-have stem")
            patterns[stem] = (-2 - rule, ())
    values = tuple(patterns.values())
    return _Taxonomy(tuple(skills), {s.name: s for s in skills}, automaton(list(patterns)), values)


def all_skills() -> tuple[Skill, ...]:
    return _taxonomy().skills


def get_skill(name: str) -> Skill | None:
    return _taxonomy().by_name.get(name)


@lru_cache(maxsize=1)
def _names_by_alias() -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in _taxonomy_data():
        for form in [entry["name"], *entry.get("aliases", []), *entry.get("cased", [])]:
            index.setdefault(" ".join(str(form).casefold().split()), entry["name"])
    return index


def canonical_name(name: str) -> str:
    """The taxonomy's canonical name for a skill name or alias ("postgres" -> "PostgreSQL"); "" if unknown."""
    return _names_by_alias().get(" ".join(str(name).casefold().split()), "")


def hashtag(name: str) -> str:
    """"#<tag>" for a canonical skill name ("Ruby" -> "#rubylang"); unknown names are slugged."""
    skill = get_skill(name)
    if skill is not None:
        return "#" + skill.tag
    return "#" + re.sub(r"[^0-9a-z]+", "", name.lower().replace("++", "pp").replace("#", "sharp"))


# ---------------------------------------------------------------------------
# Context rules for names that are also words

_I = re.I
_LIST_GAP = re.compile(
    r"^[\s,/&|;+()\[\]{}:*\"'’`-]*(?:(?:and|or|und|oder|en|of|ou|et|as well as|sowie|plus|and/or|e\.g\.|eg\.|"
    r"such as|like|including|z\.\s?b\.|bijv\.)[\s,/&|;+()\[\]{}:*\"'’`-]*)?$", _I)
_GAP_SEPARATOR = re.compile(r"[,/&|;+()\[\]:*]|\b(?:and|or|und|oder|en|of|ou|et|sowie|plus|like|including|"
                            r"such as|as well as|e\.g\.)\b", _I)
# Applied to lower-cased text (no re.I: plain literals are the engine's fastest branches).
_CUE_BEFORE = re.compile(
    r"(?:\b(?:experience[ds]?|expertise|expert|proficien(?:cy|t)|knowledge|skills?|skilled|familiar(?:ity)?|"
    r"background|fluen(?:t|cy)|competen(?:ce|cy|t)|exposure|mastery|written|writing|write|programming|program|"
    r"coding|code|develop(?:ing|ment|ers?)?|built|build(?:ing)?|using|use|usage|"
    r"work(?:ing|ed|s)?(?=\s+(?:with|in|on|using)\b)|hands[- ]on|"  # "working with Go", not "Work Scheme"
    r"comfortable|versed|savvy|erfahrung|kenntnisse|ervaring|kennis|migrat(?:e|ing|ion)|port(?:ing)?|"
    r"maintain(?:ing)?|deploy(?:ing)?|automat(?:e|ing))"
    r"\s+(?:(?:with|in|of|on|using|mit|met|van|at|within|to|from|for)\s+)?"
    r"|\b(?:configuration management|config management|infrastructure as code|iac|build tools?|"
    r"build systems?|ci tools?)\s*(?:tools?\s*)?(?:with|like|such as|e\.g\.|using|via|[:(])?\s*"
    r"|\b(?:services?|code|apps?|applications?|systems?|tools|tooling|backends?|apis?|libraries|components|"
    r"microservices|programs?|scripts?|software|projects?|implemented|rewritten|rewrite|written)\s+"
    r"(?:in|using|with)\s+"
    r"|\b(?:such as|like|e\.g\.|eg\.|including|incl\.|i\.e\.|especially|particularly|preferably|ideally|namely|"
    r"z\.\s?b\.|bijv\.|zoals|wie|plus)\s*"
    r"|\b(?:languages?|frameworks?|stack|tools?|tooling|technolog(?:y|ies)|sprachen?|talen|libraries|databases?)\s*"
    r"(?:\(|:|-|–|such as|like|e\.g\.|including)\s*)"
    r"(?:(?:modern|idiomatic|strong|solid|advanced|professional|production|basic|good|deep|some|the|"
    r"excellent|proven|practical|fundamental)\s+){0,2}[(\"'*`]*$")
_CUE_AFTER = re.compile(
    r"^[\s*)\"'`]*(?:[-\s]?(?:programming|programmer|developers?|development|engineer(?:s|ing)?|code|coding|"
    r"codebases?|language|skills|experience|services?|backend|back-end|frontend|front-end|microservices?|apps?|"
    r"applications?|ecosystem|stack|libraries|library|packages?|modules?|frameworks?|sdk|apis?|scripts?|"
    r"scripting|projects?|toolchain|compiler|runtime|on rails|cookbooks?|recipes?|manifests?|playbooks?|"
    r"charts?|hooks|components?|workbooks?|formulas?|macros?|spreadsheets?|pivot|vlookup|queries|server|"
    r"cluster|kenntnisse|erfahrung|entwickler(?:in)?|ontwikkelaar|routines|goroutines|channels|generics|"
    r"concurrency|crates?|tooling|modelling|modeling|shiny|studio|markdown|tidyverse|notebooks?|based|"
    r"powered|native|methodolog(?:y|ies)|methods|practices|principles|ceremonies|mindset|ways of working)\b"
    # The skill as the subject of a requirement: "Jenkins is a plus", "Go is a must", "Rust would be nice".
    r"|\s+(?:is|are|would be)\s+(?:a\s+)?(?:big\s+|huge\s+|definite\s+)?(?:plus|must|bonus|required|essential|"
    r"preferred|nice to have|advantage|mandatory)\b"
    r"|\s+v?\d+(?:\.\d+)+\b|\s*/\s*(?:c\+\+|c#|python|java|go|rust|kotlin|scala)\b)", _I)

# Broad topics ("testing", "cloud", "mobile", "open source") are also what a company does or sells: a cue
# before them must be about the candidate's knowledge ("experience with cloud", "knowledge of algorithms"),
# not an activity in a list ("design, coding, testing and deployment"); a role after them is a colleague
# ("our QA engineers", "Frontend and Backend Engineers"), not a requirement.
_TOPIC_CUE_BEFORE = re.compile(
    r"(?:\b(?:experience[ds]?|expertise|expert|proficien(?:cy|t)|knowledge|skills?|skilled|familiar(?:ity)?|"
    r"background|competen(?:ce|cy|t)|exposure|understanding|grasp|passion(?:ate)?|interest(?:ed)?|"
    r"contribut(?:e|ing|ions?|or)|versed|comfortable|erfahrung|kenntnisse|ervaring|kennis)"
    r"\s+(?:(?:with|in|of|on|to|for|about|within|mit|met|van)\s+)?"
    r"|\b(?:such as|like|e\.g\.|eg\.|including|incl\.|especially|particularly|preferably|ideally|namely)\s*)"
    r"(?:(?:modern|strong|solid|advanced|professional|basic|good|deep|some|the|excellent|proven|practical|"
    r"fundamental|public|private|large-scale|automated|software|web)\s+){0,2}[(\"'*`]*$")
# The same for methods, design, data and AI fields: "UX designers", "DevOps Engineers", "data science
# professionals" name colleagues; the singular stays (a "Senior DevOps Engineer" title asks for DevOps).
_ROLE_AFTER_CATEGORIES = frozenset({"topic", "method", "design", "data", "ai"})
_PLURAL_ROLE_AFTER = re.compile(r"^[\s-]*(?:engineers|developers|designers|specialists|testers|analysts|"
                                r"scientists|professionals|practitioners|managers|architects|researchers|"
                                r"teams|department|colleagues|experts)\b", _I)
_TOPIC_ROLE_AFTER = re.compile(r"^[\s/&-]*(?:(?:and|&|/)\s*[\w-]+\s+)?"
                               r"(?:(?:software|services?|application|web|platform|test|automation)\s+)?"
                               r"(?:engineer(?:s|ing)?|developers?|designers?|specialists?|testers?|analysts?|"
                               r"managers?|architects?|leads?|teams?|department|colleagues|experts?|people|"
                               r"community|users?|devices?|phones?|numbers?|roles?|positions?|guild|chapter|app|"
                               r"application|entwickler\w*|ontwikkelaars?|ingenieur\w*|team\w*)\b", _I)

# Colleagues, not requirements: up to three words (a coordinated "X and Y" or a qualifier) between the hit and
# a team or plural role ("Product QA and Software Dev teams", "backend and full stack developers", "DevOps
# software engineers", "our DevOps team"), or a plural role just before it in the same list ("Application
# Developers and QA", "Software Engineers Quality Assurance Project Managers").
_ROLE_NOUNS = (r"(?:engineers|developers|devs|designers|specialists|testers|analysts|scientists|professionals|"
               r"practitioners|managers|architects|researchers|owners|leads|teams?|department|colleagues|"
               r"experts|warriors|folks|people|squads?|guilds?|chapters?)")
_ROLE_WORDS = frozenset("engineers developers devs designers specialists testers analysts scientists professionals "
                        "practitioners managers architects researchers owners leads team teams department colleagues "
                        "experts warriors folks people squad squads guild guilds chapter chapters".split())
_COLLEAGUES_AFTER = re.compile(
    r"^(?:[\s/&+-]+(?!(?:with|for|to|in|on|of|at|by|from|who|that|which|is|are|will|you|your|we|our|a|an|the|"
    r"so|as|but|when|while|where|if|because|then|also|into|through|across|within|etc|experience|skills|"
    r"knowledge|background)\b)[\w.+#-]+){0,3}?[\s/&+-]+" + _ROLE_NOUNS +
    # "team spirit", "team player", "team activities" are not a team of colleagues
    r"\b(?![\s-]*(?:spirit|players?|work|building|activities|culture|events?|lunch\w*|outings?|sports?)\b)"
    # the role is the subject of what follows: "a testing and continuous-deployment flow teams can trust"
    r"(?!\s+(?:can|could|will|would|may|might|must|need|rely|depend|trust|love|use)\b)",
    _I)
# Ways of working describe the candidate's own team ("an agile development team", "Scrum teams"): not colleagues.
_WAYS_OF_WORKING = frozenset({"Agile", "Lean", "Scrum", "Kanban", "Pair programming", "Extreme programming"})
_ROLES_BEFORE = frozenset("engineers developers devs designers testers analysts scientists managers architects "
                          "owners".split())
# A department's or a school's disciplines: "the science disciplines mathematics statistics and computer science".
_DISCIPLINES_BEFORE = re.compile(
    r"\b(?:disciplines|departments|faculties|schools|institutes)\s*(?:of|in|such as|like|:)?\s*"
    r"(?:[\w-]+\s*(?:,|/|&|\band\b)?\s*){0,3}$", _I)
# A benefit or perk, not a requirement: "training courses taught by practitioners (Agile and Lean)", "Cycle to
# Work Scheme", "laptops (MacOS Linux Windows? You can pick your weapon of choice!)", "A choice to work from Mac or
# Linux".  Only when the same sentence does not ask anything of the candidate.
_BENEFIT = re.compile(
    r"\b(?:courses? taught|training courses?|training budget|learning budget|scheme\b|perks?\b|discounts?\b|"
    r"allowance|laptops?\b|weapon of choice|(?:a |your )?choice (?:to work (?:from|on)|of (?:laptop|hardware|"
    r"equipment|os|operating system))|cycle to work|gym\b|pension|free (?:coffee|fruit|lunch|snacks|drinks)|"
    # a work-life promise: "never expected to reply to Slack messages outside of your working hours"
    r"outside (?:of )?(?:your )?(?:working|office|business) hours|after hours)", _I)
_ASKED = re.compile(r"\b(?:experience[ds]?|knowledge|skills?|proficien\w*|familiar\w*|expertise|understanding|"
                    r"you (?:have|know|bring|are)(?!\s+(?:never|not)\b)|required|must|should)\b", _I)
# The company describing itself: "innovations in electronic payments cybersecurity machine learning and cloud
# development", "a leading international provider of cloud services", "one of the most successful cyber
# security scale ups".  Applied to fields and methods only (topics, data, AI, design, methods), never to a
# named technology ("we build our services in Go" is the stack).
_COMPANY_SENTENCE = re.compile(
    r"\b(?:(?:an?|the|one of the)\s+(?:[\w-]+\s+){0,2}(?:leading|largest|biggest|fastest[- ]growing|most successful)|"
    r"providers? of|scale[- ]?ups?|innovations? in|pioneer(?:s|ing)? (?:in|of)|specialists? in|"
    r"speciali[sz](?:ed|ing) in|market leader|(?:our|the) (?:company|firm|group)|portfolio)\b", _I)
_CLAUSE = 70
_YOU = re.compile(r"\b(?:you|your)\b", _I)
# The application's documents, not skills: "Excel sheet with translation of grades", "your CV as PDF or Word".
_DOCUMENT_SKILLS = frozenset({"Excel", "Microsoft Word", "PDF", "Google Sheets", "Google Docs"})
_APPLICATION_DOCUMENTS = re.compile(r"\b(?:cv|curriculum vitae|r[ée]sum[ée]|cover letter|motivation letter|"
                                    r"transcripts?|diplomas?|certificates)\b", _I)
# The employer's own app: "available for download on Android and Apple devices".
_PRODUCT_AVAILABLE = re.compile(r"\b(?:available|download(?:ed|able)?)\s+(?:for download\s+)?(?:on|from|for|in)\s+"
                                r"(?:the\s+)?(?:[\w-]+\s*(?:,|/|&|\band\b|\bor\b)?\s*){0,3}$", _I)

# Per-skill contexts where the word is not the skill: (before, after), matched on the text
# just before and just after the hit.
_NEGATIVE: dict[str, tuple[str, str]] = {
    "Go": (r"\b(?:on the|let|lets|let's|to|will|you|we|can|ready to|good to|must|should|would|could|"
           r"i|they|don't|not|never|always|often|to-and|have a)\s*$",
           r"^(?:\s*-\s*|\s+)(?:to\b|live\b|beyond|above|ahead|back|out|through|over|along|further|far\b|"
           r"get|getter|for\b|into|the extra|to-market|big|deep|home|viral|forward|green|no-go|the distance)"
           r"|^\s*/\s*no[- ]go|^\s*-\s*to\b"),
    "R": (r"(?:&|\bQ\s*|\b[A-Z]\s*[-–/,]\s*)$",
          r"^\s*(?:&|and\s+D\b|'?n'|\.\s*\w|\$|-\d|\s\d{2,})"),
    "C": (r"(?:\b(?:series|vitamin|type|usb|plan|grade|class|category|tier|round|section|part|appendix|phase|"
          r"option|level|article|schedule|annex|form|block|building|room|wing|floor|hall|gate|lot|unit|team|"
          r"group|model|size|note|key)\s*|°\s*|\b\d+\s*|\b[A-BE-QS-Z]\s*(?:[-–/,&]|and|or)\s*)$",
          r"^(?:\s*-\s*(?:level|suite|corp|section|store|class|gate|\d)|\s*(?:level|suite|corp|grade|rating)\b|"
          r"\.\s*[A-Z]|\s*\+(?!\+)|\s*[-–]\s*[D-Z]\b|\s*(?:,|and|or)\s*[D-Z]\b(?!\+|#))"),
    "D": (r"(?:&|\b(?:vitamin|ph|plan|type|grade|class|category|tier|round|section|part|appendix|phase|"
          r"option|level|d&)\s*|\b[A-CE-QS-Z]\s*(?:[-–/,&]|and|or)\s*|\b\d\s*)$",
          r"^(?:\s*-\s*day|\s*&\s*[A-Z]|\.\s*[A-Z]|\s*(?:printing|printer|modeling|modelling)\b)"),
    "Rust": ("", r"^\s*(?:belt|-?oleum|proof|removal|prevention|inhibitor|stain|colou?r|resistant)"),
    "Swift": (r"\b(?:taylor|tom)\s*$",
              r"^\s*(?:code|codes|payments?|network|messages?|transfers?|mt\d*|bic|gpi|response|action|"
              r"current|river)\b"),
    "Spring": (r"\b(?:in the|this|next|last|early|late|during|by|until|over the|summer|winter|autumn|fall|"
               r"hot|mineral|coil|leaf)\s*(?:of\s*)?$",
               r"^\s*(?:(?:19|20)\d\d\b|'\d\d\b|semester|term|break|festival|intake|season|cohort|training|"
               r"session|quarter|/\s*summer|and summer|cleaning|fair|event|launch|collection|campaign|"
               r"water|into action|up\b|forward)"),
    "React": (r"\b(?:how (?:we|you|to)|ability to|able to|quick to|we|you|they|i)\s*$",
              r"^\s*(?:to\b|quickly|fast|swiftly|promptly|accordingly|appropriately|immediately|on\b|"
              r"calmly|positively|well\b|rapidly|flexibly|in real time)"),
    "Express": (r"\b(?:american|federal|fed ?ex|orient|dhl|ups|sql server|outlook|ability to|to|please|you|"
                r"we|they|i)\s*$",
                r"^\s*(?:interest|yourself|themselves|delivery|shipping|entry|lane|mail|train|bus|checkout|"
                r"scripts|your|our|their|ideas|concerns|opinions|gratitude|thoughts)\b"),
    "Make": (r"\b(?:to|will|can|we|you|they|help|helps|must|should|would|could|i|let's|lets|and then)\s*$",
             r"^\s*(?:sure|a\b|an\b|the\b|it\b|your|our|their|us\b|them|things|decisions?|impact|progress|"
             r"sense|use|money|mistakes|changes|time|people|every|recommendations|connections|data-driven|"
             r"informed|yourself|me|him|her|this|that|things|great|better|good|more|all|or break)"),
    "Chef": (r"\b(?:sous|head|executive|pastry|line|junior|commis|private|personal|de partie|chef de|kitchen|"
             r"lead|senior|station|prep|breakfast|sushi|grill|master|celebrity|top|chief|a|our|the)\s*$",
             r"^\s*(?:de\b|and cook|/\s*cook|s\b|'s)"),
    "Excel": (r"\b(?:to|you|who|will|can|and|helps?|helping|we|they|continue to|strive to|should|must|would|"
              r"could|ability to|desire to|drive to|i|let you|people)\s*$",
              r"^\s*(?:at|in|as|when|within|through|under|beyond|and grow|in your)\b"),
    "Rails": (r"\b(?:guard|safety|hand|off the|train|roof|towel|grab|bed|side|light|curtain)\s*$", ""),
    "Vue.js": (r"\b(?:de|en|point de|une|la)\s*$", r"^\s*(?:d'|de\b|du\b|des\b|sur\b|d’)"),
    "Node.js": (r"\b(?:a|the|each|every|per|leaf|root|child|parent|master|worker|edge|single|one|multiple|"
                r"network|lymph|compute|storage)\s*$", r"^\s*(?:of\b|in the)"),
    "Flask": (r"\b(?:a|the|erlenmeyer|glass|volumetric|conical|round-bottom|thermos|hip)\s*$", ""),
    "Unity": ("", r"^\s*(?:of\b|among|between|and diversity|in diversity)"),
    "Windows": (r"\b(?:the|open|big|large|office|car|bay|time|maintenance|delivery|service|booking|"
                r"replacement|new)\s*$", r"^\s*(?:and doors|of opportunity|of time|cleaning)"),
    "Helm": (r"\bat the\s*$", r"^\s*of\b"),
    "Apache Maven": (r"\b(?:marketing|social media|sales|growth|content|tech|data|a|the)\s*$", ""),
    "Apache Spark": (r"\b(?:to|can|will|that|which|a|the)\s*$",
                     r"^\s*(?:joy|curiosity|interest|innovation|ideas|conversations?|change|creativity|plugs?)"),
    "Workday": (r"\b(?:a|the|your|our|each|every|typical|normal|regular|long|short|8-hour|flexible|full)\s*$",
                r"^\s*(?:schedule|hours|starts|ends|routine)\b"),
    "Slack": (r"\b(?:cut|some|any|no|pick up|the)\s*$", r"^\s*(?:time|off)\b"),
    "Notion": (r"\b(?:the|a|this|that|any|no)\s*$", r"^\s*(?:of|that)\b"),
    "Sketch": (r"\b(?:to|a|and|quickly|you|we|can)\s*$", r"^\s*(?:out|of|a|an|the|ideas?|concepts?)\b"),
    "Confluence": ("", r"^\s*of\b"),
    "Bootstrap": (r"\b(?:to|we|you|help)\s*$", r"^\s*(?:a|an|the|new|our|your)\b"),
    "Airflow": ("", r"^\s*(?:management|systems?|rate|resistance|sensors?|design)\b"),
    "Tableau": (r"\b(?:de|du|le|un)\s*$", r"^\s*(?:de\b|du\b|d')"),
    "Apex": (r"\b(?:the|at the)\s*$", r"^\s*(?:predator|of)\b"),
    "Oracle Database": (r"\b(?:an?|the)\s*$", ""),
    "Yarn": (r"\b(?:of|knitting|wool|cotton)\s*$", ""),
    "Jenkins": (r"\b(?:mr|ms|mrs|dr)\.?\s*$", ""),
    "Jest": (r"\bin\s*$", ""),
    "Snowflake": ("", r"^\s*(?:generation|effect)\b"),
}
_NEGATIVE_RX = {name: (re.compile(b, _I) if b else None, re.compile(a, _I) if a else None)
                for name, (b, a) in _NEGATIVE.items()}

# A word that names another skill among certain neighbours: "Zapier / Make / n8n" is Make.com.
_REDIRECT: dict[str, tuple[re.Pattern, str]] = {
    "Make": (re.compile(r"\b(?:zapier|n8n|integromat|workato|ifttt|power automate|tray\.io|clay)\b", _I), "Make.com"),
}

_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s|\n)[\s*+\-•#>\"'“(\[0-9.)]*$")
# List bullets as postings write them ("•", "▪", "➤", "☞", "✓", cp1252's "\x95"), and a short remark in
# brackets after the item ("Go (a little)", "Docker (basic)"); a bullet on the same line starts the next item.
_ITEM_BULLETS = "•·▪▫■□●○◦‣⁃►▶▸➤➢➔→⇒☞✓✔★☆◆◇\x95"
_BULLETS = "*+\\-" + _ITEM_BULLETS
_LINE_ONLY = re.compile(r"^[\s" + _BULLETS + r"#>\"'“(\[\]0-9.)`]*$")
_LINE_END_ONLY = re.compile(r"^[\s*.,;:!)\]`\"'”]*(?:\([^()\n]{1,30}\)[\s.,;:!]*)?(?:$|[" + _ITEM_BULLETS + r"]\s)")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
_WINDOW = 48


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def _title_or_caps_line(line: str) -> bool:
    words = _WORD.findall(line)
    if len(words) < 2:
        return False
    letters = "".join(words)
    if letters.isupper():
        return True
    small = {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "or", "at", "by", "&"}
    capitalised = [w for w in words if w.lower() not in small]
    return len(capitalised) >= 3 and sum(w[0].isupper() for w in capitalised) >= 0.8 * len(capitalised)


def _list_neighbour(text: str, start: int, end: int, neighbours: list[tuple[int, int]],
                    same_line: bool = False) -> bool:
    """Another skill next to this one in a list: "Python, Go or Rust", "(Java/Kotlin)"; with
    ``same_line``, only on the same line (a topic under a heading is not in the list below it)."""
    i = bisect.bisect_left(neighbours, (start, end))
    # A run of names with nothing but a space between them, a skill on either side: "Angular Ionic TypeScript",
    # "CSS AJAX jQuery" (a list whose commas were lost).
    if 0 < i < len(neighbours) and text[neighbours[i - 1][1]:start] == " " and text[end:neighbours[i][0]] == " ":
        return True
    if i > 0:
        pe = neighbours[i - 1][1]
        gap = text[pe:start]
        if pe <= start and start - pe <= 30 and _LIST_GAP.match(gap) and _GAP_SEPARATOR.search(gap) \
                and not (same_line and "\n" in gap):
            return True
    if i < len(neighbours):
        ns = neighbours[i][0]
        gap = text[end:ns]
        if ns >= end and ns - end <= 30 and _LIST_GAP.match(gap) and _GAP_SEPARATOR.search(gap) \
                and not (same_line and "\n" in gap):
            return True
    return False


def _names_a_role(skill: Skill, text: str, start: int, end: int) -> bool:
    """"UX designers", "our QA engineer", "mobile devices", "Product QA and Software Dev teams", "Application
    Developers and QA": the words around the hit make it a role, a team or a thing."""
    if skill.category not in _ROLE_AFTER_CATEGORIES:
        return False
    after = text[end:end + 60]
    if _PLURAL_ROLE_AFTER.match(after):
        return True
    # A role or team noun among the next five words, then the pattern that says how it joins the hit.
    if skill.name not in _WAYS_OF_WORKING \
            and any(w.strip(",/&+-.()").lower() in _ROLE_WORDS for w in after.replace("/", " ").split(None, 5)[:5]) \
            and _COLLEAGUES_AFTER.match(after):
        return True
    # The word before, over a list separator: "Application Developers and QA", "Engineers, QA".
    before = text[max(0, start - 40):start].rstrip(" ,/&\t")
    if before[-4:].lower() == " and" or before[-3:].lower() == " or":
        before = before[:before.rfind(" ")].rstrip(" ,/&\t")
    if before[before.rfind(" ") + 1:].lower() in _ROLES_BEFORE:
        return True
    return skill.category == "topic" and _TOPIC_ROLE_AFTER.match(after) is not None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): within its line, from the last ". " before to the next after."""
    ls, le = _line_bounds(text, start, end)
    s = max(text.rfind(". ", ls, start), text.rfind("? ", ls, start), text.rfind("! ", ls, start),
            text.rfind("; ", ls, start))
    s = ls if s < 0 else s + 2
    stops = [i for i in (text.find(". ", end, le), text.find("? ", end, le), text.find("! ", end, le),
                         text.find("; ", end, le)) if i >= 0]
    return s, (min(stops) if stops else le)


# The categories a rule besides the benefit one looks at: fields and methods (roles, company, disciplines), platforms
# (the employer's own app).
_NOT_ASKED_CATEGORIES = _ROLE_AFTER_CATEGORIES | {"platform"}


def _near(offsets: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(offsets, lo)
    return i < len(offsets) and offsets[i] <= hi


def _not_asked(skill: Skill, text: str, start: int, end: int, marks: list[list[int]] | None = None) -> bool:
    """The sentence names the skill but does not ask for it: a colleague team, a benefit, the company's
    business, a department's disciplines, the application's documents, the employer's own app (see the rules
    above).  `marks`: per rule, the offsets of its _NOT_ASKED_STEMS (None: every rule looks)."""
    lo, hi = start - _CLAUSE, end + _CLAUSE
    fields = skill.category in _ROLE_AFTER_CATEGORIES
    if marks is None:
        rules = [True] * len(_NOT_ASKED_STEMS)
    else:
        rules = [_near(marks[_BENEFIT_RULE], lo, hi),
                 fields and _near(marks[_COMPANY_RULE], lo, hi),
                 fields and _near(marks[_DISCIPLINE_RULE], lo, hi),
                 skill.category == "platform" and _near(marks[_APP_RULE], lo, hi)]
    if fields and _names_a_role(skill, text, start, end):
        return True
    if not (rules[_BENEFIT_RULE] or rules[_COMPANY_RULE] or rules[_DISCIPLINE_RULE] or rules[_APP_RULE]) \
            and skill.name not in _DOCUMENT_SKILLS:
        return False  # no word of the other rules near the hit
    s, e = _sentence_bounds(text, start, end)
    # The corpus of a long paragraph may run sentences together: the clause around the hit, not the paragraph.
    s, e = max(s, start - _CLAUSE), min(e, end + _CLAUSE)
    sentence = text[s:e]
    if rules[_BENEFIT_RULE] and _BENEFIT.search(sentence) and not _ASKED.search(sentence):
        return True
    if skill.name in _DOCUMENT_SKILLS and _APPLICATION_DOCUMENTS.search(sentence):
        return True
    if rules[_APP_RULE] and skill.category == "platform" and _PRODUCT_AVAILABLE.search(text, s, start):
        return True
    if skill.category in _ROLE_AFTER_CATEGORIES:
        if rules[_DISCIPLINE_RULE] and _DISCIPLINES_BEFORE.search(text[max(s, start - 60):start]):
            return True
        # The self-description comes before the field, or right after it ("cyber security scale ups").
        if rules[_COMPANY_RULE] and _COMPANY_SENTENCE.search(text[s:min(e, end + 24)]) \
                and not _ASKED.search(sentence) and not _YOU.search(sentence):
            return True
    return False


def _verdict(skill: Skill, text: str, start: int, end: int) -> bool | None:
    """True or False from the hit's own context; None when only a list neighbour can decide."""
    ls, le = _line_bounds(text, start, end)
    before = text[max(ls, start - _WINDOW):start]
    after = text[end:min(le, end + _WINDOW)]
    if skill.category == "topic":
        cue_before = _TOPIC_CUE_BEFORE.search(before.lower()) is not None
    else:
        cue_before = _CUE_BEFORE.search(before.lower()) is not None
    rules = _NEGATIVE_RX.get(skill.name)
    if rules:
        before_rx, after_rx = rules
        if before_rx is not None and before_rx.search(before):
            return False
        # "excel at" is the verb, but "experience in Excel at scale" is the tool; and in a list of skills
        # ("Django and/or React to get stuff done") a neighbour still decides.
        if after_rx is not None and not cue_before and after_rx.match(after):
            return None
    if cue_before or _CUE_AFTER.match(after):
        return True
    # A line that is only the skill: a list item ("* Rust"); for a topic not a heading ("#### Cloud").
    if _LINE_ONLY.match(text[ls:start]) and _LINE_END_ONLY.match(after) and \
            not (skill.category == "topic" and "#" in text[ls:start]):
        return True
    if skill.context == "strong" and start != ls and not _SENTENCE_START.search(before) \
            and not _title_or_caps_line(text[ls:le]):
        return True
    return None


# ---------------------------------------------------------------------------
# Finding

def _candidates(text: str) -> list[tuple[SkillMention, Skill, bool]]:
    return _scan(text)[0]


def _scan(text: str) -> tuple[list[tuple[SkillMention, Skill, bool]], list[int], list[list[int]]]:
    """Word-aligned hits, leftmost-longest, as (mention, skill, needs_context); the end offsets of
    nice-to-have stems; per _not_asked rule, the end offsets of its stems, in order."""
    if not text:
        return [], [], [[] for _ in _NOT_ASKED_STEMS]
    tax = _taxonomy()
    haystack = " " + _normalise(text) + " "
    exact = None
    hits = []
    stems = []
    marks: list[list[int]] = [[] for _ in _NOT_ASKED_STEMS]
    values = tax.values
    for pattern, _start, stop in find_all(tax.automaton, haystack):
        length, forms = values[pattern]
        end_index = stop - 1  # the key's last character
        if length < 0:
            if length == -1:
                stems.append(end_index - 1)
            else:
                marks[-2 - length].append(end_index - 1)
            continue
        # The key is " alias " or " alias.": the alias ends one character before end_index.
        end = end_index - 1  # index in `text` (haystack has one leading space)
        start = end - length
        chosen = None
        for form in forms:
            if not form.cased:
                chosen = (form.skill, False)
                break
        if chosen is None:
            if exact is None:
                exact = _normalise(text, lower=False)
            span = exact[start:end]
            for form in forms:
                if form.exact == span:
                    chosen = (form.skill, bool(form.skill.context))
                    break
        if chosen is None:
            continue
        if haystack[end_index] == "." and end + 1 < len(text) and text[end + 1].isalnum():
            continue  # "python.org", "Node.jsx"
        hits.append((start, -(end - start), end, chosen))
    hits.sort()
    out = []
    last_end = -1
    for start, _neg, end, (skill, needs_context) in hits:
        if start < last_end:
            continue
        # Non-ASCII letters are separators in the haystack; "Rustö" is not "Rust".
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@")) or \
                (end < len(text) and (text[end].isalnum() or text[end] == "_")):
            continue
        out.append((SkillMention(skill.name, skill.category, skill.tag, start, end), skill, needs_context))
        last_end = end
    return out, stems, marks


def find_skills(text: str) -> list[SkillMention]:
    """Every skill mention in `text`, in order, ambiguous words checked against their context."""
    return _find(text)[0]


def _find(text: str) -> tuple[list[SkillMention], list[int]]:
    candidates, stems, marks = _scan(text)
    if not candidates:
        return [], stems
    benefit = marks[_BENEFIT_RULE]
    kept = []
    for c in candidates:
        skill, mention = c[1], c[0]
        # Most hits are named technologies with no benefit word near them: no rule of _not_asked applies.
        if (skill.category in _NOT_ASKED_CATEGORIES or skill.name in _DOCUMENT_SKILLS
                or _near(benefit, mention.start - _CLAUSE, mention.end + _CLAUSE)) \
                and _not_asked(skill, text, mention.start, mention.end, marks):
            continue
        kept.append(c)
    candidates = kept
    sure = [(m.start, m.end) for m, _s, ctx in candidates if not ctx]
    accepted: dict[int, SkillMention] = {}
    pending = []
    for mention, skill, ctx in candidates:
        if not ctx:
            continue
        redirect = _REDIRECT.get(skill.name)
        if redirect and redirect[0].search(text, max(0, mention.start - 60), mention.end + 60):
            other = get_skill(redirect[1])
            if other is not None:
                accepted[mention.start] = mention._replace(name=other.name, category=other.category,
                                                           tag=other.tag)
                continue
        verdict = _verdict(skill, text, mention.start, mention.end)
        if verdict:
            accepted[mention.start] = mention
        elif verdict is None:
            pending.append(mention)
    # Two rounds: an accepted ambiguous word is evidence for its neighbour ("Go, Rust").
    for _round in range(2):
        if not pending:
            break
        neighbours = sorted(sure + [(m.start, m.end) for m in accepted.values()])
        still = [m for m in pending
                 if not _list_neighbour(text, m.start, m.end, neighbours, same_line=m.category == "topic")]
        for mention in pending:
            if mention not in still:
                accepted[mention.start] = mention
        if len(still) == len(pending):
            break
        pending = still
    found = [accepted.get(m.start, m) for m, _s, ctx in candidates if not ctx or m.start in accepted]
    return _with_vendors(text, found), stems


# A service named with its platform's name ("AWS Lambda", "Azure Functions", "GCP Pub/Sub") names the
# platform too: the text says "AWS".  Prefix (as written, then a space) -> the platform's canonical name.
_VENDOR_PREFIXES = {"AWS": "AWS", "Amazon Web Services": "AWS", "Azure": "Microsoft Azure",
                    "GCP": "Google Cloud", "Google Cloud": "Google Cloud"}
_VENDOR_PREFIX = re.compile(r"(?:" + "|".join(sorted(map(re.escape, _VENDOR_PREFIXES), key=len, reverse=True))
                            + r")(?= )")


# A distribution named with "Linux" ("Red Hat Linux", "Ubuntu Linux", "Embedded Linux") names Linux as well.


def _with_vendors(text: str, mentions: list[SkillMention]) -> list[SkillMention]:
    out = []
    for mention in mentions:
        m = _VENDOR_PREFIX.match(text, mention.start, mention.end)
        if m is not None and m.end() < mention.end:
            vendor = get_skill(_VENDOR_PREFIXES[m.group(0)])
            if vendor is not None and vendor.name != mention.name:
                out.append(SkillMention(vendor.name, vendor.category, vendor.tag, mention.start, m.end()))
        out.append(mention)
        if mention.end - mention.start > 6 and text[mention.end - 6:mention.end].lower() == " linux" \
                and mention.name != "Linux" and text[mention.end - 7].isalnum():
            linux = get_skill("Linux")
            if linux is not None:
                out.append(SkillMention(linux.name, linux.category, linux.tag, mention.end - 5, mention.end))
    return out


# ---------------------------------------------------------------------------
# Required vs nice-to-have

# Applied to lower-cased text, without re.I, and with one look-behind in front: every branch
# then starts with a plain literal, which the regex engine rejects in one comparison.
_NICE = re.compile(
    r"(?<!\w)(?:"
    r"nice[- ]to[- ]haves?\b|good[- ]to[- ]haves?\b|"
    r"bonus(?:\s+points?)?\b(?=\s*(?:if|:|\)|skills|qualifications|experience|$|–|-))|bonus points?\b|"
    r"as a bonus\b|a bonus\b|extra (?:credit|points?)\b|brownie points\b|plus points?\b|plus\s*:|"
    r"(?:an?|ein|een|un)\s+(?:(?:big|huge|great|definite|strong|added|real|major|extra|nice|additional|"
    r"clear|distinct|significant|großes|grosser|großer|groot|echte?|gros)\s+)?(?:plus|pluspunkt|voordeel|"
    r"atout|advantage|bonus)\b|"
    r"preferred\b|preferabl[ey]\b|ideally\b|desir(?:able|ed)\b|optional(?:ly)?\b|advantageous\b|"
    r"beneficial\b|would be (?:great|nice|awesome|appreciated|helpful|a bonus)\b|is helpful\b|"
    r"not (?:strictly )?(?:required|necessary|mandatory|a must|a requirement)\b|even better\b|"
    r"wünschenswert\b|von vorteil\b|vorteilhaft\b|pluspunkte?\b|idealerweise\b|gerne auch\b|"
    r"wäre (?:schön|toll|super|ideal)\b|bonuspunkte?\b|wenn du zusätzlich\b|"
    r"pré\b|pluspunt(?:en)?\b|bij voorkeur\b|wenselijk\b|strekt tot aanbeveling\b|"
    r"mooi meegenomen\b|is een plus\b|"
    r"idéalement\b|souhaitée?s?\b|appréciée?s?\b)"
    r"|^\W*plus\b"
)


def _nice(text: str) -> bool:
    return _NICE.search(text.lower()) is not None


_NICE_HEADING_ONLY = re.compile(r"^\W*(?:plus(?:es)?|bonus|extras?|optional|nice|preferred|"
                                r"wünschenswert|optioneel)\W*$", _I)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_MD_ITEM = re.compile(r"^(\s*)(?:[*+\-•]|\d+[.)]|\d+\\\.)\s+(.*)$")
_LABEL_MAX_WORDS = 10
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÄÖÜ\"'(*])")
_MD_LINK = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")


_ITEM_FIRST = frozenset("*+-•0123456789")
# Lines that may be headings (checked again by _block): "## ...", or bold text alone on a line.
# Matched after a newline, which the regex engine finds fast (see text._MD_LIST_MARK).
_HEADING_LINE = re.compile(r"\n(?:#{1,6}[ \t]|[ \t]*(?:\*\*|__).+(?:\*\*|__)[ \t]*:?[ \t]*$)", re.M)


class _Block(NamedTuple):
    start: int
    end: int
    kind: str  # "heading", "item", "para", "blank"
    level: int  # heading level (bold-only lines: 7), item indentation
    text: str


def _block(line: str, start: int) -> _Block:
    end = start + len(line)
    body = line.lstrip(" \t")
    first = body[:1]
    if not first or not body.strip():
        return _Block(start, end, "blank", 0, "")
    if first == "#" and (m := _MD_HEADING.match(line)):
        return _Block(start, end, "heading", len(m.group(1)), m.group(2))
    if first in "*_" and body[:2] in ("**", "__") and (m := _MD_BOLD_LINE.match(line)):
        return _Block(start, end, "heading", 7, m.group(1))
    if first in _ITEM_FIRST and (m := _MD_ITEM.match(line)):
        return _Block(start, end, "item", len(m.group(1).expandtabs(4)), m.group(2))
    return _Block(start, end, "para", len(line) - len(body), body.strip())


class _Lines:
    """The text's lines, classified on first use: most lines of a posting are never looked at."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.starts = line_starts(self.lines)
        self._cache: dict[int, _Block] = {}
        self._headings: list[int] | None = None
        self.text = text

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> _Block:
        block = self._cache.get(i)
        if block is None:
            block = self._cache[i] = _block(self.lines[i], self.starts[i])
        return block

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def next_heading(self, after: int, level: int) -> int:
        """Index of the first heading below line `after` of level <= `level`, else len(self)."""
        if self._headings is None:
            # In "\n" + text, the newline before a line stands at that line's offset in the text.
            self._headings = sorted({self.index(m.start()) for m in _HEADING_LINE.finditer("\n" + self.text)})
        for j in self._headings[bisect.bisect_right(self._headings, after):]:
            block = self[j]
            if block.kind == "heading" and block.level <= level:
                return j
        return len(self.lines)


_LABEL_FILLER = frozenset(
    "qualifications qualification skills skill experience requirements requirement if you have the following "
    "points point are is a an would be also any of these those things kenntnisse anforderungen erfahrung "
    "vaardigheden eisen en und and or oder".split())


def _is_label(text: str) -> bool:
    """A block that only announces what follows: "Nice to have:", "Bonus points", "Plus:"."""
    stripped = text.strip().strip("*_ ").rstrip()
    if len(stripped.split()) > _LABEL_MAX_WORDS:
        return False
    if not (_nice(stripped) or _NICE_HEADING_ONLY.match(stripped)):
        return False
    if stripped.endswith(":"):
        return True
    rest = re.findall(r"\w+", _NICE.sub(" ", stripped.lower()))
    return all(w.lower() in _LABEL_FILLER for w in rest)


def _nice_spans(text: str, stems: list[int] | None = None) -> list[tuple[int, int]]:
    """Character spans of `text` that are nice-to-have (`stems`: offsets of marker stems)."""
    if stems is None:
        stems = _scan(text)[1]
    if not stems:
        return []
    blocks = _Lines(text)
    spans: list[tuple[int, int]] = []
    n = len(blocks)
    covered = -1
    for i in sorted({blocks.index(pos) for pos in stems}):
        if i <= covered:
            continue
        b = blocks[i]
        if b.kind == "heading" and (_nice(b.text) or _NICE_HEADING_ONLY.match(b.text)):
            j = blocks.next_heading(i, b.level)
            spans.append((b.start, blocks[j - 1].end))
        elif b.kind in ("item", "para") and _is_label(b.text):
            j = i + 1
            if b.kind == "item":
                # Nested items (deeper indentation) belong to it; with none, the siblings that follow.
                nested = j < n and blocks[j].kind == "item" and blocks[j].level > b.level
                while j < n:
                    nb = blocks[j]
                    if nb.kind == "heading":
                        break
                    if nb.kind == "blank":
                        k = j + 1
                        while k < n and blocks[k].kind == "blank":
                            k += 1
                        if k < n and (blocks[k].kind == "item" or (blocks[k].kind == "para"
                                                                 and blocks[k].level > b.level)):
                            j = k
                            continue
                        break
                    if nested and nb.level <= b.level and nb.kind == "item":
                        break
                    if nb.kind == "para" and nb.level <= b.level:
                        break
                    j += 1
            else:
                # A label paragraph covers the block right below it: a list (over blank lines
                # between items) or, in plain text, the lines up to the next blank line.
                seen_content = False
                while j < n:
                    nb = blocks[j]
                    if nb.kind == "heading" or (nb.kind == "para" and _is_label(nb.text)):
                        break
                    if nb.kind == "blank":
                        k = j + 1
                        while k < n and blocks[k].kind == "blank":
                            k += 1
                        if not seen_content and k < n and blocks[k].kind in ("item", "para"):
                            j = k
                            continue
                        if k < n and blocks[k].kind == "item" and blocks[j - 1].kind == "item":
                            j = k
                            continue
                        break
                    seen_content = True
                    j += 1
            spans.append((b.start, blocks[j - 1].end if j > i + 1 else b.end))
            if b.kind == "para":
                covered = j - 1
            continue
        elif b.kind in ("item", "para", "heading"):
            line_text = text[b.start:b.end]
            if _nice(line_text):
                offset = b.start
                for sentence in _split_sentences(line_text):
                    if _nice(sentence[2]):
                        spans.append((offset + sentence[0], offset + sentence[1]))
    return spans


def _split_sentences(line: str) -> list[tuple[int, int, str]]:
    out = []
    last = 0
    for m in _SENTENCE_SPLIT.finditer(line):
        out.append((last, m.start(), line[last:m.start()]))
        last = m.end()
    out.append((last, len(line), line[last:]))
    return out


def _blank_link_targets(markdown: str) -> str:
    """Link and image targets become spaces (same length), so URLs never name skills."""
    if "](" not in markdown:
        return markdown
    return _MD_LINK.sub(lambda m: "]" + " " * (len(m.group(0)) - 1), markdown)


def _company_skills(exclude: Iterable[str]) -> set[str]:
    names = set()
    for value in exclude:
        if value:
            names.update(m.name for m, _s, _c in _candidates(value))
    return names


def extract_skills(text: str, exclude: Iterable[str] = ()) -> dict[str, list[str]]:
    """{"required": [...], "niceToHave": [...]}: canonical names in order of first appearance.

    `text` is the posting's Markdown body (headings, list items with their indentation) or
    plain text with one block per line.  A skill named both as required and as nice-to-have
    is required.  `exclude`: names (e.g. the hiring company's) whose skills are left out, so
    that "Databricks" is not a requirement of every Databricks posting.
    """
    if not text or not text.strip():
        return {"required": [], "niceToHave": []}
    text = _blank_link_targets(text)
    mentions, stems = _find(text)
    if not mentions:
        return {"required": [], "niceToHave": []}
    skip = _company_skills(exclude)
    spans = sorted(_nice_spans(text, stems))
    starts = [s for s, _e in spans]
    required: dict[str, None] = {}
    nice: dict[str, None] = {}
    for mention in mentions:
        if mention.name in skip:
            continue
        i = bisect.bisect_right(starts, mention.start)
        is_nice = any(s <= mention.start < e for s, e in spans[:i])
        (nice if is_nice else required).setdefault(mention.name, None)
    return {"required": list(required), "niceToHave": [n for n in nice if n not in required]}
