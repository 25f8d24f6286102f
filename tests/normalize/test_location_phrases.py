"""Workplace and applicant regions from location lines and phrases in the posting's text (issue 14).

Each phrase stands in a short posting between two ordinary paragraphs, as board headers and "Location:" lines do
in real postings; the title names no workplace.  Every phrase must come out right.
"""

import pytest

from scraper.normalize.regions import location_labels
from scraper.normalize.requirements import extract_requirements

# (phrase, workplace, applicant regions)
PHRASES = [
    ('Location: Remote (Europe)', 'remote', ['EUROPE']),
    ('Location: Remote - Canada', 'remote', ['CA']),
    ('Remote, Portugal', 'remote', ['PT']),
    ('Spain/Remote', 'remote', ['ES']),
    ('Remote-Brazil (contractor)', 'remote', ['BR']),
    ('Munich, Germany (on-site)', 'onsite', []),
    ('We work 3 days per week in the office.', 'hybrid', []),
    ('Location: Remote (US only)', 'remote', ['US']),
    ('Location: Berlin, Germany (Hybrid)', 'hybrid', []),
    ('Location: Amsterdam - Hybrid', 'hybrid', []),
    ('Location: Remote within the EU', 'remote', ['EU']),
    ('Locations: Remote - UK, Ireland', 'remote', ['GB', 'IE']),
    ('Location: London, UK / Remote (UK)', 'remote', ['GB']),
    ('Location: Remote (Germany, Austria or Switzerland)', 'remote', ['DE', 'AT', 'CH']),
    ('Location: remote (GERMANY)', 'remote', ['DE']),
    ('Location: Remote, USA', 'remote', ['US']),
    ('Location: Remote – Deutschland', 'remote', ['DE']),
    ('Location: Fully remote (EMEA)', 'remote', ['EMEA']),
    ('Remote (LATAM)', 'remote', ['LATAM']),
    ('Remote - Poland', 'remote', ['PL']),
    ('Poland (Remote)', 'remote', ['PL']),
    ('Remote | Netherlands', 'remote', ['NL']),
    ('Remote: Spain, Portugal', 'remote', ['ES', 'PT']),
    ('Remote (United Kingdom)', 'remote', ['GB']),
    ('Remote in Canada', 'remote', ['CA']),
    ('Canada/Remote', 'remote', ['CA']),
    ('Remote-Mexico', 'remote', ['MX']),
    ('Remote (Spain or Portugal)', 'remote', ['ES', 'PT']),
    ('Location: Lisbon, Portugal (on-site)', 'onsite', []),
    ('Location: On-site in Paris, France', 'onsite', []),
    ('Location: Hybrid (London, UK)', 'hybrid', []),
    ('Work location: Remote (Europe)', 'remote', ['EUROPE']),
    ('Standort: Remote (Deutschland)', 'remote', ['DE']),
    ('Standort: München (Hybrid)', 'hybrid', []),
    ('Locatie: Amsterdam (hybride)', 'hybrid', []),
    ('Locatie: Remote (Nederland)', 'remote', ['NL']),
    ('Berlin, Germany - Onsite', 'onsite', []),
    ('Onsite - Austin, TX', 'onsite', []),
    ('Hybrid - Toronto, Canada', 'hybrid', []),
    ('This role is hybrid: 2 days per week in our Berlin office.', 'hybrid', []),
    ('You will be in the office three days a week.', 'hybrid', []),
    ('We expect you in the office 3 days per week.', 'hybrid', []),
    ('3 days a week in the office, 2 from home', 'hybrid', []),
    ('Work from the office 2 days a week', 'hybrid', []),
    ('2 Tage pro Woche im Büro', 'hybrid', []),
    ('3 dagen per week op kantoor', 'hybrid', []),
    ('This is a fully remote role open to candidates in Spain and Portugal.', 'remote', ['ES', 'PT']),
    ('We are hiring in the UK, Germany and the Netherlands (remote).', 'remote', ['GB', 'DE', 'NL']),
    ('Remote (USA or Canada)', 'remote', ['US', 'CA']),
    ('Remote, UK', 'remote', ['GB']),
    ('Remote — Italy', 'remote', ['IT']),
    ('Remote (Brazil, Argentina, Colombia)', 'remote', ['BR', 'AR', 'CO']),
    ('Location: Remote (Americas)', 'remote', ['AMERICAS']),
    ('Location: Remote (APAC)', 'remote', ['APAC']),
    ('Location: Remote, Europe (CET +/- 2h)', 'remote', ['EUROPE']),
    ('Location: Hybrid / Madrid, Spain', 'hybrid', []),
    ('Location: Munich (on-site, 5 days a week)', 'onsite', []),
    ('Location: Office-based in Dublin, Ireland', 'onsite', []),
    ('Location: Remote from anywhere in Germany', 'remote', ['DE']),
    ('Remote (Portugal) - Contract', 'remote', ['PT']),
    # Prose: countries in any case and common forms, several in one phrase.
    ('You must be based in germany.', '', ['DE']),
    ('Candidates must be located in the USA or Canada.', '', ['US', 'CA']),
    ('You must live in Deutschland.', '', ['DE']),
    ('Applicants must reside in SPAIN, PORTUGAL or ITALY.', '', ['ES', 'PT', 'IT']),
    ('You need to be based in the UK or Ireland.', '', ['GB', 'IE']),
    ('This is a remote role; you must be based in Poland, Romania or Bulgaria.', 'remote', ['PL', 'RO', 'BG']),
    ('Remote from anywhere in the Netherlands or Belgium', 'remote', ['NL', 'BE']),
]

# Lines that hold a workplace or place word but are not a location label.
NOT_LABELS = ["Remote work", "Remote-first culture", "Hybrid cloud", "Remote Work Policy", "Remote Jobs",
              "Based in Berlin, we build logistics software.", "Hybrid Sales", "Remote Access Trojans",
              "Remote support tools", "Onsite gym", "Remote monitoring (IoT)",
              "We value remote work and flexible hours for everyone on the team."]


def _extract(line):
    text = "We build software for logistics companies.\n\n" + line + "\n\nYou will write Python services."
    return extract_requirements(text, "Software Engineer")


@pytest.mark.parametrize("phrase,workplace,regions", PHRASES)
def test_location_phrases(phrase, workplace, regions):
    found = _extract(phrase)
    assert (found["workplace"], found["applicantRegions"]) == (workplace, regions)


@pytest.mark.parametrize("line", NOT_LABELS)
def test_lines_that_are_not_location_labels(line):
    found = _extract(line)
    assert found["workplace"] == ""
    assert found["applicantRegions"] == []


def test_a_location_line_is_read_wherever_it_stands():
    text = ("## About us\n\nWe build tools.\n\n## The role\n\nYou will own our billing services.\n\n"
            "**Location:** Remote (Spain, Portugal)\n\n## Benefits\n\n- Good coffee")
    found = extract_requirements(text, "Backend Engineer")
    assert found["workplace"] == "remote"
    assert found["applicantRegions"] == ["ES", "PT"]


def test_labels_are_listed_in_order():
    text = "Location: Berlin (Hybrid)\n\nWe build tools.\n\nRemote, Portugal"
    assert location_labels(text) == ("Berlin (Hybrid)", "Remote, Portugal")
