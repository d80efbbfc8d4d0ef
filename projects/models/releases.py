"""The releases of a project or an organisation, as their pages list them (ReleasesMixin).

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


class ReleasesMixin:
    """A page the releases link to (a project, an organisation). Its releases are found through
    news' reverse relation `releases_relation`; translated releases keep linking to the Latvian
    page (the relation is synchronised), hence the match on translation_key.

    The one name for "the releases of X" across the portal: releases() (as on the news index,
    and what the page's feeds list); releases_with_fallbacks() adds the Latvian releases not
    translated into the page's language, as the page lists them (context["releases"])."""

    releases_relation = "press_release_links"
    releases_per_page = ITEMS_PER_PAGE

    def releases_with_fallbacks(self):
        """Localized entries of the releases readers see that link to this page or to any of
        its translations, newest first: in the page's language, or in the source language
        where not translated (a fallback)."""
        relation_field = self._meta.get_field(self.releases_relation)
        target = relation_field.field.name
        links = (
            relation_field.related_model.objects.filter(
                Q(page__locale_id=self.locale_id)
                | Q(page__locale__language_code=settings.LANGUAGE_CODE),
                **{f"{target}__translation_key": self.translation_key},
                page__in=visible(Page.objects.all()).values("pk"),
            )
            .select_related("page")
            .order_by("-page__release_date", "-page__first_published_at")
        )
        return one_per_page([link.page for link in links], self.locale_id, lambda r: r)

    def releases(self):
        """The releases in this page's language, newest first (no Latvian fallbacks)."""
        return [entry.page for entry in self.releases_with_fallbacks() if not entry.fallback]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page of releases ?page= asks for; worked out only when the template shows it (not
        # when the rendered page is in the cache).
        context["releases"] = SimpleLazyObject(
            lambda: Paginator(self.releases_with_fallbacks(), self.releases_per_page).get_page(
                request.GET.get("page")
            )
        )
        return context
