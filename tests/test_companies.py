import re
from pathlib import Path

import pytest
import yaml

from scraper.companies import CompaniesFileError, Company, load_companies, parse_companies
from scraper.detect import PLATFORMS, detect_from_url, resolve

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path, text, name="companies.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- the shipped example ------------------------------------------------------------------

def test_shipped_companies_file_loads():
    companies = load_companies(REPO / "companies.yaml")
    by_name = {c.name: c for c in companies}
    assert by_name["ChartMogul"] == Company(
        name="ChartMogul", careers_url="https://jobs.chartmogul.com", platform="recruitee",
        website="https://chartmogul.com/",
        logo="https://jobboard-logos-bucket.s3.eu-central-1.amazonaws.com/chartmogul-cmtde-gmbh-co-kg",
        featured=20)
    for name in ("GitLab", "Anthropic", "Palantir", "Mistral AI", "Linear", "Ramp", "Hugging Face",
                 "Western Digital", "Personio", "Teamtailor", "Synchrony"):
        assert name in by_name


def test_shipped_companies_each_locate_a_board():
    """Every entry's board is found from its URL, or from its configuration where the URL is
    the company's own domain; Hostaway alone relies on reading its page."""
    platforms = set()
    needs_page = []
    for company in load_companies(REPO / "companies.yaml"):
        found = detect_from_url(company.careers_url)
        if found and company.platform:
            assert found.platform == company.platform, company.name
        resolved = resolve(company.careers_url, company.platform, company.token)
        if resolved is None:
            needs_page.append(company.name)
            continue
        assert resolved.api_url, company.name
        platforms.add(resolved.platform)
    assert needs_page == ["Hostaway"]
    assert platforms == set(PLATFORMS) - {"jsonld"}


# ---- valid files --------------------------------------------------------------------------

def test_minimal_entries_and_defaults(tmp_path):
    path = write(tmp_path, """
- name: Acme
  careers_url: https://jobs.lever.co/acme
- name: 3M
  careers_url: jobs.example.com/careers
""")
    acme, threem = load_companies(path)
    assert acme == Company(name="Acme", careers_url="https://jobs.lever.co/acme")
    assert (acme.platform, acme.token, acme.website, acme.logo, acme.featured) == ("", "", "", "", 0)
    assert threem.careers_url == "https://jobs.example.com/careers"  # a bare host means https


def test_every_key(tmp_path):
    path = write(tmp_path, """
companies:
  - name: "  Stripe  "
    careers_url: https://stripe.com/jobs/search
    platform: Greenhouse
    token: stripe
    website: https://stripe.com/
    logo: http://cdn.example/stripe.png
    featured: "5"
""")
    (stripe,) = load_companies(path)
    assert stripe == Company(name="Stripe", careers_url="https://stripe.com/jobs/search",
                             platform="greenhouse", token="stripe", website="https://stripe.com/", logo="http://cdn.example/stripe.png",
                             featured=5)


def test_spider_kwargs():
    company = Company(name="Stripe", careers_url="https://stripe.com/jobs", platform="greenhouse",
                      token="stripe", website="https://stripe.com/", featured=3)
    assert company.spider_kwargs() == {"company": "Stripe", "featured": "3", "board": "stripe",
                                       "website": "https://stripe.com/"}
    bare = Company(name="A", careers_url="https://a.example")
    assert bare.spider_kwargs() == {"company": "A", "featured": "0"}


def test_utf8_bom_and_null_optionals(tmp_path):
    path = tmp_path / "c.yaml"
    text = "\ufeff- name: Zoë\n  careers_url: https://jobs.ashbyhq.com/zoe\n  platform:\n  featured:\n"
    path.write_bytes(text.encode("utf-8"))
    (zoe,) = load_companies(path)
    assert (zoe.name, zoe.platform, zoe.featured) == ("Zoë", "", 0)


# ---- errors: each names the entry (counted from 1) and what is wrong ---------------------------

ACME = "- name: Acme\n  careers_url: https://jobs.lever.co/acme"
ENTRY_ERRORS = [
    ("- careers_url: https://jobs.lever.co/acme", r"entry 1: missing name"),
    ("- name: ''\n  careers_url: https://jobs.lever.co/acme", r"entry 1: missing name"),
    ("- name: [a, b]\n  careers_url: https://jobs.lever.co/acme", r"entry 1: name must be text"),
    ("- name: yes\n  careers_url: https://jobs.lever.co/acme", r"entry 1: name must be text"),
    ("- name: Acme", r"entry 1 \(Acme\): missing careers_url"),
    ("- name: Acme\n  careers_url: ftp://jobs.example/x",
     r"entry 1 \(Acme\): careers_url must be an http\(s\) URL"),
    ("- name: Acme\n  careers_url: 'https://exa mple.com/'", r"careers_url must be an http\(s\) URL"),
    ("- name: Acme\n  careers_url: https://jobs.lever.co/acme\n  platform: taleo",
     r"entry 1 \(Acme\): unknown platform 'taleo' \(known: recruitee, greenhouse"),
    ("- name: Acme\n  careers_url: https://jobs.lever.co/acme\n  featured: -1",
     r"entry 1 \(Acme\): featured must be a whole number >= 0, not -1"),
    ("- name: Acme\n  careers_url: https://jobs.lever.co/acme\n  featured: lots",
     r"featured must be a whole number >= 0, not 'lots'"),
    (f"{ACME}\n  featured: 1.5", r"featured must be a whole number"),
    (f"{ACME}\n  featured: true", r"featured must be a whole number"),
    ("- name: Acme\n  careers_url: https://jobs.lever.co/acme\n  token: acme",
     r"token is given without the platform it belongs to"),
    ("- name: Acme\n  careers_url: https://jobs.lever.co/acme\n  platform: lever\n  token: a b",
     r"token must be one word"),
    (f"{ACME}\n  website: not a url", r"website must be an http\(s\) URL"),
    (f"{ACME}\n  logo: javascript:alert(1)", r"logo must be an http\(s\) URL"),
    ("- name: Acme\n  careers_ur: https://jobs.lever.co/acme",
     r"entry 1 \(Acme\): unknown key\(s\) 'careers_ur' \(known: name, careers_url"),
    ("- Acme", r"entry 1: is a str, not a mapping"),
    ("- name: A\n  careers_url: https://jobs.lever.co/a\n- name: B\n  platform: nosuch",
     r"entry 2 \(B\): missing careers_url\n.*entry 2 \(B\): unknown platform"),
    ("- name: A\n  careers_url: https://jobs.lever.co/a\n- name: B\n  careers_url: https://JOBS.lever.co/a/",
     r"entry 2 \(B\): careers_url https://JOBS.lever.co/a/ repeats entry 1"),
]


@pytest.mark.parametrize("text,message", ENTRY_ERRORS)
def test_entry_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(CompaniesFileError) as exc:
        load_companies(path)
    assert re.search(message, str(exc.value)), str(exc.value)
    assert str(exc.value).startswith(str(path))


def test_all_problems_reported_at_once(tmp_path):
    path = write(tmp_path, """
- name: Good
  careers_url: https://jobs.lever.co/good
- careers_url: https://jobs.lever.co/nameless
- name: Bad
  careers_url: https://jobs.lever.co/bad
  featured: x
""")
    with pytest.raises(CompaniesFileError) as exc:
        load_companies(path)
    lines = str(exc.value).splitlines()
    assert len(lines) == 2
    assert "entry 2: missing name" in lines[0] and "entry 3 (Bad): featured" in lines[1]


FILE_ERRORS = [
    ("", r"no companies in the file"),
    ("# only a comment\n", r"no companies in the file"),
    ("[]", r"the list of companies is empty"),
    ("name: Acme\ncareers_url: https://x.example", r"a mapping needs a 'companies' key"),
    ("companies: {name: Acme}", r"expected a list of companies, found a dict"),
    ("just text", r"expected a list of companies, found a str"),
    ("- name: [unclosed", r"not valid YAML"),
    ("- !!python/object/apply:os.system ['true']", r"not valid YAML"),
]


@pytest.mark.parametrize("text,message", FILE_ERRORS)
def test_file_errors(tmp_path, text, message):
    with pytest.raises(CompaniesFileError, match=message):
        load_companies(write(tmp_path, text))


def test_missing_or_unreadable_file(tmp_path):
    with pytest.raises(CompaniesFileError, match="cannot read the companies file"):
        load_companies(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("- name: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(CompaniesFileError, match="cannot read the companies file"):
        load_companies(bad)


def test_parse_companies_from_loaded_data():
    data = yaml.safe_load("- {name: Acme, careers_url: 'https://jobs.lever.co/acme', platform: lever}")
    acme = Company(name="Acme", careers_url="https://jobs.lever.co/acme", platform="lever")
    assert parse_companies(data) == [acme]
    with pytest.raises(CompaniesFileError, match=r"^inline: entry 1 \(x\): missing careers_url"):
        parse_companies([{"name": "x"}], source="inline")
