"""Field coverage on the real samples: every board-shaped sample in ../shared/fixtures through its platform
spider's board parsing and every pipeline that does not touch disk, then the % of records with each field.

    .venv/bin/python scripts/sample_coverage.py [platform ...]

The samples and how follow-up requests (pages, details) are answered are in tests/samples.py: a follow-up with a
matching sample gets it, any other is answered 404 and the record comes from what the list gave (the spiders' own
fallback): such rows show what a crawl keeps when detail pages fail, not what it gets when they answer.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers import FIXTURES  # noqa: E402
from tests.samples import SAMPLES, run_sample  # noqa: E402

FIELDS = ("title", "url", "applyUrl", "companyName", "datePosted", "employmentType", "workplace", "locations",
          "department", "salary", "skills", "languages", "seniority", "experienceYears", "description")


def filled(value: object) -> bool:
    if isinstance(value, dict):
        return any(filled(v) for k, v in value.items() if k not in ("raw", "currency", "period"))
    return bool(value)


def main(platforms: list[str]) -> None:
    if not FIXTURES.exists():
        sys.exit(f"no samples at {FIXTURES}")
    rows = []
    for sample in SAMPLES:
        if platforms and sample.platform not in platforms:
            continue
        files = sample.files()
        counts: Counter[str] = Counter()
        postings_in = records = 0
        for path in files:
            run = run_sample(sample, path)
            postings_in += run.postings_seen
            records += len(run.items)
            for item in run.items:
                for name in FIELDS:
                    counts[name] += filled(getattr(item, name))
        rows.append((sample.platform, len(files), postings_in, records, counts))
    print("| platform | samples | postings in | records | " + " | ".join(FIELDS) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(FIELDS))
    for platform, files, postings_in, records, counts in rows:
        cells = [f"{100 * counts[f] / records:.0f}" if records else "-" for f in FIELDS]
        print(f"| {platform} | {files} | {postings_in} | {records} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
