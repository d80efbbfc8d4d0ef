"""A limit on password reset requests, which django-axes (failed logins only) does not cover.

Counted in Django's cache, per client address and per hour. django-ratelimit would do this
too, but insists on memcached or django-redis; this works with whichever cache is configured
(per process with the default local-memory cache, shared once the cache is Redis).
"""

from functools import wraps

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

WINDOW = 60 * 60  # seconds


def limit_posts_per_address(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            key = f"throttle:{view.__name__}:{get_client_ip_address(request)}"
            cache.add(key, 0, WINDOW)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, WINDOW)
                count = 1
            if count > settings.PASSWORD_RESET_RATE:
                response = render(request, "portal/locked_out.html", status=429)
                response["Retry-After"] = str(WINDOW)
                return response
        return view(request, *args, **kwargs)

    return wrapped
