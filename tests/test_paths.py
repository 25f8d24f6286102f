import os

import pytest

from scraper.paths import UnsafePathError, record_path, safe_slug


@pytest.mark.parametrize("value,expected", [
    ("ChartMogul CMTDE GmbH & Co. KG", "chartmogul-cmtde-gmbh-co-kg"),
    ("../../../tmp/x", "tmp-x"),
    ("/etc/passwd", "etc-passwd"),
    ("..\\..\\windows", "windows"),
    ("CON", "con-1"),
    ("lpt1", "lpt1-1"),
    ("Ünïcödé／slash∕x", "unicode-slash-x"),
    ("a/../../b", "a-b"),
])
def test_slugs_are_sanitized(value, expected):
    assert safe_slug(value) == expected


def test_slug_length_and_fallbacks():
    assert len(safe_slug("word " * 100)) <= 80
    assert safe_slug("", None, "board") == "board"
    assert safe_slug("...", "---", fallback="posting") == "posting"
    auto = safe_slug("///")
    assert auto.startswith("x-") and "/" not in auto


def test_record_path_stays_inside_root(tmp_path):
    path = record_path(tmp_path, "acme", "engineer")
    assert path == (tmp_path / "acme" / "engineer.md").resolve()
    for company, posting in [("..", "x"), ("acme", ".."), ("a/b", "x"), ("acme", "../x"), ("", "x"), ("acme", "")]:
        with pytest.raises(UnsafePathError):
            record_path(tmp_path, company, posting)


def test_symlink_planted_in_output_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "out"
    root.mkdir()
    os.symlink(outside, root / "acme")
    with pytest.raises(UnsafePathError):
        record_path(root, "acme", "engineer")
