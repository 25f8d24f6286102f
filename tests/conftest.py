import os

# Tests never talk to anything but 127.0.0.1: make accidental proxies impossible too.
for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(var, None)
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

# Crawlers built in-process (tests.helpers.make_spider) need the project's reactor installed
# before anything imports twisted.internet.reactor.
from scrapy.utils.reactor import install_reactor, is_reactor_installed  # noqa: E402

if not is_reactor_installed():
    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
