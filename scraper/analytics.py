"""DuckDB over an output folder's datasets, for `jobscraper stats`, `query` and `report`.

Views: `jobs` (datasets/jobs.parquet: one row per known posting, open and closed, every front-matter key plus
description, recordPath and sameAs) and `changes` (datasets/changes.jsonl: one row per new, changed, closed or
reopened event, with `at`, the crawl time).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb


class NoDatasets(FileNotFoundError):
    """The folder holds no datasets (no crawl wrote into it yet)."""


def connect(output_dir: str | Path) -> duckdb.DuckDBPyConnection:
    root = Path(output_dir)
    parquet = root / "datasets" / "jobs.parquet"
    if not parquet.is_file():
        raise NoDatasets(f"no datasets/jobs.parquet under {root}: run a crawl with -s OUTPUT_DIR={root} first")
    db = duckdb.connect(":memory:")
    db.execute(f"CREATE VIEW jobs AS SELECT * FROM read_parquet('{_sql_path(parquet)}')")
    changes = root / "datasets" / "changes.jsonl"
    if changes.is_file() and changes.stat().st_size:
        db.execute(f"CREATE VIEW changes AS SELECT * FROM read_json_auto('{_sql_path(changes)}', "
                   "format='newline_delimited')")
    else:
        db.execute("CREATE VIEW changes AS SELECT NULL::BIGINT AS eventId, NULL::BIGINT AS crawlId, "
                   "NULL::VARCHAR AS at, NULL::VARCHAR AS event, NULL::VARCHAR AS id, NULL::VARCHAR AS url "
                   "WHERE false")
    return db


def _sql_path(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def rows(db: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
    result = db.execute(sql, params or [])
    columns = [d[0] for d in result.description]
    return columns, result.fetchall()


def summary(db: duckdb.DuckDBPyConnection, top: int = 15, days: int = 7) -> dict[str, Any]:
    """What `jobscraper stats` shows: counts by dimension, top skills, salary quartiles, recent changes."""

    def counts(expression: str, where: str = "TRUE", limit: int | None = None) -> list[dict[str, Any]]:
        sql = (f"SELECT {expression} AS value, count(*) AS postings FROM jobs WHERE {where} "
               f"GROUP BY 1 ORDER BY 2 DESC, 1" + (f" LIMIT {int(limit)}" if limit else ""))
        return [{"value": v if v not in (None, "") else "(unknown)", "postings": n} for v, n in rows(db, sql)[1]]

    def skills(part: str) -> list[dict[str, Any]]:
        sql = (f"SELECT skill, count(*) AS postings FROM (SELECT unnest(skills.{part}) AS skill FROM jobs "
               f"WHERE status = 'open') GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {int(top)}")
        return [{"value": v, "postings": n} for v, n in rows(db, sql)[1]]

    salary_sql = """
        SELECT salary.currency, salary.period, count(*) AS postings,
               quantile_cont(coalesce((salary.min + salary.max) / 2, salary.min, salary.max), [0.25, 0.5, 0.75])
        FROM jobs WHERE status = 'open' AND (salary.min IS NOT NULL OR salary.max IS NOT NULL)
              AND salary.currency <> '' AND salary.period <> ''
        GROUP BY 1, 2 ORDER BY 3 DESC"""
    salary = [{"currency": c, "period": p, "postings": n, "p25": q[0], "median": q[1], "p75": q[2]}
              for c, p, n, q in rows(db, salary_sql)[1]]
    recent_sql = f"""
        SELECT event, count(*) FROM changes
        WHERE try_cast("at" AS TIMESTAMP) >= (SELECT max(try_cast("at" AS TIMESTAMP)) FROM changes)
                                            - INTERVAL {int(days)} DAY
        GROUP BY 1 ORDER BY 1"""
    recent = dict(rows(db, recent_sql)[1])
    total, open_ = rows(db, "SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM jobs")[1][0]
    return {
        "postings": total, "open": open_,
        "by_platform": counts("source"),
        "by_status": counts("status"),
        "by_company": counts("companyName", limit=top),
        "by_workplace": counts("workplace", "status = 'open'"),
        "by_country": counts("(CASE WHEN len(locations) > 0 THEN locations[1].country END)", "status = 'open'",
                             limit=top),
        "by_seniority": counts("seniority", "status = 'open'"),
        "top_skills_required": skills("required"),
        "top_skills_nice_to_have": skills("niceToHave"),
        "salary_quartiles": salary,
        "recent_days": days,
        "recent_changes": {event: recent.get(event, 0) for event in ("new", "changed", "closed", "reopened")},
    }
