"""Where a record goes: sanitized slugs, and a path that cannot leave OUTPUT_DIR."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from slugify import slugify

MAX_SLUG = 80
# Names Windows refuses as file names, whatever the extension.
_RESERVED = re.compile(r"(?:con|prn|aux|nul|com\d|lpt\d)\Z")


class UnsafePathError(ValueError):
    """A record path that would resolve outside the output directory."""


def safe_slug(*candidates: object, fallback: str = "") -> str:
    """The first candidate that slugifies to something non-empty: [a-z0-9-], at most 80 chars.

    Slugs never contain "/", "\\" or "..", so they cannot walk out of a directory;
    names Windows reserves get a suffix.
    """
    for candidate in candidates:
        if candidate is None:
            continue
        slug = slugify(str(candidate), max_length=MAX_SLUG, word_boundary=True, save_order=True)
        if not slug:
            continue
        if _RESERVED.match(slug):
            slug += "-1"
        return slug
    if fallback:
        return fallback
    return "x-" + hashlib.sha1(repr(candidates).encode("utf-8", "replace")).hexdigest()[:12]


def record_path(root: str | os.PathLike[str], company_slug: str, posting_slug: str, resolved: bool = False) -> Path:
    """`<root>/<company>/<posting>.md`, refusing anything that resolves outside root
    (a hostile slug, or a symlink planted inside the output tree).  `resolved`: root is already resolved."""
    base = Path(root) if resolved else Path(root).resolve()
    for part in (company_slug, posting_slug):
        if not part or part in {".", ".."} or "/" in part or "\\" in part or "\x00" in part:
            raise UnsafePathError(f"unsafe path component {part!r}")
    directory = os.path.join(base, company_slug)
    candidate = os.path.join(directory, f"{posting_slug}.md")
    if os.path.islink(directory) or os.path.islink(candidate):
        path = Path(candidate).resolve()
    else:
        # The base is resolved and both parts are plain names: without a symlink on the way the path is
        # what resolve() would give (two lstat calls instead of one per component).
        path = Path(candidate)
    if path.parent.parent != base:
        raise UnsafePathError(f"{path} is outside {base}")
    return path
