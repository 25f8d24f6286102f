"""Where applicants may live or work from: ISO 3166-1 alpha-2 codes and region codes.

Region codes and their members (``REGIONS``) are a module table; ``region_members`` expands a
code.  ``extract_applicant_regions`` reads them from a posting:
- the title and the source's location, where a place stands next to "remote" ("Remote (EU)",
  "Remote - Germany", "US/Canada (Remote)", "EMEA"); a location made only of region names
  ("Europe", "EMEA") counts on its own, a country or city alone does not (it is where the office
  is, which ``locations`` holds);
- the text, where the candidate is told where to be: "based in the EU", "only accepting
  applicants that are based in the EU", "must be located in Germany", "anywhere in Europe",
  "EU only", "remote within the EEA", "right to work in the UK", "Wohnsitz in Deutschland",
  "woonachtig in Nederland".

Decisions:
- Time zones ("CET ±2 hours", "overlap with EST") are working hours, not places: never mapped.
- "Worldwide"/"anywhere" without a place gives no code: an empty list means "not stated".
- Places are reported as written: a region code stays a code ("Remote (EU)" -> ["EU"]), named
  countries become their codes ("US/Canada" -> ["US", "CA"], "UK" -> ["GB"]).  Order is first
  mention, title first; duplicates dropped.
- "$" style ambiguity does not exist here, but "Georgia" and "Jersey" mean countries only.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from .clauses import lower_pattern, prepare, trie_alternation
from .location import _COUNTRY_ALIASES, US_STATE_CODES

_EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
_EUROPE = frozenset(
    ("AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO "
     "PL PT RO RS RU SE SI SK SM UA VA XK").split()
)
_MIDDLE_EAST = frozenset("AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE".split())
_AFRICA = frozenset(
    ("DZ AO BJ BW BF BI CV CM CF TD KM CD CG CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR "
     "MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW").split()
)
_LATAM = frozenset("AR BO BR BZ CL CO CR CU DO EC GT GY HN HT MX NI PA PE PR PY SR SV UY VE".split())
_APAC = frozenset(
    ("AU NZ CN HK MO TW JP KR MN BN KH ID LA MY MM PH SG TH TL VN IN PK BD LK NP BT MV FJ PG SB VU WS TO "
     "KI FM MH PW NR TV").split()
)
REGIONS: dict[str, frozenset[str]] = {
    "EU": _EU,
    "EEA": _EU | {"IS", "LI", "NO"},
    "EFTA": frozenset({"IS", "LI", "NO", "CH"}),
    "EUROPE": _EUROPE,
    "EMEA": _EUROPE | _MIDDLE_EAST | _AFRICA,
    "MENA": _MIDDLE_EAST | frozenset({"DZ", "LY", "MA", "TN", "SD"}),
    "GCC": frozenset({"AE", "BH", "KW", "OM", "QA", "SA"}),
    "DACH": frozenset({"DE", "AT", "CH"}),
    "BENELUX": frozenset({"BE", "NL", "LU"}),
    "NORDICS": frozenset({"DK", "FI", "IS", "NO", "SE"}),
    "BALTICS": frozenset({"EE", "LV", "LT"}),
    "CEE": frozenset("AL BA BG BY CZ EE HR HU LT LV MD ME MK PL RO RS SI SK UA XK".split()),
    "UKI": frozenset({"GB", "IE"}),
    # Geographic North America; job posts that mean only the US and Canada say "US/Canada".
    "NORTH_AMERICA": frozenset({"US", "CA", "MX"}),
    "LATAM": _LATAM,
    "AMERICAS": frozenset({"US", "CA"}) | _LATAM,
    "APAC": _APAC,
    "ANZ": frozenset({"AU", "NZ"}),
}
# Names a posting uses for a region, lower-case, to a code of REGIONS (or a country list).
_REGION_NAMES: dict[str, tuple[str, ...]] = {
    "eu": ("EU",), "e.u.": ("EU",), "european union": ("EU",), "europäische union": ("EU",),
    "europäischen union": ("EU",), "europese unie": ("EU",), "union européenne": ("EU",),
    "eea": ("EEA",), "european economic area": ("EEA",), "efta": ("EFTA",),
    "europe": ("EUROPE",), "europa": ("EUROPE",), "europas": ("EUROPE",), "european": ("EUROPE",),
    "emea": ("EMEA",),
    "mena": ("MENA",), "middle east": ("MENA",), "gcc": ("GCC",),
    "dach": ("DACH",), "d-a-ch": ("DACH",), "d/a/ch": ("DACH",), "dach region": ("DACH",),
    "benelux": ("BENELUX",), "nordics": ("NORDICS",), "nordic countries": ("NORDICS",),
    "nordic": ("NORDICS",),
    "scandinavia": ("DK", "NO", "SE"), "baltics": ("BALTICS",), "baltic states": ("BALTICS",),
    "cee": ("CEE",), "central and eastern europe": ("CEE",), "central & eastern europe": ("CEE",),
    "eastern europe": ("CEE",), "uk&i": ("UKI",), "uki": ("UKI",), "uk & ireland": ("GB", "IE"),
    "north america": ("NORTH_AMERICA",), "nordamerika": ("NORTH_AMERICA",),
    "noord-amerika": ("NORTH_AMERICA",), "latam": ("LATAM",), "latin america": ("LATAM",),
    "lateinamerika": ("LATAM",), "latijns-amerika": ("LATAM",),
    "south america": ("LATAM",), "americas": ("AMERICAS",), "the americas": ("AMERICAS",),
    "apac": ("APAC",), "asia pacific": ("APAC",), "asia-pacific": ("APAC",), "asia": ("APAC",),
    "anz": ("ANZ",),
}
# German and Dutch names of the countries postings name most.
_NATIVE_COUNTRIES = {
    "deutschland": "DE", "duitsland": "DE", "österreich": "AT", "oostenrijk": "AT", "schweiz": "CH",
    "zwitserland": "CH", "niederlande": "NL", "nederland": "NL", "belgien": "BE", "belgië": "BE",
    "frankreich": "FR", "frankrijk": "FR", "spanien": "ES", "spanje": "ES", "italien": "IT", "italië": "IT",
    "polen": "PL", "großbritannien": "GB", "vereinigtes königreich": "GB", "verenigd koninkrijk": "GB",
    "irland": "IE", "ierland": "IE", "schweden": "SE", "zweden": "SE", "dänemark": "DK", "denemarken": "DK",
    "norwegen": "NO", "noorwegen": "NO", "finnland": "FI", "finland": "FI", "tschechien": "CZ",
    "luxemburg": "LU", "portugal": "PT", "griechenland": "GR", "griekenland": "GR", "ungarn": "HU",
    "rumänien": "RO", "kroatien": "HR", "vereinigte staaten": "US", "verenigde staten": "US", "kanada": "CA",
    # genitives: "innerhalb Deutschlands"
    "deutschlands": "DE", "österreichs": "AT", "frankreichs": "FR", "spaniens": "ES", "italiens": "IT",
    "polens": "PL", "großbritanniens": "GB", "irlands": "IE",
}
# Short forms matched only in upper case: "IT" is Italy only as a code, never in "IT support".
_CODES_UPPER = {"US": "US", "USA": "US", "UK": "GB", "GB": "GB", "CA": "CA", "DE": "DE", "NL": "NL",
                "FR": "FR", "ES": "ES", "PT": "PT", "PL": "PL", "IE": "IE", "AT": "AT", "CH": "CH",
                "BE": "BE", "SE": "SE", "DK": "DK", "NO": "NO", "FI": "FI", "AU": "AU", "NZ": "NZ",
                "IN": "IN", "SG": "SG", "BR": "BR", "MX": "MX", "U.S.": "US", "U.S.A.": "US", "U.K.": "GB"}
_CODES_TITLE_ONLY = {"IT", "IN", "CA", "DE", "NO", "AT", "BE", "ES", "PT", "PL", "CH", "FR", "NL", "IE", "SE",
                     "DK", "FI", "AU", "NZ", "SG", "BR", "MX", "GB"}


def region_members(code: str) -> set[str]:
    """Country codes in a region code; a country code stands for itself; unknown -> empty set."""
    if not code:
        return set()
    key = code.upper()
    if key in REGIONS:
        return set(REGIONS[key])
    if len(key) == 2 and pycountry.countries.get(alpha_2=key) is not None:
        return {key}
    return set()


@lru_cache(maxsize=1)
def _place_names() -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value and "," not in value:
                names.setdefault(value.lower(), (country.alpha_2,))
    for alias, code in _COUNTRY_ALIASES.items():
        if len(alias) > 3 and "." not in alias:
            names[alias] = (code,)
    for alias, code in _NATIVE_COUNTRIES.items():
        names[alias] = (code,)
    names.update(_REGION_NAMES)
    for short in ("eu", "eea", "efta", "emea", "mena", "gcc", "dach", "cee", "uki", "latam", "apac", "anz",
                  "e.u."):
        names.pop(short, None)
    return names


_UPPER_REGION_CODES = {"EU": ("EU",), "EEA": ("EEA",), "EFTA": ("EFTA",), "EMEA": ("EMEA",),
                       "MENA": ("MENA",), "GCC": ("GCC",), "DACH": ("DACH",), "D-A-CH": ("DACH",),
                       "CEE": ("CEE",), "UKI": ("UKI",),
                       "UK&I": ("UKI",), "LATAM": ("LATAM",), "LatAm": ("LATAM",), "APAC": ("APAC",),
                       "ANZ": ("ANZ",), "E.U.": ("EU",), "NA": ("NORTH_AMERICA",), "NAM": ("NORTH_AMERICA",),
                       "AMER": ("AMERICAS",), "NORAM": ("NORTH_AMERICA",)}


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    upper = set(_CODES_UPPER) | set(_UPPER_REGION_CODES)
    return re.compile(
        r"(?<![\w-])(?:(?P<upper>" + trie_alternation(sorted(upper)) + r")|"
        r"(?i:(?P<name>" + trie_alternation(sorted(_place_names())) + r")))(?![\w-])"
    )


_LIST_GAP = re.compile(r"\s*(?:,|/|&|\+|\||and|or|und|oder|en|of|et|ou|y|or in|and in|the|die|der|de|het)?\s*"
                       r"(?:the\s+)?$", re.I)


def _places_at(text: str, start: int, *, title: bool = False, limit: int = 160) -> list[str]:
    """The list of places that starts at ``start`` ("the EU", "Germany, Austria or Switzerland")."""
    found: list[str] = []
    position = start
    end = min(len(text), start + limit)
    pattern = _place_pattern()
    while position < end:
        m = pattern.search(text, position, end)
        if not m:
            break
        gap = text[position:m.start()]
        if found and not _LIST_GAP.match(gap):
            break
        if not found and not re.fullmatch(r"\s*(?:[(\-–—:,]\s*)?(?:the\s+|die\s+|der\s+|den\s+|het\s+)?", gap,
                                          re.I):
            break
        codes = _codes(m, title)
        if codes is None:
            if not found:
                break
            position = m.end()
            continue
        found.extend(codes)
        position = m.end()
    return found


def _codes(m: re.Match, title: bool) -> tuple[str, ...] | None:
    upper = m.group("upper")
    if upper:
        if upper in _UPPER_REGION_CODES:
            if upper == "NA" and not title:
                return None
            return _UPPER_REGION_CODES[upper]
        code = _CODES_UPPER[upper]
        if upper in _CODES_TITLE_ONLY and not title:
            return None
        return (code,)
    return _place_names()[m.group("name").lower()]


# Phrases after which the text names where the candidate must be.  Each ends right before
# the place list.
_TEXT_TRIGGERS = re.compile(
    r"(?:\b(?:applicants?|candidates?|you|you\'re|anyone|individuals?)"
    r"(?:\s+(?:that|who|are|is|be|must|should|need|needs|to|have|has|will|can|currently|already|only|also|"
    r"ideally|preferably|permanently|physically|legally|being|already|reside|re)){0,5}"
    r"\s+(?:based|located|living|residing|resident|reside|live|situated)\s+(?:in(?:side)?|within|anywhere in)"
    r"|\b(?:must|need to|needs to|should|have to|has to|required to|will need to)\s+(?:be\s+)?"
    r"(?:currently\s+)?"
    r"(?:based|located|living|residing|reside|live|a (?:legal )?resident|resident)\s+(?:in|within|of)"
    r"|\b(?:must|need to|should|have to)\s+(?:be\s+)?(?:able|eligible|authori[sz]ed|permitted|allowed)"
    r"\s+to\s+work\s+"
    r"(?:(?:remotely|legally|full-time)\s+)?(?:in|from|within)"
    r"|\b(?:right|authori[sz]ation|authori[sz]ed|eligible|eligibility|permission|permit|legally able)\s+to\s+"
    r"work\s+(?:(?:remotely|legally|full-time)\s+)?(?:in|from|within)"
    r"|\bwork permit (?:for|in)"
    r"|\bremote(?:ly)?(?:\s+(?:role|position|job|work|opportunity))?\s*(?:\(|[-–—:,])?\s*(?:in|within|from|across|"
    r"anywhere in|from anywhere in|throughout|inside|only in)"
    r"|\bremote\s*(?:\(|[-–—:](?![a-zäöü]))"
    r"|\b(?:anywhere|everywhere)\s+(?:in|within|across|throughout)"
    r"|\b(?:open|available|limited|restricted)\s+to\s+(?:candidates|applicants|people|residents|those)?\s*"
    r"(?:based\s+|located\s+|living\s+)?(?:in|from|of|within)"
    r"|\b(?:hiring|recruiting|we hire|we are hiring)\s+(?:only\s+)?(?:in|from|across)"
    r"|\b(?:candidates|applicants|people)\s+(?:from|in)"
    r"|\b(?:Wohnsitz|wohnhaft|ansässig|Wohnort|Sitz)\s+in(?:nerhalb)?"
    r"|\bremote(?:-arbeit|-work)?\s+(?:innerhalb|aus|in)\b(?:\s+ganz)?"
    r"|\b(?:aus|von)\s+ganz"
    r"|\b(?:woonachtig|wonen|woont|gevestigd)\s+(?:in|binnen)"
    r"|\bvanuit\s+(?:heel\s+)?)"
    r"\s*(?:one of\s+(?:the following\s+)?(?:countries|locations)\s*:?\s*)?",
    re.I,
)
# The same on lower-case text, several times faster (see clauses.lower_pattern).
_TEXT_TRIGGERS_LOWER = lower_pattern(_TEXT_TRIGGERS.pattern)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.&'-]*)[\s)-]*$")
_ONLY_AFTER = re.compile(r"[-\s]*(?:based\s+)?(?:(?:candidates|applicants|residents|people|employees)\s+)?"
                         r"only\b",
                         re.I)
_ONLY_AFTER_LOWER = lower_pattern(_ONLY_AFTER.pattern)  # the same on lower-case text, faster
_COUNTRYWIDE = {"deutschlandweit": ("DE",), "bundesweit": ("DE",), "europaweit": ("EUROPE",),
                "nederlandwijd": ("NL",)}
_COUNTRYWIDE_RE = re.compile(r"\b(?:deutschlandweit|bundesweit|europaweit|nederlandwijd)\b", re.I)
_REMOTE_WORD = re.compile(r"\b(?:remote|anywhere|home[- ]?office|work from home|wfh|telecommute|"
                          r"thuiswerk\w*)\b",
                          re.I)


_LABEL_PARTS = re.compile(r"\s+[-|–—]\s+|\s*[|–—]\s*")


def _only_places(part: str) -> bool:
    rest = _place_pattern().sub(" ", part)
    rest = re.sub(r"\b(?:and|or|only|region|the|contract(?:or)?|freelance|full[- ]time|part[- ]time|permanent|"
                  r"temporary|b2b)\b", " ", rest, flags=re.I)
    return not re.search(r"[^\W\d_]", rest)


def _label_codes(part: str) -> list[str]:
    return [c for m in _place_pattern().finditer(part) for c in (_codes(m, True) or ())]


def _from_label(label: str, *, location: bool) -> list[str]:
    """Places in a title or location string next to a remote word ("Backend Engineer - Remote (EU)",
    "US/Canada (Remote)", "Remote - Germany"), or a location made only of region names ("EMEA")."""
    if not label:
        return []
    parts = [p for p in _LABEL_PARTS.split(label) if p.strip()]
    found: list[str] = []
    for i, part in enumerate(parts):
        if not _REMOTE_WORD.search(part):
            continue
        codes = _label_codes(part)
        if not codes:
            # "Remote - Germany": the place is the neighbouring part, when that part is only places.
            for j in (i + 1, i - 1):
                if 0 <= j < len(parts) and _only_places(parts[j]):
                    codes = _label_codes(parts[j])
                    if codes:
                        break
        found.extend(codes)
    if found or not location:
        return found
    if _only_places(label.replace("Remote", " ").replace("remote", " ")):
        codes = _label_codes(label)
        if codes and all(c in REGIONS for c in codes):
            return codes
    return []


# ---------------------------------------------------------------------------
# Location lines in the text
#
# Many postings carry their location as a line of its own, as a board's header would: "Location: Remote
# (Europe)", "Standort: München (Hybrid)", "Remote, Portugal", "Spain/Remote", "Munich, Germany (on-site)".
# Such a line is read as the source's location label is (workplace, and places next to a remote word).
# A line counts when it is a "Location:"-style key and value, or when it is short and holds a workplace word
# and, besides it, only places, employment terms and at most three capitalised words (a city) with a known
# place among them: "Remote work" and "Remote-first culture" are not labels.

_LABEL_KEY = re.compile(
    r"^\W*(?:(?:job|work|working|office|primary|preferred|role|position)\s+)?"
    r"(?:locations?|location type|based|based in|where|workplace(?:\s+type)?|remote|"
    r"work(?:ing)?\s+(?:model|mode|arrangement|setup|style|type)|place of work|"
    r"standorte?|arbeitsort|einsatzort|dienstort|arbeitsmodell|arbeitsplatz|"
    r"locatie|werklocatie|standplaats|werkplek|lieu|lieu de travail|ubicación)\s*[:：]\s*(?P<value>\S.{0,100})$",
    re.I,
)
_LABEL_WORKPLACE = re.compile(
    r"\b(?:(?:fully|100\s*%|full)[- ]remote|remote|hybrid|hybride|on[- ]?site|in[- ]office|office[- ]based|"
    r"in[- ]person)\b", re.I)
_LABEL_EXTRA = re.compile(
    r"\b(?:contract(?:or)?|freelance|full[- ]time|part[- ]time|permanent|temporary|b2b|only|possible|optional|"
    r"or|and|oder|of|en|und|ou|y|et|in|from|within|anywhere|the|days?|a|per|week|\d+)\b|[^\w\s]", re.I)
# Lines that can hold a label: anchors of the key words and of the workplace words.
_LABEL_ANCHORS = ("location", "based", "where", "workplace", "remote", "model", "mode", "arrangement", "setup",
                  "place of", "standort", "arbeitsort", "einsatzort", "dienstort", "arbeitsmodell", "arbeitsplatz",
                  "locatie", "werklocatie", "standplaats", "werkplek", "lieu", "ubicación", "hybrid", "on-site",
                  "onsite", "on site", "in-office", "in office", "office-based", "in-person", "in person")
_MAX_LABEL = 100


def _split_joined(label: str) -> str:
    """"Remote-Brazil" and "Spain-Remote" as two parts: a hyphen between a workplace word and a name."""
    label = re.sub(r"\b(remote|hybrid|onsite)-(?=[A-Z])", r"\1 - ", label, flags=re.I)
    return re.sub(r"(?<=[a-z])-(?=(?:remote|hybrid|onsite)\b)", " - ", label, flags=re.I)


_STATE_AFTER_CITY = re.compile(r"(?<=[a-z]),\s*(?P<state>[A-Z]{2})\b")


def _standalone_label(line: str) -> bool:
    if len(line) > 60 or len(line.split()) > 8 or not _LABEL_WORKPLACE.search(line):
        return False
    rest = _LABEL_WORKPLACE.sub(" ", line)
    state = _STATE_AFTER_CITY.search(rest)
    has_place = bool(state and state.group("state") in US_STATE_CODES)
    if _place_pattern().search(rest):
        has_place = True
        rest = _place_pattern().sub(" ", rest)
    words = _LABEL_EXTRA.sub(" ", rest).split()
    if not words:
        return True
    # A city ("Munich", "Austin, TX", "New York") next to a known place.
    return has_place and len(words) <= 3 and all(w[:1].isupper() for w in words)


@lru_cache(maxsize=8)
def location_labels(text: str) -> tuple[str, ...]:
    """The location labels that stand as lines of their own in ``text`` (plain, one block per line), in
    order: the value of a "Location: ..." line, or a whole line such as "Remote, Portugal"."""
    if not text:
        return ()
    prepared = prepare(text)
    labels = []
    for index in prepared.line_indexes(_LABEL_ANCHORS):
        line = prepared.lines[index].strip(" \t*-•#>")
        if not line or len(line) > _MAX_LABEL + 30:
            continue
        colon = max(line.find(":", 0, 40), line.find("：", 0, 40))
        if colon < 0 and len(line) > 60:
            continue  # neither a "Key: value" line nor a short label
        line = _split_joined(line)
        m = _LABEL_KEY.match(line) if colon >= 0 else None
        if m:
            # "Remote: Spain, Portugal": the key is the workplace.
            value = m.group("value").strip()
            labels.append(line if _LABEL_WORKPLACE.match(line) else value)
        elif _standalone_label(line):
            labels.append(line)
    return tuple(labels)


def _places_before(text: str, end: int) -> list[str]:
    """The list of places that ends right at ``end`` ("Germany or Austria| only")."""
    matches = [m for m in _place_pattern().finditer(text, max(0, end - 80), end)]
    found: list[list[str]] = []
    position = end
    for m in reversed(matches):
        gap = text[m.end():position]
        if position == end:
            if not re.fullmatch(r"[\s)-]*", gap):
                break
        elif not _LIST_GAP.match(gap):
            break
        codes = _codes(m, False)
        if codes is None:
            break
        found.append(list(codes))
        position = m.start()
    return [c for codes in reversed(found) for c in codes]


# Substrings the trigger patterns cannot match without.
# Each starts a word; "US-based" and "fully-remote" count, as hyphens separate words there.
_TEXT_ANCHORS = ("based", "located", "living", "resid", "live in", "situated", "remote", "anywhere",
                 "everywhere",
                 "work in", "work from", "work within", "permit", "open to", "available to", "limited to",
                 "restricted to", "hiring", "recruiting", "hire", "candidates", "applicants", "wohnsitz",
                 "wohnhaft", "ansässig", "wohnort", "sitz in", "ganz", "woonachtig", "wonen", "woont",
                 "gevestigd",
                 "vanuit")


# Pay-range geography ("the base salary range ... is for residents of the United States only")
# restricts nobody.
_PAY = re.compile(r"\b(?:salary|salaries|pay|compensation|wage|OTE|Gehalt|Vergütung|salaris)\b", re.I)


def _about_pay(text: str, position: int) -> bool:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return bool(_PAY.search(text, start, end if end != -1 else len(text)))


def _without_covered(codes: list[str]) -> list[str]:
    """Drop the codes a wider stated region already holds: "Remote within DACH: you live in
    Germany, Austria or Switzerland" is [DACH]; "Remote (EMEA) ... anywhere in Europe" is [EMEA]."""
    regions = [c for c in codes if c in REGIONS]
    kept = []
    for code in codes:
        members = REGIONS.get(code, frozenset({code}))
        if any(other != code and members <= REGIONS[other]
               and (members != REGIONS[other] or code not in REGIONS) for other in regions):
            continue
        kept.append(code)
    return kept


def _from_text(text: str) -> list[str]:
    prepared = prepare(text)
    found: list[str] = []
    excerpt = prepared.excerpt(_TEXT_ANCHORS)
    if prepared.lower is not None:
        triggers = _TEXT_TRIGGERS_LOWER.finditer(prepared.lower_excerpt(_TEXT_ANCHORS))
    else:
        triggers = _TEXT_TRIGGERS.finditer(excerpt)
    for m in triggers:
        if not _about_pay(excerpt, m.start()):
            found.extend(_places_at(excerpt, m.end()))
    excerpt = prepared.excerpt(("deutschlandweit", "bundesweit", "europaweit", "nederlandwijd"))
    for m in _COUNTRYWIDE_RE.finditer(excerpt):
        found.extend(_COUNTRYWIDE[m.group(0).lower()])
    # "EU only", "US-based candidates only": the places come first.
    excerpt = prepared.excerpt(("only",))
    if prepared.lower is not None:
        onlys = _ONLY_AFTER_LOWER.finditer(prepared.lower_excerpt(("only",)))
    else:
        onlys = _ONLY_AFTER.finditer(excerpt)
    for m in onlys:
        # Place names and codes are capitalised: look for a list only after such a word.
        word = _WORD_BEFORE.search(excerpt, max(0, m.start() - 30), m.start())
        if word and word.group(1)[:1].isupper() and not _about_pay(excerpt, m.start()):
            found.extend(_places_before(excerpt, m.start()))
    return found


def extract_applicant_regions(text: str, title: str = "", location: str = "") -> list[str]:
    """Codes of where applicants may be: ISO 3166-1 alpha-2 codes and REGIONS codes, first mention
    first.  [] when the posting does not say."""
    found = _from_label(title or "", location=False) + _from_label(location or "", location=True)
    if text:
        for label in location_labels(text):
            found += _from_label(label, location=True)
        found += _from_text(text)
    return _without_covered(list(dict.fromkeys(found)))
