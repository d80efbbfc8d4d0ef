"""What the API may show: live, public content only, whoever asks.

The API never looks at the session or the user, so a response is the same for everyone and
may be cached publicly; private pages and collections are left out even for their members.
"""

from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction


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
