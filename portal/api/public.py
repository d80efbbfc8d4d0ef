"""What the API may show: live, public content only, whoever asks.

The API never looks at the session or the user, so a response is the same for everyone and
may be cached publicly; private pages and collections are left out even for their members.
"""

from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from portal.core import content_cache
from portal.core.visibility import visible


def public_pages(request, model=Page):
    """The pages readers see (portal/core/visibility.py: live, public, in time; to the minute, so
    that the count kept for a listing, ListingQuerySet in views.py, stays the same for a
    minute), in the requested site's language trees."""
    request = content_cache.django_request(request)
    pages = visible(model._default_manager.all(), request)
    site = Site.find_for_request(request)
    if site is None:
        return pages.none()
    home_paths = content_cache.per_request(
        request,
        "site-home-paths",
        lambda: list(
            site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
        ),
    )
    in_site = Q()
    for path in home_paths:
        in_site |= Q(path__startswith=path)
    return pages.filter(in_site)


def restricted_collection_ids():
    """Collections with a view restriction, and everything below them."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    if not below:
        return set()
    return set(Collection.objects.filter(below).values_list("pk", flat=True))
