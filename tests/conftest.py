import os

from hypothesis import HealthCheck, settings

# Tests never talk to anything but 127.0.0.1: make accidental proxies impossible too.
for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(var, None)
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

# Crawlers built in-process (tests.helpers.make_spider) need the project's reactor installed
# before anything imports twisted.internet.reactor.
from scrapy.utils.reactor import install_reactor, is_reactor_installed  # noqa: E402

if not is_reactor_installed():
    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")


# Property tests: a quick pass in the default run, 10,000+ examples per property with `make fuzz`.
settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
