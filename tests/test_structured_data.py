import json

import pytest

from scraper.structured_data import (
    description_html,
    extract_job_postings,
    job_posting_fields,
    locations_raw,
    posting_identifier,
    posting_token,
    posting_tokens,
    salary_raw,
)

PAGE = "https://careers.example.com/jobs/42?utm_source=x"


def page_with(*blocks, body=""):
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<html><head>{scripts}</head><body>{body}</body></html>"


def ld(obj):
    return json.dumps(obj).replace("</", "<\\/")


@pytest.mark.parametrize(
    "base_salary,currency,expected",
    [
        (
            {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": 285000,
                    "maxValue": 342000,
                    "unitText": "YEAR",
                },
            },
            None,
            {"min": 285000, "max": 342000, "currency": "USD", "period": "YEAR"},
        ),
        (
            {
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {"@type": "QuantitativeValue", "value": 25, "unitText": "HOUR"},
            },
            None,
            {"min": 25, "max": 25, "currency": "EUR", "period": "HOUR"},
        ),
        (
            {
                "@type": "MonetaryAmount",
                "currency": "GBP",
                "minValue": 50000,
                "maxValue": 60000,
                "value": 55000,
            },
            None,
            {"min": 50000, "max": 60000, "currency": "GBP", "period": ""},
        ),
        (
            {"@type": "MonetaryAmount", "currency": "USD", "value": "90000", "unitText": "YEAR"},
            None,
            {"min": "90000", "max": "90000", "currency": "USD", "period": "YEAR"},
        ),
        (
            {
                "@type": "MonetaryAmount",
                "currency": {"@type": "Thing", "name": "CHF"},
                "value": {"minValue": 100000},
            },
            None,
            {"min": 100000, "max": None, "currency": "CHF", "period": ""},
        ),
        ("100000", "USD", {"min": "100000", "max": "100000", "currency": "USD", "period": ""}),
        (72000, "EUR", {"min": 72000, "max": 72000, "currency": "EUR", "period": ""}),
        (
            [None, {"currency": "USD", "value": {"minValue": 1, "maxValue": 2, "unitText": "MONTH"}}],
            None,
            {"min": 1, "max": 2, "currency": "USD", "period": "MONTH"},
        ),
        ("$80k - $100k a year", None, "$80k - $100k a year"),
        (None, "USD", None),
        ("", None, None),
        ({"@type": "MonetaryAmount", "currency": "USD"}, None, None),
        (True, None, None),
    ],
)
def test_salary_raw(base_salary, currency, expected):
    assert salary_raw(base_salary, currency) == expected


@pytest.mark.parametrize(
    "job_location,expected",
    [
        (
            {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Seattle",
                    "addressRegion": "Washington",
                    "addressCountry": "USA",
                },
            },
            [{"city": "Seattle", "region": "Washington", "country": "USA"}],
        ),
        (
            [
                {
                    "address": {
                        "addressCountry": {"@type": "Country", "name": "DE"},
                        "addressLocality": "Berlin",
                    }
                },
                {"address": [{"addressLocality": "Munich", "addressCountry": "Germany"}]},
            ],
            [
                {"city": "Berlin", "region": "", "country": "DE"},
                {"city": "Munich", "region": "", "country": "Germany"},
            ],
        ),
        (
            {"@type": "Place", "address": "Amsterdam, Netherlands"},
            [{"label": "Amsterdam, Netherlands", "country": ""}],
        ),
        ({"@type": "Place", "name": "Head office, Oslo"}, [{"label": "Head office, Oslo", "country": ""}]),
        ("Paris", [{"label": "Paris", "country": ""}]),
        ({"@type": "Place", "address": {"postalCode": None, "streetAddress": None}}, []),
        (None, []),
    ],
)
def test_locations_raw(job_location, expected):
    assert locations_raw(job_location) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("<p>Real <b>HTML</b></p>", "<p>Real <b>HTML</b></p>"),
        (
            "&lt;p&gt;&lt;strong&gt;About&lt;/strong&gt; us &amp;amp; you&lt;/p&gt;",
            "<p><strong>About</strong> us &amp; you</p>",
        ),
        (
            "Tom &amp; Jerry &lt;3",
            "Tom &amp; Jerry &lt;3",
        ),  # text, not escaped markup: left for the HTML parser
        (
            "<p>Writes &lt;div&gt; tags</p>",
            "<p>Writes &lt;div&gt; tags</p>",
        ),  # real markup: not unescaped again
        (["<p>a</p>", "<p>b</p>"], "<p>a</p>\n<p>b</p>"),
        (None, ""),
    ],
)
def test_description_html(value, expected):
    assert description_html(value) == expected


@pytest.mark.parametrize(
    "identifier,expected",
    [
        ({"@type": "PropertyValue", "name": "Hostaway", "value": 2424333}, "2424333"),
        ({"@type": "PropertyValue", "name": "Adobe", "value": "R168193"}, "R168193"),
        ("JR-1", "JR-1"),
        ([{"@type": "PropertyValue", "value": ""}, "x-2"], "x-2"),
        ({"@type": "PropertyValue", "name": "no value"}, ""),
        (None, ""),
    ],
)
def test_posting_identifier(identifier, expected):
    assert posting_identifier({"identifier": identifier}) == expected


def test_posting_token_falls_back_to_the_canonical_url():
    by_url = posting_token({}, PAGE)
    assert len(by_url) == 16 and by_url.isalnum()
    assert posting_token({}, "https://careers.example.com/jobs/42?utm_source=x#apply") == by_url
    assert posting_token({"url": "/jobs/43"}, PAGE) != by_url
    assert posting_token({"identifier": "has spaces/and slashes"}, PAGE) != "has spaces/and slashes"
    tokens = posting_tokens([{"title": "A"}, {"title": "B"}], PAGE)
    assert len(set(tokens)) == 2 and tokens[0] == by_url


def test_jsonld_found_in_graphs_lists_and_nested_objects():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "Acme"},
            {"@type": ["JobPosting"], "title": "Graph job"},
            {
                "@type": "WebPage",
                "mainEntity": {"@type": "http://schema.org/JobPosting", "title": "Nested job"},
            },
        ],
    }
    listed = [{"@type": "schema:JobPosting", "schema:title": "Listed job"}]
    page = extract_job_postings(page_with(ld(graph), ld(listed)), PAGE)
    assert page.syntax == "json-ld"
    assert [p["title"] for p in page.postings] == ["Graph job", "Nested job", "Listed job"]


def test_a_malformed_block_costs_only_itself():
    page = extract_job_postings(
        page_with('{"@type": "JobPosting", "title": ', ld({"@type": "JobPosting", "title": "Kept"})), PAGE
    )
    assert [p["title"] for p in page.postings] == ["Kept"]
    assert len(page.errors) == 1 and page.errors[0].startswith("malformed JSON-LD block")


def test_jsonld_wins_over_microdata_on_the_same_page():
    microdata = (
        '<div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Micro</h1></div>'
    )
    page = extract_job_postings(page_with(ld({"@type": "JobPosting", "title": "LD"}), body=microdata), PAGE)
    assert (page.syntax, [p["title"] for p in page.postings]) == ("json-ld", ["LD"])
    page = extract_job_postings(page_with(body=microdata), PAGE)
    assert (page.syntax, [p["title"] for p in page.postings]) == ("microdata", ["Micro"])


def test_pages_without_postings():
    for html in (
        "",
        "<html><body><p>No jobs</p></body></html>",
        page_with(ld({"@type": "Organization"})),
        b"\x00\x01binary",
        "<?xml version='1.0' encoding='utf-8'?><html><body>x</body></html>",
    ):
        assert extract_job_postings(html, PAGE).postings == []


def test_rdfa_references_are_inlined_and_cycles_stop():
    html = """<div vocab="https://schema.org/" typeof="JobPosting" resource="#job">
      <span property="title">Cyclic</span>
      <div property="hiringOrganization" typeof="Organization" resource="#org">
        <span property="name">Acme</span><link property="subjectOf" href="#job"></div></div>"""
    [posting] = extract_job_postings(html, PAGE).postings
    assert posting["title"] == "Cyclic"
    assert posting["hiringOrganization"]["name"] == "Acme"
    assert (
        posting["hiringOrganization"]["subjectOf"] == "https://careers.example.com/jobs/42?utm_source=x#job"
    )


def test_fields_of_a_full_posting():
    posting = {
        "@type": "JobPosting",
        "title": " Data  Engineer ",
        "url": "/jobs/42",
        "directApply": "True",
        "description": "<p>Work.</p>",
        "responsibilities": "Build pipelines.",
        "qualifications": "<p>Work.</p>",
        "datePosted": "2026-05-01",
        "validThrough": "2026-06-01T00:00",
        "employmentType": ["FULL_TIME", "CONTRACTOR"],
        "hiringOrganization": {
            "@type": "Organization",
            "name": "Acme",
            "sameAs": ["https://acme.example"],
            "logo": {"@type": "ImageObject", "url": "/logo.png"},
        },
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [
            {"@type": "Country", "name": "Germany"},
            {"@type": "AdministrativeArea", "name": "EU"},
            "Austria",
        ],
    }
    fields = job_posting_fields(posting, PAGE)
    assert fields["title"] == "Data Engineer"
    assert fields["url"] == fields["applyUrl"] == "https://careers.example.com/jobs/42"
    assert fields["companyName"] == "Acme"
    assert fields["companyWebsite"] == "https://acme.example"
    assert fields["logoUrl"] == "https://careers.example.com/logo.png"
    # "qualifications" repeats the description, so it is not a section of its own.
    assert fields["descriptionHtml"] == [("", "<p>Work.</p>"), ("Responsibilities", "Build pipelines.")]
    assert (fields["datePostedRaw"], fields["validThroughRaw"]) == ("2026-05-01", "2026-06-01T00:00")
    assert fields["employmentTypeRaw"] == ["FULL_TIME", "CONTRACTOR"]
    assert fields["workplaceRaw"] == "TELECOMMUTE"
    assert fields["applicantRegionsRaw"] == ["Germany", "EU", "Austria"]
    assert fields["salaryRaw"] is None and fields["locationsRaw"] == []


def test_fields_of_a_bare_posting():
    fields = job_posting_fields(
        {
            "@type": "JobPosting",
            "name": "Telecommute from anywhere in USA!",
            "hiringOrganization": "Acme Inc",
            "url": "javascript:void(0)",
        },
        PAGE,
    )
    assert fields["title"] == "Telecommute from anywhere in USA!"
    assert fields["url"] == PAGE and fields["applyUrl"] == ""
    assert fields["companyName"] == "Acme Inc"
    assert fields["descriptionHtml"] == [] and fields["employmentTypeRaw"] == ""
