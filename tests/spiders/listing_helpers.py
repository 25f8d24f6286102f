"""Shared by the html-group spider tests (scraper/listing.py): answering a detail request with a failure."""

from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from tests.helpers import make_response


def not_found(spider, request, status=404):
    """What the spider yields when `request` (a detail request) is answered with `status`."""
    failure = Failure(HttpError(make_response(request.url, b"", status=status, request=request)))
    failure.request = request
    return list(spider.detail_failed(failure))
