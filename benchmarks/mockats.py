"""A mock ATS on 127.0.0.1 for benchmarks: N boards x M postings in the shapes of the real Greenhouse
(`/v1/boards/<token>/jobs?content=true`, entity-escaped HTML) and Lever (`/v0/postings/<site>?mode=json`,
skip/limit paging) responses in ../shared/fixtures.

Postings are 5-15 KB of real-looking HTML (headings, paragraphs, lists, inline tags, links, salaries, skills),
generated deterministically from (board, posting): the same board answers the same bytes every time, so a
second crawl sees no change.  Bodies are built on request, so the server holds no dataset in memory.
"""

from __future__ import annotations

import html
import json
import random
import time
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SKILLS = ["Python", "Go", "Rust", "TypeScript", "React", "PostgreSQL", "Kubernetes", "Terraform", "AWS", "GCP",
          "Kafka", "Redis", "Django", "Node.js", "Java", "Kotlin", "Swift", "SQL", "dbt", "Snowflake", "Airflow",
          "Docker", "GraphQL", "Elasticsearch", "Spark", "Scala", "Ruby on Rails", "Vue.js", "C++", "Figma"]
TITLES = ["Backend Engineer", "Senior Frontend Engineer", "Staff Platform Engineer", "Data Engineer",
          "Site Reliability Engineer", "Engineering Manager", "Product Designer", "Junior Data Analyst",
          "Principal Software Engineer", "Machine Learning Engineer", "Mobile Engineer (iOS)", "Security Engineer"]
CITIES = [("Berlin", "Germany"), ("Amsterdam", "Netherlands"), ("London", "United Kingdom"), ("Paris", "France"),
          ("New York, NY", "United States"), ("Toronto", "Canada"), ("Lisbon", "Portugal"), ("Remote", "")]
SENTENCES = [
    "You will design, build and operate services that handle millions of requests a day.",
    "Our team owns the data platform that every product team at {company} relies on.",
    "We care about clear code, small pull requests and thoughtful reviews.",
    "You will work closely with product managers, designers and other engineers across time zones.",
    "We ship several times a day, measure what we ship and roll back without drama.",
    "Mentoring teammates and sharing what you learn is part of the job.",
    "You will help us evolve an architecture that grew quickly and now needs care.",
    "On-call is shared fairly across the team and rarely eventful.",
    "We write design documents for larger changes and keep them short.",
    "Customers notice when things are slow, so performance work is valued here.",
]


def _skill(rng: random.Random) -> str:
    name = rng.choice(SKILLS)
    tag = rng.choice(["strong", "em", "b", "span", "a"])
    if tag == "a":
        return f'<a href="https://example.org/{name.lower().replace(" ", "-")}">{html.escape(name)}</a>'
    return f"<{tag}>{html.escape(name)}</{tag}>"


BULLETS = [
    "Design and build services that are reliable, observable and easy to change",
    "Work with product and design to turn customer problems into small, shippable steps",
    "Review code and help teammates grow through pairing and feedback",
    "Own the quality of what you ship, from tests to monitoring in production",
    "Improve our developer tooling and the speed of our build pipeline",
    "Take part in a fair on-call rotation for the services your team owns",
    "Write clear design documents for larger changes",
    "Help us decide what not to build",
    "Experience running services in production at scale",
    "Good written communication; most of our collaboration is asynchronous",
    "Comfortable with ambiguity and with changing priorities",
    "Curiosity about how our customers use the product",
]
SKILL_BULLETS = ["Solid experience with {a} and {b}", "You have shipped production code in {a}",
                 "Familiarity with {a}", "Hands-on knowledge of {a} or {b}", "Experience operating {a} in production"]


def posting_html(board: str, index: int, company: str) -> str:
    """One posting of 5-15 KB: paragraphs, several lists (most bullets without skills, some with one or
    two), a salary line, a years-of-experience requirement, a nice-to-have section, a language line."""
    rng = random.Random(f"{board}/{index}")
    target = rng.randint(5_000, 15_000)
    name = html.escape(company)
    parts = [f"<p>{' '.join(rng.sample(SENTENCES, 3)).format(company=name)}</p>"]
    low = rng.randrange(50, 120) * 1000
    parts.append(f"<p><strong>Salary:</strong> €{low:,} – €{low + 20_000:,} per year, plus equity.</p>")
    parts.append("<h3>What we are looking for</h3><ul>"
                 f"<li>{rng.randint(2, 8)}+ years of experience in software engineering</li>"
                 + "".join(f"<li>{rng.choice(SKILL_BULLETS).format(a=_skill(rng), b=_skill(rng))}</li>"
                           for _ in range(3)) + "</ul>")
    parts.append("<h3>Nice to have</h3><ul>"
                 + "".join(f"<li>{rng.choice(SKILL_BULLETS).format(a=_skill(rng), b=_skill(rng))}</li>"
                           for _ in range(2)) + "</ul>")
    sections = ["What you will do", "How we work", "Benefits", "About the team", "Our principles"]
    while sum(map(len, parts)) < target:
        parts.append(f"<h3>{rng.choice(sections)}</h3>")
        parts.append("<ul>" + "".join(f"<li>{rng.choice(BULLETS)}</li>" for _ in range(rng.randint(3, 7))) + "</ul>")
        parts.append(f"<p>{' '.join(rng.sample(SENTENCES, 4)).format(company=name)}</p>")
    parts.append("<p>Fluent English is required; German is a plus.</p>")
    return "".join(parts)


@lru_cache(maxsize=64)
def greenhouse_board(token: str, postings: int) -> bytes:
    company = f"Company {token}"
    jobs = []
    for i in range(postings):
        rng = random.Random(f"{token}/{i}/meta")
        city, country = rng.choice(CITIES)
        job_id = 4_000_000_000 + int(token[2:] or 0) * 1000 + i
        jobs.append({
            "absolute_url": f"https://job-boards.greenhouse.io/{token}/jobs/{job_id}",
            "id": job_id, "internal_job_id": job_id - 1, "requisition_id": str(i),
            "title": rng.choice(TITLES), "company_name": company, "language": "en",
            "updated_at": "2026-11-20T10:00:00-05:00", "first_published": "2026-11-01T09:00:00-05:00",
            "location": {"name": f"{city}, {country}".strip(", ")},
            "departments": [{"id": 1, "name": "Engineering", "child_ids": [], "parent_id": None}],
            "offices": [{"id": 2, "name": country or "Remote", "location": None, "child_ids": [], "parent_id": None}],
            "metadata": [], "data_compliance": [],
            "content": html.escape(posting_html(token, i, company)),
        })
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


@lru_cache(maxsize=64)
def lever_board(site: str, postings: int) -> list[dict]:
    out = []
    for i in range(postings):
        rng = random.Random(f"{site}/{i}/meta")
        city, country = rng.choice(CITIES)
        body = posting_html(site, i, f"Company {site}")
        low = rng.randrange(80, 160) * 1000
        out.append({
            "id": f"{site}-{i:04d}-0000-4000-8000-000000000000",
            "text": rng.choice(TITLES), "createdAt": 1_762_000_000_000 + i * 1000,
            "categories": {"commitment": "Full-time", "department": "Engineering", "team": "Platform",
                           "location": city, "allLocations": [city]},
            "country": "US" if country == "United States" else "DE",
            "workplaceType": rng.choice(["remote", "hybrid", "onsite"]),
            "description": body[: len(body) // 2], "descriptionPlain": "",
            "lists": [{"text": "Requirements", "content": "<li>Experience with Python and SQL</li>"
                                                          "<li>Kubernetes in production</li>"}],
            "additional": body[len(body) // 2:], "additionalPlain": "",
            "hostedUrl": f"https://jobs.lever.co/{site}/{site}-{i:04d}",
            "applyUrl": f"https://jobs.lever.co/{site}/{site}-{i:04d}/apply",
            "salaryRange": {"min": low, "max": low + 30_000, "currency": "USD", "interval": "per-year-salary"},
        })
    return out


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    postings = 50
    delay = 0.0  # seconds before each answer: a stand-in for the network's latency

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.delay:
            time.sleep(self.delay)
        parts = urlsplit(self.path)
        segments = [s for s in parts.path.split("/") if s]
        query = parse_qs(parts.query)
        if segments[:2] == ["v1", "boards"] and len(segments) >= 4:
            self._send(200, greenhouse_board(segments[2], self.postings))
        elif segments[:2] == ["v0", "postings"] and len(segments) >= 3:
            skip = int(query.get("skip", ["0"])[0])
            limit = int(query.get("limit", ["100"])[0])
            page = lever_board(segments[2], self.postings)[skip: skip + limit]
            self._send(200, json.dumps(page).encode())
        else:
            self._send(404, b"not found", "text/plain")


def make_server(postings: int, delay: float = 0.0) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"postings": postings, "delay": delay})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    return server


def run_server(queue: object, postings: int, delay: float = 0.0) -> None:
    """Entry point for a server process: reports its port on `queue`, then serves forever."""
    server = make_server(postings, delay)
    queue.put(server.server_address[1])
    server.serve_forever()
