from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from portal.metadata import description_of
from portal.search import clean_query, search_terms, words

RESULTS_PER_PAGE = 10
MAX_RESULTS = 500


def search(request):
    """Search in the reader's language: live, public pages only, ten to a page."""
    query = clean_query(request.GET.get("q"))
    terms = search_terms(query)
    found_ids = []
    if terms:
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        # Word forms first (full text, stemmed on PostgreSQL), then word beginnings without
        # diacritics; each page once.
        stemmed = [page.pk for page in pages.search(words(query))[:MAX_RESULTS]]
        beginnings = [page.pk for page in pages.autocomplete(terms)[:MAX_RESULTS]]
        found_ids = list(dict.fromkeys([*stemmed, *beginnings]))
    found = Paginator(found_ids, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    # One query per page type for the shown results, in their search order.
    pages = Page.objects.filter(pk__in=list(found)).specific().in_bulk()
    items = [
        {"page": pages[pk], "summary": description_of(pages[pk])} for pk in found if pk in pages
    ]
    return TemplateResponse(
        request,
        "portal/search.html",
        {"query": query, "results": found, "items": items},
    )
