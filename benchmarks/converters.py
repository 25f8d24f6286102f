"""Why html-to-markdown: every inline-tag boundary case through both candidate converters, and their speed.

    .venv/bin/python benchmarks/converters.py

Both converters get the same sanitized HTML (scraper.normalize.text.sanitize_html); a case passes when every
word pair of the expected text is separated in the output.  Timing: median of repeated conversions of the
seed posting (demo snapshot offer 402917) on one core.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

import html_to_markdown
import markdownify

from scraper.normalize.text import _OPTIONS, sanitize_html

REPO = Path(__file__).resolve().parents[1]
CASES = [
    ("for<strong> enthusiastic</strong> people", ["for", "enthusiastic"]),
    ("<strong>SQL </strong>and 2", ["SQL", "and"]),
    ("with<em> tech stack</em>, and", ["with", "tech"]),
    ("and<b> assist</b> with", ["and", "assist"]),
    ("to<i> improve</i> your", ["to", "improve"]),
    ("Your<span>&nbsp;primary</span> focus", ["Your", "primary"]),
    ("with<a href='https://www.postgresql.org/'> PostgreSQL</a>.", ["with", "PostgreSQL"]),
    ("with<strong>&nbsp;Rust</strong>.", ["with", "Rust"]),
    ("Backend<strong>&nbsp;</strong>Engineer", ["Backend", "Engineer"]),
    ("learn<span>&nbsp;</span>new", ["learn", "new"]),
    ("passion for<span> </span>learning", ["for", "learning"]),
    ("have<a href='https://x.example/'> </a>good", ["have", "good"]),
    ("existing<em> code</em>, not", ["existing", "code"]),
    ("<b>Ruby</b>&nbsp;<i>Rust</i>", ["Ruby", "Rust"]),
]


def separated(output: str, first: str, second: str) -> bool:
    plain = re.sub(r"[*_\[\]()]|https?://\S+", " ", output)
    return re.search(rf"{re.escape(first)}\s+{re.escape(second)}", plain) is not None


def convert_h2m(html: str) -> str:
    return html_to_markdown.convert(html, _OPTIONS).content


def convert_markdownify(html: str) -> str:
    return markdownify.markdownify(html, heading_style="ATX")


def timing(fn, html: str, repeat: int = 200) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(html)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    offers = json.loads((REPO / "demo/snapshot/jobs.chartmogul.com/api/offers.json").read_text())["offers"]
    seed = next(o for o in offers if o["id"] == 402917)
    seed_html = sanitize_html(seed["description"] + seed["requirements"], seed["careers_url"])
    print(f"{'converter':<18} {'boundaries kept':>16} {'ms / seed posting':>18}")
    for name, fn in (("html-to-markdown", convert_h2m), ("markdownify", convert_markdownify)):
        kept = sum(separated(fn(sanitize_html(f"<p>{html}</p>")), a, b) for html, (a, b) in CASES)
        print(f"{name:<18} {kept:>9}/{len(CASES):<6} {timing(fn, seed_html):>18.3f}")
    print("\nFailures:")
    for name, fn in (("html-to-markdown", convert_h2m), ("markdownify", convert_markdownify)):
        for html, (a, b) in CASES:
            out = fn(sanitize_html(f"<p>{html}</p>")).strip()
            if not separated(out, a, b):
                print(f"  {name}: {html!r} -> {out!r}")
    raw = seed["description"] + seed["requirements"]
    sanitize_ms = timing(lambda h: sanitize_html(h, seed["careers_url"]), raw)
    print(f"\nsanitize_html on the seed posting: {sanitize_ms:.3f} ms")


if __name__ == "__main__":
    main()
