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


# Ranges and minimums as postings write them (issue 14): a range is never read as its upper bound.
RANGE_PHRASES = [
    ('Between 3 and 5 years of experience', (3, 5)),
    ('between 3 and 5 years of professional experience in backend development', (3, 5)),
    ('Between three and five years of experience', (3, 5)),
    ('3 to 5 years of experience with Python', (3, 5)),
    ('3-5+ years of experience', (3, 5)),
    ('3–5 years experience', (3, 5)),
    ('3 - 5 years of relevant experience', (3, 5)),
    ('At least 3 years of experience', (3, None)),
    ('Minimum 5 years of experience in software engineering', (5, None)),
    ('Minimum of 5 years experience', (5, None)),
    ("A minimum of 4 years' experience", (4, None)),
    ("5+ years' experience", (5, None)),
    ('5 or more years of experience', (5, None)),
    ('Experience: 3-5 years', (3, 5)),
    ('Experience: 5+ years', (5, None)),
    ('3 to 5 years in a similar role', (3, 5)),
    ('from 3 to 5 years of experience', (3, 5)),
    ('3 or 4 years of experience', (3, 4)),
    ('two to three years of experience', (2, 3)),
    ('at least two years of experience', (2, None)),
    ('minimum three years of experience', (3, None)),
    ('no less than 4 years of experience', (4, None)),
    ('7+ yrs of experience', (7, None)),
    ('2-3 yrs exp', (2, 3)),
    ('Mindestens 3 Jahre Berufserfahrung', (3, None)),
    ('3-5 Jahre Berufserfahrung', (3, 5)),
    ('zwischen 3 und 5 Jahren Berufserfahrung', (3, 5)),
    ('3 bis 5 Jahre Erfahrung in der Softwareentwicklung', (3, 5)),
    ('mehrjährige Berufserfahrung (mind. 3 Jahre)', (3, None)),
    ('Du hast mindestens 2 Jahre Erfahrung', (2, None)),
    ('Berufserfahrung von mindestens 5 Jahren', (5, None)),
    ('Erste Berufserfahrung (1-2 Jahre)', (1, 2)),
    ('5+ Jahre Erfahrung', (5, None)),
    ('Minimaal 3 jaar werkervaring', (3, None)),
    ('3 tot 5 jaar ervaring', (3, 5)),
    ('tussen de 3 en 5 jaar ervaring', (3, 5)),
    ('tussen 2 en 4 jaar werkervaring', (2, 4)),
    ('minstens 2 jaar ervaring als developer', (2, None)),
    ('Je hebt 3-5 jaar relevante werkervaring', (3, 5)),
    ('ten minste 5 jaar ervaring', (5, None)),
    ('2+ jaar ervaring', (2, None)),
    ('Ervaring: 3+ jaar', (3, None)),
    ('minimum 3 years experience', (3, None)),
    ('3+ years of experience (5+ preferred)', (3, None)),
    ('Experience of 3 to 5 years', (3, 5)),
    ('3 years or more of experience', (3, None)),
    ('at least 3 to 5 years of experience', (3, 5)),
    ('a minimum of 3-5 years of experience', (3, 5)),
    ('up to 2 years of experience', (None, 2)),
    ('You bring 4–6 years of experience building products', (4, 6)),
    ('Over 5 years of experience', (5, None)),
    ('More than 3 years of experience', (3, None)),
    ('wenigstens 3 Jahre Erfahrung', (3, None)),
    ('Erfahrung von 3-5 Jahren', (3, 5)),
    ('mehr als 5 Jahre Berufserfahrung', (5, None)),
    ('meer dan 3 jaar ervaring', (3, None)),
    ('3 à 5 jaar ervaring', (3, 5)),
    ('minimaal 2 tot 3 jaar ervaring', (2, 3)),
    ('Zwischen 2 und 4 Jahre Erfahrung im Vertrieb', (2, 4)),
    ("between 5 and 8 years' experience in a product role", (5, 8)),
]


@pytest.mark.parametrize("text,expected", RANGE_PHRASES)
def test_ranges_and_minimums(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text", ["Office hours between 9 and 5.", "Between 2 and 4 years after the launch we grew.",
                                  "zwischen 3 und 5 Tagen Urlaub", "tussen 2 en 4 weken"])
def test_between_without_experience(text):
    assert years(text) == (None, None)
