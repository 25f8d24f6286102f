"""Seniority levels from the codes and labels sources give."""

from __future__ import annotations

import re

from .clauses import lower_pattern, prepare
from .experience import extract_experience_years

SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", "executive")

_CODES = {
    # Recruitee experience_code values
    "student_college": "intern", "student_high_school": "intern", "internship": "intern",
    "entry_level": "junior", "mid_level": "mid", "experienced": "senior", "manager": "manager",
    "executive": "executive", "senior_executive": "executive",
    # LinkedIn-style levels used by several ATS
    "associate": "junior", "mid_senior_level": "senior", "mid-senior level": "senior", "director": "director",
    "entry level": "junior", "mid level": "mid", "not_applicable": "",
    # Personio seniority values (besides entry-level, experienced, executive above)
    "student": "intern",
    # Jobylon's Swedish experience labels ("Erfaren" and "Inget krav" name no level of ours)
    "ingångsnivå": "junior", "mycket erfaren": "senior",
}
_WORDS = re.compile(
    r"\b(?P<intern>intern(?:ship)?|praktikant(?:in)?|werkstudent(?:in)?|trainee|apprentice|stagiair)\b|"
    r"\b(?P<executive>chief|c[etfo]o|vp|vice president|head of|executive)\b|"
    r"\b(?P<director>director|direktor(?:in)?)\b|"
    r"\b(?P<principal>principal|staff|distinguished)\b|"
    r"\b(?P<lead>lead|tech lead|team lead|teamleiter(?:in)?|leiter(?:in)?)\b|"
    r"\b(?P<manager>manager)\b|"
    r"\b(?P<senior>senior|sr\.?)\b|"
    r"\b(?P<junior>junior|jr\.?|entry[- ]level|graduate|einsteiger)\b|"
    r"\b(?P<mid>mid[- ]?level|intermediate|medior)\b",
    re.I,
)


def normalize_seniority(raw: object) -> str:
    """A seniority level for a source code or label ("entry_level", "Mid-Senior level"), "" if unknown."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if not text:
        return ""
    key = text.lower()
    if key in _CODES:
        return _CODES[key]
    if key in SENIORITY_LEVELS:
        return key
    m = _WORDS.search(text)
    return m.lastgroup or "" if m else ""


# ---------------------------------------------------------------------------
# Seniority from a posting's title and text
#
# Order of evidence (the first that gives a level wins):
# 1. the title: intern > executive > director > people manager > principal > lead > senior/mid/junior;
#    when a title names several of junior, mid and senior ("Junior/Mid", "Mid-Senior") the
#    lowest wins, since the posting is open to it;
# 2. a title with an individual-contributor "Manager" (see below) whose text describes managing
#    people ("direct reports", "manage a team of", "Personalverantwortung") -> manager;
# 3. the source's own level (``raw``, through ``normalize_seniority``);
# 4. the text: the level of the role being hired ("we are looking for enthusiastic junior
#    software engineers", "this is a senior position", "entry-level", "Berufseinsteiger");
# 5. only when asked (``years_fallback=True``), a weak fallback on the years asked for: 0-1 ->
#    junior, 2-4 -> mid, 5+ -> senior (the usual bands of engineering and business career
#    ladders).  Off by default: the evaluation set's labels (tests/eval) take a level only from
#    words, and "5+ years" in a posting without a level word often means a senior role and as
#    often does not.  Lead, principal, manager and up are roles, not tenure: years never give them.
#
# Titles naming alternatives ("Senior / Staff", "Junior/Mid", "Mid-Senior") get the lower level,
# since the posting is open to it; "Engineer I/II/III" are junior/mid/mid and IV and up senior
# (ladders differ; III is most often the step before senior).  "Account Director" and "Art
# Director" are titles of individual contributors, not director level.
#
# "Manager": most "... Manager" titles are individual contributors (Customer Success, Account,
# Product, Project, Program, Marketing, Office, Community Manager).  A title gives the level
# "manager" only when it names people management: Engineering/Development/Team/Store/General/...
# Manager, a title that starts with "Manager" ("Manager, Solutions Engineering", "Senior
# Manager of Sales"; not "Account Manager, DACH"), or German/Dutch equivalents (Filialleiter,
# Marktleiter, Leidinggevende).
# "Staff" counts as principal only before an engineering/science role ("Staff Software
# Engineer", not "Staff Accountant").  "Head of" is director; "Executive" alone never is
# executive ("Account Executive", "Executive Assistant").

_T = re.I
_TITLE_NOISE = re.compile(r"\((?:[mwfdxhi]\s*[/|,*]\s*){1,3}[mwfdxhi]\)|\((?:all genders?|alle)\)", re.I)
_INTERN = re.compile(
    r"\b(?:intern|internship|interns|praktikant(?:in)?|praktikum|pflichtpraktikum|"
    r"working student|studentische[rn]? (?:hilfskraft|aushilfe)|student assistant|stagiair[e]?|"
    r"afstudeerstage|meewerkstage|afstudeerder|apprentice(?:ship)?|azubi|auszubildende[rnm]?|ausbildung)\b"
    r"|\bwerkstudent|^stage\b|\(stage\)",
    _T,
)
_EXECUTIVE = re.compile(
    r"\b(?:chief\b|c[etfoimpr]o\b|ciso\b|chro\b|cdo\b|cco\b|s?vp\b|evp\b|vice[- ]president|president\b|"
    r"managing director|executive director|geschäftsführer(?:in)?|gesch[äa]ftsf[üu]hrung|vorstand|"
    r"co-?founder|algemeen directeur|directeur-generaal)",
    _T,
)
_DIRECTOR = re.compile(
    r"(?<!\bart )(?<!\baccount )\b(?:director|direktor(?:in)?|directeur|directrice|"
    r"head\b(?!\s*(?:hunter|count|quarters))|"
    r"bereichsleiter(?:in)?|abteilungsleiter(?:in)?|leiter(?:in)?\b|leitung\b|hoofd\b)",
    _T,
)
_PEOPLE_MANAGER = re.compile(
    r"\b(?:engineering|development|software|team|people|store|branch|shop|restaurant|general|"
    r"department|site|plant|hiring|delivery|group|area|regional|district|line)[- ]manager|"
    r"^(?:senior |sr\.? |group |associate )?manager\b|"
    r"\b(?:filialleiter(?:in)?|marktleiter(?:in)?|storemanager|filiaalmanager|bedrijfsleider|"
    r"leidinggevende|vestigingsmanager|teammanager|führungskraft)",
    _T,
)
_ANY_MANAGER = re.compile(r"manager(?:in)?\b", _T)
_PRINCIPAL = re.compile(
    r"\b(?:principal|distinguished)\b|\bstaff\s+(?:[\w/+-]+\s+){0,2}?(?:engineer|developer|scientist|"
    r"architect|designer|researcher|analyst|sre|swe|product|data|software|security|ml|machine)",
    _T,
)
_LEAD = re.compile(
    r"\b(?:lead\b(?!\s*gen)|tech[- ]?lead|team[- ]?lead(?:er)?|teamleiter(?:in)?|teamleider|"
    r"teamleitung|leading\s+(?:engineer|developer))",
    _T,
)
_SENIOR = re.compile(r"\b(?:senior|sr\.?|snr|sénior)(?![\w])|"
                     r"\b(?:engineer|developer|analyst|scientist)\s+(?:iv|v|vi)\b", _T)
_MID = re.compile(
    r"\b(?:mid[- ]?level|mid[- /]senior|mid\b|medior|intermediate|"
    r"(?:engineer|developer|analyst|scientist)\s+iii?)\b",
    _T,
)
_JUNIOR = re.compile(
    r"\b(?:junior|jr\.?(?![\w])|entry[- ]level|graduate|new grad|grad\b|berufseinsteiger(?:in)?|"
    r"einsteiger(?:in)?|absolvent(?:in)?|trainee|starter|young professional|"
    r"(?:engineer|developer|analyst|scientist)\s+i\b(?!\s*i))",
    _T,
)
_PEOPLE_MANAGEMENT_TEXT = lower_pattern(
    r"\b(?:direct reports|manage (?:a|the|your) team|managing a team|lead (?:a|the) team of|"
    r"people (?:management|leadership|manager)|line management|"
    r"(?:hire|hiring),? (?:and )?(?:coach|develop|grow)|"
    r"build(?:ing)? and lead(?:ing)? (?:a|the) team|personalverantwortung|disziplinarische\w* führung|"
    r"führungsverantwortung|leiding geven|leidinggeven|geef je leiding)",
    _T,
)
_LEVEL_WORD = (r"(?P<level>junior|senior|entry[- ]level|mid[- ]level|medior|principal|staff|lead|"
               r"graduate|intern|werkstudent(?:in)?|berufseinsteiger(?:in)?|starter)")
_HIRING = lower_pattern(
    r"\b(?:looking for|searching for|seeking|seeks|searches for|hiring|recruiting|we need|"
    r"join (?:us|our [\w-]+(?: [\w-]+)?) as|(?:you will|you'll) join as|as an?|as our|this is an?|"
    r"wir suchen|suchen wir|zoeken wij|wij zoeken|we zoeken|"
    r"nous recherchons)\s+(?:(?:an?|one|two|three|several|multiple|\d+|eine?n?|een|enthusiastic|motivated|"
    r"talented|passionate|experienced|skilled|driven|ambitious|curious|new|highly|strong|dedicated|"
    r"motivierte[nr]?|engagierte[nr]?|erfahrene[nr]?|enthousiaste|gedreven|ervaren|(?:\(?[mwfd]/[mwfd]/[mwfd]\)?)|"
    r"[a-z]+-[a-z]+)\s+){0,3}"
    + _LEVEL_WORD + r"\b",
    _T,
)
_LEVEL_ROLE = lower_pattern(
    _LEVEL_WORD + r"[- ](?:level\s+)?(?:role|position|opportunity|stelle|position|functie|rol|vacature)\b"
    r"|\b(?P<entry>entry[- ]level|einstiegsposition|berufseinsteiger(?:in)?|starters?functie|"
    r"graduate (?:program(?:me)?|scheme|role|position)|"
    r"no (?:prior )?experience (?:is )?(?:required|needed))\b",
    _T,
)
_WORD_LEVELS = {
    "junior": "junior", "entry-level": "junior", "entry level": "junior", "graduate": "junior",
    "berufseinsteiger": "junior", "berufseinsteigerin": "junior", "starter": "junior",
    "senior": "senior", "mid-level": "mid", "mid level": "mid", "medior": "mid",
    "principal": "principal", "staff": "principal", "lead": "lead",
    "intern": "intern", "werkstudent": "intern", "werkstudentin": "intern",
}


_ALTERNATIVES = re.compile(
    r"\b(junior|jr\.?|mid|medior|senior|sr\.?|staff|principal)\s*(?:/|\bor\b|-|–)\s*"
    r"(junior|jr\.?|mid|medior|senior|sr\.?|staff|principal)\b", _T)
_ALTERNATIVE_LEVELS = {"junior": "junior", "jr": "junior", "jr.": "junior", "mid": "mid", "medior": "mid",
                       "senior": "senior", "sr": "senior", "sr.": "senior", "staff": "principal",
                       "principal": "principal"}
_ORDER = {level: rank for rank, level in enumerate(SENIORITY_LEVELS)}


def _title_level(title: str) -> str:
    title = _TITLE_NOISE.sub(" ", title)
    m = _ALTERNATIVES.search(title)
    if m and not _INTERN.search(title) and not _EXECUTIVE.search(title) and not _DIRECTOR.search(title):
        levels = [_ALTERNATIVE_LEVELS[g.lower()] for g in m.groups()]
        return min(levels, key=_ORDER.__getitem__)
    if _INTERN.search(title):
        return "intern"
    if _EXECUTIVE.search(title):
        return "executive"
    if _DIRECTOR.search(title):
        return "director"
    if _PEOPLE_MANAGER.search(title):
        return "manager"
    if _PRINCIPAL.search(title):
        return "principal"
    if _LEAD.search(title):
        return "lead"
    for level, pattern in (("junior", _JUNIOR), ("mid", _MID), ("senior", _SENIOR)):
        if pattern.search(title):
            return level
    return ""


# Substrings the text patterns cannot match without.
# Each starts a word (see clauses.Prepared).
_LEVEL_ANCHORS = ("junior", "senior", "entry", "mid-level", "mid level", "medior", "principal", "staff",
                  "lead", "graduate", "intern", "werkstudent", "einsteiger", "berufseinsteiger", "starter",
                  "einstiegs",
                  "no prior experience",
                  "no experience")
_PEOPLE_ANCHORS = ("direct report", "manage a team", "manage the team", "manage your team", "managing a team",
                   "team of", "people manage", "people leader", "line manage", "hire", "hiring",
                   "build and lead",
                   "building and leading", "personalverantwortung", "führung", "personalführung", "leiding",
                   "geef je leiding")


def _text_level(text: str) -> str:
    text = prepare(text).lower_excerpt(_LEVEL_ANCHORS)
    if not text:
        return ""
    m = _HIRING.search(text)
    if m:
        return _WORD_LEVELS.get(m.group("level").lower().replace("-", " ").replace("  ", " "),
                                _WORD_LEVELS.get(m.group("level").lower(), ""))
    m = _LEVEL_ROLE.search(text)
    if m:
        if m.group("entry"):
            return "junior"
        return _WORD_LEVELS.get(m.group("level").lower(), "")
    return ""


def _years_level(text: str) -> str:
    low = extract_experience_years(text)["min"]
    if low is None:
        return ""
    if low <= 1:
        return "junior"
    if low <= 4:
        return "mid"
    return "senior"


def extract_seniority(title: str, text: str, raw: object = "", years_fallback: bool = False) -> str:
    """One of SENIORITY_LEVELS or "": from the title, then ``raw`` (the source's level), then the
    text, and with ``years_fallback`` last the years of experience asked for.  The order and the
    "manager" rule are described above."""
    title = title or ""
    text = text or ""
    level = _title_level(title)
    if level:
        return level
    if _ANY_MANAGER.search(title) and _PEOPLE_MANAGEMENT_TEXT.search(
            prepare(text).lower_excerpt(_PEOPLE_ANCHORS)):
        return "manager"
    level = normalize_seniority(raw) if raw else ""
    if level:
        return level
    return _text_level(text) or (_years_level(text) if years_fallback else "")
