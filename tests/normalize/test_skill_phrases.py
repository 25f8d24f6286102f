"""Skills as postings write them (issue 14): spellings, context rules for words that are also skills, and broad
topics (recorded as skills, without hashtags, not in the summary)."""

import pytest

from scraper.normalize.requirements import extract_requirements, hashtags, is_topic, summary, summary_backup
from scraper.normalize.skills import get_skill

# (sentence, names that must be found in either list, names that must not be)
PHRASES = [
    ('Experience with .NET Core and C# .NET', ['.NET Core', 'C#', '.NET'], []),
    ('You design RESTful APIs.', ['REST'], []),
    ('Our frontend is written in ReactJS.', ['React'], []),
    ('We build services with Spring Boot and Kotlin.', ['Spring Boot', 'Kotlin'], []),
    ('Experience with React and Redux', ['React', 'Redux'], []),
    ('You react quickly to incidents.', [], ['React']),
    ('You support the rest of the team.', [], ['REST']),
    ('Django and/or React to get things done', ['Django', 'React'], []),
    ('Jenkins is a plus.', ['Jenkins'], []),
    ('Knowledge of REST and GraphQL APIs', ['REST', 'GraphQL'], []),
    ('We use React, Cypress and Azure.', ['React', 'Cypress', 'Microsoft Azure'], []),
    ('Experience with microservices on Azure', ['Microservices', 'Microsoft Azure'], []),
    ('Single sign-on with OAuth 2.0, OpenID Connect and SAML',
     ['Single sign-on', 'OAuth', 'OpenID Connect', 'SAML'], []),
    ('Experience using AWS Lambda and AWS EC2', ['AWS', 'AWS Lambda', 'Amazon EC2'], []),
    ('Experience with cloud technologies such as AWS', ['Cloud computing', 'AWS'], []),
    ('Experience with cloud platforms (GCP preferred)', ['Cloud computing', 'Google Cloud'], []),
    ('Strong testing skills and QA experience', ['Software testing', 'Quality assurance'], []),
    ('Experience with test automation (Selenium)', ['Test automation', 'Selenium'], []),
    ('Experience with ORM frameworks such as Hibernate', ['ORM', 'Hibernate'], []),
    ('Knowledge of algorithms and design patterns', ['Data structures and algorithms', 'Design patterns'], []),
    ('Experience in mobile app development', ['Mobile development'], []),
    ('Experience with e-commerce platforms like Shopify', ['E-commerce', 'Shopify'], []),
    ('Contributions to open source projects are a plus', ['Open source'], []),
    ('Good understanding of OOP', ['Object-oriented programming'], []),
    ('Experience with web services and scripting languages', ['Web services', 'Scripting'], []),
    ('Knowledge of relational databases and SQL', ['RDBMS', 'SQL'], []),
    ('We are a leading e-commerce company.', [], ['E-commerce']),
    ('Our algorithms match riders and drivers.', [], ['Data structures and algorithms']),
    ('You will work closely with our QA engineers and UX designers.', [], ['Quality assurance', 'UX design']),
    ('Download our mobile app.', [], ['Mobile development']),
    ('The design, coding, testing and deployment of features', [], ['Software testing']),
    ('We work in an agile environment with Scrum.', ['Agile', 'Scrum'], []),
    ('We are a small, dynamic and agile team.', [], ['Agile']),
    ('We help you make sure your code is good.', [], ['Make']),
    ('Build tools: Make, CMake and Bazel', ['Make', 'CMake', 'Bazel'], []),
    ('Experience with cybersecurity and incident handling', ['Information security'], []),
]

# Second round (issue 14): sentences from SkillSpan's TRAIN split (tokenised as the corpus has them, commas lost;
# the dev split is only scored), one or more per rule family.  (sentence, names found, names refused)
TRAIN_PHRASES = [
    # a team, department or colleague role, not a requirement
    ("Working hand-in-hand with our DevOps team for releasing new functions ( continuous integration )", [],
     ["DevOps"]),
    ("You will work closely alongside other software developers and DevOps software engineers in the FIRE and "
     "wider SDO teams .", [], ["DevOps"]),
    ("Work with the Product Owners Application Developers and QA to understand the business requirements",
     [], ["Quality assurance"]),
    ("We’re on the lookout for mega passionate Frontend Devs that are advocates for scalable code", [],
     ["Frontend development"]),
    ("Work in an agile environment and contribute to agile ceremonies - standups refinements", ["Agile"], []),
    ("Join our agile Machine Infrastructure team of 6 Engineers", [], []),
    # a benefit or perk
    ("Professional Education : High-impact training courses taught by practitioners ( Agile and Lean "
     "methodologies) .", [], ["Agile", "Lean"]),
    ("Use state of the art laptops ( MacOS Linux Windows? You can pick your weapon of choice! )", [],
     ["macOS", "Windows"]),
    ("A choice to work from Mac or Linux Extra paid holiday time Competitive salary", [], ["Linux"]),
    # the company describing itself
    ("<ORGANIZATION> is a leading international provider of cloud services and hosting services to freelancers",
     [], ["Cloud computing"]),
    ("as well as innovations in electronic payments cybersecurity machine learning and cloud development .", [],
     ["Machine learning", "Information security", "Cloud computing"]),
    ("<ORGANIZATION> is one of <LOCATION> most successful cyber security scale ups with strong international "
     "growth", [], ["Information security"]),
    ("You develop high-quality software specializing in embedded linux systems", ["Embedded Linux", "Linux"], []),
    # the application's documents, the employer's own app
    ("Curriculum vitae Grade transcripts and BSc/MSc diploma Excel sheet with translation of grades", [],
     ["Excel"]),
    ("The <ORGANIZATION> app is available for download on Android and Apple devices .", [], ["Android"]),
    # a vendor named as a company: bare "Oracle" needs database evidence
    ("As part of Oracle's employment process candidates will be required to successfully complete a check", [],
     ["Oracle Database"]),
    ("Solid database testing experience e.g PostgreSQL Oracle MySQL", ["Oracle Database", "PostgreSQL", "MySQL"],
     []),
    # lists whose commas were lost: a name between two others, with only spaces around it
    ("willing to learn automation tooling ( e.g Git GitLab CI/CD Puppet SaltStack or Ansible) .",
     ["Puppet", "Ansible"], []),
    ("Kafka/RabbitMQ; AWS ( API gateway Lambda ECS Aurora Cloudwatch);", ["Amazon Aurora"], []),
    # a distribution named with Linux names Linux; AJAX is a skill
    ("Embedded IoT Engineer ( C++ / Yocto Linux / RTOS )", ["Linux"], []),
    ("Very good knowledge of MSSQL and TSQL * Strong knowledge of AJAX", ["AJAX"], []),
]
# Of our own, in the shape of the rules (no train sentence has them with a skill): bullets the corpus lacks, a
# department's disciplines, a work-life promise about a chat tool.
OWN_PHRASES = [
    ("☞ Go ( a little ) ☞ Kubernetes", ["Go"], []),
    ("➤ Rust (basic)", ["Rust"], []),
    ("* Go - to market plans", [], ["Go"]),
    ("across the science disciplines mathematics statistics and physics", [], ["Statistics"]),
    ("A degree in statistics or computer science", ["Statistics"], []),
    ("You are never expected to answer Slack messages outside of your working hours", [], ["Slack"]),
    ("Provide technical support via support tickets and Slack messages", ["Slack"], []),
    ("A testing and continuous-deployment flow teams can trust", ["Software testing"], []),
    ("We value code review and great team spirit", ["Code review"], []),
    ("A leading provider of payments, looking for you: experience with cloud platforms", ["Cloud computing"], []),
]


@pytest.mark.parametrize("text,wanted,refused", PHRASES + TRAIN_PHRASES + OWN_PHRASES)
def test_skill_phrases(text, wanted, refused):
    skills = extract_requirements(text)["skills"]
    found = skills["required"] + skills["niceToHave"]
    for name in wanted:
        assert name in found, (name, found)
    for name in refused:
        assert name not in found, (name, found)


def test_the_topics_the_issue_names_are_topics():
    for name in ("Cloud computing", "Software testing", "Quality assurance", "Test automation", "Microservices",
                 "Design patterns", "ORM", "Data structures and algorithms", "Mobile development", "E-commerce",
                 "Open source"):
        assert get_skill(name) is not None, name
    # Test automation and Microservices are a testing tool class and a method with hashtags of their own.
    assert {n for n in ("Cloud computing", "Software testing", "ORM", "Open source") if is_topic(n)} == \
        {"Cloud computing", "Software testing", "ORM", "Open source"}
    assert not is_topic("Microservices") and not is_topic("Python")


def test_topics_make_no_hashtags_and_stay_out_of_the_summary():
    text = ("## Requirements\n\n* Experience with Python and cloud technologies such as AWS\n"
            "* Strong testing skills\n\n## Nice to have\n\n* Contributions to open source projects\n* Rust")
    fields = extract_requirements(text, "Backend Engineer")
    assert fields["skills"] == {"required": ["Python", "Cloud computing", "AWS", "Software testing"],
                                "niceToHave": ["Open source", "Rust"]}
    assert hashtags(fields["skills"], []) == "#python,#aws,#rustlang"
    sentence = summary("Backend Engineer", "Acme", fields)
    assert sentence == "Acme is looking for a Backend Engineer who knows Python and AWS; Rust is a plus."
    assert "#cloud" not in summary_backup("Backend Engineer", "Acme", fields["skills"])
