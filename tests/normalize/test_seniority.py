import pytest

from scraper.normalize.seniority import extract_seniority, normalize_seniority
from tests.normalize.postings import demo_posting, fixture_posting, seed_posting


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Senior Backend Engineer", "senior"),
        ("Sr. Data Scientist", "senior"),
        ("(Senior) Financial Accountant (f/m/d)", "senior"),
        ("Android Engineer III", "mid"),
        ("Software Engineer II", "mid"),
        ("Software Engineer IV", "senior"),
        ("Medior Developer", "mid"),
        ("Mid-Senior Engineer", "mid"),
        ("Senior / Staff Fullstack Engineer", "senior"),
        ("Sr. Staff Software Engineer", "principal"),
        ("Junior/Mid Frontend Developer", "junior"),
        ("Junior Developer", "junior"),
        ("Graduate Software Engineer", "junior"),
        ("Client Support Analyst I", "junior"),
        ("Berufseinsteiger Controlling (m/w/d)", "junior"),
        ("Lead Product Designer", "lead"),
        ("Tech Lead Payments", "lead"),
        ("Teamleiter Vertrieb (m/w/d)", "lead"),
        ("Teamleider Klantenservice", "lead"),
        ("Staff Software Engineer, Data Platform", "principal"),
        ("Principal Consultant", "principal"),
        ("Head of Engineering", "director"),
        ("Director of Sales", "director"),
        ("Leiter Buchhaltung (m/w/d)", "director"),
        ("VP Engineering", "executive"),
        ("Chief Technology Officer", "executive"),
        ("Geschäftsführer (m/w/d)", "executive"),
        ("Engineering Manager, Payments", "manager"),
        ("Manager, Solutions Engineering", "manager"),
        ("Senior Engineering Manager", "manager"),
        ("Filialleiter (m/w/d)", "manager"),
        ("Intern - Marketing", "intern"),
        ("Summer 2027 Intern - Hardware Engineering", "intern"),
        ("Working Student Marketing", "intern"),
        ("Werkstudent:in Data Analytics (m/w/d)", "intern"),
        ("Praktikant (m/w/d) Online Marketing", "intern"),
        ("Stagiair Marketing", "intern"),
    ],
)
def test_title_words(title, expected):
    assert extract_seniority(title, "") == expected


@pytest.mark.parametrize(
    "title",
    [
        "Backend Engineer - Remote (EU)",
        "Staff Accountant",
        "Account Executive",
        "Executive Assistant",
        "Lead Generation Specialist",
        "Art Director",
        "Account Director (Inside/Outside Hybrid Sales)",
        "Customer Success Manager (German speaking) (f/m/d)",
        "Product Manager",
        "Account Manager, DACH",
        "Internal Audit Analyst",
    ],
)
def test_titles_without_a_level(title):
    assert extract_seniority(title, "") == ""


def test_individual_contributor_manager_titles_keep_other_words():
    assert extract_seniority("Senior Product Manager", "") == "senior"
    assert extract_seniority("Junior Account Manager", "") == "junior"


def test_manager_title_with_people_management_in_text():
    assert extract_seniority("Sales Manager", "You will manage a team of 6 account executives.") == "manager"
    assert (
        extract_seniority("Vertriebsmanager (m/w/d)", "Du hast Personalverantwortung für 5 Mitarbeitende.")
        == "manager"
    )
    assert extract_seniority("Customer Success Manager", "You will own a book of 40 accounts.") == ""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("We are looking for enthusiastic junior software engineers to join our team.", "junior"),
        ("We are looking for an experienced Senior Data Engineer.", "senior"),
        ("This is a senior position in our platform team.", "senior"),
        ("This is an entry-level role; we train you.", "junior"),
        ("Wir suchen einen Junior Entwickler für unser Team.", "junior"),
        ("Wij zoeken een medior developer.", "mid"),
        ("Ideal für Berufseinsteiger mit Studium.", "junior"),
        ("ABC Company Inc. seeks a full-time mid-level software engineer.", "mid"),
        ("You will mentor junior engineers and work with senior leadership.", ""),
        ("Our lead investors are happy.", ""),
    ],
)
def test_text_phrases(text, expected):
    assert extract_seniority("Software Engineer", text) == expected


def test_source_level_comes_after_the_title():
    assert extract_seniority("Backend Engineer", "", "entry_level") == "junior"
    assert extract_seniority("Senior Backend Engineer", "", "entry_level") == "senior"
    assert (
        extract_seniority("Backend Engineer", "We are looking for a senior engineer.", "mid_level") == "mid"
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1+ year of experience with Python", "junior"),
        ("3+ years in Customer Success at a B2B SaaS company", "mid"),
        ("8+ years of professional software development experience", "senior"),
        ("No years are stated here.", ""),
    ],
)
def test_years_as_a_weak_fallback_when_asked(text, expected):
    assert extract_seniority("Customer Success Manager", text, years_fallback=True) == expected
    assert extract_seniority("Customer Success Manager", text) == ""


def test_seed_posting_is_junior():
    seed = seed_posting()
    assert extract_seniority(seed.title, seed.text) == "junior"


def test_demo_postings():
    frontend = demo_posting("402918")
    assert extract_seniority(frontend.title, frontend.text) == "senior"
    csm = demo_posting("402919")  # IC "Manager"; only "3+ years" in the text
    assert extract_seniority(csm.title, csm.text) == ""
    assert extract_seniority(csm.title, csm.text, years_fallback=True) == "mid"
    assert extract_seniority(csm.title, csm.text, "mid_level") == "mid"
    student = demo_posting("402920")
    assert extract_seniority(student.title, student.text) == "intern"


@pytest.mark.parametrize(
    "relative,posting_id,expected",
    [
        ("personio/xml/personio_own_feed_one_position.xml", "1834171", "principal"),
        ("recruitee/api/anonymized_offers_with_translations.json", "2700825", "senior"),
        ("greenhouse/api/coupang_job_detail.json", "", "principal"),
        ("greenhouse/api/smarterdx_jobs_content.json", "5193736007", "junior"),
        ("lever/api/matchgroup_postings.json", "3414ba28-35f7-45d3-8e13-35c883959635", "mid"),
        ("greenhouse/api/stripe_job_8026689_detail.json", "", "lead"),
    ],
)
def test_real_postings(relative, posting_id, expected):
    posting = fixture_posting(relative, posting_id)
    assert extract_seniority(posting.title, posting.text) == expected


def test_normalize_seniority_still_reads_source_codes():
    assert normalize_seniority("entry_level") == "junior"
    assert normalize_seniority("Mid-Senior level") == "senior"
    assert normalize_seniority("") == ""
