"""What an API response nests, loaded for a whole response at once.

Each page type says what it nests in its api_fields (`RelatedField(loader)`, loaders in the
app's api.py: news/api.py, projects/api.py); the view makes one RelatedContent per response,
which runs each loader once for all the response's pages of a type, so that a listing of 50
releases asking for `fields=projects,organisations` costs the same few queries as one release.
The translations every page has are loaded here.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.module_loading import import_string
from rest_framework.fields import DateTimeField
from wagtail.models import Page

from portal.core.translations import locales, localize_pages_in, originals
from portal.core.visibility import public_pages


class RelatedContent:
    def __init__(self, pages, request):
        self.pages = [page for page in pages if isinstance(page, Page)]
        self.request = request
        every_locale = locales()
        self.languages = {pk: locale.language_code for pk, locale in every_locale.items()}
        self.default_language = settings.LANGUAGE_CODE
        for page in self.pages:
            page.locale = every_locale[page.locale_id]  # what `meta.locale` reads, without a query
        self._loaded = {}

    def get(self, loader, page):
        """What `loader` (a function, or its dotted path) gives `page`; run once for all the
        response's pages of the page's type."""
        if isinstance(loader, str):
            loader = import_string(loader)
        key = (loader, type(page))
        if key not in self._loaded:
            pages = [other for other in self.pages if type(other) is type(page)]
            self._loaded[key] = loader(self, pages)
        return self._loaded[key].get(page.pk)

    def summary(self, page, **extra):
        return {
            "id": page.pk,
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "title": page.title,
            "html_url": page.get_full_url(self.request),
            "locale": self.languages[page.locale_id],
            **extra,
        }

    def localize(self, targets_by_page):
        """{page pk: [Localized target, ...]} with each target in its page's language."""
        by_locale = defaultdict(list)
        for page in self.pages:
            by_locale[page.locale_id].extend(targets_by_page.get(page.pk, []))
        localized = localize_pages_in(
            [target for targets in by_locale.values() for target in targets], list(by_locale)
        )
        return {
            page.pk: [
                localized[page.locale_id][target.pk]
                for target in targets_by_page.get(page.pk, [])
                if target.pk in localized[page.locale_id]
            ]
            for page in self.pages
        }

    def originals(self):
        """Each translation's Latvian original, for both meta fields in one query."""
        if "originals" not in self._loaded:
            self._loaded["originals"] = originals(self.pages, self.request)
        return self._loaded["originals"]


# Every page -------------------------------------------------------------------------------


def translations(related, pages):
    keys = {page.translation_key for page in pages}
    siblings = defaultdict(list)
    for other in (
        public_pages(related.request)
        .filter(translation_key__in=keys)
        .order_by("locale__language_code")
    ):
        siblings[other.translation_key].append(other)
    return {
        page.pk: [
            {
                "id": other.pk,
                "locale": related.languages[other.locale_id],
                "title": other.title,
                "html_url": other.get_full_url(related.request),
            }
            for other in siblings[page.translation_key]
            if other.pk != page.pk
        ]
        for page in pages
    }


def original(related, pages):
    return {
        pk: {
            "id": found.page.pk,
            "locale": related.languages[found.page.locale_id],
            "title": found.page.title,
            "html_url": found.page.get_full_url(related.request),
        }
        for pk, found in related.originals().items()
    }


def outdated_since(related, pages):
    return {
        pk: DateTimeField().to_representation(found.outdated_since)
        for pk, found in related.originals().items()
        if found.outdated_since is not None
    }
