"""The embedded group's rows of tests/samples.py: every posting of every sample becomes a record offline (what
`scripts/sample_coverage.py` counts)."""

import pytest

from tests.samples import BY_PLATFORM, run_sample


@pytest.mark.parametrize("platform,postings", [("comeet", 2), ("jobylon", 125), ("paylocity", 2), ("phenom", 2),
                                               ("join", 7)])
def test_every_posting_of_the_samples_is_a_record(platform, postings):
    sample = BY_PLATFORM[platform]
    files = sample.files()
    if not files:
        pytest.skip(f"no {platform} samples here")
    runs = [run_sample(sample, path) for path in files]
    assert sum(run.postings_seen for run in runs) == postings
    items = [item for run in runs for item in run.items]
    assert len(items) == postings and all(item.source == platform and item.title for item in items)
