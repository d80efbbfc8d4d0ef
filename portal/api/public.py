"""What the API may show: live, public content only, whoever asks.

The API never looks at the session or the user, so a response is the same for everyone and
may be cached publicly; private pages and collections are left out even for their members.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, Site


def public_pages(request, model=Page):
    """Live pages without a view restriction (on them or an ancestor) and not past their
    expiry, in the requested site's language trees."""
    # To the minute, so that a listing's query, and the count kept for it (ListingQuerySet in
    # views.py), stays the same for a minute; rounded the safe way: a page may show up to a
    # minute late or leave up to a minute early, never the reverse.
    minute = timezone.now().replace(second=0, microsecond=0)
    pages = (
        model._default_manager.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=minute + timedelta(minutes=1)))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=minute))
    )
    site = Site.find_for_request(request)
    if site is None:
        return pages.none()
    in_site = Q()
    for home in site.root_page.get_translations(inclusive=True):
        in_site |= Q(path__startswith=home.path)
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
