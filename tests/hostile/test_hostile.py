"""The whole hostile corpus through one real crawl: nothing crashes, nothing a correct page holds is lost,
nothing is written outside OUTPUT_DIR, no unsafe markup reaches a record, every skip has its reason."""

import pytest

from tests.hostile.corpus import run_corpus

pytestmark = pytest.mark.e2e


def test_hostile_corpus(tmp_path):
    figures = run_corpus(tmp_path / "sandbox")
    summary = figures.summary()
    assert figures.crashed == 0, summary
    assert figures.records_lost == [], figures.records_lost
    assert figures.text_lost == [], figures.text_lost
    assert figures.outside_output == [], figures.outside_output
    assert figures.unsafe == [], figures.unsafe
    assert figures.wrong_failure == [], figures.wrong_failure
    assert figures.records_written == figures.records_expected
    assert figures.skips["jobs/recruitee/boards_failed/malformed"] == 5
    assert figures.skips["jobs/recruitee/boards_failed/unexpected_shape"] == 1
    assert figures.skips["jobs/recruitee/boards_failed/too_large"] == 2
