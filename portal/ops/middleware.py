from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import transaction
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

# Answered the same to everyone, whatever language their browser asks for: the API (its
# languages are chosen with ?locale=) and the files for crawlers, which list every language.
SAME_IN_EVERY_LANGUAGE = ("/api/", "/robots.txt", "/sitemap.xml", "/sitemap-")


def is_same_in_every_language(request):
    return request.path_info.startswith(SAME_IN_EVERY_LANGUAGE)


def has_language_prefix(request):
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    return prefix in dict(settings.LANGUAGES)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that only / is sent to a language.

    Django redirects any unprefixed 404 to the same path under the visitor's language, so /xx/
    would go to /lv/xx/ (Wagtail's catch-all route makes every such path look valid). Here an
    unknown prefix stays a 404, rendered in the visitor's language, and so never kept by the
    cache in front, which keys answers by their address alone (deploy/nginx/portal.conf).
    """

    def process_request(self, request):
        if is_same_in_every_language(request):
            # Never chosen by the browser's preference: the same URL gives the same answer to
            # everyone (and caches need no Vary).
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)
        # Django reads /lv-LV/ as Latvian; it is no prefix of ours, so answer (with a 404) in
        # the language the browser asks for instead.
        if request.path_info != "/" and not has_language_prefix(request):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        if is_same_in_every_language(request):
            return response
        if (
            response.status_code == 404
            and request.path_info != "/"
            and not has_language_prefix(request)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            # In the visitor's language: the next visitor may ask for another. The cache in
            # front ignores Vary, so it must not keep it (portal/ops/frontend_cache.py).
            patch_cache_control(response, private=True)
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: a strict one for the public site and the API, and the one
    Wagtail's admin needs (it still has inline scripts and styles) under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for pages, feeds and the API; files (documents, streamed) are
    sent as they are, with their length: they are mostly compressed formats already."""

    def process_response(self, request, response):
        if response.get("Content-Encoding") == "None":
            # Wagtail's document view sets the header to the guessed encoding, None for most
            # files (wagtail/utils/sendfile.py), and Django sends it as "None".
            del response["Content-Encoding"]
        if response.streaming or "X-Accel-Redirect" in response:
            return response
        return super().process_response(request, response)


class AdminSaveTransactionMiddleware:
    """Runs an admin edit form's POST in one transaction, so that the stale-save check (which
    locks the object's row: portal/core/forms.py) and the save cannot interleave with another
    save of the same object: of two simultaneous saves from one version, exactly one wins."""

    EDIT_VIEWS = {"edit"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info.startswith("/admin/"):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and match.url_name in self.EDIT_VIEWS:
                with transaction.atomic():
                    return self.get_response(request)
        return self.get_response(request)
