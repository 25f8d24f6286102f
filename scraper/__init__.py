"""jobscraper: job postings from career sites and ATS APIs into normalized records."""

__version__ = "0.1.0"
