"""Each exported object is checked against a small JSON Schema of its format (required properties, types,
enumerations) before it is written; `problems` says in a few words why one fails.

A schema node may carry `"x-reason"`: the words reported when that node fails (a plain "is not valid under any
of the given schemas" helps nobody); otherwise a missing property reads "no <path>", anything else
"<path>: <jsonschema's message>".
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(check: Draft202012Validator, value: Any) -> list[str]:
    """Readable reasons why `value` fails its schema, sorted, without repeats; [] when it is valid."""
    found: set[str] = set()
    for error in check.iter_errors(value):
        found.add(_reason(error))
    return sorted(found)


def _reason(error: Any) -> str:
    reason = error.schema.get("x-reason") if isinstance(error.schema, dict) else None
    if reason:
        return reason
    where = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"no {where + '.' if where else ''}{missing}"
    return f"{where or '(object)'}: {error.message[:160]}"
