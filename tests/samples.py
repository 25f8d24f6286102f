"""The real samples in ../shared/fixtures, one table row per platform, and an offline run of a platform spider over
them: board parsing, follow-up requests answered from the samples (or 404 when there is none), every pipeline
that does not touch disk.

Used by `scripts/sample_coverage.py` (field coverage per platform) and by tests that need every platform's records
(`sample_records`). A platform joins by adding one `Sample` row.

The samples are board and feed responses, as a crawl's first request gets them.  A follow-up request (a later page,
a posting's detail) is answered by the first `follow` entry whose pattern is found in its URL, else 404: the
spiders then keep what the list gave (their own fallback), so such rows show what a crawl keeps when detail pages
fail, not what it gets when they answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.items import JobPosting
from tests.helpers import FIXTURES, OWN_FIXTURES, make_response, make_spider, run_pipelines


@dataclass(frozen=True)
class Sample:
    platform: str
    url: str
    """The board address the spider is given (`-a url=`)."""
    boards: tuple[str, ...]
    """Globs under fixtures/ of bodies that answer the spider's first request."""
    follow: tuple[tuple[str, str], ...] = ()
    """(regex searched in a follow-up request's URL, fixture path answering it)."""
    content_type: str = ""
    """The board bodies' Content-Type; by default from the file name (.xml, .html, else JSON)."""
    kwargs: dict[str, str] = field(default_factory=dict)
    """Further spider arguments."""
    root: Path = FIXTURES
    """Where `boards` and `follow` paths are: the shared samples, or our own tests/fixtures (OWN_FIXTURES) for a
    platform without a real sample (JazzHR, JOIN)."""

    @property
    def own(self) -> bool:
        """The files are our own, written where no real sample exists."""
        return self.root == OWN_FIXTURES

    def files(self) -> list[Path]:
        return sorted({p for pattern in self.boards for p in self.root.glob(pattern)})


SAMPLES: tuple[Sample, ...] = (
    Sample("recruitee", "https://jobs.example.com/api/offers/", ("recruitee/api/*.json",)),
    Sample("greenhouse", "https://boards-api.greenhouse.io/v1/boards/sample/jobs?content=true",
           ("greenhouse/api/*_jobs_content.json", "greenhouse/api/*_jobs_list*.json",
            "greenhouse/api/*_job_detail.json")),
    Sample("lever", "https://api.lever.co/v0/postings/sample?mode=json&skip=0&limit=100", ("lever/api/*.json",)),
    Sample("ashby", "https://api.ashbyhq.com/posting-api/job-board/sample?includeCompensation=true",
           ("ashby/api/*.json",)),
    Sample("workable", "https://apply.workable.com/api/v1/widget/accounts/sample?details=true",
           ("workable/api/*_widget_accounts.json",)),
    Sample("smartrecruiters", "https://api.smartrecruiters.com/v1/companies/sample/postings",
           ("smartrecruiters/api/*_postings*.json",)),
    Sample("personio", "https://sample.jobs.personio.de/xml?language=en", ("personio/xml/*.xml",)),
    Sample("teamtailor", "https://sample.teamtailor.com/jobs.json",
           ("teamtailor/careers_site/*.json", "teamtailor/rss/*.xml")),
    Sample("workday", "https://sample.wd1.myworkdayjobs.com/wday/cxs/sample/External/jobs",
           ("workday/cxs/*_jobs_list*.json",)),
    # ---- wave 2, api group: bamboohr, breezy, rippling, pinpoint, gem ----
    # BambooHR's list has no text and no date; no real /careers/<id>/detail answer is in the samples.
    Sample("bamboohr", "https://sample.bamboohr.com/careers/list", ("bamboohr/api/*_careers_list*.json",)),
    Sample("breezy", "https://sample.breezy.hr/json?verbose=true", ("breezy/api/*.json",)),
    # The v1 list and a v2 page; the one recorded detail answers its own job only.
    Sample("rippling", "https://api.rippling.com/platform/api/ats/v1/board/portside/jobs",
           ("rippling/api/*_jobs_list.json", "rippling/api/*_v2_jobs_page.json"),
           follow=((r"/jobs/f7008ce4-5157-4ba9-b75b-ed2a6448b579$", "rippling/api/portside_v1_job_detail.json"),)),
    Sample("pinpoint", "https://workwithus.pinpointhq.com/postings.json", ("pinpoint/api/*.json",)),
    # A GraphQL answer for one job page; the job id in the address is ours (the sample does not carry it).
    Sample("gem", "https://jobs.gem.com/auger/am9icG9zdDpzYW1wbGU", ("gem/graphql/*.json",)),
    # ---- end api group ----
    # html group (scraper/listing.py): listing pages whose rows ask for detail pages.  The iCIMS job page is
    # another company's than the listing's, so it is read as a board address answering with one posting.
    Sample("icims", "https://careers-sample.icims.com/jobs/search?ss=1", ("icims/careers_site/*.html",)),
    Sample("jobvite", "https://jobs.jobvite.com/sample", ("jobvite/careers_site/*.html",)),
    Sample("jazzhr", "https://acme.applytojob.com/apply", ("jazzhr/apply_jobs.html",),
           follow=(("/AbC123xyZ9", "jazzhr/detail_jsonld.html"), ("/QwE987rtY6", "jazzhr/detail_no_jsonld.html")),
           root=OWN_FIXTURES),
    # feeds group. The list samples' details are not among the samples (Oracle's and Eightfold's detail samples
    # belong to other boards): their rows show what the lists alone give.
    Sample("oracle", "https://sample.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1",
           ("oracle/api/*_recruitingCEJobRequisitions_list.json",)),
    Sample("successfactors", "https://jobs.example.com/googlefeed.xml", ("successfactors/googlefeed/*.xml",)),
    Sample("eightfold", "https://sample.eightfold.ai/careers?domain=example.com",
           ("eightfold/api/*_apply_v2_jobs.json",)),
    # ---- wave 2, embedded group (job pages are not recorded: their requests are answered 404) ----
    Sample("comeet", "https://www.comeet.co/careers-api/2.0/company/F6.003/positions?token=sample",
           ("comeet/api/*.json",)),
    Sample("jobylon", "https://cdn.jobylon.com/jobs/companies/1955/embed/v2/", ("jobylon/embed/*.html",)),
    Sample("paylocity", "https://recruiting.paylocity.com/recruiting/jobs/All/211e692d-c45a-4e3a-ae01-3e497af97929",
           ("paylocity/careers_site/*.html",)),
    Sample("phenom", "https://careers.phenom.com/global/en/search-results", ("phenom/careers_site/*.html",)),
    Sample("join", "https://join.com/companies/nordlicht-robotics", ("join/company_page.html",),
           follow=((r"page=2", "join/company_page_2.html"), (r"/jobs/16497003$", "join/job_detail.json"),
                   (r"/jobs/16497010$", "join/job_detail_parts.json")), root=OWN_FIXTURES),
    # ---- end embedded group ----
)

BY_PLATFORM = {sample.platform: sample for sample in SAMPLES}


def spider_class(platform: str) -> type:
    module = __import__(f"spiders.{platform}", fromlist=["x"])
    return next(v for v in vars(module).values() if isinstance(v, type) and getattr(v, "name", None) == platform)


def _content_type(path: Path, given: str = "") -> str:
    if given:
        return given
    return {".xml": "application/xml", ".rss": "application/rss+xml", ".html": "text/html"}.get(
        path.suffix, "application/json")


def _not_found(request: Request) -> Failure:
    failure = Failure(HttpError(make_response(request.url, b"not found", status=404, request=request)))
    failure.request = request
    return failure


def _answer(spider, sample: Sample, request: Request, depth: int = 0) -> Iterator[object]:
    """What the spider makes of a follow-up request: answered from a sample when one matches, else 404."""
    results = ()
    for pattern, relative in sample.follow:
        path = sample.root / relative
        if re.search(pattern, request.url) and path.exists():
            response = make_response(request.url, path.read_bytes(), request=request,
                                     headers={"Content-Type": _content_type(path)})
            callback = request.callback or spider.parse_board
            results = callback(response, **request.cb_kwargs) or ()
            break
    else:
        if request.errback is not None:
            results = request.errback(_not_found(request)) or ()
    for result in results:
        if isinstance(result, Request):
            if depth < 5:
                yield from _answer(spider, sample, result, depth + 1)
        else:
            yield result


@dataclass
class SampleRun:
    path: Path
    postings_seen: int
    items: list[JobPosting]


def run_sample(sample: Sample, path: Path, pipelines: bool = True) -> SampleRun:
    """One board sample through its spider (follow-ups answered as the table says) and the pipelines."""
    spider = make_spider(spider_class(sample.platform), url=sample.url, **sample.kwargs)
    response = make_response(spider.board_url, path.read_bytes(),
                             headers={"Content-Type": _content_type(path, sample.content_type)})
    results: list[object] = []
    for result in spider.parse_board(response):
        if isinstance(result, Request):
            results.extend(_answer(spider, sample, result))
        else:
            results.append(result)
    seen = spider.crawler.stats.get_value(f"jobs/{sample.platform}/postings_seen", 0)
    items = [r for r in results if isinstance(r, JobPosting)]
    if pipelines:
        items = run_pipelines(spider, items).items
    return SampleRun(path, seen, items)


def sample_records(platform: str) -> list[JobPosting]:
    """Every record the platform's samples give (empty when ../shared is absent)."""
    sample = BY_PLATFORM[platform]
    return [item for path in sample.files() for item in run_sample(sample, path).items]
