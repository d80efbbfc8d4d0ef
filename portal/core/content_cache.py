"""Rendered fragments and computed values kept in Django's cache (Redis in production) until
the content changes.

Computed values (counts, filter choices) include the content generation: a number in the
cache that goes up whenever anything readers see changes (a page published, unpublished, moved
or deleted, a topic, an image, a site), and when a page's expiry or go-live time passes, which
changes what readers see with nobody publishing (portal/core/visibility.py). Old entries are
never read again and expire.

Rendered fragments include the shared generation (`content_version`), which goes up with the
content generation except when a page whose type renews only the pages showing it is
published or unpublished (PortalPage.publish_renews: a press release), and the version of the
page they are part of (the `page_version` filter), which such a publish renews for the pages
that show it (portal.core.pages.pages_showing: its translations, the lists above it, the
project and organisations it names, the pages linking to it). So the first reader of another
release after a publish is served from the cache; a publish of anything else renders
everything afresh.

Previews (Wagtail's and the embargo links) never read or write the cache: they show drafts.
"""

import hashlib
import uuid
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
SHARED_KEY = "content-shared-generation"
PAGE_VERSION_KEY = "content-page-version"
# Per generation: when what readers see next changes by itself (a timestamp; NEVER for no time).
NEXT_CHANGE_KEY = "content-next-change"
NEVER = float("inf")
TIMEOUT = 60 * 60 * 24  # seconds; entries of an old generation simply expire


def generations(request=None):
    """(content generation, shared generation), read once per request; both new once the next
    expiry or go-live time of a live page has passed (worked out once per shared generation: a
    release published with such a time renews everything, renew_on_commit())."""

    def read():
        content, shared = stored_generation(), stored_generation(SHARED_KEY)
        if content is None or shared is None:
            # A cache that keeps nothing (Redis down): nothing kept can be out of date either.
            return 1, 1
        if next_change(shared) <= timezone.now().timestamp():
            bump()
            return stored_generation() or content + 1, stored_generation(SHARED_KEY) or shared + 1
        return content, shared

    return per_request(request, "generations", read)


def generation(request=None):
    """The content generation: goes up with any change readers see."""
    return generations(request)[0]


def shared_generation(request=None):
    """The shared generation: goes up with any change but a publish that renews only the pages
    showing the page (renew_on_commit())."""
    return generations(request)[1]


def generation_now():
    """The content generation in the cache at this moment (not the request's), None when it is
    not there or the cache does not answer: compared before and after rendering an answer, to
    keep no answer rendered while something was published."""
    try:
        return cache.get(GENERATION_KEY)
    except Exception:  # any cache backend's connection error
        return None


def stored_generation(name=GENERATION_KEY):
    """The generation in the cache (put there if missing); None when the cache keeps nothing."""
    value = cache.get(name)
    if value is None:
        cache.add(name, 1, None)
        value = cache.get(name)
    return value


def page_version(pk):
    """The version of page `pk`'s fragments (a random token: a version lost from the cache is
    replaced by a new one, never by one that old fragments were stored under); read once per
    request."""

    def read():
        name = f"{PAGE_VERSION_KEY}:{pk}"
        value = cache.get(name)
        if value is None:
            cache.add(name, uuid.uuid4().hex, None)
            value = cache.get(name) or uuid.uuid4().hex
        return value

    return per_request(None, f"page-version:{pk}", read)


def renew_pages(pks):
    """New versions for the fragments of these pages, and a new content generation."""
    cache.set_many({f"{PAGE_VERSION_KEY}:{pk}": uuid.uuid4().hex for pk in pks}, None)
    increment(GENERATION_KEY)


def next_change(value):
    """When what readers see changes by itself in shared generation `value` (a timestamp):
    worked out once per generation, by its first reader (one query)."""
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
    """Everything readers see may have changed."""
    increment(GENERATION_KEY)
    increment(SHARED_KEY)


def increment(name):
    try:
        cache.incr(name)
    except ValueError:  # not there (a restarted cache): a number no entry was stored under
        cache.set(name, uuid.uuid4().int >> 80, None)


def bump_on_commit(*args, **kwargs):
    """Signal receiver: a new generation now, and again once the change is committed (a reader
    in between could have stored the old content under the first new number)."""
    bump()
    transaction.on_commit(bump)


def renew_on_commit(sender, instance, **kwargs):
    """Signal receiver for a page published or unpublished: the pages showing it renewed if its
    type says that is enough (PortalPage.publish_renews), else everything; now, and again once
    committed."""
    if getattr(instance, "publish_renews", "everything") != "pages showing it" or (
        # The next change by itself is worked out once per shared generation.
        instance.expire_at is not None and instance.expire_at > timezone.now()
    ):
        bump_on_commit()
        return
    from portal.core.pages import pages_showing

    pks = list(pages_showing(instance))
    renew_pages(pks)
    transaction.on_commit(lambda: renew_pages(pks))


def install():
    """A new generation whenever anything readers see changes: a page published, unpublished,
    moved or deleted; an image, site, locale, view restriction or translation source saved or
    deleted.
    (Content apps add their own models: news/apps.py, topics.)"""
    from django.db.models.signals import post_delete, post_save, pre_save
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail_localize.models import TranslationSource

    from portal.core.pages import remember_linked_pages

    pre_save.connect(remember_linked_pages, weak=False)
    for signal in (page_published, page_unpublished):
        signal.connect(renew_on_commit, weak=False)
    post_page_move.connect(bump_on_commit, weak=False)
    for model in (get_image_model(), Site, Locale, PageViewRestriction, TranslationSource):
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


def key(request, name, *parts, generation_in_key=True):
    # The site, not the Host header: a client's made-up host must not make a copy of its own.
    request = django_request(request)
    site = Site.find_for_request(request) if request is not None else None
    content = generation(request) if generation_in_key else ""
    raw = ":".join(str(part) for part in (name, site and site.pk, get_language(), content, *parts))
    return f"fragment:{name}:{hashlib.sha1(raw.encode()).hexdigest()}"


def template_context(request):
    """Context processor: what the templates' {% wagtailcache %} fragments vary on besides their
    own values (`content_version`: the site, the language and the shared generation; a page's
    fragments also vary on `page|page_version`) and how long they are kept. Wagtail's tag skips
    the cache in previews (request.is_preview)."""
    return {
        "content_version": SimpleLazyObject(lambda: version(request)),
        "content_cache_timeout": TIMEOUT,
    }


def version(request):
    site = Site.find_for_request(request) if request is not None else None
    return f"{site and site.pk}:{get_language()}:{shared_generation(request)}"


def cached(request, name, parts, compute, generation_in_key=True):
    """`compute()`, kept until the content changes (or, without the generation in the key,
    until `parts` change); computed afresh in previews."""
    if is_preview(request):
        return compute()
    cache_key = key(request, name, *parts, generation_in_key=generation_in_key)
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
