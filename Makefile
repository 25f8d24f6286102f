# jobscraper: `make demo` runs the offline demo crawl, `make test` runs the tests.
# Both set up the virtualenv (.venv) on first use; only Python 3.11+ and make are needed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUTPUT_DIR ?= output
DEMO_CACHE := build/demo-httpcache

.PHONY: install demo test fuzz hostile bench bench-extract bench-distributed eval-skillspan clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# A real `scrapy crawl` of https://jobs.chartmogul.com, replayed from the snapshot in
# demo/snapshot through Scrapy's HTTP cache (HTTPCACHE_IGNORE_MISSING: no network at all).
demo: $(STAMP)
	$(BIN)/python -m scraper.snapshot demo/snapshot/manifest.yaml $(DEMO_CACHE)
	$(BIN)/scrapy crawl recruitee \
		-a url=https://jobs.chartmogul.com \
		-a website=https://chartmogul.com/ \
		-a featured=20 \
		-a logo=https://jobboard-logos-bucket.s3.eu-central-1.amazonaws.com/chartmogul-cmtde-gmbh-co-kg \
		-s OUTPUT_DIR=$(OUTPUT_DIR) \
		-s HTTPCACHE_ENABLED=True \
		-s HTTPCACHE_DIR=$(CURDIR)/$(DEMO_CACHE) \
		-s HTTPCACHE_IGNORE_MISSING=True
	@echo "Records written under $(OUTPUT_DIR)/:"
	@find $(OUTPUT_DIR) -name '*.md' | sort

test: $(STAMP)
	$(BIN)/python -m pytest

# Property tests with 10,000 examples each (tens of minutes), not part of `make test`.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider tests/property tests/test_record.py tests/test_embedded.py

# Figures for the hostile corpus and fault server (one crawl per input; a minute or two).
hostile: $(STAMP)
	$(BIN)/python scripts/hostile_report.py

# Throughput and memory against bare Scrapy on a local mock ATS (200 boards x 50 postings; minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --boards 200 --postings 50

# Requirements extraction, ms of CPU per 10 KB posting (real postings from ../shared/fixtures)
bench-extract: $(STAMP)
	$(BIN)/python benchmarks/extract_bench.py

# Skills on SkillSpan's TECH and HOUSE postings (../shared/datasets/skillspan; train and dev splits)
eval-skillspan: $(STAMP)
	$(BIN)/python tests/eval/skillspan.py

# 1 vs 2 distributed workers on 50 boards (needs Debian's redis-server and postgresql; see README)
bench-distributed: $(STAMP)
	$(BIN)/python benchmarks/distributed_bench.py --boards 50 --postings 20

clean:
	rm -rf build .pytest_cache .hypothesis
