"""Whole answers kept by the app servers too (in Redis), the answers the cache in front may keep.

nginx keeps anonymous answers and is purged on publish (portal/ops/frontend_cache.py). An
answer it does not have (a purge, a restart, a second nginx, a CDN's many edges) costs the app
a render, which the fragments in portal/core/content_cache.py make cheap but not free: the
page's route, its site and its fragments are still looked up (7 queries and 10-20 ms). Here the
app keeps the same answers itself: exactly those marked cacheable for the cache in front
(X-Accel-Expires above 0: anonymous, no cookie, no CSRF token, no Vary on the language), for
as long, compressed or not as the client asks.

An answer for a page is kept with the version of that page (content_cache.page_version, renewed
when something it shows is published) and the shared generation: the first reader of another
release after a publish is still served from here. Any other answer (the API, search, the
sitemap) is kept for one content generation, which goes up with any change.

On by RESPONSE_CACHE (production); off in development and in the tests (which count the
queries of rendering), but in the tests of this module.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from wagtail import hooks

from portal.core import content_cache

PREFIX = "response"


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page an answer is for: its version decides how long the answer stays."""
    request.portal_served_page = page.pk


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.RESPONSE_CACHE or not self.may_use(request):
            return self.get_response(request)
        try:
            key = self.key(request)
        except DisallowedHost:
            return self.get_response(request)
        kept = cache.get(key)
        if kept is not None and kept["version"] == self.version(request, kept["page"]):
            return kept["response"]
        # An answer rendered while something was published may show it as it was before: it
        # is not kept (the versions read after rendering would be the new ones).
        before = content_cache.generation_now()
        response = self.get_response(request)
        seconds = int(response.get("X-Accel-Expires", 0) or 0)
        unchanged = before is not None and content_cache.generation_now() == before
        if unchanged and seconds > 0 and response.status_code == 200 and not response.streaming:
            page = getattr(request, "portal_served_page", None)
            kept = {"page": page, "version": self.version(request, page), "response": response}
            cache.set(key, kept, seconds)
        return response

    @staticmethod
    def may_use(request):
        # As the cache in front: a session cookie may mean a signed-in reader or a message.
        return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES

    @staticmethod
    def key(request):
        # The address as the client spelled it (gunicorn's RAW_URI): another spelling is
        # redirected by CanonicalAddressMiddleware, never answered from here.
        address = request.META.get("RAW_URI") or request.get_full_path()
        gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        shared = content_cache.shared_generation(request)
        raw = f"{request.scheme}://{request.get_host()}{address}|{gzip}|{shared}"
        return f"{PREFIX}:{hashlib.sha1(raw.encode()).hexdigest()}"

    @staticmethod
    def version(request, page):
        """What a kept answer must have been made with to be served: the page's version for a
        page, the content generation for anything else."""
        if page is None:
            return content_cache.generation(request)
        return content_cache.page_version(page)
