import html
import json
import re

import pytest

from scraper.normalize.skills import (
    all_skills,
    extract_skills,
    find_skills,
    get_skill,
    hashtag,
    load_taxonomy_data,
)
from scraper.normalize.text import html_to_markdown_text, markdown_to_plain
from tests.helpers import REPO, shared_fixture

CATEGORIES = {"language", "markup", "framework", "library", "database", "cloud", "devops", "data", "ai",
              "protocol", "topic", "testing", "tool", "platform", "concept", "method", "design"}


def names(text):
    return [m.name for m in find_skills(text)]


# ---------------------------------------------------------------------------
# The taxonomy file


def test_taxonomy_loads_and_is_large_enough():
    data = load_taxonomy_data()
    assert len(data) >= 600
    assert len(all_skills()) == len(data)


def test_taxonomy_names_and_tags_are_unique_and_well_formed():
    data = load_taxonomy_data()
    names_ = [e["name"] for e in data]
    tags = [e["tag"] for e in data]
    assert len(set(names_)) == len(names_)
    assert len(set(tags)) == len(tags)
    for entry in data:
        assert re.fullmatch(r"[a-z0-9]+", entry["tag"]), entry
        assert entry["category"] in CATEGORIES, entry
        assert entry.get("context", "strong") in ("strong", "weak"), entry
        if entry.get("context"):
            # A context rule guards the cased forms; a skill without any has nothing to guard.
            assert entry.get("cased"), entry


def test_no_alias_is_claimed_by_two_skills():
    owner = {}
    for entry in load_taxonomy_data():
        forms = set(entry.get("aliases", [])) | set(entry.get("cased", []))
        if entry.get("name_matches", True):
            forms.add(entry["name"])
        for form in {f.lower() for f in forms}:
            assert owner.setdefault(form, entry["name"]) == entry["name"], (form, owner[form], entry["name"])


def test_taxonomy_header_names_sources_and_licences():
    header = (REPO / "scraper" / "data" / "skills.yaml").read_text(encoding="utf-8").split("\nskills:")[0]
    for fact in ("linguist", "devicon", "Pygments", "MIT", "BSD", "scripts/build_skills_taxonomy.py"):
        assert fact in header


def test_build_script_reproduces_the_file_from_the_curation_alone(tmp_path):
    # Without the upstream lists the build still runs; every curated entry is there with the
    # same name, category and tag (the lists only add aliases and `sources`).
    import importlib.util

    spec = importlib.util.spec_from_file_location("build", REPO / "scripts" / "build_skills_taxonomy.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    out = tmp_path / "skills.yaml"
    assert build.main(["--output", str(out), "--words", str(tmp_path / "none")]) == 0
    import yaml

    rebuilt = {e["name"]: (e["category"], e["tag"]) for e in yaml.safe_load(out.read_text())["skills"]}
    shipped = {e["name"]: (e["category"], e["tag"]) for e in load_taxonomy_data()}
    assert rebuilt == shipped


# ---------------------------------------------------------------------------
# Aliases, boundaries, hashtags

ALIASES = [
    ("We run Postgres 15.", "PostgreSQL"),
    ("Experience with RoR.", "Ruby on Rails"),
    ("Strong JS skills", "JavaScript"),
    ("modern ECMAScript", "JavaScript"),
    ("deployed on k8s", "Kubernetes"),
    ("K8s clusters", "Kubernetes"),
    ("golang services", "Go"),
    ("Golang", "Go"),
    ("C++17 and templates", "C++"),
    ("written in C#", "C#"),
    ("F# or OCaml", "F#"),
    ("the .NET platform", ".NET"),
    ("ASP.NET MVC", "ASP.NET"),
    ("Node.js backend", "Node.js"),
    ("NodeJS", "Node.js"),
    ("a CI/CD pipeline", "CI/CD"),
    ("Vue.js 3", "Vue.js"),
    ("sklearn models", "scikit-learn"),
    ("T-SQL procedures", "T-SQL"),
    ("PL/SQL packages", "PL/SQL"),
    ("Amazon Web Services", "AWS"),
    ("GCP or Azure", "Google Cloud"),
    ("MS SQL Server", "Microsoft SQL Server"),
    ("Spring Boot microservices", "Spring Boot"),
    ("Ruby on Rails", "Ruby on Rails"),
    ("React Native apps", "React Native"),
    ("RESTful APIs", "REST"),
    ("Wünschenswert: SAP S/4HANA", "SAP S/4HANA"),
    ("MS Excel", "Excel"),
]


@pytest.mark.parametrize("text,expected", ALIASES)
def test_aliases_map_to_canonical_names(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text,absent", [
    ("NoSQL stores", "SQL"),
    ("MySQL 8", "SQL"),
    ("ASP.NET Core", ".NET"),
    ("C++ only", "C"),
    ("C# only", "C"),
    ("see python.org", "Python"),
    ("a good goal", "Go"),
    ("arrays and rays", "Ray"),
    ("pipelines", "pip"),
])
def test_no_match_inside_other_words(text, absent):
    assert absent not in names(text)


def test_longest_alias_wins_and_offsets_point_at_the_text():
    text = "Experience with Spring Boot, C++, .NET Core and Node.js."
    found = find_skills(text)
    assert [m.name for m in found] == ["Spring Boot", "C++", ".NET Core", "Node.js"]
    assert [text[m.start:m.end] for m in found] == ["Spring Boot", "C++", ".NET Core", "Node.js"]
    assert found[0].category == "framework" and found[0].tag == "springboot"


def test_non_ascii_text_keeps_offsets():
    text = "Erfahrung mit Python – und Kenntnisse in Kotlin für Android-Apps (Größe egal)."
    found = find_skills(text)
    assert [text[m.start:m.end] for m in found] == ["Python", "Kotlin", "Android"]


@pytest.mark.parametrize("name,tag", [
    ("Ruby", "#rubylang"), ("Go", "#golang"), ("R", "#rlang"), ("C++", "#cpp"), ("C#", "#csharp"),
    (".NET", "#dotnet"), ("Node.js", "#nodejs"), ("PostgreSQL", "#postgresql"), ("SQL", "#sql"),
    ("Rust", "#rustlang"), ("Ruby on Rails", "#rubyonrails"),
])
def test_hashtags(name, tag):
    assert hashtag(name) == tag


def test_hashtag_of_unknown_name_is_a_slug():
    assert hashtag("Foo Bar++") == "#foobarpp"
    assert get_skill("Foo Bar++") is None


# ---------------------------------------------------------------------------
# Ambiguous names: (text, skill, expected present?)

AMBIGUOUS = [
    # Go
    ("Backend services written in Go.", "Go", True),
    ("Python, Go or Rust", "Go", True),
    ("Experience with Go and Kubernetes", "Go", True),
    ("We are hiring a Go developer", "Go", True),
    ("Our go to market strategy", "Go", False),
    ("Own the Go-to-market plan", "Go", False),
    ("Work on the go with our app", "Go", False),
    ("Ready to Go? Apply now.", "Go", False),
    ("Go beyond your comfort zone", "Go", False),
    # Rust
    ("Experience with Rust.", "Rust", True),
    ("We build our engine in Rust and C++", "Rust", True),
    ("Plants across the Rust Belt", "Rust", False),
    ("rust prevention coatings", "Rust", False),
    # R
    ("Statistical analysis in Python or R", "R", True),
    ("R programming for data science", "R", True),
    ("Tools: R, SAS, Stata", "R", True),
    ("Our R&D team in Munich", "R", False),
    ("Contact R. Smith for details", "R", False),
    ("Plan R is not a plan", "R", False),
    # C
    ("Embedded firmware in C and C++", "C", True),
    ("Proficiency in C for microcontrollers", "C", True),
    ("Report to C-level executives", "C", False),
    ("We closed our Series C last year", "C", False),
    ("Vitamin C supplements", "C", False),
    ("Grade C or better", "C", False),
    ("options A, B, or C", "C", False),
    # Swift
    ("iOS development with Swift and SwiftUI", "Swift", True),
    ("We value a swift response", "Swift", False),
    ("Send payments via SWIFT", "Swift", False),
    # Spring
    ("Java and Spring microservices", "Spring", True),
    ("Our backend uses Spring, Hibernate and Kafka.", "Spring", True),
    ("Starting in the Spring of next year", "Spring", False),
    ("Join our Spring 2026 intern cohort", "Spring", False),
    ("Spring is a great season", "Spring", False),
    # React
    ("Frontend in React and TypeScript", "React", True),
    ("Experience with React.", "React", True),
    ("React quickly to customer incidents", "React", False),
    ("You react quickly to change", "React", False),
    ("We React Fast And Ship Often", "React", False),
    # REST
    ("Design REST APIs", "REST", True),
    ("Supporting the rest of the team.", "REST", False),
    ("Rest assured, we pay well", "REST", False),
    # Express
    ("Node.js with Express and MongoDB", "Express", True),
    ("Express.js", "Express", True),
    ("Please express interest by email", "Express", False),
    ("Corporate card from American Express", "Express", False),
    ("Express your ideas freely", "Express", False),
    # Make
    ("Build tools: Make, CMake, Bazel", "Make", True),
    ("Make sure our systems scale", "Make", False),
    ("make sure you apply", "Make", False),
    ("Benefits that make Personio a great place to work", "Make", False),
    ("Make an impact from day one", "Make", False),
    # Chef
    ("Configuration management with Chef or Puppet", "Chef", True),
    ("Chef cookbooks and recipes", "Chef", True),
    ("We are hiring a head chef", "Chef", False),
    ("Sous Chef wanted for our kitchen", "Chef", False),
    ("Our Chef prepares lunch daily", "Chef", False),
    # Excel
    ("Advanced skills in Excel and PowerPoint", "Excel", True),
    ("Proficient with Excel.", "Excel", True),
    ("You excel at communication", "Excel", False),
    ("People who Excel at sales", "Excel", False),
    ("Help our customers excel in their work", "Excel", False),
    # others that are words
    ("Bachelor's degree in Julia Roberts studies", "Julia", False),
    ("Numerical computing in Julia and Python", "Julia", True),
    ("Node, Postgres and Redis in the backend", "Node.js", True),
    ("Each node of the cluster", "Node.js", False),
    ("Tools like Zapier, n8n, Make", "Make.com", True),
    ("Tools like Zapier, n8n, Make", "Make", False),
    ("Hong Kong office", "Kong Gateway", False),
]


@pytest.mark.parametrize("text,skill,present", AMBIGUOUS)
def test_ambiguous_names_follow_context(text, skill, present):
    assert (skill in names(text)) is present, find_skills(text)


def test_ruby_and_java_are_simple():
    assert names("Ruby and Java developers") == ["Ruby", "Java"]


# ---------------------------------------------------------------------------
# Required vs nice-to-have


def ex(text):
    return extract_skills(text)


def test_heading_nice_to_have_covers_its_section_until_next_heading_of_same_level():
    md = ("### Requirements\n\n* Python and SQL\n\n### Nice to have\n\n* Kafka\n\n#### Cloud\n\n"
          "* AWS\n\n### Benefits\n\n* Docker workshops")
    assert ex(md) == {"required": ["Python", "SQL", "Docker"], "niceToHave": ["Apache Kafka", "AWS"]}


def test_nested_nice_to_have_list_item():
    md = ("* Experience with SQL\n* Nice to have:\n    * Experience with Ruby.\n    * Experience with Rust.\n"
          "* Speaking English and Docker")
    assert ex(md) == {"required": ["SQL", "Docker"], "niceToHave": ["Ruby", "Rust"]}


def test_flat_nice_to_have_item_covers_following_siblings():
    md = "* Java\n* Bonus points:\n* Scala\n* Kotlin\n\nWe use Jira."
    assert ex(md) == {"required": ["Java", "Jira"], "niceToHave": ["Scala", "Kotlin"]}


def test_label_paragraph_covers_the_list_below():
    md = "**Must have**\n\n* Go\n* gRPC\n\nNice to have:\n\n* Terraform\n\n* Helm charts\n\nAbout us: Jira."
    assert ex(md) == {"required": ["Go", "gRPC", "Jira"], "niceToHave": ["Terraform", "Helm"]}


def test_bold_line_heading():
    md = "**Bonus**\n\n* Elixir\n\n**What we offer**\n\n* MacBook with Docker"
    assert ex(md) == {"required": ["Docker"], "niceToHave": ["Elixir"]}


@pytest.mark.parametrize("sentence", [
    "Experience with Kafka is a plus.",
    "Experience with Kafka would be a plus.",
    "Kafka knowledge is a big plus.",
    "Preferably some Kafka.",
    "Ideally you have used Kafka.",
    "Kafka experience is desirable.",
    "Kafka (optional).",
    "Bonus: Kafka.",
    "Plus: Kafka.",
    "Kafka preferred.",
    "Nice to have: Kafka.",
    "Kafka is an advantage.",
    # German
    "Kenntnisse in Kafka sind wünschenswert.",
    "Erfahrung mit Kafka ist von Vorteil.",
    "Pluspunkte: Kafka.",
    "Idealerweise kennst du Kafka.",
    "Kafka ist ein Plus.",
    # Dutch
    "Kennis van Kafka is een pré.",
    "Ervaring met Kafka is een pluspunt.",
    "Kafka is een pré.",
    "Bij voorkeur ervaring met Kafka.",
])
def test_nice_to_have_phrases_apply_to_their_sentence(sentence):
    text = f"* Python and SQL.\n* {sentence}\n* Docker."
    assert ex(text) == {"required": ["Python", "SQL", "Docker"], "niceToHave": ["Apache Kafka"]}


def test_phrase_applies_to_its_sentence_only():
    text = "You know Python well. Experience with Go is a plus. You have used Docker."
    assert ex(text) == {"required": ["Python", "Docker"], "niceToHave": ["Go"]}


@pytest.mark.parametrize("heading", ["Nice to have", "Nice-to-Haves", "Bonus points", "Preferred qualifications",
                                     "Wünschenswert", "Pluspunkte", "Plus", "Was wünschenswert wäre"])
def test_nice_headings(heading):
    md = f"### Requirements\n\n* Java\n\n### {heading}\n\n* Kotlin"
    assert ex(md) == {"required": ["Java"], "niceToHave": ["Kotlin"]}


def test_skill_named_in_both_is_required_and_order_is_first_appearance():
    md = "* Nice to have: Go, Python.\n* Required: Docker, Python, Go, Docker."
    assert ex(md) == {"required": ["Docker", "Python", "Go"], "niceToHave": []}


def test_plain_text_label_covers_lines_up_to_blank_line():
    plain = "Requirements\nSQL\nNice to have:\nRuby\nRust\n\nWe use Docker."
    assert ex(plain) == {"required": ["SQL", "Docker"], "niceToHave": ["Ruby", "Rust"]}


def test_exclude_company_names():
    text = "At Stripe we use Ruby. Experience with Stripe APIs, Databricks and Go."
    result = extract_skills(text, exclude=["Stripe, Inc.", "Databricks"])
    assert "Databricks" not in result["required"]
    assert result["required"][:1] == ["Ruby"]


def test_link_targets_do_not_name_skills():
    md = "Read [our blog](https://example.com/python-developer/kubernetes) about Go."
    assert extract_skills(md) == {"required": [], "niceToHave": []}


def test_empty_input():
    assert extract_skills("") == {"required": [], "niceToHave": []}
    assert find_skills("") == []


# ---------------------------------------------------------------------------
# The seed posting and real postings


def _seed_markdown():
    path = REPO / "demo" / "snapshot" / "jobs.chartmogul.com" / "api" / "offers.json"
    offers = json.loads(path.read_text(encoding="utf-8"))["offers"]
    offer = next(o for o in offers if o["id"] == 402917)
    return html_to_markdown_text(offer["description"] + offer["requirements"])


def test_seed_posting_markdown():
    md = _seed_markdown()
    assert extract_skills(md) == {"required": ["SQL"], "niceToHave": ["Ruby", "PostgreSQL", "Rust"]}
    assert "REST" not in names(md)  # "Supporting the rest of the team"


def test_seed_posting_plain_text():
    plain = markdown_to_plain(_seed_markdown())
    assert extract_skills(plain) == {"required": ["SQL"], "niceToHave": ["Ruby", "PostgreSQL", "Rust"]}


def _greenhouse(relative):
    data = json.loads(shared_fixture(relative).read_text(encoding="utf-8"))
    return html_to_markdown_text(html.unescape(data["content"]))


def _topics(names):
    return [n for n in names if get_skill(n).category == "topic"]


def _concrete(names):
    return [n for n in names if get_skill(n).category != "topic"]


def test_greenhouse_stripe_security_data_platforms():
    # Read by hand: "Minimum requirements" names Kafka, Flink, Spark, Java, C++, Rust;
    # "Preferred qualifications" names AWS, Kubernetes, Terraform, React, TypeScript.
    result = extract_skills(_greenhouse("greenhouse/api/stripe_job_detail.json"), exclude=["Stripe"])
    for name in ("Apache Kafka", "Apache Flink", "Apache Spark", "Java", "C++", "Rust", "Distributed systems"):
        assert name in result["required"]
    # "React / TypeScript frontend experience is helpful" names a broad topic as well (recorded as a skill,
    # without a hashtag); cloud computing, named earlier, is required.
    assert _concrete(result["niceToHave"]) == ["AWS", "Kubernetes", "Infrastructure as Code", "Terraform", "React",
                                               "TypeScript"]
    assert _topics(result["niceToHave"]) == ["Frontend development"]
    assert "Stripe" not in result["required"]


def test_greenhouse_digitalocean_principal_engineer():
    # "Fluent in one or more of C++, Java and Go" and Go services; HashiCorp Vault is a plus.
    result = extract_skills(_greenhouse("greenhouse/api/digitalocean_job_detail.json"), exclude=["DigitalOcean"])
    for name in ("Go", "gRPC", "Kubernetes", "MySQL", "Terraform", "OAuth", "OpenID Connect", "SAML"):
        assert name in result["required"], result
    # "Contributions to open-source identity or cryptography projects" is a plus as well.
    assert result["niceToHave"] == ["Vault", "Open source"]
    assert "DigitalOcean" not in result["required"]


def test_greenhouse_amplitude_data_scientist():
    data = json.loads(shared_fixture("greenhouse/api/amplitude_jobs_content.json").read_text(encoding="utf-8"))
    job = next(j for j in data["jobs"] if "Data Scientist" in j["title"])
    result = extract_skills(html_to_markdown_text(html.unescape(job["content"])))
    # "Experience using Python or R for statistical analysis" and "such as Snowflake, BigQuery, or Redshift".
    for name in ("SQL", "Python", "R", "Snowflake", "Google BigQuery", "Amazon Redshift", "A/B testing"):
        assert name in result["required"], result


def test_lever_matchgroup_android_engineer():
    data = json.loads(shared_fixture("lever/api/matchgroup_postings.json").read_text(encoding="utf-8"))
    job = next(j for j in data if j["text"] == "Android Engineer III")
    body = (job.get("description") or "") + "".join(
        f"<h3>{part['text']}</h3><ul>{part['content']}</ul>" for part in job.get("lists", []))
    result = extract_skills(html_to_markdown_text(body))
    assert {"Android", "Kotlin", "Jetpack Compose"} <= set(result["required"])
    assert "Java" in result["niceToHave"]


def test_greenhouse_coupang_bold_headings_split_required_and_preferred():
    # Read by hand: "**Basic Qualifications**" asks for AWS and distributed systems (Java and Go
    # come from "What You Will Do"); "**Preferred Qualifications**" lists the rest.
    result = extract_skills(_greenhouse("greenhouse/api/coupang_job_detail.json"), exclude=["Coupang"])
    assert {"Java", "Go", "AWS", "Distributed systems"} <= set(result["required"])
    assert result["niceToHave"] == ["OpenID Connect", "OAuth", "Kubernetes", "gRPC", "Istio", "CI/CD",
                                    "Infrastructure as Code", "C++", "Microsoft Azure", "Google Cloud",
                                    "API design"]
