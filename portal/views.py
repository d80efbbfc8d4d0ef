from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from portal.metadata import description_of
from portal.search import clean_query, search_terms

RESULTS_PER_PAGE = 10


def search(request):
    """Search in the reader's language: live, public pages only, ten to a page."""
    query = clean_query(request.GET.get("q"))
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).autocomplete(terms)
        )
    found = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    # One query per page type for the shown results, in their search order.
    pages = Page.objects.filter(pk__in=[page.pk for page in found]).specific().in_bulk()
    items = [
        {"page": pages[page.pk], "summary": description_of(pages[page.pk])}
        for page in found
        if page.pk in pages
    ]
    return TemplateResponse(
        request,
        "portal/search.html",
        {"query": query, "results": found, "items": items},
    )
