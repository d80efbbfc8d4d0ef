"""A limit on password reset requests, which django-axes (failed logins only) does not cover:
django-ratelimit, counting per client address (as django-axes finds it behind a proxy) in
Django's cache, which every worker shares in production (Redis)."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

HOUR = 60 * 60  # seconds


def client_address(_group, request):
    return get_client_ip_address(request)


def limit_posts_per_address(view):
    return ratelimit(key=client_address, rate=f"{settings.PASSWORD_RESET_RATE}/h", method="POST")(
        view
    )


def too_many_requests(request, _exception):
    """RATELIMIT_VIEW: the locked-out page in the visitor's language, with a 429."""
    response = render(request, "portal/locked_out.html", status=429)
    response["Retry-After"] = str(HOUR)  # the count starts again within the hour
    return response
