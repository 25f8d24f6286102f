import pytest

from scraper.normalize.workplace import extract_workplace, normalize_workplace, workplace_from_flags
from tests.normalize.postings import demo_posting, fixture_posting, seed_posting


@pytest.mark.parametrize(
    "title,location,expected",
    [
        ("Backend Engineer - Remote (EU)", "", "remote"),
        ("Senior Frontend Engineer (React/TypeScript) – Hybrid, Berlin", "", "hybrid"),
        ("Support Engineer", "Remote - Germany", "remote"),
        ("Support Engineer", "Remote job", "remote"),
        ("Warehouse Associate (On-site)", "", "onsite"),
        ("Account Director (Inside/Outside Hybrid Sales)", "", ""),
        ("Backend Engineer", "Berlin, Berlin, Germany", ""),
    ],
)
def test_title_and_location(title, location, expected):
    assert extract_workplace("", title, location) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("This position is hybrid based in either Dublin or Munich locations", "hybrid"),
        ("Hybrid: two days a week in our Berlin office (Kreuzberg), the rest wherever you like.", "hybrid"),
        ("Able to come into the office 2 days per week, or 3 when needed.", "hybrid"),
        (
            "Uber expects employees to spend at least half of their work time in their assigned office.",
            "hybrid",
        ),
        ("De mogelijkheid om 1 dag per week thuis te werken.", "hybrid"),
        ("Wir bieten hybrides Arbeiten und flexible Arbeitszeiten.", "hybrid"),
        ("100% remote WFH: work from anywhere with a fully remote setup", "remote"),
        ("This is a fully remote role.", "remote"),
        ("You can work from anywhere within those regions.", "remote"),
        ("Die Stelle ist vollständig remote.", "remote"),
        ("This is an on-site role in our Munich plant.", "onsite"),
        ("This is not a remote position.", "onsite"),
        ("Unless formally approved to work fully remotely, employees work on site.", "onsite"),
        ("All of our roles are remote.", "remote"),
        ("You'll be based in the Southwest and operate remotely.", "remote"),
        ("Remote-first, Berlin office minimum once a week", "hybrid"),
        ("Full-time, based in our London office with two remote days per week.", "hybrid"),
        ("Our engineering team is in-person 5 days a week in SF and Miami.", "onsite"),
        ("You will work onsite in our Warsaw office five days a week.", "onsite"),
        ("Remote-Arbeit innerhalb Deutschlands ist möglich.", "remote"),
        ("Remote-first culture, with offices in Seattle and Paris\n#LI-REMOTE", "remote"),
        ("We are a remote-first company with a strong culture.", ""),
        ("We build hybrid cloud infrastructure.", ""),
        ("", ""),
    ],
)
def test_text(text, expected):
    assert extract_workplace(text) == expected


def test_title_wins_over_text():
    assert extract_workplace("Two days a week in the office.", "Engineer (Remote)") == "remote"


def test_seed_and_demo_postings():
    seed = seed_posting()
    assert extract_workplace(seed.text, seed.title, seed.location) == "remote"
    frontend = demo_posting("402918")
    assert extract_workplace(frontend.text, frontend.title, frontend.location) == "hybrid"
    csm = demo_posting("402919")
    assert extract_workplace(csm.text, csm.title, csm.location) == ""


@pytest.mark.parametrize(
    "relative,posting_id,expected",
    [
        ("personio/xml/personio_own_feed_one_position.xml", "1834171", "hybrid"),
        ("recruitee/api/anonymized_offers_with_translations.json", "2700825", "hybrid"),
        ("recruitee/api/bauhaus_nl_offers.json", "2680693", "hybrid"),
        ("recruitee/api/bauhaus_nl_offers.json", "2677744", ""),
        ("greenhouse/api/digitalocean_job_detail.json", "", "hybrid"),
        ("greenhouse/api/hubspot_job_detail.json", "", "remote"),
        ("ashby/api/highlightta_job_board.json", "90fb3621-899e-4b59-925d-25080ec91e18", "remote"),
    ],
)
def test_real_postings(relative, posting_id, expected):
    posting = fixture_posting(relative, posting_id)
    assert extract_workplace(posting.text, posting.title, posting.location) == expected


def test_label_and_flag_helpers_still_work():
    assert normalize_workplace("ON_SITE") == "onsite"
    assert normalize_workplace("Remote (EU)") == "remote"
    assert workplace_from_flags(remote=True, hybrid=True) == "hybrid"
