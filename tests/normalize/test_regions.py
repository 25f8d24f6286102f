import pytest

from scraper.normalize.regions import REGIONS, extract_applicant_regions, region_members
from tests.normalize.postings import demo_posting, fixture_posting, seed_posting


@pytest.mark.parametrize(
    "title,location,expected",
    [
        ("Backend Engineer - Remote (EU)", "", ["EU"]),
        ("Software Engineer (US/Canada, Remote)", "", ["US", "CA"]),
        ("Account Executive - 100% Remote UK", "", ["GB"]),
        ("Support Engineer, Remote EMEA", "", ["EMEA"]),
        ("Data Engineer – Remote (DACH)", "", ["DACH"]),
        ("Sales Manager (Remote, Benelux)", "", ["BENELUX"]),
        ("Support Engineer", "Remote - Germany", ["DE"]),
        ("Accounting Manager", "Remote - Canada", ["CA"]),
        ("Clinical Coding Specialist", "Remote (United States)", ["US"]),
        ("Support Engineer", "EMEA", ["EMEA"]),
        ("Fullstack Engineer", "Europe", ["EUROPE"]),
        # an office location is not an applicant region
        ("Support Engineer", "Germany", []),
        ("Senior Frontend Engineer (React/TypeScript) – Hybrid, Berlin", "Berlin, Berlin, Germany", []),
        ("Partner Development Representative (f/m/d) - Berlin, Germany", "Berlin, Berlin, Germany", []),
        ("IT Support Engineer", "Remote job", []),
    ],
)
def test_title_and_location(title, location, expected):
    assert extract_applicant_regions("", title, location) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Please note, we are only accepting applicants that are based in the EU.", ["EU"]),
        ("This role is EU only.", ["EU"]),
        ("You must be located in Germany.", ["DE"]),
        ("Work from anywhere in Europe!", ["EUROPE"]),
        ("Remote within the EEA", ["EEA"]),
        ("Candidates must have the right to work in the UK.", ["GB"]),
        ("We are hiring in Germany, Austria or Switzerland.", ["DE", "AT", "CH"]),
        ("This role is open to candidates based in the US and Europe.", ["US", "EUROPE"]),
        ("You are based in Germany or the Netherlands.", ["DE", "NL"]),
        ("US-based candidates only", ["US"]),
        ("Candidates must be based in the DACH region", ["DACH"]),
        ("Legal authorization to work in the U.S. is required.", ["US"]),
        ("Remote (DACH)", ["DACH"]),
        ("Du hast deinen Wohnsitz in Deutschland.", ["DE"]),
        ("Remote aus ganz Deutschland", ["DE"]),
        ("Wir arbeiten deutschlandweit remote.", ["DE"]),
        ("Je bent woonachtig in Nederland of België.", ["NL", "BE"]),
        ("Remote-Arbeit innerhalb Deutschlands ist möglich.", ["DE"]),
        ("US based applicants only", ["US"]),
        # a stated region holds the countries named after it
        ("Remote within DACH: you live in Germany, Austria or Switzerland.", ["DACH"]),
        ("Remote (EMEA). We hire anywhere in Europe, the Middle East and Africa.", ["EMEA"]),
    ],
)
def test_text(text, expected):
    assert extract_applicant_regions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We work in CET ±2 hours.",
        "You overlap at least four hours with EST.",
        "Our customers are based in the US and Canada.",
        "you will work with teams based in the US",
        "We have IT teams in Berlin.",
        "You will join our team in the DACH region.",
        "Linear is a remote-first company, with optional co-working offices in San Francisco and London.",
        "We only hire people who love their craft.",
        "The base salary range for this role is currently for residents of the United States only.",
        "Remote - we are a distributed team.",
        "",
    ],
)
def test_not_regions(text):
    assert extract_applicant_regions(text) == []


def test_region_members():
    assert region_members("DACH") == {"DE", "AT", "CH"}
    assert region_members("eu") == set(REGIONS["EU"])
    assert len(region_members("EU")) == 27 and "GB" not in region_members("EU")
    assert region_members("EEA") == region_members("EU") | {"IS", "LI", "NO"}
    assert region_members("BENELUX") == {"BE", "NL", "LU"}
    assert region_members("ANZ") == {"AU", "NZ"}
    assert {"US", "CA"} <= region_members("NORTH_AMERICA")
    assert "BR" in region_members("LATAM") and "JP" in region_members("APAC")
    assert region_members("DE") == {"DE"}
    assert region_members("XX") == set() and region_members("") == set()
    for code, members in REGIONS.items():
        assert members and all(len(m) == 2 and m.isupper() for m in members), code


def test_seed_posting_is_for_the_eu():
    seed = seed_posting()
    assert extract_applicant_regions(seed.text, seed.title, "Berlin, Berlin, Germany") == ["EU"]


def test_demo_posting_without_regions():
    frontend = demo_posting("402918")
    assert extract_applicant_regions(frontend.text, frontend.title, frontend.location) == []


@pytest.mark.parametrize(
    "relative,posting_id,expected",
    [
        (
            "ashby/api/linear_job_board.json",
            "d3bc1ced-3ce4-4086-a050-555055dbb1ff",
            ["EUROPE", "NORTH_AMERICA"],
        ),
        (
            "ashby/api/linear_job_board.json",
            "cd5ae036-0223-427a-b038-ba16ef9dcb32",
            ["NORTH_AMERICA", "EUROPE"],
        ),
        ("greenhouse/api/hubspot_job_detail.json", "", ["US"]),
        ("greenhouse/api/gitlab_jobs_content.json", "8503792002", ["IT"]),
        ("recruitee/api/anonymized_offers_with_translations.json", "2697184", ["DE"]),
        ("recruitee/api/bauhaus_nl_offers.json", "2680693", []),
        ("personio/xml/personio_own_feed_one_position.xml", "1834171", []),
    ],
)
def test_real_postings(relative, posting_id, expected):
    posting = fixture_posting(relative, posting_id)
    assert extract_applicant_regions(posting.text, posting.title, posting.location) == expected
