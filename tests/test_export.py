"""`jobscraper export` on every platform's real samples (tests/samples.py: a platform added to SAMPLES is covered
here without a change): the samples go through the spiders and every pipeline, records, state and datasets
included, into an output folder as a crawl writes it; then the real command renders each format.

What is checked, per platform: every exported object has its format's required properties (checked here
directly, not with the command's own schemas); exactly the postings that can satisfy them are exported (the
others are left out and counted); closed postings never appear and their old snippets go; --where picks the
same subset as SQL does; --strict turns a left-out posting into exit 1.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from scrapy.exceptions import DropItem
from scrapy.utils.misc import load_object

from pipelines.state import CrawlState
from scraper.cli import main as cli
from scraper.datasets import read_jsonl
from tests.helpers import DISK_PIPELINES, make_spider
from tests.samples import SAMPLES, run_sample, spider_class

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
EMPLOYMENT = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}


def write_output(sample, items, out: Path, gone=()) -> None:
    """The items through the pipelines that write (state check/decide, records, state commit) as a crawl of
    `sample`'s spider with OUTPUT_DIR=out runs them; `gone` postings answered 404 (closed at once).  The
    crawl's end writes the datasets."""
    spider = make_spider(spider_class(sample.platform), settings={"OUTPUT_DIR": str(out)}, url=sample.url,
                         **sample.kwargs)
    crawler = spider.crawler
    order = sorted(crawler.settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
    pipes = [load_object(path).from_crawler(crawler) for path, _ in order
             if path.rsplit(".", 1)[1] in DISK_PIPELINES]
    state = CrawlState.of(crawler)
    state.open(spider)
    for pipe in pipes:
        if hasattr(pipe, "open_spider"):
            pipe.open_spider(spider)
    for item in copy.deepcopy(items):
        try:
            for pipe in pipes:
                item = pipe.process_item(item)
        except DropItem:
            pass
    for posting_id in gone:
        state.on_posting_gone(posting_id)
    for pipe in pipes:
        if hasattr(pipe, "close_spider"):
            pipe.close_spider(spider)
    state.record_end("finished")


def export(out: Path, fmt: str, target: Path, *extra: str) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = cli(["export", str(out), "--format", fmt, "-o", str(target), *extra])
    return code, stderr.getvalue()


def left_out_count(stderr: str) -> int:
    match = re.search(r"; (\d+) left out: ", stderr)
    return int(match.group(1)) if match else 0


def dataset_rows(out: Path) -> list[dict]:
    return list(read_jsonl(out / "datasets" / "jobs.jsonl"))


# ---- what each format needs, said independently of scraper/export -----------------------------------------
def has_body(row) -> bool:
    return bool((row["description"] or "").strip())


def has_place(row) -> bool:
    return any(any(location.values()) for location in row["locations"] or [])


def jsonld_can(row) -> bool:
    remote_ok = row["workplace"] == "remote" and bool(row["applicantRegions"])
    return bool(row["title"] and has_body(row) and ISO.match(row["datePosted"] or "") and row["companyName"]
                and (has_place(row) or remote_ok))


def indeed_can(row) -> bool:
    located = any(loc["city"] or loc["country"] for loc in (row["locations"] or [])[:1])
    return bool(row["title"] and has_body(row) and row["datePosted"] and row["companyName"]
                and row["url"].startswith("http") and (located or row["workplace"] == "remote"))


def jobs_json_can(row) -> bool:
    site = row["companyWebsite"] or row["host"]  # the careers site stands in for an unknown company website
    return bool(row["title"] and row["url"].startswith("http") and site.startswith("http"))


def check_jsonld(posting: dict) -> None:
    assert posting["@context"] == "https://schema.org/" and posting["@type"] == "JobPosting"
    assert posting["title"].strip() and posting["description"].startswith("<")
    assert ISO.match(posting["datePosted"])
    organization = posting["hiringOrganization"]
    assert organization["@type"] == "Organization" and organization["name"]
    assert organization.get("sameAs", "https://").startswith("http")
    if "jobLocation" not in posting:
        assert posting["jobLocationType"] == "TELECOMMUTE" and posting["applicantLocationRequirements"]
    for place in posting.get("jobLocation", []):
        address = place["address"]
        assert place["@type"] == "Place" and address["@type"] == "PostalAddress" and len(address) >= 2
        assert set(address) <= {"@type", "addressLocality", "addressRegion", "addressCountry"}
        assert re.fullmatch(r"[A-Z]{2}", address.get("addressCountry", "DE"))
    for area in posting.get("applicantLocationRequirements", []):
        assert area["@type"] == "Country" and area["name"]
    if "employmentType" in posting:
        assert posting["employmentType"] in EMPLOYMENT
    if "baseSalary" in posting:
        salary = posting["baseSalary"]
        assert salary["@type"] == "MonetaryAmount" and re.fullmatch(r"[A-Z]{3}", salary["currency"])
        value = salary["value"]
        assert value["@type"] == "QuantitativeValue" and value.get("unitText", "YEAR") in {
            "HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
        assert {"value", "minValue", "maxValue"} & set(value)
    assert posting["identifier"]["@type"] == "PropertyValue"
    check_safe_html(posting["description"])


def check_safe_html(markup: str) -> None:
    tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert not tree.xpath("//script|//style|//iframe|//img|//object|//embed|//form")
    for element in tree.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on") or name == "style"]
    for href in tree.xpath("//a/@href"):
        assert re.match(r"(https?|mailto|tel):", href), href


# ---- one output folder per platform -------------------------------------------------------------------------
@dataclasses.dataclass
class Crawled:
    platform: str
    sample: object
    items: list
    out: Path
    work: Path


def companies_file_args(path: Path) -> dict[str, str]:
    """What a companies.yaml entry gives a board's crawl (name, website, logo), named after the sample file's
    company (e.g. gitlab_jobs_content.json -> gitlab): the samples carry no company website."""
    company = path.name.split("_")[0]
    return {"company": company, "website": f"https://{company}.example/",
            "logo": f"https://{company}.example/logo.png"}


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda s: s.platform)
def crawled(request, tmp_path_factory) -> Crawled:
    sample = request.param
    files = sample.files()
    if not files:
        pytest.skip(f"no shared samples for {sample.platform}")
    items = []
    for path in files:
        board = dataclasses.replace(sample, kwargs={**sample.kwargs, **companies_file_args(path)})
        items.extend(run_sample(board, path).items)
    work = tmp_path_factory.mktemp(sample.platform)
    out = work / "output"
    write_output(sample, items, out)
    return Crawled(sample.platform, sample, items, out, work)


def test_jsonld_has_googles_required_properties_for_every_exportable_posting(crawled):
    rows = [row for row in dataset_rows(crawled.out) if row["status"] == "open"]
    assert rows
    code, stderr = export(crawled.out, "jsonld", crawled.work / "jobs.jsonld")
    assert code == 0, stderr
    postings = json.loads((crawled.work / "jobs.jsonld").read_text(encoding="utf-8"))
    assert isinstance(postings, list)
    for posting in postings:
        check_jsonld(posting)
    exported = {p["identifier"]["value"] for p in postings}
    assert exported == {row["id"] for row in rows if jsonld_can(row)}
    assert len(exported) + left_out_count(stderr) == len(rows)
    by_id = {row["id"]: row for row in rows}
    for posting in postings:
        row = by_id[posting["identifier"]["value"]]
        assert posting["title"] == row["title"] and posting["datePosted"] == row["datePosted"]
        assert posting.get("employmentType", "") == row["employmentType"]
        assert ("jobLocationType" in posting) == (row["workplace"] == "remote")


def test_indeed_feed_parses_and_has_the_required_elements(crawled):
    rows = [row for row in dataset_rows(crawled.out) if row["status"] == "open"]
    code, stderr = export(crawled.out, "indeed", crawled.work / "feed.xml")
    assert code == 0, stderr
    data = (crawled.work / "feed.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == "source" and root.findtext("publisher") == "jobscraper" and root.findtext("lastBuildDate")
    jobs = root.findall("job")
    by_id = {row["id"]: row for row in rows}
    for job in jobs:
        row = by_id[job.findtext("referencenumber")]
        for name in ("title", "date", "url", "company", "description"):
            assert (job.findtext(name) or "").strip(), name
        assert job.findtext("title") == row["title"] and job.findtext("url") == row["url"]
        assert job.findtext("requisitionid") == row["id"].split(":", 2)[2]
        assert job.findtext("jobtype") in (None, "fulltime", "parttime", "contract", "temporary", "internship")
        assert job.findtext("remotetype") in (None, "Fully remote", "Hybrid remote")
        check_safe_html(job.findtext("description"))
    # Every text is CDATA: no element holds escaped text outside it.
    body = data.decode("utf-8")
    assert not re.search(r">[^<\s][^<]*<", re.sub(r"<!\[CDATA\[.*?\]\]>", "", body, flags=re.S))
    assert {job.findtext("referencenumber") for job in jobs} == {row["id"] for row in rows if indeed_can(row)}
    assert len(jobs) + left_out_count(stderr) == len(rows)


def test_jobs_json_documents(crawled):
    rows = [row for row in dataset_rows(crawled.out) if row["status"] == "open"]
    target = crawled.work / "site" / "jobs.json"
    code, stderr = export(crawled.out, "jobs-json", target)
    assert code == 0, stderr
    companies = {row["recordPath"].split("/")[0] for row in rows if jobs_json_can(row)}
    written = json.loads(target.read_text(encoding="utf-8"))
    # One company: OUT is its document; any other number: an array of one document per company.
    documents = [written] if len(companies) == 1 else written
    assert isinstance(documents, list) and len(documents) == len(companies)
    assert len({d["company"]["name"] for d in documents}) == len(documents)
    ids = []
    for document in documents:
        assert set(document) <= {"version", "lastUpdated", "company", "jobs"}
        assert document["version"] == "0.1" and ISO.match(document["lastUpdated"])
        assert document["company"]["name"] and document["company"]["url"].startswith("http")
        assert set(document["company"]) <= {"name", "url", "logo", "jobsUrl"}
        for job in document["jobs"]:
            ids.append(job["id"])
            assert job["title"] and job["url"].startswith("http")
            assert not ("location" in job and "locations" in job)
            assert job.get("employmentType", "OTHER") in {"FULL_TIME", "PART_TIME", "CONTRACT", "TEMPORARY",
                                                          "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}
            if "compensation" in job:
                assert job["compensation"]["period"] in {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"}
            for place in job.get("locations", [job.get("location", {})]):
                assert set(place) <= {"city", "state", "country", "remote"}
            assert set(job) - {"id", "title", "url", "department", "description", "location", "locations",
                               "employmentType", "postedDate", "expiresDate", "compensation"} <= {
                "x-workplace", "x-applicantRegions"}
    assert len(ids) == len(set(ids))
    assert set(ids) == {row["id"] for row in rows if jobs_json_can(row)}


def test_where_picks_the_same_postings_as_sql(crawled):
    rows = [row for row in dataset_rows(crawled.out) if row["status"] == "open"]
    code, stderr = export(crawled.out, "jsonld", crawled.work / "remote.jsonld", "--where", "workplace = 'remote'")
    assert code == 0, stderr
    postings = json.loads((crawled.work / "remote.jsonld").read_text(encoding="utf-8"))
    expected = {row["id"] for row in rows if row["workplace"] == "remote" and jsonld_can(row)}
    assert {p["identifier"]["value"] for p in postings} == expected
    assert all(p["jobLocationType"] == "TELECOMMUTE" for p in postings)
    code, stderr = export(crawled.out, "jsonld", crawled.work / "bad.jsonld", "--where", "no_such_column = 1")
    assert code == 2 and "--where" in stderr and not (crawled.work / "bad.jsonld").exists()


def test_strict_fails_only_when_a_posting_is_left_out(crawled):
    rows = [row for row in dataset_rows(crawled.out) if row["status"] == "open"]
    left_out = [row for row in rows if not jsonld_can(row)]
    code, stderr = export(crawled.out, "jsonld", crawled.work / "strict.jsonld", "--strict")
    assert code == (1 if left_out else 0)
    for row in left_out[:20]:
        assert f"left out {row['id']} ({row['recordPath']}): " in stderr
    # A selection without such postings passes --strict.
    ok_ids = [row["id"] for row in rows if jsonld_can(row)][:3]
    if ok_ids:
        where = "id IN (" + ", ".join("'" + i.replace("'", "''") + "'" for i in ok_ids) + ")"
        code, stderr = export(crawled.out, "jsonld", crawled.work / "strict-ok.jsonld", "--strict", "--where", where)
        assert code == 0 and left_out_count(stderr) == 0, stderr


def test_closed_postings_are_left_out_and_their_snippets_removed(crawled):
    site = crawled.work / "html"
    code, stderr = export(crawled.out, "jsonld-html", site)
    assert code == 0, stderr
    rows = [row for row in dataset_rows(crawled.out) if row["status"] == "open"]
    snippets = sorted(site.rglob("*.jsonld.html"))
    assert {p.relative_to(site).as_posix()[: -len(".jsonld.html")] + ".md" for p in snippets} == {
        row["recordPath"] for row in rows if jsonld_can(row)}
    for path in snippets:
        tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        scripts = tree.xpath("//script")
        assert len(scripts) == 1 and scripts[0].get("type") == "application/ld+json"
        check_jsonld(json.loads(scripts[0].text))
    # The next crawl: one posting's own URL answered 404, which closes it at once.
    exportable = [row for row in rows if jsonld_can(row)]
    gone = (exportable or rows)[0]
    later = crawled.work / "later"
    shutil.copytree(crawled.out, later)
    write_output(crawled.sample, crawled.items, later, gone=[gone["id"]])
    assert {row["id"]: row["status"] for row in dataset_rows(later)}[gone["id"]] == "closed"
    code, stderr = export(later, "jsonld-html", site)
    assert code == 0, stderr
    assert ("removed 1 snippets" in stderr) == bool(exportable)
    assert not (site / gone["recordPath"].replace(".md", ".jsonld.html")).exists()
    assert len(list(site.rglob("*.jsonld.html"))) == len(snippets) - bool(exportable)
    for fmt, target in (("jsonld", "after.jsonld"), ("indeed", "after.xml"), ("jobs-json", "after/jobs.json")):
        code, stderr = export(later, fmt, crawled.work / target)
        assert code == 0, stderr
        text = (crawled.work / target).read_text(encoding="utf-8")
        # The id whole, as JSON writes it or as a CDATA section holds it (another id may start with it).
        assert f'"{gone["id"]}"' not in text and f'[{gone["id"]}]]' not in text


def test_samples_as_given_are_exported_or_left_out_with_a_reason(tmp_path):
    """Without a companies file, some platforms' samples name no company: those postings are left out, said
    on stderr, and the rest is written."""
    totals = {"exported": 0, "left_out": 0}
    for sample in SAMPLES:
        files = sample.files()
        if not files:
            continue
        items = [item for path in files for item in run_sample(sample, path).items]
        out = tmp_path / sample.platform
        write_output(sample, items, out)
        rows = [row for row in dataset_rows(out) if row["status"] == "open"]
        code, stderr = export(out, "indeed", tmp_path / f"{sample.platform}.xml")
        assert code == 0, stderr
        jobs = etree.parse(str(tmp_path / f"{sample.platform}.xml")).getroot().findall("job")
        assert {j.findtext("referencenumber") for j in jobs} == {row["id"] for row in rows if indeed_can(row)}
        for row in [row for row in rows if not row["companyName"]][:5]:
            assert re.search(re.escape(f"left out {row['id']} ") + r".*no company", stderr)
        totals["exported"] += len(jobs)
        totals["left_out"] += left_out_count(stderr)
    if not any(totals.values()):
        pytest.skip("no shared samples")
    assert totals["exported"] > 0 and totals["left_out"] > 0
