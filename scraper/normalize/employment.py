"""Employment type: source codes and phrases to schema.org values, and the seed's jobType."""

from __future__ import annotations

import re

from .clauses import lower_pattern, prepare
from .regions import location_labels

EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM",
                    "OTHER")

# Ordered: the first pattern that matches wins, so the more specific ones come first
# ("fulltime_fixed_term" is full time; "Werkstudent" is part-time, not an internship).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (value, re.compile(pattern, re.I)) for value, pattern in (
        ("PART_TIME", r"\b(?:werkstudent(?:in)?|working student)\b"),
        ("INTERN", r"\b(?:intern(?:ship)?s?|praktik(?:um|ant)|stage|stagiair|trainee|apprentice(?:ship)?|"
                   r"ausbildung|azubi|co-?op)\b"),
        ("VOLUNTEER", r"\b(?:volunteer|ehrenamt(?:lich)?|vrijwillig(?:er)?)\b"),
        ("PER_DIEM", r"\bper[ _-]?diem\b"),
        ("CONTRACTOR", r"\b(?:contract(?:or)?|freelance(?:r)?|freiberuflich|zzp|consultant contract|"
                       r"independent contractor|b2b)\b"),
        ("TEMPORARY", r"\b(?:temporary|temp|seasonal|befristet|tijdelijk|fixed[ _-]?term|interim|aushilfe|"
                      r"minijob|bijbaan|vikariat|visstid\w*|säsong\w*)\b"),
        # Swedish, Norwegian and Danish: deltid, heltid, fuldtid.
        ("PART_TIME", r"\b(?:part[ _-]?time|parttime|teilzeit|deeltijd|deltid)\b"),
        ("FULL_TIME", r"\b(?:full[ _-]?time|fulltime|vollzeit|voltijd|permanent|festanstellung|unbefristet|"
                      r"regular|salaried|heltid|fuldtid)\b"),
        ("OTHER", r"\b(?:other|annat)\b"),
    )
)
# Codes where the fixed-term qualifier must not outrank the hours.
_DIRECT = {
    "fulltime_fixed_term": "FULL_TIME", "fulltime_permanent": "FULL_TIME", "fulltime": "FULL_TIME",
    "parttime_fixed_term": "PART_TIME", "parttime_permanent": "PART_TIME", "parttime": "PART_TIME",
    "full_time": "FULL_TIME", "part_time": "PART_TIME", "full-time": "FULL_TIME", "part-time": "PART_TIME",
    "contract": "CONTRACTOR", "contractor": "CONTRACTOR", "freelance": "CONTRACTOR",
    "internship": "INTERN", "intern": "INTERN", "temporary": "TEMPORARY", "volunteer": "VOLUNTEER",
    "per_diem": "PER_DIEM", "other": "OTHER",
    # Workable's v2/v3 job `type`
    "full": "FULL_TIME", "part": "PART_TIME",
    # Rippling's employmentType.label ("salaried" alone would read SALARIED_PT as full time)
    "salaried_ft": "FULL_TIME", "salaried_pt": "PART_TIME", "hourly_ft": "FULL_TIME", "hourly_pt": "PART_TIME",
}
JOB_TYPES = {
    "FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract", "TEMPORARY": "temporary",
    "INTERN": "internship", "VOLUNTEER": "volunteer", "PER_DIEM": "per-diem", "OTHER": "other",
}


def normalize_employment_type(raw: object) -> str:
    """schema.org employmentType for a source value, "" when it says nothing we know."""
    if raw is None:
        return ""
    if isinstance(raw, (list, tuple)):
        for value in raw:
            found = normalize_employment_type(value)
            if found:
                return found
        return ""
    text = str(raw).strip()
    if not text:
        return ""
    key = text.lower().replace(" ", "_")
    if key in _DIRECT:
        return _DIRECT[key]
    if text.upper() in EMPLOYMENT_TYPES:
        return text.upper()
    for value, pattern in _PATTERNS:
        if pattern.search(text.replace("_", " ")):
            return value
    return ""


def job_type(employment_type: str) -> str:
    """The seed's jobType: its vocabulary for an employment type, "other" when unknown (as in the seed)."""
    return JOB_TYPES.get(employment_type, "other")


# ---------------------------------------------------------------------------
# Employment type from a posting's title and text
#
# The title decides when it names a type ("Werkstudent:in ...", "Praktikum ...", "(Contract)",
# "Teilzeit"); then the text, where a kind of engagement (internship, working student,
# freelance/contract, fixed-term/temporary) outranks hours, and among hours the first stated
# wins ("Vollzeit oder Teilzeit" is FULL_TIME).  Weekly hours count as hours: 35 or more is
# FULL_TIME, 30 or less PART_TIME, a range spanning both says nothing.
# A working student (Werkstudent) is a part-time employee, not an intern: PART_TIME.
# "Contract" alone is too common to count ("employment contract", "Contract Manager"); it counts
# as "contract role/position/basis", "x-month contract" (TEMPORARY: fixed term) or "(Contract)"
# in a title.

_TITLE_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (value, re.compile(pattern, re.I)) for value, pattern in (
        ("PART_TIME", r"\bwerkstudent|\bworking student\b|\bstudentische\w* (?:hilfskraft|aushilfe)|"
                      r"\bminijob\b|"
                      r"\bbijbaan\b|\bpart[ -]?time\b|\bteilzeit\b|\bdeeltijd\b"),
        ("INTERN", r"\b(?:intern|internship|praktikant(?:in)?|praktikum|pflichtpraktikum|stagiair[e]?|"
                   r"afstudeerstage|meewerkstage|apprentice(?:ship)?|azubi|auszubildende\w*|ausbildung)\b|"
                   r"^stage\b|\(stage\)"),
        ("CONTRACTOR", r"\b(?:freelance(?:r)?|freiberufler(?:in)?|freiberuflich|zzp(?:'er)?|contractor|"
                       r"1099)\b|\((?:[\w ]+ )?contract\)|[-–|]\s*contract\s*$|\bcontract[- ]to[- ]hire\b"),
        ("TEMPORARY", r"\b(?:temporary|temp|seasonal|befristet|tijdelijk|fixed[- ]term|aushilfe|saisonkraft|"
                      r"vakantiewerk|ferienjob|interim)\b"),
        ("VOLUNTEER", r"\b(?:volunteer|ehrenamt(?:lich)?|vrijwilliger)\b"),
        ("FULL_TIME", r"\b(?:full[ -]?time|vollzeit|voltijd|fulltime)\b"),
    )
)
# A location label ("Remote-Brazil (contractor)", "Berlin, Germany - Part-time", "Remote | Freelance"): the source's
# location, or a location line of the text (regions.location_labels).  Only a term in brackets or after a
# separator counts, as the label's other words are places.
_LABEL_TERM = r"(?:\(\s*(?:{t})\s*\)|(?:^|[-–—|,/;]\s*)(?:{t})\s*(?:$|[-–—|,/;(]))"
_LABEL_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (value, re.compile(_LABEL_TERM.format(t=terms), re.I)) for value, terms in (
        ("PART_TIME", r"part[- ]?time|teilzeit|deeltijd|werkstudent(?:in)?|working student"),
        ("INTERN", r"intern(?:ship)?|praktikum|stage|apprenticeship"),
        ("CONTRACTOR", r"contract(?:or)?|freelance(?:r)?|freiberuflich|b2b|zzp|1099"),
        ("TEMPORARY", r"temporary|temp|fixed[- ]term|befristet|tijdelijk|seasonal"),
        ("FULL_TIME", r"full[- ]?time|vollzeit|voltijd|permanent"),
    )
)


def _label_type(label: str) -> str:
    for value, pattern in _LABEL_TYPES:
        if pattern.search(label):
            return value
    return ""


# Compiled for lower-case text (see clauses.lower_pattern).  Each with the substrings it cannot match
# without: a pattern runs only when its excerpt holds one, as most hold none.
_TEXT_KINDS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (value, needs, lower_pattern(pattern)) for value, needs, pattern in (
        ("PART_TIME", ("werkstudent", "working student", "studentische", "minijob", "520", "geringfüg", "bijbaan"),
                      r"\b(?:werkstudent\w*|working student|studentische\w* (?:hilfskraft|aushilfe)|minijob|"
                      r"520[- ]?euro[- ]?(?:job|basis)|geringfügig\w*|bijbaan)\b"),
        ("INTERN", ("intern", "praktik", "stage", "stagiair", "apprenticeship", "ausbildung zu"),
                   r"\b(?:internship|(?:paid|unpaid|summer|winter|spring|fall) intern(?:ship)?|"
                   r"this (?:is an? )?intern(?:ship)? (?:role|position)|praktikum|pflichtpraktikum|"
                   r"praktikant(?:in)?|stageplaats|afstudeerstage|meewerkstage|stagiair[e]?|stage lopen|"
                   r"apprenticeship|ausbildung zum|ausbildung zur)\b"),
        ("CONTRACTOR", ("freelance", "freiberuf", "zzp", "contract"),
                       r"\b(?:freelance(?:r|rs)?|freiberufler\w*|freiberuflich\w*|auf freiberuflicher basis|"
                       r"zzp(?:'er)?|independent contractor|contractor (?:role|position|basis)|"
                       r"(?:this is a |on a )?contract (?:role|position|basis|assignment|engagement)|"
                       r"b2b contract|1099 contract|contract[- ]to[- ]hire)\b"),
        ("TEMPORARY", ("month", "monat", "maanden", "fixed", "temporary", "seasonal", "befrist", "tijdelijk",
                       "vertretung", "cover", "zwangerschapsvervanging"),
                      r"\b(?:(?:\d+|six|twelve|three|nine)[- ](?:month|monate?|maanden)[- ]?"
                      r"(?:contract|vertrag|befristung|fixed[- ]term|assignment)|"
                      r"fixed[- ]term (?:contract|role|position|employment)|"
                      r"(?:temporary|seasonal) (?:role|position|job|contract|employment|assignment|basis)|"
                      r"(?<!un)befristet\w* (?:auf|für|bis)|"
                      r"befristete\w* (?:stelle|anstellung|vertrag|position)|"
                      r"tijdelijk\w* (?:contract|functie|baan)|elternzeitvertretung|mutterschutzvertretung|"
                      r"maternity cover|parental leave cover|zwangerschapsvervanging)\b"),
        ("VOLUNTEER", ("volunteer", "ehrenamtlich", "vrijwilligerswerk"),
                      r"\b(?:volunteer (?:role|position|opportunity)|unpaid volunteer|"
                      r"ehrenamtlich\w* (?:tätigkeit|"
                      r"mitarbeit)|vrijwilligerswerk)\b"),
    )
)
_TEXT_HOURS = lower_pattern(
    r"\b(?P<full>full[ -]?time|vollzeit|voltijd|fulltime)\b|"
    r"\b(?P<part>part[ -]?time|teilzeit|deeltijd|parttime)\b|"
    r"\b(?P<hours>\d{1,2})(?:\s*(?:-|–|tot|bis|to)\s*(?P<hours2>\d{1,2}))?\s*(?:hours?|uur|stunden|std\.?|h)\s*"
    r"(?:per|pro|a|/|in de|in der|p\.?)\s*(?:week|woche|wk)\b",
    re.I,
)
# "full-time experience", "part-time MBA": not this job's hours.  "Benefits for all full-time
# employees" does count: postings say so of the role they advertise (as the evaluation labels do).
_HOURS_NOT_ABOUT_JOB = re.compile(
    r"(?:[\s-]+[\w'’-]+){0,3}?[\s-]+(?:experience|equivalent|students?|mba|studies|study|studium|degree|"
    r"programs?|jobs? elsewhere)\b",
    re.I,
)
_NEGATED = re.compile(r"(?:\bnot|n['’]t)\b[^.\n]{0,20}$", re.I)
_HOUR_CONTEXT_NOT = re.compile(r"(?:o\.?b\.?v\.?|op basis van|basierend auf|based on|gebaseerd op|bei)\s*$",
                               re.I)


def _hours_type(text: str) -> str:
    for m in _TEXT_HOURS.finditer(text):
        if (m.group("full") or m.group("part")) and (
                _HOURS_NOT_ABOUT_JOB.match(text, m.end(), m.end() + 50)
                or _NEGATED.search(text, max(0, m.start() - 30), m.start())):
            continue
        if m.group("full"):
            return "FULL_TIME"
        if m.group("part"):
            return "PART_TIME"
        # "o.b.v. 38 uur per week" states the basis of a salary, not the job's hours.
        if _HOUR_CONTEXT_NOT.search(text, max(0, m.start() - 25), m.start()):
            continue
        low = int(m.group("hours"))
        high = int(m.group("hours2")) if m.group("hours2") else low
        if low < 8 or high > 60:
            continue
        if low >= 35:
            return "FULL_TIME"
        if high <= 30:
            return "PART_TIME"
    return ""


# Substrings the text patterns cannot match without.
# Each starts a word (see clauses.Prepared); compounds are listed whole ("Pflichtpraktikum").
_TEXT_ANCHORS = ("werkstudent", "working student", "studentische", "minijob", "geringfüg", "bijbaan",
                 "intern", "praktik", "pflichtpraktik", "stage", "afstudeerstage", "meewerkstage", "stagiair",
                 "apprentice", "ausbildung", "freelance", "freiberuf", "zzp", "contract", "1099", "month",
                 "monat", "maanden",
                 "fixed", "temporar", "seasonal", "befrist", "tijdelijk", "elternzeitvertretung",
                 "mutterschutzvertretung", "cover", "zwangerschapsvervanging", "volunteer", "ehrenamt",
                 "vrijwillig",
                 "full-time", "full time", "fulltime", "part-time", "part time", "parttime", "vollzeit",
                 "teilzeit", "voltijd", "deeltijd", "week", "woche")


def extract_employment_type(text: str, title: str = "", location: str = "") -> str:
    """schema.org employmentType (FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER) stated
    by the title, a location label (the source's `location`, or a location line of the text such as
    "Remote-Brazil (contractor)") or the text, "" when none says."""
    if title:
        for value, pattern in _TITLE_TYPES:
            if pattern.search(title):
                return value
    if location and (found := _label_type(location)):
        return found
    if not text:
        return ""
    for label in location_labels(text):
        if found := _label_type(label):
            return found
    text = prepare(text).lower_excerpt(_TEXT_ANCHORS)
    if not text:
        return ""
    for value, needs, pattern in _TEXT_KINDS:
        if any(need in text for need in needs) and pattern.search(text):
            return value
    return _hours_type(text)
