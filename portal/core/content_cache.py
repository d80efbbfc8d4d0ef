"""Rendered fragments and computed values kept in Django's cache (Redis in production) until
the content changes.

Every key includes the content generation: a number in the cache that goes up whenever
anything readers see changes (a page published, unpublished, moved or deleted, a topic, an
image, a site), and when a page's expiry or go-live time passes, which changes what readers see
with nobody publishing (portal/core/visibility.py). Old entries are never read again and expire.
Simple and always right, at the price of rendering everything afresh after each publish: a
press office publishes a few times a day, readers read all day.

Previews (Wagtail's and the embargo links) never read or write the cache: they show drafts.
"""

import hashlib
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

_current_request = ContextVar("current_request", default=None)

GENERATION_KEY = "content-generation"
# Per generation: when what readers see next changes by itself (a timestamp; NEVER for no time).
NEXT_CHANGE_KEY = "content-next-change"
NEVER = float("inf")
TIMEOUT = 60 * 60 * 24  # seconds; entries of an old generation simply expire


def generation(request=None):
    """The current content generation, read once per request; a new one once the next expiry
    or go-live time of a live page has passed."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    value = stored_generation()
    if value is None:
        # A cache that keeps nothing (Redis down): nothing kept can be out of date either.
        value = 1
    elif next_change(value) <= timezone.now().timestamp():
        bump()
        value = stored_generation() or value + 1
    if request is not None:
        request._content_generation = value
    return value


def stored_generation():
    """The generation in the cache (put there if missing); None when the cache keeps nothing."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY)
    return value


def next_change(value):
    """When what readers see changes by itself in generation `value` (a timestamp): worked
    out once per generation, by its first reader (one query)."""
    # Imported here: portal.core.visibility reads the private sections through this module.
    from portal.core import visibility

    key = f"{NEXT_CHANGE_KEY}:{value}"
    moment = cache.get(key)
    if moment is None:
        found = visibility.next_change()
        moment = found.timestamp() if found is not None else NEVER
        cache.set(key, moment, TIMEOUT)
    return moment


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


def install():
    """A new generation whenever anything readers see changes: a page published, unpublished,
    moved or deleted; an image, site, view restriction or translation source saved or deleted.
    (Content apps add their own models: news/apps.py, topics.)"""
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail_localize.models import TranslationSource

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_on_commit, weak=False)
    for model in (get_image_model(), Site, PageViewRestriction, TranslationSource):
        post_save.connect(bump_on_commit, sender=model, weak=False)
        post_delete.connect(bump_on_commit, sender=model, weak=False)

    def bump_on_page_delete(sender, instance, **kwargs):
        if isinstance(instance, Page):
            bump_on_commit()

    post_delete.connect(bump_on_page_delete, weak=False)


def is_preview(request):
    return request is not None and (
        getattr(request, "is_preview", False) or hasattr(request, "embargo")
    )


def key(request, name, *parts):
    # The site, not the Host header: a client's made-up host must not make a copy of its own.
    request = django_request(request)
    site = Site.find_for_request(request) if request is not None else None
    raw = ":".join(
        str(part) for part in (name, site and site.pk, get_language(), generation(request), *parts)
    )
    return f"fragment:{name}:{hashlib.sha1(raw.encode()).hexdigest()}"


def template_context(request):
    """Context processor: what the templates' {% wagtailcache %} fragments vary on besides their
    own values (`content_version`: the site, the language and the content generation) and how
    long they are kept. Wagtail's tag skips the cache in previews (request.is_preview)."""
    return {
        "content_version": SimpleLazyObject(lambda: version(request)),
        "content_cache_timeout": TIMEOUT,
    }


def version(request):
    site = Site.find_for_request(request) if request is not None else None
    return f"{site and site.pk}:{get_language()}:{generation(request)}"


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


def private_sections(request=None):
    """[(path, depth)] of the pages with a view restriction: read once per request and kept in
    the cache. Wagtail's public() queries every view restriction each time it is called."""
    from wagtail.models import PageViewRestriction

    request = request or current_request()
    return per_request(
        request,
        "private-sections",
        lambda: cached(
            request,
            "private-sections",
            [],
            lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
        ),
    )


def public(pages, request=None):
    """`pages.public()`, with the private sections from private_sections()."""
    private = Q(pk__in=[])
    for path, depth in private_sections(request):
        private |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(private)


def is_private(page, request=None):
    """Whether `page` is in a private section, without a query of its own."""
    return any(
        page.path.startswith(path) and page.depth >= depth
        for path, depth in private_sections(request)
    )


# Within one request ---------------------------------------------------------------------------


class RequestScopeMiddleware:
    """Makes the request being answered known to code that is not handed it (rich text's link
    handlers, blocks' value loading), so that what they look up is looked up once per request
    (per_request()), also when the cache keeps nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()


def django_request(request):
    """The HttpRequest inside a REST framework Request, which keeps attributes of its own:
    what Wagtail and this module keep on a request is then kept once."""
    return getattr(request, "_request", request)


def per_request(request, name, compute):
    """`compute()`, once per request (each time outside one)."""
    request = django_request(request or current_request())
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_portal_per_request", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]
