import pytest

from scraper.normalize.salary import extract_salary, normalize_salary, structured_salary
from tests.normalize.postings import demo_posting, fixture_posting, seed_posting


def pay(text):
    s = extract_salary(text)
    return s["min"], s["max"], s["currency"], s["period"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("€60,000 - €75,000 per year", (60000, 75000, "EUR", "YEAR")),
        ("$120k–$150k", (120000, 150000, "USD", "YEAR")),
        # a written code outranks the bare "$" (BambooHR's free-text compensation)
        ("$110,000 - $135,000 CAD per year", (110000, 135000, "CAD", "YEAR")),
        ("60-70k EUR", (60000, 70000, "EUR", "YEAR")),
        ("Salary: CHF 120'000", (120000, 120000, "CHF", "YEAR")),
        ("CHF 120'000", (120000, 120000, "CHF", "YEAR")),
        ("1.234,56 €/Monat", (1234.56, 1234.56, "EUR", "MONTH")),
        ("£45,000 - £55,000 p.a.", (45000, 55000, "GBP", "YEAR")),
        ("USD 50/hour", (50, 50, "USD", "HOUR")),
        ("Base Salary Range: $210K - $250K (depending upon expertise)", (210000, 250000, "USD", "YEAR")),
        (
            "The base salary range is USD$232,000 per year - USD$258,000 per year.",
            (232000, 258000, "USD", "YEAR"),
        ),
        ("Compensation Range: $235,200 - $294,000", (235200, 294000, "USD", "YEAR")),
        ("The estimated salary range is $60,000 - $97,000/year.", (60000, 97000, "USD", "YEAR")),
        ("$34.62/hour", (34.62, 34.62, "USD", "HOUR")),
        ("$60,000 to $80,000 a year", (60000, 80000, "USD", "YEAR")),
        ("between $70k and $90k annually", (70000, 90000, "USD", "YEAR")),
        ("€45.000 tot €55.000 per jaar", (45000, 55000, "EUR", "YEAR")),
        ("Jahresgehalt 50.000 bis 60.000 €", (50000, 60000, "EUR", "YEAR")),
        ("€55,000 – €65,000 per year, 30 days of holiday, a learning budget.", (55000, 65000, "EUR", "YEAR")),
        ("€60,000 - €75,000 per year + bonus", (60000, 75000, "EUR", "YEAR")),
        ("Salary 60k-70k", (60000, 70000, "", "")),
        # German
        ("16 € pro Stunde, 20 Stunden pro Woche", (16, 16, "EUR", "HOUR")),
        ("Gehalt: 55.000 – 65.000 EUR brutto im Jahr", (55000, 65000, "EUR", "YEAR")),
        ("Jahresgehalt zwischen 50.000 € und 60.000 €", (50000, 60000, "EUR", "YEAR")),
        ("Ab 3.000 € brutto monatlich", (3000, None, "EUR", "MONTH")),
        ("Vergütung bis zu 70.000 € im Jahr", (None, 70000, "EUR", "YEAR")),
        ("Salary: €50.000 bis €60.000", (50000, 60000, "EUR", "YEAR")),
        # Dutch
        ("€ 3.200 bruto per maand", (3200, 3200, "EUR", "MONTH")),
        ("Het salaris is tussen €2.600 tot €3.400 per maand", (2600, 3400, "EUR", "MONTH")),
        (
            "Een bruto maandsalaris tussen €2.600 - €3.400 o.b.v. 38 uur per week",
            (2600, 3400, "EUR", "MONTH"),
        ),
        ("Een salaris vanaf €2.491 bruto per maand", (2491, None, "EUR", "MONTH")),
        ("Uurloon tussen €8,86 en €17,71", (8.86, 17.71, "EUR", "HOUR")),
    ],
)
def test_salaries(text, expected):
    assert pay(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2020-2024",
        "Call us at +49 30 1234567 or +31 20 123 4567.",
        "10% korting op onze toch al laagste prijzen",
        "500+ employees in 12 offices",
        "We match 100% of the first 10% of pre-tax 401(k) contributions.",
        "30 days of holiday and 2 volunteer days",
        "Fertility HRA (up to $10,000 per year)",
        "Fertility drug coverage (up to $4,000 lifetime)",
        "We raised $50M in Series B.",
        "Reiskostenvergoeding: €0,23 per km (vanaf 10 km, max. 50 km enkele reis).",
        "$120/month for public transport or parking charges reimbursed",
        "up to $500 learning budget",
        "A $5k signing bonus",
        "We automate how over $200B in annualized spend flows in and out of 70,000+ companies.",
        "Paid month off after 4 years & every 2 years thereafter",
        "€ 50",
        "Competitive salary and equity.",
        "",
    ],
)
def test_not_salaries(text):
    assert extract_salary(text) == {"min": None, "max": None, "currency": "", "period": "", "raw": ""}


def test_raw_is_the_matched_text():
    assert extract_salary("We pay €60,000 - €75,000 per year.")["raw"] == "€60,000 - €75,000 per year"
    assert extract_salary("£45,000 - £55,000 p.a. plus benefits")["raw"] == "£45,000 - £55,000 p.a."


def test_period_from_magnitude_only_when_unambiguous():
    assert pay("Salary: €4,500") == (4500, 4500, "EUR", "")
    assert pay("Salary: €25") == (25, 25, "EUR", "HOUR")
    assert pay("Salary: ¥6,000,000")[3] == ""


def test_the_first_stated_pay_wins():
    text = (
        "Salaris: Vanaf 21 jaar een all-in uurloon vanaf €17,85. "
        "Ben je jonger dan 21? Dan start je met een uurloon tussen €8,86 en €17,71."
    )
    assert pay(text) == (17.85, None, "EUR", "HOUR")
    text = "New York: $150,000 - $180,000 per year. Remote US: $130,000 - $160,000 per year."
    assert pay(text) == (150000, 180000, "USD", "YEAR")


def test_von_and_van_state_one_figure():
    assert pay("Ein Gehalt von 3.200,00 € brutto im Monat") == (3200, 3200, "EUR", "MONTH")
    assert pay("Een stagevergoeding van € 500 per maand.") == (500, 500, "EUR", "MONTH")
    assert pay("Eine Vergütung von 15 € pro Stunde.") == (15, 15, "EUR", "HOUR")


def test_a_range_whose_bounds_disagree():
    # "$164,00" lost a digit group: it reads as 164,000.
    assert pay("The base pay ranges from $164,00/year to $282,000/year.") == (164000, 282000, "USD", "YEAR")
    assert pay("Salary: $1,000 - $90,000 per year") == (None, 90000, "USD", "YEAR")


def test_seed_posting_has_no_salary():
    assert pay(seed_posting().text) == (None, None, "", "")


def test_demo_postings():
    assert pay(demo_posting("402919").text) == (55000, 65000, "EUR", "YEAR")
    assert pay(demo_posting("402920").text) == (16, 16, "EUR", "HOUR")


@pytest.mark.parametrize(
    "relative,posting_id,expected",
    [
        ("recruitee/api/bauhaus_nl_offers.json", "2677744", (17.85, None, "EUR", "HOUR")),
        ("recruitee/api/bauhaus_nl_offers.json", "2680693", (2600, 3400, "EUR", "MONTH")),
        ("recruitee/api/bauhaus_nl_offers.json", "2677750", (2491, None, "EUR", "MONTH")),
        ("recruitee/api/anonymized_offers_with_translations.json", "2697184", (75000, 90000, "EUR", "YEAR")),
        ("greenhouse/api/databricks_job_detail.json", "", (217000, 312200, "USD", "YEAR")),
        ("greenhouse/api/smarterdx_jobs_content.json", "5099964007", (75000, 105000, "USD", "YEAR")),
        ("workable/api/gable_job_detail.json", "", (210000, 250000, "USD", "YEAR")),
        ("ashby/api/ramp_job_board.json", "1db75064-e38c-4b21-8310-21471943d0be", (None, None, "", "")),
        ("lever/api/mistral_posting-no-lists.json", "", (None, None, "", "")),
        ("personio/xml/personio_own_feed_one_position.xml", "1834171", (None, None, "", "")),
    ],
)
def test_real_postings(relative, posting_id, expected):
    assert pay(fixture_posting(relative, posting_id).text) == expected


def test_structured_helpers_still_work():
    assert (
        normalize_salary({"min": "60000", "max": "75000", "currency": "EUR", "period": "year"})["min"]
        == 60000
    )
    assert structured_salary(75000, 60000, "€", "annual")["min"] == 60000
    assert normalize_salary("€60,000 - €75,000 per year")["max"] == 75000
    assert normalize_salary(None)["raw"] == ""


@pytest.mark.parametrize("number", ["0", "7", "0120", "85000", "120,000", "1,234", "1,234,567", "12345678901234",
                                    "60.000", "1.234,56", "120'000", "1,5", "60.00", "100.000.000", "1 000"])
def test_amounts_read_directly_agree_with_price_parser(number):
    from price_parser import Price

    from scraper.normalize.salary import _parse_amount

    assert _parse_amount(number, None) == float(Price.fromstring(number).amount)
    assert _parse_amount(number, "k") == float(Price.fromstring(number).amount) * 1000
