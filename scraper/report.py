"""The HTML report: one self-contained file (inline CSS, JavaScript and SVG; nothing fetched when it is opened)
with charts of an output folder's datasets and a sortable, filterable table of its open postings, each linking
to its record.

Charts are drawn here as SVG, so the page needs no chart library: postings opened and closed per crawl day,
top skills (required and nice to have), the workplace split, salary ranges by seniority (25th-75th percentile
bar, median tick, for the most common currency and period), postings per company.
"""

from __future__ import annotations

import html
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from scraper.analytics import rows

PALETTE = ("#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#6b7280")
SENIORITY_ORDER = ("intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", "executive")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _label(text: Any, size: int = 24) -> str:
    text = str(text)
    return _e(text if len(text) <= size else text[: size - 1] + "…")


def _empty_chart(message: str) -> str:
    return f'<svg class="chart" width="560" height="40" role="img"><text x="0" y="24">{_e(message)}</text></svg>'


def bar_chart(items: list[tuple[str, float]], width: int = 560, color: str = PALETTE[0]) -> str:
    """Horizontal bars, label left, value right."""
    if not items:
        return _empty_chart("No data.")
    top = max(value for _, value in items) or 1
    row, label_w = 22, 190
    height = row * len(items) + 4
    parts = [f'<svg class="chart" width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    for i, (label, value) in enumerate(items):
        y = i * row
        w = max(1.0, (width - label_w - 60) * value / top)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_label(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{color}">'
                     f"<title>{_e(label)}: {value:,.0f}</title></rect>"
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{value:,.0f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(items: list[tuple[str, float, float]], names: tuple[str, str], width: int = 560) -> str:
    if not items:
        return _empty_chart("No data.")
    top = max(a + b for _, a, b in items) or 1
    row, label_w = 22, 190
    height = row * len(items) + 28
    parts = [f'<svg class="chart" width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    for i, (label, a, b) in enumerate(items):
        y = i * row
        scale = (width - label_w - 60) / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_label(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{max(a * scale, 0):.1f}" height="{row - 6}" '
                     f'fill="{PALETTE[0]}"><title>{_e(label)}: {a:,.0f} {names[0]}</title></rect>'
                     f'<rect x="{label_w + a * scale:.1f}" y="{y + 3}" width="{max(b * scale, 0):.1f}" '
                     f'height="{row - 6}" fill="{PALETTE[1]}"><title>{_e(label)}: {b:,.0f} {names[1]}</title></rect>'
                     f'<text x="{label_w + (a + b) * scale + 4:.1f}" y="{y + 15}">{a + b:,.0f}</text>')
    y = row * len(items) + 14
    parts.append(f'<rect x="{label_w}" y="{y - 9}" width="10" height="10" fill="{PALETTE[0]}"/>'
                 f'<text x="{label_w + 14}" y="{y}">{_e(names[0])}</text>'
                 f'<rect x="{label_w + 110}" y="{y - 9}" width="10" height="10" fill="{PALETTE[1]}"/>'
                 f'<text x="{label_w + 124}" y="{y}">{_e(names[1])}</text></svg>')
    return "".join(parts)


def columns_chart(items: list[tuple[str, float, float]], names: tuple[str, str], width: int = 560,
                  height: int = 200) -> str:
    """Two columns per x value (e.g. opened and closed per day)."""
    if not items:
        return _empty_chart("No change events yet.")
    top = max(max(a, b) for _, a, b in items) or 1
    plot_h, base = height - 50, height - 34
    slot = (width - 40) / len(items)
    bar = max(2.0, min(18.0, slot / 2 - 2))
    parts = [f'<svg class="chart" width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">',
             f'<line x1="30" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>']
    for i, (label, a, b) in enumerate(items):
        x = 34 + i * slot
        for j, (value, color, name) in enumerate(((a, PALETTE[2], names[0]), (b, PALETTE[3], names[1]))):
            h = plot_h * value / top
            parts.append(f'<rect x="{x + j * (bar + 1):.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{color}"><title>{_e(label)}: {value:,.0f} {name}</title></rect>')
        if len(items) <= 12 or i % max(1, len(items) // 8) == 0:
            parts.append(f'<text x="{x:.1f}" y="{base + 14}" class="small">{_e(label[5:])}</text>')
    parts.append(f'<text x="34" y="{height - 4}" class="small">■ {names[0]} (green) ■ {names[1]} (red), '
                 f"max {top:,.0f}</text></svg>")
    return "".join(parts)


def range_chart(items: list[tuple[str, float, float, float, int]], unit: str, width: int = 560) -> str:
    """Per row: a bar from `p25` to `p75` and a tick at the median."""
    if not items:
        return _empty_chart("No salaries stated.")
    low = min(p25 for _, p25, _, _, _ in items)
    high = max(p75 for _, _, _, p75, _ in items)
    span = (high - low) or max(high, 1)
    row, label_w, plot_w = 24, 110, width - 110 - 150
    height = row * len(items) + 6

    def x(value: float) -> float:
        return label_w + plot_w * ((value - low) / span if high > low else 0.5)

    parts = [f'<svg class="chart" width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    for i, (label, p25, median, p75, count) in enumerate(items):
        y = i * row
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{_e(label)}</text>'
                     f'<rect x="{x(p25):.1f}" y="{y + 5}" width="{max(x(p75) - x(p25), 2):.1f}" height="{row - 10}" '
                     f'fill="{PALETTE[4]}" opacity="0.7"><title>{_e(label)}: {p25:,.0f}-{p75:,.0f} {unit} '
                     f"(median {median:,.0f}, {count} postings)</title></rect>"
                     f'<line x1="{x(median):.1f}" y1="{y + 2}" x2="{x(median):.1f}" y2="{y + row - 2}" '
                     f'stroke="#111" stroke-width="2"/>'
                     f'<text x="{label_w + plot_w + 8}" y="{y + 16}">{median:,.0f} ({count})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _data(db: duckdb.DuckDBPyConnection, output_dir: Path, report_dir: Path) -> dict[str, Any]:
    events = rows(db, """SELECT substr(CAST("at" AS VARCHAR), 1, 10) AS day,
                                count(*) FILTER (WHERE event IN ('new', 'reopened')),
                                count(*) FILTER (WHERE event = 'closed')
                         FROM changes GROUP BY 1 ORDER BY 1""")[1]
    skills = rows(db, """
        WITH r AS (SELECT unnest(skills.required) AS skill FROM jobs WHERE status = 'open'),
             n AS (SELECT unnest(skills.niceToHave) AS skill FROM jobs WHERE status = 'open'),
             both_ AS (SELECT skill, 1 AS req, 0 AS nice FROM r UNION ALL SELECT skill, 0, 1 FROM n)
        SELECT skill, sum(req), sum(nice) FROM both_ GROUP BY 1 ORDER BY sum(req) + sum(nice) DESC, 1 LIMIT 20""")[1]
    workplace = rows(db, """SELECT coalesce(nullif(workplace, ''), 'unknown'), count(*) FROM jobs
                            WHERE status = 'open' GROUP BY 1 ORDER BY 2 DESC""")[1]
    companies = rows(db, """SELECT coalesce(nullif(companyName, ''), '(unknown)'), count(*) FROM jobs
                            WHERE status = 'open' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20""")[1]
    unit = rows(db, """SELECT salary.currency, salary.period, count(*) FROM jobs
                       WHERE status = 'open' AND salary.currency <> '' AND salary.period <> ''
                             AND (salary.min IS NOT NULL OR salary.max IS NOT NULL)
                       GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1""")[1]
    salary: list[tuple[str, float, float, float, int]] = []
    salary_unit = ""
    if unit:
        currency, period, _ = unit[0]
        salary_unit = f"{currency}/{period.lower()}"
        # The bar runs from the 25th percentile of the ranges' lower ends to the 75th percentile of their upper
        # ends (a posting with one figure counts it as both); the tick is the median midpoint.
        found = rows(db, """
            SELECT coalesce(nullif(seniority, ''), 'unknown') AS level,
                   quantile_cont(coalesce(salary.min, salary.max), 0.25),
                   quantile_cont((coalesce(salary.min, salary.max) + coalesce(salary.max, salary.min)) / 2, 0.5),
                   quantile_cont(coalesce(salary.max, salary.min), 0.75),
                   count(*)
            FROM jobs WHERE status = 'open' AND salary.currency = ? AND salary.period = ?
                  AND (salary.min IS NOT NULL OR salary.max IS NOT NULL)
            GROUP BY 1""", [currency, period])[1]
        order = {level: i for i, level in enumerate(SENIORITY_ORDER)}
        salary = sorted(found, key=lambda r: order.get(r[0], 99))
    table = []
    for row in rows(db, """SELECT title, companyName, location, workplace, seniority, salary.raw, datePosted,
                                  skills.required, recordPath, url, source
                           FROM jobs WHERE status = 'open' ORDER BY datePosted DESC NULLS LAST, title""")[1]:
        title, company, location, work, level, pay, posted, required, path, url, source = row
        link = os.path.relpath(output_dir / path, report_dir).replace(os.sep, "/") if path else url
        table.append([title, company, location, work, level, pay or "", (posted or "")[:10],
                      ", ".join((required or [])[:6]), link, source])
    totals = rows(db, "SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM jobs")[1][0]
    return {"events": events, "skills": skills, "workplace": workplace, "companies": companies,
            "salary": salary, "salary_unit": salary_unit, "table": table, "total": totals[0], "open": totals[1]}


_CSS = """
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#111;max-width:1200px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 8px} .muted{color:#555}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:8px 32px}
svg.chart text{font-size:12px;fill:#222} svg.chart text.small{font-size:10px}
table{border-collapse:collapse;width:100%;margin-top:8px} th,td{text-align:left;padding:4px 6px;
border-bottom:1px solid #e5e7eb;vertical-align:top} th{cursor:pointer;background:#f9fafb;user-select:none}
th.sorted-asc::after{content:" \\25B2"} th.sorted-desc::after{content:" \\25BC"}
input,select{font:inherit;padding:4px 6px;margin-right:8px}
"""

_JS = """
(function () {
  var data = JSON.parse(document.getElementById('postings-data').textContent);
  var columns = ['Title', 'Company', 'Location', 'Workplace', 'Seniority', 'Salary', 'Posted', 'Required skills'];
  var state = {text: '', workplace: '', sort: 6, desc: true};
  var body = document.getElementById('postings-body');
  var count = document.getElementById('postings-count');
  function matches(row) {
    if (state.workplace && row[3] !== state.workplace) return false;
    if (!state.text) return true;
    var t = state.text;
    for (var i = 0; i < 8; i++) { if (String(row[i] || '').toLowerCase().indexOf(t) !== -1) return true; }
    return false;
  }
  function render() {
    var rows = data.filter(matches);
    rows.sort(function (a, b) {
      var x = String(a[state.sort] || ''), y = String(b[state.sort] || '');
      return (x < y ? -1 : x > y ? 1 : 0) * (state.desc ? -1 : 1);
    });
    count.textContent = rows.length + ' of ' + data.length + ' open postings' +
      (rows.length > 500 ? ' (first 500 shown)' : '');
    var fragment = document.createDocumentFragment();
    rows.slice(0, 500).forEach(function (row) {
      var tr = document.createElement('tr');
      for (var i = 0; i < 8; i++) {
        var td = document.createElement('td');
        if (i === 0 && row[8]) {
          var a = document.createElement('a'); a.href = row[8]; a.textContent = row[0]; td.appendChild(a);
        } else { td.textContent = row[i] || ''; }
        tr.appendChild(td);
      }
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
    document.querySelectorAll('#postings th').forEach(function (th, i) {
      th.className = i === state.sort ? (state.desc ? 'sorted-desc' : 'sorted-asc') : '';
    });
  }
  document.getElementById('filter').addEventListener('input', function (e) {
    state.text = e.target.value.trim().toLowerCase(); render();
  });
  document.getElementById('workplace-filter').addEventListener('change', function (e) {
    state.workplace = e.target.value; render();
  });
  document.querySelectorAll('#postings th').forEach(function (th, i) {
    th.addEventListener('click', function () {
      if (state.sort === i) { state.desc = !state.desc; } else { state.sort = i; state.desc = false; }
      render();
    });
  });
  render();
})();
"""


def render_report(db: duckdb.DuckDBPyConnection, output_dir: Path, report_path: Path) -> str:
    data = _data(db, Path(output_dir).resolve(), Path(report_path).resolve().parent)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    # "</" inside the JSON would end the <script> element early.
    payload = json.dumps(data["table"], ensure_ascii=False).replace("</", "<\\/")
    workplaces = sorted({row[3] for row in data["table"] if row[3]})
    options = "".join(f'<option value="{_e(w)}">{_e(w)}</option>' for w in workplaces)
    header = "".join(f"<th>{_e(c)}</th>" for c in ("Title", "Company", "Location", "Workplace", "Seniority",
                                                    "Salary", "Posted", "Required skills"))
    charts = [
        ("Postings opened and closed per crawl day", columns_chart(
            [(day, opened, closed) for day, opened, closed in data["events"]], ("opened", "closed"))),
        ("Top skills in open postings", stacked_bar_chart(
            [(skill, req, nice) for skill, req, nice in data["skills"]], ("required", "nice to have"))),
        ("Open postings by workplace", bar_chart([(w, n) for w, n in data["workplace"]], color=PALETTE[2])),
        (f"Salary ranges by seniority ({_e(data['salary_unit']) or 'no salaries'}; lower ends' 25th to upper "
         "ends' 75th percentile, median midpoint)",
         range_chart(data["salary"], data["salary_unit"])),
        ("Open postings per company", bar_chart([(c, n) for c, n in data["companies"]], color=PALETTE[4])),
    ]
    chart_html = "".join(f'<section class="card"><h2>{title}</h2>{svg}</section>' for title, svg in charts)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>jobscraper report</title><link rel="icon" href="data:,"><style>{_CSS}</style></head>
<body>
<h1>jobscraper report</h1>
<p class="muted">{data['total']:,} postings known, {data['open']:,} open · {_e(output_dir)} · generated {generated}</p>
<div class="grid">{chart_html}</div>
<h2>Open postings</h2>
<div><input id="filter" type="search" placeholder="Filter: title, company, skill, place…" size="40">
<select id="workplace-filter"><option value="">any workplace</option>{options}</select>
<span id="postings-count" class="muted"></span></div>
<table id="postings"><thead><tr>{header}</tr></thead><tbody id="postings-body"></tbody></table>
<script id="postings-data" type="application/json">{payload}</script>
<script>{_JS}</script>
</body></html>
"""
