import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from wagtail.models import Locale, Page

from portal.core.metadata import description_of
from portal.core.pages import ITEMS_PER_PAGE
from portal.core.search import clean_query, search_terms, words
from portal.core.visibility import visible
from portal.site.search_backend import ids_of

RESULTS_PER_PAGE = ITEMS_PER_PAGE
MAX_RESULTS = 100


def matching_ids(query, locale, request=None):
    """The ids of the pages readers see in `locale` that match `query`, from SQL (no page
    objects): word forms first (full text, stemmed on PostgreSQL), then word beginnings without
    diacritics; each page once; newest first; the newest MAX_RESULTS of each kind, and whether
    there are more. Ranking by relevance, or counting every match, would read every match:
    a common word is in a third of 300,000 pages (bench/RESULTS.md). bench/explain.py shows the
    plans of these queries."""
    terms = search_terms(query)
    if not terms:
        return [], False
    # By id: the search backend filters on indexed fields, not on the dates visible() checks.
    shown = visible(Page.objects.filter(locale=locale), request)
    pages = Page.objects.filter(pk__in=shown.values("pk")).order_by("-first_published_at", "-id")
    stemmed = ids_of(pages.search(words(query), order_by_relevance=False)[: MAX_RESULTS + 1])
    beginnings = ids_of(pages.autocomplete(terms, order_by_relevance=False)[: MAX_RESULTS + 1])
    more = len(stemmed) > MAX_RESULTS or len(beginnings) > MAX_RESULTS
    found = dict.fromkeys([*stemmed[:MAX_RESULTS], *beginnings[:MAX_RESULTS]])
    return list(found), more


def search(request):
    """Search in the reader's language: the pages readers see only, ten to a page."""
    query = clean_query(request.GET.get("q"))
    found_ids, more = matching_ids(query, Locale.get_active(), request)
    found = Paginator(found_ids, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    # One query per page type for the shown results, in their search order.
    pages = Page.objects.filter(pk__in=list(found)).specific().in_bulk()
    items = [
        {"page": pages[pk], "summary": description_of(pages[pk])} for pk in found if pk in pages
    ]
    return TemplateResponse(
        request,
        "portal/search.html",
        {"query": query, "results": found, "items": items, "more": more, "most": MAX_RESULTS},
    )


# Errors that mean "the database cannot be reached", not "this request is wrong".
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER = 30  # seconds


def server_error(request):
    """The 500 handler, with no database and no template that needs one: a 503 with
    Retry-After in the reader's language when the database is down (the site recovers by itself
    when it is back: CONN_HEALTH_CHECKS), else the static 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN) or isinstance(error.__cause__, DATABASE_DOWN):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            if request.path_info.startswith("/api/"):
                response = JsonResponse(
                    {"message": "the service is briefly unavailable; try again shortly"},
                    status=503,
                )
            else:
                response = HttpResponse(
                    render_to_string("503.html", {"language": language}), status=503
                )
        response["Retry-After"] = str(RETRY_AFTER)
        add_never_cache_headers(response)
        return response
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": "internal error; it has been logged"}, status=500)
    return HttpResponseServerError(render_to_string("500.html"))


def health(request):
    """For a load balancer: 503 when the database does not answer (the app server cannot
    serve); 200 otherwise, "degraded" when the cache is gone (pages are then rendered from the
    database, slower: a shared Redis down must not take every app server out of the pool).
    Names what failed. Never cached, never redirected to HTTPS (SECURE_REDIRECT_EXEMPT)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DATABASE_DOWN:
        checks["database"] = "unavailable"
    try:
        key = f"health:{uuid.uuid4().hex}"
        cache.set(key, "ok", 10)
        checks["cache"] = "ok" if cache.get(key) == "ok" else "unavailable"
        cache.delete(key)
    except Exception:  # any cache backend's connection error (redis, memcached, ...)
        checks["cache"] = "unavailable"
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if checks["cache"] == "ok" else "degraded"), 200
    response = JsonResponse({"status": status, **checks}, status=code)
    add_never_cache_headers(response)
    return response
