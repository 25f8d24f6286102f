"""scraper.feeds: RSS, RSS 1.0 and Atom job feeds as plain dicts, on the real samples and on small feeds of our own
(written here, in the shapes the RSS 2.0, RSS 1.0 and Atom (RFC 4287) specifications give)."""

from __future__ import annotations

import pytest

from scraper.bodies import loads_xml
from scraper.feeds import listed, read_feed, text
from tests.helpers import OWN_FIXTURES, shared_fixture


def feed(xml: str | bytes):
    return read_feed(loads_xml(xml.encode() if isinstance(xml, str) else xml))


def test_google_base_items_of_the_successfactors_sample():
    found = feed(shared_fixture("successfactors/googlefeed/american_airlines_googlefeed.xml").read_bytes())
    assert found.kind == "rss"
    assert found.fields == {"title": "Jobs at American Airlines", "language": "en_US", "ttl": "720"}
    first, second = found.items
    assert first == {
        "title": "Engineer, IT AI (Fort Worth, TX, US)",
        # CDATA keeps the entity-escaped HTML as the feed sent it: one level of escaping is the reader's job.
        "description": ("&lt;p&gt;Bachelor&amp;#39;s degree and 2 years of experience building AI "
                        "applications.&lt;/p&gt;"),
        "link": "https://jobs.aa.com/job/Fort-Worth-Engineer%2C-IT-AI-TX-76101/1436476000/",
        "guid": "1436476000",
        "id": "1436476000",
        "expiration_date": "2026-11-01",
        "employer": "American Airlines",
        "job_function": "Information Technology",
        "location": "Fort Worth, TX, US",
    }
    assert second["title"] == "Cleaner & Porter (Pittsburgh, PA, US)"
    assert "employer" not in second and "expiration_date" not in second


def test_nested_location_elements_of_the_teamtailor_sample():
    found = feed(shared_fixture("teamtailor/rss/upcloud_jobs_rss.xml").read_bytes())
    assert (found.kind, text(found.fields, "title"), text(found.fields, "link")) == (
        "rss", "UpCloud", "https://upcloud.teamtailor.com/jobs")
    analyst, developer = found.items
    assert analyst["locations"] == {"location": {"name": "Helsinki", "address": "Aleksanterinkatu 15 B",
                                                 "zip": "00100", "city": "Helsinki", "country": "Finland"}}
    assert (analyst["department"], analyst["role"], analyst["remoteStatus"]) == (
        "Finance", "Business Intelligence Analyst", "hybrid")
    assert analyst["description"].startswith("<p><span>We are looking for a <strong>Business Intelligence")
    assert developer["locations"]["location"]["zip"] == ""  # <tt:zip/>


def test_repeated_elements_become_lists_in_document_order():
    found = feed(OWN_FIXTURES.joinpath("teamtailor/jobs.rss").read_bytes())
    backend, csm, untitled = found.items
    assert [loc["city"] for loc in listed(backend["locations"]["location"])] == ["Stockholm", "Berlin"]
    assert csm["locations"] == "" and listed(csm["locations"]) == []
    assert csm["description"] == "<p>Help customers succeed.</p>"  # CDATA
    assert untitled["title"] == "" and text(untitled, "title") == ""
    two = feed('<rss version="2.0"><channel><item><category>A</category><title>T</title><category>B</category>'
               "<category>C</category></item></channel></rss>")
    assert two.items == [{"category": ["A", "B", "C"], "title": "T"}]
    assert text(two.items[0], "category") == "A"


def test_an_extension_never_overwrites_a_core_field():
    found = feed('<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0" xmlns:x="urn:x"><channel><item>'
                 "<title>Core</title><g:title>Extension</g:title><x:title>Other</x:title><g:id>7</g:id>"
                 "</item></channel></rss>")
    assert found.items == [{"title": "Core", "g:title": "Extension", "x:title": "Other", "id": "7"}]


def test_attributes_markup_and_entities():
    found = feed('<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                 '<rss version="2.0"><channel><item><title>Leak &secret; here &amp; there</title>'
                 '<enclosure url="https://x.example/logo.png" type="image/png"/>'
                 "<description>Hello <b>world</b>, <i>again</i></description>"
                 '<guid isPermaLink="false">g-1</guid></item></channel></rss>')
    (item,) = found.items
    assert item["title"] == "Leak  here & there"  # the unexpanded entity is dropped, never resolved
    assert item["enclosure"] == {"url": "https://x.example/logo.png", "type": "image/png"}
    assert item["description"] == "Hello <b>world</b>, <i>again</i>"
    assert item["guid"] == "g-1"


def test_atom_entries():
    found = feed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">'
                 '<title>Acme jobs</title><link rel="self" href="https://acme.example/feed"/>'
                 '<link href="https://acme.example/jobs"/>'
                 "<entry><id>urn:job:1</id><title>Engineer</title><updated>2026-11-30T10:00:00Z</updated>"
                 '<link rel="enclosure" href="https://acme.example/x.pdf"/>'
                 '<link rel="alternate" href="https://acme.example/jobs/1"/>'
                 "<author><name>Acme</name></author><g:location>Berlin, DE</g:location>"
                 '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Build <b>things</b></p></div>'
                 "</content><summary type=\"html\">&lt;p&gt;Short&lt;/p&gt;</summary></entry></feed>")
    assert found.kind == "atom"
    assert found.fields == {"title": "Acme jobs", "link": "https://acme.example/jobs"}
    (entry,) = found.items
    assert entry["link"] == "https://acme.example/jobs/1"
    assert (entry["id"], entry["updated"], entry["author"], entry["location"]) == (
        "urn:job:1", "2026-11-30T10:00:00Z", {"name": "Acme"}, "Berlin, DE")
    assert "<p>Build <b>things</b></p>" in entry["content"]
    assert entry["summary"] == "<p>Short</p>"


def test_rss_1_0_items_are_the_channels_siblings():
    found = feed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
                 'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Jobs</title></channel>'
                 "<item><title>One</title><link>https://x.example/1</link><dc:date>2026-11-01</dc:date></item>"
                 "<item><title>Two</title></item></rdf:RDF>")
    assert (found.kind, found.fields["title"]) == ("rdf", "Jobs")
    assert [i["title"] for i in found.items] == ["One", "Two"]
    assert found.items[0]["date"] == "2026-11-01"


@pytest.mark.parametrize("xml", [
    "<feed><entry/></feed>",  # Atom's element names without its namespace
    "<rss/>",  # no channel
    '<rss xmlns="urn:x"><channel/></rss>',
    "<workzag-jobs><position/></workzag-jobs>",
    "<html><body>jobs</body></html>",
])
def test_what_is_not_a_feed(xml):
    assert feed(xml) is None


def test_an_empty_channel_is_a_feed_without_items():
    found = feed("<rss version='2.0'><channel><title>None open</title></channel></rss>")
    assert (found.kind, found.items) == ("rss", [])


def test_readers_take_any_shape():
    assert listed(None) == [] and listed("x") == ["x"] and listed([1]) == [1]
    assert text({"a": {"b": "c"}}, "a") == "" and text("not a dict", "a") == "" and text({"a": [{}, "y"]}, "a") == "y"
