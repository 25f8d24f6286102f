"""Every free-text extractor takes any text without raising and returns its documented shape."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.normalize.employment import EMPLOYMENT_TYPES, extract_employment_type
from scraper.normalize.experience import extract_experience_years
from scraper.normalize.languages import (
    detect_posting_language,
    extract_language_requirements,
    extract_languages,
)
from scraper.normalize.regions import REGIONS, extract_applicant_regions
from scraper.normalize.salary import PERIODS, extract_salary
from scraper.normalize.seniority import SENIORITY_LEVELS, extract_seniority
from scraper.normalize.workplace import extract_workplace

# Fragments the patterns react to, so that random text reaches deep branches.
WORDS = st.sampled_from(
    [
        "3+",
        "5-7",
        "years",
        "Jahre",
        "jaar",
        "€",
        "$",
        "60k",
        "-",
        "–",
        "/",
        "remote",
        "Remote (EU)",
        "EU",
        "only",
        "based in",
        "Germany",
        "Deutschlands",
        "fluent",
        "English",
        "Deutsch-",
        "und",
        "Englischkenntnisse",
        "\n",
        "\n\n",
        "Nice to have",
        ":",
        "İ",
        "ß",
        "senior",
        "Staff",
        "1.234,56",
        "per year",
        "p.a.",
        "(",
        ")",
        "US/Canada",
        "hybrid",
        "Teilzeit",
        "20 Stunden pro Woche",
        "or",
        "401(k)",
        "CHF 120'000",
        "bis",
        "tussen",
    ]
)
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.lists(WORDS, max_size=50).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_any_text(text, title):
    years = extract_experience_years(text)
    assert set(years) == {"min", "max"}
    assert extract_seniority(title, text, years_fallback=True) in SENIORITY_LEVELS + ("",)
    for item in extract_language_requirements(text, title):
        assert len(item["code"]) == 2 and isinstance(item["required"], bool)
    assert all(len(code) == 2 for code in extract_languages(text, title))
    assert len(detect_posting_language(text)) in (0, 2)
    assert extract_workplace(text, title, title) in ("remote", "hybrid", "onsite", "")
    assert all(code in REGIONS or len(code) == 2 for code in extract_applicant_regions(text, title, title))
    salary = extract_salary(text)
    assert salary["period"] in PERIODS + ("",)
    if salary["min"] is not None and salary["max"] is not None:
        assert salary["min"] <= salary["max"]
    assert extract_employment_type(text, title) in EMPLOYMENT_TYPES + ("",)
