"""The releases of a project or an organisation, as their pages list them.

A project or organisation finds its press releases through news' reverse relation
`press_release_links`, so that this app never imports news (news imports projects).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from portal.core.pages import ITEMS_PER_PAGE
from portal.core.translations import (
    one_per_page,
)
from portal.core.visibility import visible


def live_releases_linking_to(page, relation="press_release_links"):
    """Releases readers see that link to `page` or to any of its translations, newest first:
    in the page's own language, or in the source language where not translated (a fallback).

    `relation` is the reverse relation from news' link rows; translated releases keep linking
    to the Latvian page (the relation is synchronised), hence the match on translation_key.
    """
    relation_field = page._meta.get_field(relation)
    target = relation_field.field.name
    links = (
        relation_field.related_model.objects.filter(
            Q(page__locale_id=page.locale_id)
            | Q(page__locale__language_code=settings.LANGUAGE_CODE),
            **{f"{target}__translation_key": page.translation_key},
            page__in=visible(Page.objects.all()).values("pk"),
        )
        .select_related("page")
        .order_by("-page__release_date", "-page__first_published_at")
    )
    return one_per_page([link.page for link in links], page.locale_id, lambda release: release)


RELEASES_PER_PAGE = ITEMS_PER_PAGE


def releases_page(page, request):
    """The page of `page`'s releases that ?page= asks for, ten to a page; worked out only when
    the template shows it (not when the rendered page is in the cache)."""
    return SimpleLazyObject(
        lambda: Paginator(live_releases_linking_to(page), RELEASES_PER_PAGE).get_page(
            request.GET.get("page")
        )
    )
