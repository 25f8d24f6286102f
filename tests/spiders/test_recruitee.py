import json

import pytest

from spiders.recruitee import RecruiteeSpider
from tests.helpers import REPO, make_response, make_spider, run_pipelines, shared_fixture, stats

DEMO_OFFERS = REPO / "demo" / "snapshot" / "jobs.chartmogul.com" / "api" / "offers.json"


@pytest.mark.parametrize("url,api", [
    ("https://jobs.chartmogul.com", "https://jobs.chartmogul.com/api/offers/"),
    ("jobs.chartmogul.com", "https://jobs.chartmogul.com/api/offers/"),
    ("https://jobs.chartmogul.com/o/backend-engineer-remote-eu-berlin", "https://jobs.chartmogul.com/api/offers/"),
    ("https://chartmogul.recruitee.com/", "https://chartmogul.recruitee.com/api/offers/"),
    ("https://chartmogul.recruitee.com/api/offers/", "https://chartmogul.recruitee.com/api/offers/"),
    ("https://jobs.chartmogul.com/api/offers/", "https://jobs.chartmogul.com/api/offers/"),
    ("http://127.0.0.1:8123", "http://127.0.0.1:8123/api/offers/"),
    ("localhost:8123", "https://localhost:8123/api/offers/"),
    ("http://127.0.0.1:8123/api/offers/?lang=en", "http://127.0.0.1:8123/api/offers/?lang=en"),
])
def test_first_request_is_the_offers_api(url, api):
    assert make_spider(RecruiteeSpider, url=url).api_url() == api


@pytest.mark.parametrize("bad", [None, "", "ftp://x.example/", "javascript:alert(1)", "mailto:jobs@x.example",
                                 "file:///etc/passwd", "https://"])
def test_url_argument_is_required_and_checked(bad):
    with pytest.raises(ValueError):
        make_spider(RecruiteeSpider, url=bad)


def crawl_offline(body, url="https://jobs.example.com/api/offers/", headers=None, **kwargs):
    spider = make_spider(RecruiteeSpider, url=url, **kwargs)
    response = make_response(url, body, headers=headers or {"Content-Type": "application/json"})
    results = list(spider.parse_board(response))
    processed = run_pipelines(spider, results, skip=["MarkdownRecordsPipeline"])
    return spider, processed


def test_demo_snapshot_offers_through_spider_and_pipelines():
    spider, result = crawl_offline(DEMO_OFFERS.read_bytes(), url="https://jobs.chartmogul.com/api/offers/")
    by_id = {item.postingId: item for item in result.items}
    assert set(by_id) == {"402917", "402918", "402919", "402920"}
    seed = by_id["402917"]
    assert seed.id == "recruitee:chartmogul:402917"
    assert seed.title == "Backend Engineer - Remote (EU)"
    assert seed.location == "Remote job" and seed.workplace == "remote"
    assert seed.timestamp == 1607472000000 and seed.datePosted == "2020-12-09T00:00:00Z"
    assert seed.host == "https://jobs.chartmogul.com/"
    assert seed.jobType == "other" and seed.employmentType == ""
    assert seed.seniority == "junior"
    assert seed.postingLanguage == "en"
    student = by_id["402920"]
    assert student.salary == {"min": 16, "max": 16, "currency": "EUR", "period": "HOUR", "raw": "16 EUR per hour"}
    assert student.employmentType == "PART_TIME" and student.jobType == "part-time"
    assert student.postingLanguage == "de" and student.workplace == "hybrid"
    assert student.location == "Berlin, Germany"
    assert stats(spider)["jobs/recruitee/postings_yielded"] == 4


def test_real_sample_anonymized_offers():
    path = shared_fixture("recruitee/api/anonymized_offers_with_translations.json")
    spider, result = crawl_offline(path.read_bytes(), url="https://jobs.acme.com/api/offers/")
    assert len(result.items) == 2 and not result.dropped
    first = next(i for i in result.items if i.postingId == "2700825")
    assert first.id == "recruitee:acme:2700825"
    assert first.title == "(Senior) Financial Accountant (f/m/d) - Berlin/Brandenburg Region, Germany"
    assert first.url == "https://jobs.acme.com/o/senior-financial-accountant-fmd-berlinbrandenburg-region-germany"
    assert first.applyUrl.endswith("/c/new")
    assert first.companyName == "Acme"
    assert first.datePosted == "2026-08-05T10:10:39Z" and first.dateModified == "2026-08-05T11:45:30Z"
    assert first.timestamp == 1785924639000
    assert first.employmentType == "FULL_TIME" and first.workplace == "hybrid"
    assert first.locations == [{"city": "Berlin", "region": "Berlin", "country": "DE"}]
    assert first.location == "Berlin, Germany"
    assert first.salary == {"min": 60000, "max": 75000, "currency": "EUR", "period": "YEAR",
                            "raw": "60,000 - 75,000 EUR per year"}
    assert first.department == "Finance" and first.postingLanguage == "en"
    assert first.description.startswith("**How you will make an impact**")
    assert "\n## Requirements\n" in first.description
    assert "5+ years of relevant professional experience" in first.description
    assert "<" not in first.description.replace("\\<", "")


def test_real_sample_bauhaus_dutch_offers():
    path = shared_fixture("recruitee/api/bauhaus_nl_offers.json")
    spider, result = crawl_offline(path.read_bytes(), url="https://werkenbij.nl.bauhaus/api/offers/")
    by_id = {item.postingId: item for item in result.items}
    assert len(by_id) == 3
    admin = by_id["2680693"]
    assert admin.companyName == "BAUHAUS Nederland C.V."
    assert admin.locations == [{"city": "Bunnik", "region": "Utrecht", "country": "NL"}]
    assert admin.salary["min"] == 2600 and admin.salary["max"] == 3400 and admin.salary["period"] == "MONTH"
    assert admin.employmentType == "FULL_TIME" and admin.workplace == "onsite"
    assert admin.postingLanguage == "nl"
    cashier = by_id["2677744"]
    assert cashier.salary["min"] == 8.86 and cashier.salary["max"] == 17.85 and cashier.salary["period"] == "HOUR"
    seller = by_id["2677750"]
    assert seller.salary["min"] == 2491 and seller.salary["max"] is None


def test_malformed_json_is_counted_and_skipped():
    spider, result = crawl_offline(b'{"offers": [{"id": 1, "title": "x"')
    assert result.items == []
    s = stats(spider)
    assert s["jobs/recruitee/malformed_body"] == 1 and s["jobs/recruitee/boards_failed/malformed"] == 1


def test_body_that_is_not_a_board_is_counted():
    spider, result = crawl_offline(b'{"error": "not found"}')
    assert result.items == []
    assert stats(spider)["jobs/recruitee/boards_failed/unexpected_shape"] == 1


def offers(*entries):
    return json.dumps({"offers": list(entries)}, ensure_ascii=False)


def test_offer_without_description_still_becomes_a_record_and_is_counted():
    spider, result = crawl_offline(offers({"id": 7, "title": "Ops", "careers_url": "https://jobs.example.com/o/ops",
                                           "slug": "ops"}))
    [item] = result.items
    assert item.description == ""
    assert stats(spider)["jobs/text/no_description"] == 1


def test_offers_without_id_or_title_are_skipped_with_a_reason():
    spider, result = crawl_offline(offers(
        {"title": "no id"}, "not an object", {"id": 3, "careers_url": "https://jobs.example.com/o/x"},
        {"id": 4, "title": "fine", "careers_url": "https://jobs.example.com/o/fine"},
    ))
    assert [i.title for i in result.items] == ["fine"]
    s = stats(spider)
    assert s["jobs/recruitee/postings_skipped/no_posting"] == 2
    assert s["jobs/validate/dropped/missing_title"] == 1


def test_a_broken_offer_does_not_cost_the_board():
    spider, result = crawl_offline(offers(
        {"id": 1, "title": "bad", "locations": [{"city": 5}], "careers_url": 17},
        {"id": 2, "title": "good", "careers_url": "https://jobs.example.com/o/good"},
    ))
    assert "good" in [i.title for i in result.items]


def test_non_utf8_body_is_decoded_not_lost():
    body = offers({"id": 9, "title": "Café Manager – Köln", "careers_url": "https://jobs.example.com/o/cafe"})
    spider, result = crawl_offline(body.encode("cp1252"), headers={"Content-Type": "application/json; charset=utf-8"})
    [item] = result.items
    assert item.title == "Café Manager – Köln"
    assert stats(spider)["jobs/recruitee/encoding_fallback"] == 1


def test_spider_arguments_reach_the_item():
    body = offers({"id": 1, "title": "x", "careers_url": "https://jobs.example.com/o/x", "company_name": "Src"})
    spider, result = crawl_offline(body, featured="20", logo="https://cdn.example/logo.png",
                                   website="https://example.com/", company="Example Ltd", board="example")
    [item] = result.items
    assert (item.featured, item.logoUrl, item.companyWebsite, item.companyName, item.id) == (
        20, "https://cdn.example/logo.png", "https://example.com/", "Example Ltd", "recruitee:example:1")


def test_featured_must_be_an_integer():
    with pytest.raises(ValueError):
        make_spider(RecruiteeSpider, url="https://jobs.example.com", featured="lots")
