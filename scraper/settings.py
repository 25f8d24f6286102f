"""Scrapy settings for jobscraper.  Every one can be overridden with -s NAME=value.

Ours (read by our components):
  OUTPUT_DIR        root of the output tree; records go to <OUTPUT_DIR>/<company>/<posting>.md
  RECORDS_ENABLED   write Markdown records (default True)
  RECORDS_FSYNC     fsync each record before its atomic rename (default False)
  STATS_FILE        write the crawl's final stats as JSON to this path (default: off)
  STATE_ENABLED, STATE_CLOSE_AFTER_MISSES, DATASETS_ENABLED: see pipelines/state.py
  NORMALIZE_WORKERS, NORMALIZE_BATCH, NORMALIZE_BATCH_WAIT: see scraper/workers.py
"""

BOT_NAME = "jobscraper"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

OUTPUT_DIR = "output"
RECORDS_ENABLED = True
RECORDS_FSYNC = False

# Polite by default: identify ourselves, obey robots.txt, adapt to the server.
USER_AGENT = "jobscraper/0.1 (job-posting indexer built on Scrapy; operators: add a contact URL with -s USER_AGENT)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0

# Bounds: a hostile or broken server costs one board, not the crawl.
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5

# Where the crawler may connect: see scraper/security.py.  Tests and mirrors on private addresses list
# their networks in SSRF_ALLOWED_NETWORKS (e.g. -s SSRF_ALLOWED_NETWORKS=127.0.0.1/32).
SSRF_PROTECTION = True
SSRF_ALLOWED_NETWORKS: list[str] = []
TWISTED_DNS_RESOLVER = "scraper.security.GuardedResolver"
RETRY_AFTER_MAX = 120
DOWNLOADER_MIDDLEWARES = {
    "scraper.retry.RetryAfterMiddleware": 560,
    "scraper.security.SameSiteRedirectMiddleware": 650,
    "scraper.security.SSRFGuardMiddleware": 950,
}

ITEM_PIPELINES = {
    "pipelines.dedupe.DuplicatePostingsPipeline": 100,
    "pipelines.state.StateCheckPipeline": 150,
    "pipelines.workers.NormalizeInWorkersPipeline": 190,
    "pipelines.text.CleanTextPipeline": 200,
    "pipelines.normalize.NormalizeFieldsPipeline": 300,
    "pipelines.requirements.ExtractRequirementsPipeline": 400,
    "pipelines.seed.SeedFieldsPipeline": 500,
    "pipelines.validate.ValidatePostingsPipeline": 800,
    "pipelines.state.StateDecidePipeline": 850,
    "pipelines.records.MarkdownRecordsPipeline": 900,
    "pipelines.state.StateCommitPipeline": 950,
}

# Normalizing in worker processes (scraper/workers.py): the pipelines 200-800 run in NORMALIZE_WORKERS processes
# (None: one per core; 0: in the crawl process), fed NORMALIZE_BATCH postings at a time.
NORMALIZE_WORKERS: int | None = None
NORMALIZE_BATCH = 16
NORMALIZE_BATCH_WAIT = 0.02

# Incremental state (<OUTPUT_DIR>/state.sqlite) and datasets (<OUTPUT_DIR>/datasets/).
STATE_ENABLED = True
STATE_CLOSE_AFTER_MISSES = 2
STATE_COMMIT_EVERY = 200
DATASETS_ENABLED = True

STATS_FILE = ""
EXTENSIONS = {
    "scraper.quality.FieldCoverage": 800,
    "scraper.quality.Progress": 810,
    "scraper.extensions.CrawlSummary": 820,
    "scraper.extensions.StatsFile": 900,
}
# Quality gate and progress: see scraper/quality.py.
COVERAGE_MIN: dict[str, float] = {}
COVERAGE_FAIL_ON_EMPTIED_BOARDS = False
PROGRESS_INTERVAL = 60
# Our `scrapy crawl` exits non-zero when the quality gate fails.
COMMANDS_MODULE = "scraper.scrapy_commands"

FEED_EXPORTERS = {
    "markdown": "scraper.exporters.MarkdownRecordExporter",
}
FEED_EXPORT_ENCODING = "utf-8"

# The HTTP cache is off unless asked for; the offline demo turns it on in replay mode
# (HTTPCACHE_IGNORE_MISSING) over a snapshot built from demo/snapshot/.
HTTPCACHE_ENABLED = False
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"

LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
