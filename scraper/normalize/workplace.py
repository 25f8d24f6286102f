"""Workplace (remote | hybrid | onsite) from a source's flags or labels."""

from __future__ import annotations

import re

from .clauses import lower_pattern, prepare
from .regions import location_labels

# "Flex" is Workday's remoteType label for split office/home work.  "Hybrid Sales" (inside and
# field sales) and "hybrid cloud" are not workplaces.
_NOT_WORKPLACE_HYBRID = (r"(?!\s+(?:sales|cloud|app|apps|mobile|architecture|infrastructure|solutions?|"
                         r"vehicle|car))")
# Swedish, Norwegian and Danish labels as Jobylon boards show them: "Arbete på plats", "Hybridarbete",
# "Distansarbete" / "På distans", "Fjernarbeid" / "Fjernarbejde".
_HYBRID = re.compile(r"\b(?:hybride?\b" + _NOT_WORKPLACE_HYBRID + r"|flex|flexible location|partly remote|"
                     r"teilweise remote|hybrid(?:arbete|arbeid|arbejde))\b", re.I)
_REMOTE = re.compile(r"\b(?:remote|fully remote|100% remote|work from home|wfh|telecommute|anywhere|"
                     r"home ?office|homeoffice|thuiswerk(?:en)?|telework|distans(?:arbete)?|fjernarbe(?:id|jde))\b",
                     re.I)
_ONSITE = re.compile(r"\b(?:on[ -]?site|onsite|in[ -]office|office[ -]based|in[ -]person|vor ort|op locatie|"
                     r"på plats)\b", re.I)


# Whole labels that mean a workplace only on the platform that sends them.
_LABELS = {
    "fully": "remote",  # Teamtailor remoteStatus ("none" and "temporary" say too little)
}


def normalize_workplace(raw: object) -> str:
    """"remote", "hybrid", "onsite" or "" from a label such as "Remote (EU)", "ON_SITE", "Hybrid"."""
    if raw is None:
        return ""
    text = str(raw).replace("_", " ").strip()
    if not text:
        return ""
    if text.lower() in _LABELS:
        return _LABELS[text.lower()]
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE.search(text):
        return "remote"
    if _ONSITE.search(text):
        return "onsite"
    return ""


def workplace_from_flags(remote: object = None, hybrid: object = None, onsite: object = None) -> str:
    """Source booleans to one value; hybrid wins over remote when a source sets both."""
    if hybrid is True:
        return "hybrid"
    if remote is True:
        return "remote"
    if onsite is True:
        return "onsite"
    return ""


# ---------------------------------------------------------------------------
# Workplace from a posting's title, location and text
#
# The title and the source's location are labels: the first of them that names a workplace
# decides ("Backend Engineer - Remote (EU)", "Hybrid, Berlin", "Remote job").  The text is
# prose, where "remote" also describes company culture ("a remote-first team") or benefits
# ("2 days remote per week"), so only statements about the role count there, and hybrid
# evidence (office days, "hybrid") outranks remote evidence in the same text.  Nothing found
# gives "": a posting that does not say is not assumed to be on-site.

_TEXT_HYBRID = lower_pattern(
    r"\b(?:hybrid" + _NOT_WORKPLACE_HYBRID + r"|"
    r"(?:at least|a minimum of)\s+(?:half|\d+\s*%|(?:\d+|two|three|four)\s+days)\s+"
    r"(?:(?:a|per)\s+week\s+|of\s+"
    r"(?:their|your|the)\s+(?:work\s*)?(?:time|week)\s+)?(?:in|at)\s+(?:the|their|your|our|an?)\s+(?:\w+\s+)?office|"
    r"hybride[sn]?\s+(?:werken|arbeiten|Arbeitsmodell|Arbeiten|werkmodel)|hybrides? Arbeit\w*|"
    r"(?:\d+|one|two|three|four|ein(?:en)?|zwei|drei|vier|één|een|twee|drie|vier)[ -](?:or \d+ )?"
    r"(?:days?|Tage?n?|dag(?:en)?)\s+(?:a|per|pro|in der|each|every|per)\s+(?:week|Woche|Arbeitswoche)\s+"
    r"(?:in|im|at|on|from|vanuit|op|aan)\s+(?:the\s+|our\s+|an?\s+|het\s+|ons\s+|unserem\s+|dem\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:office|Büro|kantoor|HQ|headquarters|site|on-site)|"
    r"(?:come|be|work)\s+(?:into|in|at|from)\s+(?:the|our)\s+office\s+(?:\d+|one|two|three|four)(?:\s+or\s+\d+)?"
    r"\s+days?|"
    r"(?:\d+|one|two|three|four|één|een|twee|drie)\s+(?:days?|dag(?:en)?|Tage?)\s+(?:a|per|pro)\s+(?:week|Woche)\s+"
    r"(?:remote|from home|thuis(?:\s+te\s+werken)?|im Homeoffice|von zu Hause|mobil)|"
    r"dag(?:en)? per week thuis|thuis te werken|"
    r"\d+\s*%\s*remote,?\s*\d+\s*%\s*(?:in[- ]office|on[- ]site)|"
    r"teilweise (?:remote|im Homeoffice|mobil)|mobiles Arbeiten (?:an|bis zu|für)\s+\d|"
    r"remote[- ]friendly|flexible (?:hybrid|working model)|option to work from home|"
    r"office (?:minimum |at least )?(?:once|twice|one day|two days|three days|\d+ days?) (?:a|per) week|"
    r"(?:\d+|one|two|three|four) (?:remote|home|wfh) days? (?:a|per) week)",
    re.I,
)
_TEXT_NOT_REMOTE = lower_pattern(
    r"\b(?:(?:is|are|this is)\s+not\s+(?:a\s+)?(?:fully\s+)?remote|not\s+(?:a\s+)?(?:fully\s+)?remote\s+"
    r"(?:role|position|job)|no\s+remote|non-remote|kein(?:e)?\s+(?:Homeoffice|Remote)|niet\s+(?:op\s+afstand|remote))",
    re.I,
)
_TEXT_REMOTE = lower_pattern(
    r"\((?:fully\s+|100\s*%\s+)?remote\)|"
    r"\b(?:(?:fully|100\s*%|completely|entirely|full|all)[- ]remote\b|remote[- ]only|"
    r"(?:this|the)\s+(?:is\s+an?\s+|role\s+is\s+|position\s+is\s+|job\s+is\s+)(?:fully\s+)?remote|"
    r"(?:an?|this|the)\s+remote\s+(?:position|role|job|opportunity|contract)\b|(?:work|working)\s+(?:fully\s+)?remote(?:ly)?\s+from|"
    r"work\s+from\s+anywhere|(?:you\s+can|can)\s+work\s+from\s+(?:anywhere|home)|"
    r"(?:vollständig|komplett|100\s*%)\s+(?:remote|im Homeoffice|mobil)|Full[- ]Remote|"
    r"volledig\s+(?:remote|op afstand|thuis)|"
    r"remote[- ]first\s+(?:role|position)|"
    r"(?:all (?:of )?our|this|the) (?:roles?|positions?|jobs?) (?:are|is) "
    r"(?:fully )?remote\b|(?:operate|work|working) remotely\b|no (?:required )?commute|"
    r"remote[- ]arbeit\w* (?:innerhalb|in|aus|von)|(?:komplett|vollständig) remote arbeiten)",
    re.I,
)
_TEXT_ONSITE = lower_pattern(
    r"\((?:on[- ]?site|in[- ]office|office[- ]based)\)|"
    r"\b(?:(?:this|the)\s+(?:is\s+an?\s+|role\s+is\s+|position\s+is\s+|job\s+is\s+)(?:fully\s+)?"
    r"(?:on[- ]?site|in[- ]office|office[- ]based|in[- ]person)|"
    r"(?:on[- ]?site|in[- ]office|office[- ]based|in[- ]person)\s+(?:role|position|job|work)|"
    r"(?:5|five)\s+days\s+(?:a|per)\s+week\s+in\s+(?:the|our)\s+office|"
    r"in[- ]person (?:5|five) days (?:a|per) week|work (?:fully )?on[- ]?site\b|"
    r"office (?:5|five) days (?:a|per) week|"
    r"vor Ort (?:in|bei|im)|Präsenz\w* (?:im|vor Ort)|op (?:locatie|kantoor) in)",
    re.I,
)


# Substrings the text patterns cannot match without.
# Each starts a word: "in-office" counts, hyphens separate words there (see clauses.Prepared).
_WORKPLACE_ANCHORS = ("hybrid", "hybride", "remote", "office", "homeoffice", "büro", "kantoor", "hq",
                      "headquarters", "on-site", "onsite", "on site", "in-person", "in person", "thuis",
                      "home", "hause", "anywhere",
                      "vor ort", "präsenz", "locatie", "mobil", "mobiles", "teilweise", "afstand")
# LinkedIn's hashtags that many postings end with.
_HASHTAG = re.compile(r"#li-(remote|hybrid|onsite)\b")
# "Remote within the EU": a place name after it, so the case of the text matters.
_REMOTE_IN_PLACE = re.compile(r"\b[Rr]emote\s+(?:within|from|anywhere in|in)\s+(?:the\s+)?[A-Z]")


def extract_workplace(text: str, title: str = "", location: str = "") -> str:
    """"remote", "hybrid", "onsite" or "" from the title, the source's location, then the text."""
    for label in (title, location):
        found = normalize_workplace(label)
        if found:
            return found
    if not text:
        return ""
    # Location lines of the text ("Location: Remote (Europe)", "Munich, Germany (on-site)") are labels too.
    for label in location_labels(text):
        found = normalize_workplace(label)
        if found:
            return found
    prepared = prepare(text)
    lower = prepared.lower_excerpt(_WORKPLACE_ANCHORS)
    if not lower:
        return ""
    if _TEXT_NOT_REMOTE.search(lower):
        return "hybrid" if _TEXT_HYBRID.search(lower) else "onsite"
    tag = _HASHTAG.search(lower)
    if tag:
        return tag.group(1)
    if _TEXT_HYBRID.search(lower):
        return "hybrid"
    if _TEXT_REMOTE.search(lower) or (
            "remote" in lower and _REMOTE_IN_PLACE.search(prepared.excerpt(("remote",)))):
        return "remote"
    if _TEXT_ONSITE.search(lower):
        return "onsite"
    return ""
