"""Reading related pages in the reader's language.

Relations between pages (a release's projects and organisations, a project's partners) are
kept in sync from the Latvian source by wagtail-localize, so on every translation they point at
the Latvian pages. We resolve them when a page is shown: to the live, public translation in the
page's language when there is one, otherwise to the Latvian page, shown as a fallback.

A translation also knows its Latvian original, and whether that original has changed since the
translation was last published (originals()).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.core import content_cache
from portal.core.visibility import visible

# What wagtail-localize does with each field of a page, written down per model so that it is a
# decision, not an accident: TranslatableField text goes to the translators (segment by segment);
# SynchronizedField values are copied from the Latvian source on every sync.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),  # /en/news/..., /pl/aktualnosci/...
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


@dataclass
class Localized:
    """A related page as the reader gets it; `fallback` when it is not in their language."""

    page: Page
    fallback: bool = False


def localize_pages(pages, locale_id):
    """{pk: Localized} for each page of `pages` that readers see (portal/core/visibility.py): its
    translation into `locale_id` when readers see it, else the page itself. One query per page
    type."""
    return localize_pages_in(pages, [locale_id])[locale_id]


def localize_pages_in(pages, locale_ids):
    """{locale_id: localize_pages(pages, locale_id)} for each of `locale_ids`, still in one query
    per page type (a response with pages in three languages)."""
    by_model = defaultdict(list)
    for page in pages:
        if page is not None:
            by_model[type(page)].append(page)
    result = {locale_id: {} for locale_id in locale_ids}
    for model, group in by_model.items():
        candidates = visible(
            model.objects.filter(
                translation_key__in={page.translation_key for page in group},
                locale_id__in={*locale_ids, *(page.locale_id for page in group)},
            )
        )
        found = {(page.translation_key, page.locale_id): page for page in candidates}
        for locale_id in locale_ids:
            for page in group:
                translated = found.get((page.translation_key, locale_id))
                original = found.get((page.translation_key, page.locale_id))
                if translated is not None:
                    result[locale_id][page.pk] = Localized(translated)
                elif original is not None:
                    fallback = original.locale_id != locale_id
                    result[locale_id][page.pk] = Localized(original, fallback=fallback)
    return result


def one_per_page(links, locale_id, page_of):
    """Of link rows from pages that are translations of each other, keep one per page: the one
    from `locale_id` when there is one. Keeps the order of `links`; returns Localized rows."""
    chosen = {}
    for link in links:
        key = page_of(link).translation_key
        current = chosen.get(key)
        if current is None or (
            page_of(link).locale_id == locale_id and page_of(current).locale_id != locale_id
        ):
            chosen[key] = link
    return [
        Localized(link, fallback=page_of(link).locale_id != locale_id)
        for link in links
        if chosen[page_of(link).translation_key] is link
    ]


@dataclass
class Original:
    """A translation's live Latvian original. `outdated_since`: when the original's content
    was last extracted for translation (wagtail-localize's TranslationSource), if that is later
    than the translation's last publication; None while the translation is up to date."""

    page: Page
    outdated_since: datetime | None = None


def originals(pages, request=None):
    """{pk: Original} for each live translation among `pages` whose Latvian original readers
    see (portal/core/visibility.py); Latvian pages, drafts and translations without one are left
    out. One query, whatever the number of pages."""
    from wagtail_localize.models import TranslationSource

    pages = [page for page in pages if page is not None and page.last_published_at is not None]
    if not pages:
        return {}
    source_updated_at = Subquery(
        TranslationSource.objects.filter(
            object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
        ).values("last_updated_at")[:1]
    )
    found = visible(
        Page.objects.filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=settings.LANGUAGE_CODE,
        ),
        request,
    ).annotate(source_updated_at=source_updated_at)
    by_key = {original.translation_key: original for original in found}
    result = {}
    for page in pages:
        original = by_key.get(page.translation_key)
        if original is None or original.locale_id == page.locale_id:
            continue
        updated_at = original.source_updated_at
        outdated = updated_at is not None and updated_at > page.last_published_at
        result[page.pk] = Original(original, updated_at if outdated else None)
    return result


def locales():
    """{pk: Locale} of every language, read once per request."""
    return content_cache.per_request(None, "locales", Locale.objects.in_bulk)


def locales_by_code():
    """{language code: Locale}, from locales()."""
    return {locale.language_code: locale for locale in locales().values()}
