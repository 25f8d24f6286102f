"""Workplace (remote | hybrid | onsite) from a source's flags or labels."""

from __future__ import annotations

import re

# "Flex" is Workday's remoteType label for split office/home work.
_HYBRID = re.compile(r"\b(?:hybrid|hybride?|flex|flexible location|partly remote|teilweise remote)\b", re.I)
_REMOTE = re.compile(r"\b(?:remote|fully remote|100% remote|work from home|wfh|telecommute|anywhere|"
                     r"home ?office|homeoffice|thuiswerk(?:en)?|telework)\b", re.I)
_ONSITE = re.compile(r"\b(?:on[ -]?site|onsite|in[ -]office|office[ -]based|in[ -]person|vor ort|op locatie)\b",
                     re.I)


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
