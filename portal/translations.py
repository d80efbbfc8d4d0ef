"""Reading related pages in the reader's language.

Relations between pages (a release's projects and organisations, a project's partners) are
kept in sync from the Latvian source by wagtail-localize, so on every translation they point at
the Latvian pages. We resolve them when a page is shown: to the live, public translation in the
page's language when there is one, otherwise to the Latvian page, shown as a fallback.
"""

from collections import defaultdict
from dataclasses import dataclass

from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

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
    """{pk: Localized} for each live, public page of `pages`: its translation into
    `locale_id` when live and public, else the page itself. One query per page type."""
    by_model = defaultdict(list)
    for page in pages:
        if page is not None:
            by_model[type(page)].append(page)
    result = {}
    for model, group in by_model.items():
        candidates = (
            model.objects.live()
            .public()
            .filter(
                translation_key__in={page.translation_key for page in group},
                locale_id__in={locale_id, *(page.locale_id for page in group)},
            )
        )
        found = {(page.translation_key, page.locale_id): page for page in candidates}
        for page in group:
            translated = found.get((page.translation_key, locale_id))
            original = found.get((page.translation_key, page.locale_id))
            if translated is not None:
                result[page.pk] = Localized(translated)
            elif original is not None:
                result[page.pk] = Localized(original, fallback=original.locale_id != locale_id)
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
