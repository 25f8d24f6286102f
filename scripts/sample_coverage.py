"""Field coverage on the real samples: every board-shaped sample in ../shared/fixtures through its platform
spider's board parsing and every pipeline that does not touch disk, then the % of records with each field.

    .venv/bin/python scripts/sample_coverage.py

The samples are board and feed responses, as a crawl's first request gets them.  Where a platform asks for each
posting's detail (Workable without details, SmartRecruiters, Workday), there is no matching detail sample, so the
detail request is answered 404 and the record comes from what the list gave (the spiders' own fallback): those
rows show what a crawl keeps when detail pages fail, not what it gets when they answer.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scrapy import Request  # noqa: E402
from scrapy.spidermiddlewares.httperror import HttpError  # noqa: E402
from twisted.python.failure import Failure  # noqa: E402

from tests.helpers import FIXTURES, make_response, make_spider, run_pipelines  # noqa: E402

FIELDS = ("title", "url", "applyUrl", "companyName", "datePosted", "employmentType", "workplace", "locations",
          "department", "salary", "skills", "languages", "seniority", "experienceYears", "description")

# platform -> (board URL to crawl as, sample globs)
SAMPLES = {
    "recruitee": ("https://jobs.example.com/api/offers/", ["recruitee/api/*.json"]),
    "greenhouse": ("https://boards-api.greenhouse.io/v1/boards/sample/jobs?content=true",
                   ["greenhouse/api/*_jobs_content.json", "greenhouse/api/*_jobs_list*.json",
                    "greenhouse/api/*_job_detail.json"]),
    "lever": ("https://api.lever.co/v0/postings/sample?mode=json&skip=0&limit=100", ["lever/api/*.json"]),
    "ashby": ("https://api.ashbyhq.com/posting-api/job-board/sample?includeCompensation=true", ["ashby/api/*.json"]),
    "workable": ("https://apply.workable.com/api/v1/widget/accounts/sample?details=true",
                 ["workable/api/*_widget_accounts.json"]),
    "smartrecruiters": ("https://api.smartrecruiters.com/v1/companies/sample/postings",
                        ["smartrecruiters/api/*_postings*.json"]),
    "personio": ("https://sample.jobs.personio.de/xml?language=en", ["personio/xml/*.xml"]),
    "teamtailor": ("https://sample.teamtailor.com/jobs.json", ["teamtailor/careers_site/*.json"]),
    "workday": ("https://sample.wd1.myworkdayjobs.com/wday/cxs/sample/External/jobs",
                ["workday/cxs/*_jobs_list*.json"]),
}


def _not_found(request: Request) -> Failure:
    response = make_response(request.url, b"not found", status=404, request=request)
    failure = Failure(HttpError(response))
    failure.request = request
    return failure


def filled(value: object) -> bool:
    if isinstance(value, dict):
        return any(filled(v) for k, v in value.items() if k not in ("raw", "currency", "period"))
    return bool(value)


def main() -> None:
    if not FIXTURES.exists():
        sys.exit(f"no samples at {FIXTURES}")
    rows = []
    for platform, (url, patterns) in SAMPLES.items():
        module = __import__(f"spiders.{platform}", fromlist=["x"])
        spider_cls = next(v for v in vars(module).values()
                          if isinstance(v, type) and getattr(v, "name", None) == platform)
        files = sorted({p for pattern in patterns for p in FIXTURES.glob(pattern)})
        counts: Counter[str] = Counter()
        postings_in = records = 0
        for path in files:
            spider = make_spider(spider_cls, url=url)
            content_type = "application/xml" if path.suffix == ".xml" else "application/json"
            response = make_response(spider.board_url, path.read_bytes(), headers={"Content-Type": content_type})
            results = []
            for result in spider.parse_board(response):
                if isinstance(result, Request) and result.errback is not None \
                        and result.errback.__name__ == "detail_failed":
                    results.extend(spider.detail_failed(_not_found(result)) or [])
                elif not isinstance(result, Request):
                    results.append(result)
            stats = spider.crawler.stats.get_stats()
            postings_in += stats.get(f"jobs/{platform}/postings_seen", 0)
            items = run_pipelines(spider, results).items
            records += len(items)
            for item in items:
                for field in FIELDS:
                    counts[field] += filled(getattr(item, field))
        rows.append((platform, len(files), postings_in, records, counts))
    print("| platform | samples | postings in | records | " + " | ".join(FIELDS) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(FIELDS))
    for platform, files, postings_in, records, counts in rows:
        cells = [f"{100 * counts[f] / records:.0f}" if records else "-" for f in FIELDS]
        print(f"| {platform} | {files} | {postings_in} | {records} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
