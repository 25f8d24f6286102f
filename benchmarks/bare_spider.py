"""The baseline: bare Scrapy fetching the same board URLs and writing each raw posting to a JSONL feed, with
no processing at all.  Run by benchmarks/bench.py with Scrapy's default settings (outside the project).

    scrapy runspider benchmarks/bare_spider.py -a urls=<file with one board API URL per line> -o raw.jsonl
"""

import json

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: str = "", **kwargs):
        super().__init__(**kwargs)
        with open(urls, encoding="utf-8") as handle:
            self.board_urls = [line.strip() for line in handle if line.strip()]

    async def start(self):
        for url in self.board_urls:
            yield scrapy.Request(url, cb_kwargs={"skip": 0})

    def parse(self, response, skip):
        data = json.loads(response.text)
        postings = data["jobs"] if isinstance(data, dict) else data
        yield from postings
        if isinstance(data, list) and len(data) == 100:  # Lever pages of 100, like the lever spider
            base = response.url.split("&skip=")[0]
            yield scrapy.Request(f"{base}&skip={skip + 100}&limit=100", cb_kwargs={"skip": skip + 100})
