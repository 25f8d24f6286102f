"""The record's JSON Schema (schema/job.schema.json) and validation against it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

# schema/job.schema.json in the repository; scraper/data/job.schema.json links to it so installed
# packages (wheels, Scrapyd eggs) carry it too.
SCHEMA_PATH = Path(__file__).parent / "data" / "job.schema.json"


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(record: dict[str, Any], limit: int = 10) -> list[str]:
    """Readable problems of one record (front matter + "description"), at most `limit`."""
    errors = []
    for error in validator().iter_errors(record):
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        errors.append(f"{where}: {error.message[:200]}")
        if len(errors) >= limit:
            break
    return errors
