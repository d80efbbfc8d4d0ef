"""Rendered fragments and computed values kept in Django's cache (Redis in production) until
the content changes.

Every key includes the content generation: a number in the cache that goes up whenever
anything readers see changes (a page published, unpublished, moved or deleted, a topic, an
image, a site). Old entries are never read again and expire. Simple and always right, at the
price of rendering everything afresh after each publish: a press office publishes a few times a
day, readers read all day.

Previews (Wagtail's and the embargo links) never read or write the cache: they show drafts.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language

GENERATION_KEY = "content-generation"
TIMEOUT = 60 * 60 * 24  # seconds; entries of an old generation simply expire


def generation(request=None):
    """The current content generation, read once per request."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    if request is not None:
        request._content_generation = value
    return value


def bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (a restarted cache): any new number will do
        cache.set(GENERATION_KEY, 2, None)


def bump_on_commit(*args, **kwargs):
    """Signal receiver: a new generation now, and again once the change is committed (a reader
    in between could have stored the old content under the first new number)."""
    bump()
    transaction.on_commit(bump)


def is_preview(request):
    return request is not None and (
        getattr(request, "is_preview", False) or hasattr(request, "embargo")
    )


def key(request, name, *parts):
    host = request.get_host() if request is not None else ""
    raw = ":".join(str(part) for part in (name, host, get_language(), generation(request), *parts))
    return f"fragment:{name}:{hashlib.sha1(raw.encode()).hexdigest()}"


def cached(request, name, parts, compute):
    """`compute()`, kept until the content changes; computed afresh in previews."""
    if is_preview(request):
        return compute()
    cache_key = key(request, name, *parts)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def public(pages, request=None):
    """`pages.public()`, with the private sections read from the cache: Wagtail's public()
    queries every view restriction each time it is called."""
    from wagtail.models import PageViewRestriction

    sections = cached(
        request,
        "private-sections",
        [],
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )
    private = Q(pk__in=[])
    for path, depth in sections:
        private |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(private)
