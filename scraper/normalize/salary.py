"""Salary: a source's structured pay (min, max, currency, period) to the record's shape."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pycountry
from price_parser import Price

from scraper.items import empty_salary

from .clauses import prepare, with_first_chars
from .text import clean_text

PERIODS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
_PERIOD_WORDS = {
    "hour": "HOUR", "hourly": "HOUR", "hr": "HOUR", "h": "HOUR", "per_hour": "HOUR", "stunde": "HOUR", "uur": "HOUR",
    "day": "DAY", "daily": "DAY", "per_day": "DAY", "tag": "DAY", "dag": "DAY",
    "week": "WEEK", "weekly": "WEEK", "per_week": "WEEK", "woche": "WEEK",
    "month": "MONTH", "monthly": "MONTH", "per_month": "MONTH", "monat": "MONTH", "maand": "MONTH",
    "year": "YEAR", "yearly": "YEAR", "annual": "YEAR", "annually": "YEAR", "annum": "YEAR", "per_year": "YEAR",
    "per_annum": "YEAR", "salary": "YEAR", "jahr": "YEAR", "jaar": "YEAR", "pa": "YEAR", "yr": "YEAR",
    # Lever salaryRange.interval
    "per_hour_wage": "HOUR", "per_day_wage": "DAY", "per_week_salary": "WEEK", "per_month_salary": "MONTH",
    "per_year_salary": "YEAR",
    # Ashby compensation interval ("2 WEEK" has no period of ours)
    "1_hour": "HOUR", "1_day": "DAY", "1_week": "WEEK", "1_month": "MONTH", "1_year": "YEAR",
}
# A period named inside a phrase ("Annual Cash Compensation Range:"); only words that
# cannot mean anything else ("salary" alone says nothing about the period).
_PERIOD_IN_PHRASE = re.compile(
    r"\b(?:(?P<HOUR>hourly|per hour)|(?P<DAY>daily|per day)|(?P<WEEK>weekly|per week)|"
    r"(?P<MONTH>monthly|per month)|(?P<YEAR>annual(?:ly)?|yearly|per year|per annum))\b", re.I)
# Pay beyond these bounds is a data error, not a salary.
_MAX_AMOUNT = 1e9


@lru_cache(maxsize=512)
def currency_code(value: str | None) -> str:
    """ISO 4217 code for a code or a common symbol, "" when unknown."""
    if not value:
        return ""
    text = clean_text(value).strip()
    symbol = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN", "kr": "SEK",
              "chf": "CHF", "fr.": "CHF", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
              "r$": "BRL"}.get(text.lower())
    if symbol:
        return symbol
    if len(text) == 3 and pycountry.currencies.get(alpha_3=text.upper()) is not None:
        return text.upper()
    return ""


def normalize_period(value: object) -> str:
    if value is None:
        return ""
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text.upper() in PERIODS:
        return text.upper()
    found = _PERIOD_WORDS.get(text, _PERIOD_WORDS.get(text.rstrip("s"), ""))
    if not found and "_" in text:
        m = _PERIOD_IN_PHRASE.search(str(value).replace("-", " ").replace("_", " "))
        found = m.lastgroup or "" if m else ""
    return found


def currency_in(*amounts: object) -> str:
    """ISO 4217 code of the currency the amount strings name ("$208,454", "$364,795 USD" -> USD)."""
    found = [Price.fromstring(a).currency for a in amounts if isinstance(a, str) and a.strip()]
    # A written code ("USD") outranks a symbol ("$" is also the Canadian, Australian... dollar).
    for text in sorted((f for f in found if f), key=lambda f: not f.isalpha()):
        code = currency_code(text)
        if code:
            return code
    return ""


def to_amount(value: object) -> int | float | None:
    """A positive, finite amount; integral values as int.  "75,000" and "75000.00" read as 75000."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = re.sub(r"[^\d.,]", "", str(value))
        if not text:
            return None
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
            text = text.replace(",", "")
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    if not math.isfinite(number) or number <= 0 or number > _MAX_AMOUNT:
        return None
    if number.is_integer():
        return int(number)
    rounded = round(number, 2)
    return rounded if rounded > 0 else None  # a fraction of a cent is not pay


def _format_amount(value: int | float | None) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def structured_salary(minimum: object = None, maximum: object = None, currency: object = None,
                      period: object = None, raw: str = "") -> dict[str, Any]:
    """The record's salary from structured parts; amounts swapped if a source gives them reversed."""
    low, high = to_amount(minimum), to_amount(maximum)
    if low is not None and high is not None and low > high:
        low, high = high, low
    salary = empty_salary()
    if low is None and high is None:
        return salary
    code = currency_code(str(currency)) if currency else ""
    unit = normalize_period(period)
    if not raw:
        span = " - ".join(_format_amount(v) for v in dict.fromkeys((low, high)) if v is not None)
        raw = " ".join(p for p in (span, code, f"per {unit.lower()}" if unit else "") if p)
    salary.update({"min": low, "max": high, "currency": code, "period": unit, "raw": clean_text(raw)})
    return salary


def normalize_salary(raw: object) -> dict[str, Any]:
    """Salary from what a spider put in salaryRaw: a mapping with min/max/currency/period keys, or a
    string such as "€60,000 - €75,000 per year" (read by ``extract_salary``).

    Amounts may be strings that carry their currency ("$208,454", "$364,795 USD"); the
    currency then comes from them when the mapping names none.
    """
    if isinstance(raw, Mapping):
        currency = raw.get("currency") or currency_in(raw.get("min"), raw.get("max"))
        return structured_salary(raw.get("min"), raw.get("max"), currency, raw.get("period"),
                                 str(raw.get("raw") or ""))
    if isinstance(raw, str) and raw.strip():
        return extract_salary(clean_text(raw))
    return empty_salary()


# ---------------------------------------------------------------------------
# Salary from free text
#
# A candidate is an amount or a range with a currency ("€60,000 - €75,000", "$120k–$150k",
# "60-70k EUR", "CHF 120'000", "1.234,56 €/Monat", "€ 3.200 bruto per maand"), or without a
# currency right after a salary word ("Salary: 60-70k").  price-parser reads each amount (it
# knows the separators: "1.234,56", "120'000", "2.491"); the range, "k" and the period are
# ours.  Never a salary: years ("2020-2024"), phone numbers and headcounts (no currency),
# percentages, "401(k)", "30 days of holiday", travel allowances per km, and amounts next to
# benefit words ("$10,000 per year" fertility budget, "up to $500 learning budget",
# "raised $50M").  Each candidate is scored (salary word +3, range +1, period +1, currency +1,
# salary-sized amount +1, benefit word -5); those scoring 2 or more count, and without a salary
# word only a range, a period or a salary-sized amount (20,000+) counts.  The first counted one
# is the answer (later ones are most often other locations or ages: "vanaf €17,85 ... jonger
# dan 21: tussen €8,86 en €17,71" is 17.85).  A range whose bounds are more than 10x apart is
# repaired when the lower one lost a digit group ("$164,00 to $282,000" -> 164,000) and else
# keeps only its upper bound.
#
# Period: a period word next to the amount ("per year", "p.a.", "/Monat", "bruto per maand",
# "pro Stunde"), else one before it in the clause ("Jahresgehalt", "uurloon", "hourly rate"),
# else from magnitude, only for EUR, USD, GBP, CHF, CAD, AUD, NZD, SGD and only where it is
# unambiguous: 20,000 or more is YEAR, 100 or less is HOUR; anything between stays "".
# "Single amount": "from/ab/vanaf X" is {min: X}, "up to/bis zu/tot X" is {max: X}, a bare
# "X" (and "ein Gehalt von X", "een vergoeding van X") is {min: X, max: X}.

_CURRENCY_TOKENS = {
    "us$": "USD", "usd$": "USD", "u$s": "USD", "ca$": "CAD", "c$": "CAD", "cad$": "CAD", "au$": "AUD",
    "a$": "AUD", "nz$": "NZD", "s$": "SGD", "hk$": "HKD", "r$": "BRL", "mx$": "MXN", "$": "USD", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₺": "TRY", "zł": "PLN", "kč": "CZK", "chf": "CHF",
    "fr.": "CHF", "sfr.": "CHF", "euro": "EUR", "euros": "EUR", "eur": "EUR", "usd": "USD", "gbp": "GBP",
    "cad": "CAD", "aud": "AUD", "nzd": "NZD", "sgd": "SGD", "hkd": "HKD", "jpy": "JPY", "inr": "INR",
    "pln": "PLN", "czk": "CZK", "huf": "HUF", "ron": "RON", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
    "brl": "BRL", "mxn": "MXN", "zar": "ZAR", "ils": "ILS", "aed": "AED", "try": "TRY", "cny": "CNY",
    "krw": "KRW", "bgn": "BGN", "isk": "ISK",
}
_MAGNITUDE_CURRENCIES = {"EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "SGD"}
_CUR = (r"(?:US\$|USD\$|U\$S|CA\$|CAD\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|MX\$|\$|€|£|¥|₹|₩|₺|zł|Kč|CHF|S?Fr\.|"
        r"EUR|USD|GBP|CAD|AUD|NZD|SGD|HKD|JPY|INR|PLN|CZK|HUF|RON|SEK|NOK|DKK|BRL|MXN|ZAR|ILS|AED|TRY|CNY|KRW|"
        r"BGN|ISK|[Ee]uros?\b)")
_AMOUNT = (r"\d{1,3}(?:(?:[.,'’]|\u202f|\u00a0| (?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2})?(?!\d)|"
           r"\d+(?:[.,]\d{1,2})?(?!\d)")
_THOUSANDS = r"(?:\s?(?:k|K)(?![\w])|\s?(?:Tsd\.?|TSD|thousand|mille)(?![\w]))"
_INLINE_PERIOD = (r"(?:\s*(?:/|per|pro|an?|p\.?)\s*(?:year|yr|annum|month|mo|hour|hr|h|day|week|wk|"
                  r"Jahr|Monat|Stunde|Std\.?|Tag|Woche|jaar|maand|uur|dag|week)\b\.?|\s*p\.\s?a\.)?")
# Amount first: a pattern that starts with a digit (and says so in a look-ahead) is scanned fast; what stands before the
# amount (a currency, "between", "up to") is read from a short window by _SALARY_LEFT.
_SALARY_EXPR = with_first_chars(
    r"(?P<n1>" + _AMOUNT + r")(?P<k1>" + _THOUSANDS + r")?(?![%\d])"
    r"(?:\s?(?P<c2>" + _CUR + r"))?" + _INLINE_PERIOD +
    r"(?:\s*(?P<sep>-|–|—|to|bis|tot|and|und|en|a|à|y)\s*"
    r"(?P<c3>" + _CUR + r")?\s?(?P<n2>" + _AMOUNT + r")(?P<k2>" + _THOUSANDS + r")?(?![%\d])"
    r"(?:\s?(?P<c4>" + _CUR + r"))?)?",
)
_SYMBOL_TAIL = frozenset("$€£¥₹₩₺łč.")
_SALARY_LEFT = re.compile(
    r"(?:(?<![\w])(?P<lead>(?i:between|zwischen|tussen|entre|from|von|van|vanaf|ab|starting at|starting from|"
    r"up to|bis zu|tot|max\.?|maximum|min\.?|minimum|to))\s+)?(?P<c1>" + _CUR + r")?\s?$",
)
_SALARY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|compensation|base|OTE|on-target|earnings|wages?|rate|range|remuneration|"
    r"Gehalt|Gehälter|Vergütung|Lohn|Stundenlohn|\w*gehalt|Entgelt|Verdienst|Einstiegsgehalt|"
    r"salaris|\w*salaris|loon|uurloon|\w*loon|bruto|brutto|gross|salaire|rémunération|salario|"
    r"retribución|stipendio|retribuzione|wynagrodzenie)\b|💰",
    re.I,
)
_BENEFIT_WORDS = re.compile(
    r"\b(?:bonus|budget|allowance|stipend|reimburse\w*|401|HRA|HSA|FSA|match\w*|equity|learning|training|"
    r"wellness|wellbeing|fitness|gym|relocation|signing|sign-on|referral|Zuschuss|Budget|Weiterbildung|"
    r"vergoeding|reiskosten\w*|korting|discount|funding|raised|revenue|ARR|valuation|Series|invest\w*|"
    r"customers?|spend|spent|saved|saves?|worth|contribution|donat\w*|grant|prize|fee|fees|cost|costs|price|"
    r"insurance|pension|holiday|vacation|Urlaubsgeld|vakantiegeld|per (?:km|kilometer|mile)|coverage|"
    r"lifetime|transport|parking|meals?|membership|phone|internet|commut\w*|childcare|per child)\b",
    re.I,
)
_BENEFIT_AFTER = re.compile(
    r"\s*(?:per (?:person|employee)\s*)?(?:[\w-]+\s+){0,2}?(?:budget|allowance|stipend|bonus|credit|"
    r"reimbursement|Budget|Zuschuss|vergoeding|korting)\b|\s*(?:/|per)\s*(?:km|kilometer|mile)\b|"
    r"\s*(?:million|billion|Mio\.?|Mrd\.?|M|B|bn)\b",
    re.I,
)
# Benefit words after an amount; salary words such as "bonus" or "equity" often follow pay too.
_BENEFIT_NEAR_AFTER = re.compile(
    r"\b(?:transport\w*|parking|meals?|gym|membership|reimburs\w*|allowance|stipend|budget|coverage|lifetime|"
    r"per child|funding|raised|revenue|spend|in (?:annual|annualized|yearly)|Zuschuss|vergoeding|korting)\b",
    re.I,
)
_PERIOD_AFTER = re.compile(
    r"\s*(?:\(?(?:gross|brutto|bruto|netto|net|base|OTE|before tax(?:es)?|all-in)\)?\s*)?"
    r"(?:/|per|pro|a|an|im|in the|each|every|p\.?)?\s*"
    r"(?P<word>year|yr|annum|annual(?:ly)?|yearly|month|mo|monthly|hour|hourly|hr|h|day|daily|week|weekly|wk|"
    r"Jahr|jährlich|Monat|monatlich|Stunde|Std|Tag|Woche|wöchentlich|jaar|jaarlijks|maand|"
    r"maandelijks|uur|dag|week|a\.|mois|an|año|mes|hora|anno|mese|ora|rok|miesiąc|godzin\w*|"
    r"PA|pa|p\.\s?a|p\.\s?m|pm)\b",
    re.I,
)
_PERIOD_BEFORE = re.compile(
    r"(?P<word>annual|yearly|per year|a year|per annum|Jahresgehalt|Bruttojahresgehalt|Jahres\w*|jaarsalaris|"
    r"jaarloon|monthly|per month|Monatsgehalt|Monats\w*|Bruttomonatsgehalt|maandsalaris|maandloon|"
    r"hourly|per hour|an hour|Stundenlohn|Stundensatz|uurloon|uurtarief|"
    r"daily|day rate|per day|Tagessatz|dagtarief|weekly|per week|Wochenlohn|weekloon)",
    re.I,
)
_PERIOD_WORDS_TEXT = {
    "year": "YEAR", "yr": "YEAR", "annum": "YEAR", "annual": "YEAR", "annually": "YEAR", "yearly": "YEAR",
    "jahr": "YEAR", "jährlich": "YEAR", "jaar": "YEAR", "jaarlijks": "YEAR", "pa": "YEAR", "p.a": "YEAR",
    "p. a": "YEAR", "an": "YEAR", "año": "YEAR", "anno": "YEAR", "rok": "YEAR", "a.": "YEAR",
    "month": "MONTH", "mo": "MONTH", "monthly": "MONTH", "monat": "MONTH", "monatlich": "MONTH",
    "maand": "MONTH", "maandelijks": "MONTH", "mois": "MONTH", "mes": "MONTH", "mese": "MONTH",
    "miesiąc": "MONTH", "p.m": "MONTH", "p. m": "MONTH", "pm": "MONTH",
    "hour": "HOUR", "hourly": "HOUR", "hr": "HOUR", "h": "HOUR", "stunde": "HOUR", "std": "HOUR",
    "uur": "HOUR", "hora": "HOUR", "ora": "HOUR",
    "day": "DAY", "daily": "DAY", "tag": "DAY", "dag": "DAY",
    "week": "WEEK", "weekly": "WEEK", "wk": "WEEK", "woche": "WEEK", "wöchentlich": "WEEK",
}


def _period_word(word: str) -> str:
    key = word.lower().rstrip(".")
    if key.startswith("godzin"):
        return "HOUR"
    if key in _PERIOD_WORDS_TEXT:
        return _PERIOD_WORDS_TEXT[key]
    for prefix, period in (("jahres", "YEAR"), ("bruttojahres", "YEAR"), ("jaar", "YEAR"), ("annual", "YEAR"),
                           ("yearly", "YEAR"), ("per year", "YEAR"), ("a year", "YEAR"),
                           ("per annum", "YEAR"),
                           ("monat", "MONTH"), ("bruttomonat", "MONTH"), ("maand", "MONTH"),
                           ("monthly", "MONTH"), ("per month", "MONTH"), ("hourly", "HOUR"),
                           ("per hour", "HOUR"), ("an hour", "HOUR"), ("stunden", "HOUR"), ("uur", "HOUR"),
                           ("daily", "DAY"), ("day rate", "DAY"), ("per day", "DAY"), ("tages", "DAY"),
                           ("dag", "DAY"), ("weekly", "WEEK"), ("per week", "WEEK"), ("wochen", "WEEK"),
                           ("week", "WEEK")):
        if key.startswith(prefix):
            return period
    return ""


# Digits, or digits grouped by commas ("120,000"): read directly, as price-parser reads them (tested); other
# forms ("60.000", "1.234,56", "120'000") go to price-parser, whose guesses about separators cost ~20 µs.
_PLAIN_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def _parse_amount(number: str, thousands: str | None) -> float | None:
    if _PLAIN_AMOUNT.fullmatch(number):
        value = float(number.replace(",", ""))
    else:
        price = Price.fromstring(number)
        if price.amount is None:
            return None
        value = float(price.amount)
    if thousands:
        value *= 1000
    return value


def _currency_of(*tokens: str | None) -> str:
    # A written code outranks a bare "$", which is also the Canadian, Australian... dollar
    # ("$110,000 - $135,000 CAD").
    for token in sorted((t for t in tokens if t), key=lambda t: t == "$"):
        if token:
            code = _CURRENCY_TOKENS.get(token.lower()) or currency_code(token)
            if code:
                return code
    return ""


def _candidates(text: str):
    for m in _SALARY_EXPR.finditer(text):
        # Most numbers are no money: without a currency on either side and without a salary word
        # on the line, skip them before any further pattern runs.
        after_currency = m.group("c2") or m.group("c3") or m.group("c4")
        if not after_currency:
            tail = text[max(0, m.start() - 6):m.start()].rstrip()[-1:]
            if not (tail and (tail in _SYMBOL_TAIL or tail.isalpha())):
                line_start = text.rfind("\n", 0, m.start()) + 1
                if not _SALARY_WORDS.search(text, max(line_start, m.start() - 80), m.start()):
                    continue
        left = _SALARY_LEFT.search(text, max(0, m.start() - 40), m.start())
        lead = (left.group("lead") or "").strip().lower() if left else ""
        c1 = left.group("c1") if left else None
        start = left.start("c1") if c1 else m.start("n1")
        before = text[max(0, start - 80):start]
        line_start = before.rfind("\n")
        if line_start >= 0:
            before = before[line_start + 1:]
        prev = text[start - 1:start] if start else ""
        if (prev and (prev.isalnum() or prev in "+#/.,")) or text[m.end("n1"):m.end("n1") + 3] == "(k)":
            continue
        currency = _currency_of(c1, m.group("c2"), m.group("c3"), m.group("c4"))
        salary_word = bool(_SALARY_WORDS.search(before))
        if not currency and not (salary_word and re.search(r"[:\s]$", before)
                                 and _SALARY_WORDS.search(before[-25:])):
            continue
        sep = (m.group("sep") or "").lower()
        conjunction = sep in ("and", "und", "en", "y")
        ranged = m.group("n2") is not None and (not conjunction or lead in ("between", "zwischen", "tussen",
                                                                               "entre"))
        if ranged and sep in ("a", "à") and not (m.group("c3") or m.group("c4") or m.group("k2")):
            ranged = False
        k1, k2 = m.group("k1"), m.group("k2") if ranged else None
        low = _parse_amount(m.group("n1"), k1)
        high = _parse_amount(m.group("n2"), k2) if ranged else None
        if low is None:
            continue
        # "60-70k": the "k" of the upper bound applies to a lower bound written without it.
        if ranged and high is not None and k2 and not k1 and low < 1000 <= high:
            low *= 1000
        if not currency and max(low, high or 0) < 1000:
            continue
        end = m.end() if ranged else (m.end("c2") if m.group("c2") else m.end("k1") if k1 else m.end("n1"))
        if _BENEFIT_AFTER.match(text, end, end + 40):
            continue
        if low < 1 or (high is not None and high < 1):
            continue
        if "%" in text[end:end + 2]:
            continue
        raw_end = end
        period = ""
        inline = re.match(_INLINE_PERIOD, text[m.end("n1") + len(k1 or ""):])
        pm = _PERIOD_AFTER.match(text, end)
        if pm:
            period = _period_word(pm.group("word"))
            if period:
                raw_end = pm.end()
                if text[raw_end:raw_end + 1] == "." and pm.group("word")[-1:].lower() in ("a", "m"):
                    raw_end += 1  # the dot of "p.a." / "p.m."
        if not period and inline and inline.group(0):
            word = re.sub(r"^[\s/]*(?:per|pro|an?|p\.?)?\s*", "", inline.group(0)).strip()
            period = _period_word(word) or ("YEAR" if "a." in inline.group(0) else "")
        if not period:
            pb = None
            for pb in _PERIOD_BEFORE.finditer(before):  # noqa: B007 - the last match is the nearest
                pass
            if pb:
                period = _period_word(pb.group("word"))
        if _BENEFIT_AFTER.match(text, raw_end, raw_end + 40):
            continue
        rest_of_clause = re.split(r"[,;.\n]", text[raw_end:raw_end + 40], maxsplit=1)[0]
        if not salary_word and _BENEFIT_NEAR_AFTER.search(rest_of_clause):
            continue
        # Without a salary word, a lone amount is as likely a benefit as pay unless it is salary-sized.
        if not (salary_word or ranged or period or (currency and low >= 20000)):
            continue
        score = 0
        score += 3 if salary_word else 0
        score += 1 if ranged else 0
        score += 1 if period else 0
        score += 1 if currency else 0
        score += 1 if max(low, high or 0) >= 1000 else 0
        if _BENEFIT_WORDS.search(before[-60:]):
            score -= 5
        if score < 2:
            continue
        if high is not None and high < low:
            low, high = high, low
        if lead in ("up to", "bis zu", "tot", "max", "max.", "maximum", "to") and not ranged:
            low, high = None, low
        # "von"/"van" alone is "of" ("ein Gehalt von 3.200 €"), only "ab"/"vanaf"/"from" open a range.
        elif lead in ("from", "vanaf", "ab", "starting at", "starting from", "min", "min.",
                      "minimum") and not ranged:
            high = None
        elif not ranged:
            high = low
        raw_start = left.start("lead") if lead else start
        yield {"min": low, "max": high, "currency": currency, "period": period, "score": score,
               "raw": text[raw_start:raw_end].strip()}


def _magnitude_period(currency: str, low: float | None, high: float | None) -> str:
    if currency not in _MAGNITUDE_CURRENCIES:
        return ""
    values = [v for v in (low, high) if v is not None]
    if not values:
        return ""
    if min(values) >= 20000:
        return "YEAR"
    if max(values) <= 100:
        return "HOUR"
    return ""


# Substrings a candidate cannot do without: a currency (codes in upper case) or a salary word.
# A leading "*": the anchor may stand inside a word ("Jahresgehalt"; see clauses.Prepared).
# Amounts in rarer currencies (¥, ₹, zł, Fr.) are read on lines that also hold a salary word or a code.
_SYMBOL_ANCHORS = ("*$", "*€", "*£", "euro", "*salar", "*gehalt", "vergütung", "*lohn", "*loon",
                   "compensation",
                   "*pay ", "*pay:", "wage")
# The codes postings use most; a rarer code is still read when a symbol or salary word is on its line.
_CODE_ANCHORS = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "PLN", "SEK", "NOK", "DKK", "CZK", "HUF")


def extract_salary(text: str) -> dict[str, Any]:
    """The record's salary dict from free text; every value empty when no salary is stated."""
    if not text:
        return empty_salary()
    prepared = prepare(text)
    indexes = sorted(set(prepared.line_indexes(_SYMBOL_ANCHORS))
                     | set(prepared.line_indexes(_CODE_ANCHORS, case=True)))
    if not indexes:
        return empty_salary()
    found = list(_candidates("\n".join(prepared.lines[i] for i in indexes)))
    if not found:
        return empty_salary()
    # The first pay stated wins ("ab 21: €17,85 ... jünger: €8,86-17,71" is 17.85), as in the
    # evaluation labels; later ranges are most often other locations or ages.
    best = found[0]
    low, high = best["min"], best["max"]
    if low is not None and high is not None and high > 10 * low:
        if low * 1000 <= high < low * 10000:
            # "$164,00 to $282,000": the lower bound lost a digit group; read it in thousands.
            low = low * 1000
        else:
            # Bounds that far apart are no range: keep the one that reads whole.
            low = None
    period = best["period"] or _magnitude_period(best["currency"], low, high)
    return structured_salary(low, high, best["currency"], period, best["raw"])
