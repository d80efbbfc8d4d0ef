"""The cache in front of the portal (nginx, or a CDN): what it may keep, and what to purge.

The app decides what is cacheable, not the proxy: FrontendCacheMiddleware marks anonymous
answers that are the same for everyone with `X-Accel-Expires` (nginx) and `s-maxage` (CDNs);
everything else (a session, a CSRF token, a cookie being set, `private`/`no-store`) gets
`X-Accel-Expires: 0` and is never stored. deploy/nginx/portal.conf caches only what is marked.

Publishing, unpublishing or moving a page purges the addresses that show it, through Wagtail's
frontend cache app (WAGTAILFRONTENDCACHE; NginxPurgeBackend below talks to the purge server
in deploy/nginx/portal.conf): urls_showing() lists them. Addresses with a query string
(filters, deep list pages, search, API filters) other than the ones urls_showing() computes are
kept for FRONTEND_CACHE_QUERY_SECONDS only, since nginx cannot purge by prefix (see
docs/deployment.md).
"""

import http.client
import logging
import math
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path
from django.utils.http import url_has_allowed_host_and_scheme
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page

from portal.core import content_cache
from portal.core.links import absolute_url
from portal.core.pages import pages_showing

logger = logging.getLogger(__name__)


class CanonicalAddressMiddleware:
    """One address, so one cache entry, per page: a request spelled otherwise than the app
    itself spells the address (`%2D` for `-`, `%73` for `s`, lower-case escapes, a bare `?`)
    is redirected to that spelling. nginx's cache key is the address as the client sent it,
    and purges name the canonical one: another spelling kept in the cache would outlive an
    unpublish by an hour.

    The raw request line comes from gunicorn (RAW_URI); the development server has no cache in
    front and no RAW_URI, and is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("RAW_URI")
        if raw is not None and request.method in ("GET", "HEAD"):
            raw_path, question_mark, query = raw.partition("?")
            path = escape_uri_path(request.path)
            if raw_path.startswith("/") and (raw_path != path or (question_mark and not query)):
                canonical = path + (f"?{query}" if query else "")
                if url_has_allowed_host_and_scheme(canonical, allowed_hosts=None):
                    return HttpResponsePermanentRedirect(canonical)
                return HttpResponseBadRequest()  # "//host" would send the visitor away
        return self.get_response(request)


class FrontendCacheMiddleware:
    """Marks each response cacheable by the proxy in front, or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # An answer rendered while a page was being published may show it as it was before; if
        # the cache in front stored it after the publish's purge, it would keep it for an hour.
        before = content_cache.generation_now()
        response = self.get_response(request)
        seconds = until_next_change(request, self.cache_seconds(request, response))
        if seconds and before is not None and content_cache.generation_now() != before:
            seconds = 0
        response["X-Accel-Expires"] = str(seconds)
        if seconds and "Cache-Control" not in response:
            # Browsers revalidate; shared caches keep it (and are purged on publish).
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        return response

    @staticmethod
    def cache_seconds(request, response):
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 404):
            return 0
        if request.path_info.startswith(("/admin/", "/embargo/", "/documents/", "/health/")):
            return 0
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return 0  # a Set-Cookie, or a page with a CSRF token in it
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return 0
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return 0  # the answer may depend on the session (messages, previews)
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return 0
        vary = {header.strip().lower() for header in response.get("Vary", "").split(",")}
        if vary & {"accept-language", "*"}:
            return 0  # chosen by the visitor's language; nginx keeps one copy per address
        if response.status_code == 404:
            return settings.FRONTEND_CACHE_QUERY_SECONDS
        if request.META.get("QUERY_STRING"):
            return settings.FRONTEND_CACHE_QUERY_SECONDS
        return settings.FRONTEND_CACHE_SECONDS


def until_next_change(request, seconds):
    """`seconds`, or fewer if before then what readers see changes by itself (a release's
    expiry: no publish, so no purge): every list, feed and page may show it, so every answer
    is kept no longer than that (portal/core/content_cache.py works out when, once per
    generation)."""
    if not seconds:
        return seconds
    moment = content_cache.next_change(content_cache.shared_generation(request))
    if moment == content_cache.NEVER:
        return seconds
    return min(seconds, max(0, math.ceil(moment - time.time())))


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTPBackend for nginx's cache purge module: a GET to the purge server per
    address, over one kept-alive connection; "not in the cache" (404) is not an error."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        connection_class = (
            http.client.HTTPSConnection
            if self.cache_scheme == "https"
            else http.client.HTTPConnection
        )
        connection = connection_class(self.cache_netloc, timeout=5)
        try:
            for url in urls:
                parts = urlsplit(url)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                connection.request("GET", path, headers={"Host": parts.netloc})
                response = connection.getresponse()
                response.read()
                if response.status not in (200, 404):
                    logger.error("Couldn't purge %s: %s %s", url, response.status, response.reason)
        except OSError as error:
            logger.error("Couldn't purge from %s: %s", self.cache_netloc, error)
        finally:
            connection.close()


def install():
    """Instead of the handlers of Wagtail's frontend cache app (not installed: it purges the
    page alone, before the change is committed), these purge what shows the page; a section
    made private (or public again) leaves the cache at once, and so do the API's answers about
    images and documents of a collection made private; a re-extracted Latvian source makes its
    translations say they may be out of date."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
    from wagtail_localize.models import TranslationSource

    page_published.connect(on_page_changed, weak=False)
    page_unpublished.connect(on_page_changed, weak=False)
    pre_page_move.connect(on_page_moving, weak=False)
    post_page_move.connect(on_page_moved, weak=False)
    post_save.connect(on_translation_source_changed, sender=TranslationSource, weak=False)
    for signal in (post_save, post_delete):
        signal.connect(on_view_restriction_changed, sender=PageViewRestriction, weak=False)
        for model in (CollectionViewRestriction, get_image_model(), get_document_model()):
            signal.connect(on_media_privacy_changed, sender=model, weak=False)


def purge_on_commit(pages, lists_in_worker=True):
    """Purge what shows these pages once the transaction that changed them is committed (a
    request between the purge and the commit would put the old version back in the cache).
    The pages themselves are purged in the editor's request, so that a reader sees the change
    as soon as it is done; the news list pages after them, by the task worker
    (purge_list_pages: their positions are counted on the committed data, a count over the list
    that takes a tenth of a second or more at 100,000 releases). A moved release is counted in
    the list it was in (the instance keeps its old path: `lists_in_worker=False`, counted in
    the request) and, from the signal after the move, in its new one."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    urls, listed = set(), []
    for page in pages:
        shown, in_lists = urls_showing(page, with_lists=False)
        urls |= shown
        listed += in_lists

    def purge():
        # Sent now, not queued: the change is visible as soon as the editor's request is done.
        purge_urls_from_cache_task.call(sorted(urls))
        if listed and lists_in_worker:
            purge_list_pages.enqueue([page.pk for page in listed], sorted(urls))
        elif listed:
            purge_urls_from_cache_task.call(sorted(list_urls(listed) - urls))

    transaction.on_commit(purge)


@task()
def purge_list_pages(page_ids, purged):
    """The news list pages (a page of the list, its filters) that show these pages, but for the
    addresses already `purged`."""
    pages = Page.objects.filter(pk__in=page_ids).specific()
    urls = list_urls(pages) - set(purged)
    if urls:
        purge_urls_from_cache_task.call(sorted(urls))


def on_page_changed(sender, instance, **kwargs):
    purge_on_commit([instance])


def on_view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        purge_on_commit([page, *page.get_descendants()])


def on_media_privacy_changed(sender, instance, raw=False, **kwargs):
    """A collection made private or public again, or an image or document saved (moved to
    another collection, retitled) or deleted: the API's answers about them leave the cache in
    front once committed (its listings with a query string within FRONTEND_CACHE_QUERY_SECONDS);
    otherwise it would advertise a now private item for an hour."""
    if raw or not settings.WAGTAILFRONTENDCACHE:
        return
    images, documents = get_image_model().objects.none(), get_document_model().objects.none()
    if isinstance(instance, CollectionViewRestriction):
        collections = instance.collection.get_descendants(inclusive=True)
        images = get_image_model().objects.filter(collection__in=collections)
        documents = get_document_model().objects.filter(collection__in=collections)
    elif isinstance(instance, get_image_model()):
        images = [instance]
    else:
        documents = [instance]
    base = absolute_url("/").rstrip("/")
    urls = {f"{base}/api/v2/images/", f"{base}/api/v2/documents/"}
    urls |= {f"{base}/api/v2/images/{image.pk}/" for image in images}
    urls |= {f"{base}/api/v2/documents/{document.pk}/" for document in documents}
    transaction.on_commit(lambda: purge_urls_from_cache_task.call(sorted(urls)))


def on_translation_source_changed(sender, instance, raw=False, **kwargs):
    """A source re-extracted for translation: its live translations now say (or no longer say)
    that they may be out of date, on their pages and in the API."""
    if raw or not settings.WAGTAILFRONTENDCACHE:
        return
    translations = Page.objects.live().filter(translation_key=instance.object_id)
    translations = list(translations.exclude(locale_id=instance.locale_id))
    if not translations:
        return  # a snippet's source, or a page not translated yet
    batch = PurgeBatch()
    batch.add_pages(translations)
    urls = set(batch.urls)
    for scheme, host in {urlsplit(url)[:2] for url in urls}:
        urls |= {f"{scheme}://{host}/api/v2/pages/{page.pk}/" for page in translations}
    transaction.on_commit(lambda: purge_urls_from_cache_task.call(sorted(urls)))


def on_page_moving(sender, instance, **kwargs):
    # Before the move: the old address and the old parent's lists.
    instance.__dict__.pop("_pages_showing", None)
    purge_on_commit([instance], lists_in_worker=False)


def on_page_moved(sender, instance, **kwargs):
    instance.__dict__.pop("_pages_showing", None)  # other lists above it now
    purge_on_commit([instance])


def urls_showing(page, with_lists=True):
    """The addresses whose content shows `page` (portal.core.pages.pages_showing: the page in
    every language, the lists and home pages above it, the pages joined or linking to it), their
    feeds, the sitemap and the API. With `with_lists=False`: these addresses without the news
    list pages that show a release (the page it is on, its filters), and the releases to list
    them for."""
    pages = pages_showing(page)
    listed = [
        item
        for item in pages.values()
        if item.translation_key == page.translation_key and hasattr(item, "list_urls_to_purge")
    ]

    batch = PurgeBatch()
    batch.add_pages(pages.values())
    urls = set(batch.urls)
    # The sitemap and the API answer on every site that shows these pages.
    for scheme, host in {urlsplit(url)[:2] for url in urls}:
        base = f"{scheme}://{host}"
        urls |= {f"{base}/sitemap.xml", f"{base}/sitemap-pages.xml", f"{base}/api/v2/pages/"}
        urls |= {f"{base}/api/v2/pages/{pk}/" for pk in pages}
    if with_lists:
        return urls | list_urls(listed)
    return urls, listed


def list_urls(pages):
    """The addresses with a query string of the lists that show `pages`
    (PortalPage.list_urls_to_purge)."""
    return set().union(*(page.list_urls_to_purge() for page in pages))
