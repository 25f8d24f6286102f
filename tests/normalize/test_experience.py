import pytest

from scraper.normalize.experience import extract_experience_years
from tests.normalize.postings import fixture_posting, seed_posting


def years(text):
    found = extract_experience_years(text)
    return found["min"], found["max"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # English
        ("3+ years of experience with Python", (3, None)),
        ("5-7 years of experience in backend development", (5, 7)),
        ("5–7 years of experience in backend development", (5, 7)),
        ("At least 4 years of professional experience.", (4, None)),
        ("A minimum of 2 years experience in sales", (2, None)),
        ("Minimum 3 years of experience building in AWS", (3, None)),
        ("Two years of experience in a similar role", (2, None)),
        ("At least three years of previous administrative experience", (3, None)),
        ("at least a year of experience with React", (1, None)),
        ("3 to 5 years of experience as a data engineer", (3, 5)),
        ("5+ years in Customer Success or Account Management", (5, None)),
        ("7+ years closing enterprise software deals", (7, None)),
        ("4 to 8 years working in SRE, DevOps, or production engineering", (4, 8)),
        ("3-4+ years of SDR management experience", (3, 4)),
        ("approximately 0–2+ years of relevant professional experience", (0, 2)),
        ("up to 3 years of experience", (None, 3)),
        ("Experience: 6+ yrs of backend engineering", (6, None)),
        # German
        ("mindestens 3 Jahre Berufserfahrung", (3, None)),
        ("3 Jahre Berufserfahrung im Vertrieb", (3, None)),
        ("Berufserfahrung von mind. 2 Jahren", (2, None)),
        ("Du bringst 2-3 Jahre Erfahrung in der Buchhaltung mit", (2, 3)),
        ("Drei Jahre Erfahrung in der Softwareentwicklung", (3, None)),
        ("erste Berufserfahrung (1-2 Jahre) im Marketing", (1, 2)),
        ("5+ Jahre Erfahrung im Backend", (5, None)),
        # Dutch
        ("2+ jaar ervaring als developer", (2, None)),
        ("Minimaal 3 jaar werkervaring in een vergelijkbare functie", (3, None)),
        ("3 tot 5 jaar relevante werkervaring", (3, 5)),
        ("Je hebt twee jaar ervaring in de klantenservice", (2, None)),
    ],
)
def test_experience_statements(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We are a 2 years old company.",
        "For over 10 years we have built tools for developers.",
        "This is a 2-year contract.",
        "You must be 18 years or older.",
        "Je bent 16 jaar of ouder.",
        "Paid month off after 4 years & every 2 years thereafter",
        "Enjoy 28 days of paid vacation, plus an additional day after 2 and 4 years",
        "what our platforms become over the next two to three years, and lead the engineers",
        "In just over a year, our usage has grown to 65% of US clinicians.",
        "Seit 15 Jahren entwickeln wir Software.",
        "Wir sind seit über 20 Jahren am Markt.",
        "18-21 days of Paid Time Off a year based on tenure",
        "You have experience with SQL and 2 (or more) programming languages.",
        "Vanaf 21 jaar een all-in uurloon vanaf €17,85. Door ervaring kan dit hoger uitvallen!",
        "We raised our Series B two years ago.",
        "",
    ],
)
def test_not_experience(text):
    assert years(text) == (None, None)


def test_largest_required_minimum_wins():
    text = (
        "Experience: 10+ years of software engineering experience, with at least 4+ years focused on Identity"
    )
    assert years(text) == (10, None)
    assert years("3+ years of Python experience\n\n1+ year of experience with dbt") == (3, None)


def test_alternatives_in_one_clause_take_the_smaller():
    assert years("5+ years of industry experience, or 3+ years with a PhD") == (3, None)


def test_optional_statements_count_only_when_nothing_is_required():
    text = "Requirements\n\n3+ years of Python experience\n\nNice to have\n\n8+ years in fintech experience"
    assert years(text) == (3, None)
    assert years("3+ years of experience, ideally in fintech\n8+ years of experience preferred") == (3, None)
    assert years("Minimum of 2 years of frontend engineering experience preferred") == (2, None)


def test_seed_posting_states_no_years():
    assert years(seed_posting().text) == (None, None)


@pytest.mark.parametrize(
    "relative,posting_id,expected",
    [
        ("greenhouse/api/digitalocean_job_detail.json", "", (10, None)),
        ("greenhouse/api/hubspot_job_detail.json", "", (10, 15)),
        ("greenhouse/api/stripe_job_8026689_detail.json", "", (5, 10)),
        ("personio/xml/personio_own_feed_one_position.xml", "1834171", (10, None)),
        ("recruitee/api/anonymized_offers_with_translations.json", "2700825", (5, None)),
        ("recruitee/api/bauhaus_nl_offers.json", "2680693", (None, None)),
        ("recruitee/api/bauhaus_nl_offers.json", "2677744", (None, None)),
        ("lever/api/palantir_postings.json", "0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3", (2, None)),
        ("ashby/api/ramp_job_board.json", "34413f8d-26bf-4bbc-8ade-eb309a0e2245", (5, None)),
    ],
)
def test_real_postings(relative, posting_id, expected):
    assert years(fixture_posting(relative, posting_id).text) == expected
