"""Where the crawler may connect.

SSRF guard: a crawl of public job boards must never be steered (by a redirect, a link, a DNS answer) to
private, loopback, link-local or otherwise non-public addresses, such as a cloud metadata service or an
admin page on the crawl host.  Two checks, both on the address actually used:
  - `GuardedResolver` (TWISTED_DNS_RESOLVER) refuses a host name whose resolved address is not public, at connection
    time, so a name that resolves differently later (DNS rebinding) is still checked;
  - `SSRFGuardMiddleware` refuses URLs whose host is an IP literal that is not public (those are never
    resolved), and schemes other than http(s).
`SSRF_ALLOWED_NETWORKS` (CIDRs, e.g. ["127.0.0.1/32"] for tests or ["10.1.2.0/24"] for an internal mirror)
lets chosen networks through; `SSRF_PROTECTION = False` turns both checks off.

Off-site redirects: `SameSiteRedirectMiddleware` lets a redirect through only to the same host (and port, for
IP addresses or explicit ports) or to another host of the same registrable domain (boards.greenhouse.io ->
job-boards.greenhouse.io).  A board API that redirects elsewhere (an unknown tenant sent to a marketing site)
fails with reason `offsite_redirect`.

Redirect loops (back to a URL already on the request's redirect chain) fail with reason `redirect_loop`
instead of vanishing in Scrapy's duplicate filter.

A refusal's log line says how to allow the address (`-s SSRF_ALLOWED_NETWORKS=127.0.0.1/32`), once per crawl and
network; the networks refused are kept in the stats (jobs/security/refused_networks, comma-joined) for the
end-of-crawl summary (scraper/extensions.py: CrawlSummary).

Stats: jobs/security/blocked_address, blocked_scheme, offsite_redirect, redirect_loop, refused_networks.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

_DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECTS = {301, 302, 303, 307, 308}


class BlockedAddress(IgnoreRequest):
    """A request to a non-public address, refused by the SSRF guard."""


class OffsiteRedirect(IgnoreRequest):
    """A redirect to another site, refused."""


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already visited on this request's way."""


def allowed_networks(values: Any) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",") if v.strip()]
    return tuple(ipaddress.ip_network(str(v).strip(), strict=False) for v in values or ())


def is_public(address: str, allowed: tuple[Any, ...] = ()) -> bool:
    """True when connecting to `address` is fine: a global unicast address, or one in `allowed`."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in allowed):
        return True
    return ip.is_global and not ip.is_multicast


def allowing_network(address: str) -> str:
    """The SSRF_ALLOWED_NETWORKS value that lets exactly `address` through: "127.0.0.1/32", "::1/128"."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return f"{ip}/{ip.max_prefixlen}"


REFUSED_NETWORKS = "jobs/security/refused_networks"
_MAX_NETWORKS_KEPT = 10


def count_refusal(stats: Any, address: str) -> str:
    """Counts a refused address in the crawl's stats; returns the hint for its log line (" (to allow it: -s
    SSRF_ALLOWED_NETWORKS=...)") the first time this crawl refuses that network, "" afterwards."""
    stats.inc_value("jobs/security/blocked_address")
    network = allowing_network(address)
    if not network:
        return ""
    known = [n for n in str(stats.get_value(REFUSED_NETWORKS) or "").split(",") if n]
    if network in known:
        return ""
    if len(known) < _MAX_NETWORKS_KEPT:
        stats.set_value(REFUSED_NETWORKS, ",".join(known + [network]))
    return f" (to allow it: -s SSRF_ALLOWED_NETWORKS={network})"


def _ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing names that resolve to non-public addresses."""

    owner: Any = None
    allowed: tuple[Any, ...] = ()
    enabled = True

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> "GuardedResolver":
        # Scrapy builds the resolver once per process, from the process (not a crawler).
        resolver = super().from_crawler(crawler, reactor)
        resolver.owner = crawler
        resolver.enabled = crawler.settings.getbool("SSRF_PROTECTION", True)
        resolver.allowed = allowed_networks(crawler.settings.getlist("SSRF_ALLOWED_NETWORKS"))
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:
        deferred = super().getHostByName(name, timeout)
        if self.enabled:
            deferred.addCallback(self._check, name)
        return deferred

    def _check(self, address: str, name: str) -> str:
        if is_public(address, self.allowed):
            return address
        crawlers = getattr(self.owner, "crawlers", None) or [self.owner]
        hint = ""
        for crawler in crawlers:
            stats = getattr(crawler, "stats", None)
            if stats is not None:
                hint = count_refusal(stats, address) or hint
        logger.warning("SSRF guard: %s resolves to %s, a non-public address; not connecting%s", name, address, hint)
        raise DNSLookupError(f"{name} resolves to non-public address {address} (SSRF guard)")


class SSRFGuardMiddleware:
    """Refuses non-http(s) URLs and IP-literal hosts that are not public."""

    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("SSRF_PROTECTION", True):
            raise NotConfigured
        self.stats = crawler.stats
        self.allowed = allowed_networks(crawler.settings.getlist("SSRF_ALLOWED_NETWORKS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SSRFGuardMiddleware":
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in _DEFAULT_PORTS:
            self.stats.inc_value("jobs/security/blocked_scheme")
            raise BlockedAddress(f"scheme {parts.scheme!r} is not crawled: {request.url}")
        host = parts.hostname or ""
        if _ip_literal(host) and not is_public(host, self.allowed):
            hint = count_refusal(self.stats, host)
            logger.warning("SSRF guard: %s is a non-public address; not connecting%s", request.url, hint)
            raise BlockedAddress(f"non-public address {host} (SSRF guard): {request.url}")


def _site(host: str) -> str:
    """The registrable part of a host name, approximately (last two labels, three under a two-letter
    second level such as co.uk); an IP address is its own site."""
    if _ip_literal(host):
        return host
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in {"co", "com", "org", "net", "ac", "gov", "ne"}:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _port(parts: Any) -> int | None:
    try:
        return parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None


def same_site(source: str, target: str) -> bool:
    a, b = urlsplit(source), urlsplit(target)
    host_a, host_b = (a.hostname or "").lower(), (b.hostname or "").lower()
    if not host_a or not host_b or b.scheme not in _DEFAULT_PORTS:
        return False
    explicit = a.port is not None or b.port is not None
    if host_a == host_b:
        # http -> https on the default ports is the same site; another explicit port is not.
        return not explicit or _port(a) == _port(b)
    if _ip_literal(host_a) or _ip_literal(host_b) or explicit:
        return False
    return _site(host_a) == _site(host_b)


class SameSiteRedirectMiddleware:
    """Stops redirects to another site before Scrapy's RedirectMiddleware follows them."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SameSiteRedirectMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if response.status not in _REDIRECTS or request.meta.get("dont_redirect") \
                or request.meta.get("allow_offsite_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if target == request.url or target in request.meta.get("redirect_urls", ()):
            # Scrapy's duplicate filter would drop it silently; a loop is a failure to report.
            self.stats.inc_value("jobs/security/redirect_loop")
            raise RedirectLoop(f"redirect loop at {request.url}")
        if same_site(request.url, target):
            return response
        self.stats.inc_value("jobs/security/offsite_redirect")
        logger.warning("%s redirects off-site to %s; not followed", request.url, target)
        raise OffsiteRedirect(f"off-site redirect from {request.url} to {target}")
