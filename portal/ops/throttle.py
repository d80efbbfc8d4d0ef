"""Who is asking, and how often: the client's address behind the proxy, and a limit on password
reset requests, which django-axes (failed logins only) does not cover.

The address is what the proxy in front saw (nginx's `$remote_addr`), passed in a header the
proxy always overwrites (CLIENT_ADDRESS_HEADER, deploy/nginx/portal-proxy.conf sets X-Real-IP).
A header the client sent itself never counts: X-Forwarded-For is a list anyone can start. The
login lockout (django-axes, AXES_CLIENT_IP_CALLABLE) and the reset limit (django-ratelimit,
RATELIMIT_IP_META_KEY) both ask client_address(), and count in Django's cache, which every
worker shares in production (Redis)."""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

HOUR = 60 * 60  # seconds
# A request that reached the app server without its proxy (a Unix socket has no address):
# all such requests count as one client rather than as nobody.
UNKNOWN_ADDRESS = "0.0.0.0"
IPV6_PREFIX = 64


def client_address(request):
    """The client's IP address: from the proxy's header when one is configured, otherwise the
    connection's; never None, so that every limit counts it. An IPv6 client is its /64: one
    household or server is given a whole /64, and would otherwise count as 2**64 clients."""
    for key in (settings.CLIENT_ADDRESS_META_KEY, "REMOTE_ADDR"):
        value = request.META.get(key, "").strip() if key else ""
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            continue
        if address.version == 6:
            if address.ipv4_mapped:
                return str(address.ipv4_mapped)
            return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False)[0])
        return str(address)
    return UNKNOWN_ADDRESS


def limit_posts_per_address(view, rate=None):
    """At most `rate` POSTs an hour to `view` from one address (PASSWORD_RESET_RATE)."""
    rate = rate or settings.PASSWORD_RESET_RATE
    return ratelimit(key="ip", rate=f"{rate}/h", method="POST")(view)


def too_many_requests(request, _exception):
    """RATELIMIT_VIEW: the locked-out page in the visitor's language, with a 429."""
    response = render(request, "portal/locked_out.html", status=429)
    response["Retry-After"] = str(HOUR)  # the count starts again within the hour
    return response
