"""The PlatformSpider helpers the JSON-API spiders share: subdomain_board, page_request, html_sections and
unknown_board_redirects, on a minimal platform spider of the test's own."""

from __future__ import annotations

from typing import Any

from scrapy import Request

from scraper.platform import PlatformSpider, html_sections, origin
from tests.helpers import make_spider, parse_board, stats


class PagedSpider(PlatformSpider):
    """A made-up platform: `{"jobs": [...], "more": true}` pages at /jobs?page=N."""

    name = "paged"
    unknown_board_redirects = True

    def api_url(self) -> str:
        return origin(self.url) + "/jobs?page=0"

    def postings(self, data: Any) -> list[Any] | None:
        return data.get("jobs") if isinstance(data, dict) else None

    def parse_posting(self, posting: Any, response: Any):
        return self.new_item(posting["id"], title=posting["title"], url=f"{origin(response.url)}/{posting['id']}",
                             descriptionHtml=html_sections(("", posting.get("text"))))

    def next_requests(self, response: Any, data: Any) -> list[Request]:
        request = self.page_request(response, origin(response.url) + f"/jobs?page={response.meta.get('page', 0) + 1}")
        return [request] if data.get("more") and request else []


def test_subdomain_board():
    def board(url, **kwargs):
        return make_spider(PagedSpider, url=url, **kwargs).subdomain_board("example-ats.com")

    assert board("https://Acme.example-ats.com/careers") == "acme"
    assert board("https://www.example-ats.com/") == "www.example-ats.com"  # reserved: not a company
    assert board("https://a.b.example-ats.com/") == "a.b.example-ats.com"  # one label only
    assert board("https://jobs.acme.com/", board="acme") == "acme"
    assert make_spider(PagedSpider, url="https://jobs.acme.com/").subdomain_board("example-ats.com",
                                                                                    fallback="acme-inc") == "acme-inc"
    assert board("http://127.0.0.1:8123/") == "127.0.0.1"
    assert board("https://example-ats.com.evil.example/") == "example-ats.com.evil.example"


def test_html_sections_keep_parts_with_text():
    assert html_sections(("", "<p>A</p>"), ("Benefits", " "), (None, "<p>B</p>"), (" Skills ", None),
                         ("Perks", 7)) == [("", "<p>A</p>"), ("", "<p>B</p>")]


def test_page_request_pages_until_the_cap():
    spider = make_spider(PagedSpider, settings={"PAGED_MAX_PAGES": 2}, url="https://acme.example-ats.com")
    body = '{"jobs": [{"id": "1", "title": "One"}], "more": true}'
    *_, second = parse_board(spider, body)
    assert (second.url, second.meta["page"]) == ("https://acme.example-ats.com/jobs?page=1", 1)
    assert [r for r in parse_board(spider, body, request=second) if isinstance(r, Request)] == []
    assert stats(spider)["jobs/paged/pagination_capped"] == 1


def test_a_redirect_to_an_html_page_is_an_unknown_board_only_where_the_platform_says_so():
    spider = make_spider(PagedSpider, url="https://nobody.example-ats.com")
    redirected = Request("https://example-ats.com/", meta={"redirect_urls": [spider.api_url()]})
    assert parse_board(spider, b"<!doctype html><title>Example ATS</title>", request=redirected) == []
    assert stats(spider)["jobs/paged/boards_failed/not_found"] == 1
    # Not redirected: an HTML body is a malformed board, as before.
    assert parse_board(spider, b"<!doctype html><title>Example ATS</title>") == []
    assert stats(spider)["jobs/paged/boards_failed/malformed"] == 1

    class Other(PagedSpider):
        name = "other"
        unknown_board_redirects = False

    other = make_spider(Other, url="https://nobody.example-ats.com")
    assert parse_board(other, b"<html></html>", request=redirected) == []
    assert stats(other)["jobs/other/boards_failed/malformed"] == 1
