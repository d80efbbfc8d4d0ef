"""What pages' text and blocks point at (pages linked from rich text and link blocks, chosen
images and documents), loaded for a whole response at once.

Wagtail loads a stream's chosen objects once per stream and resolves rich text's page links
once per block, each with its own queries: an API listing of twenty releases looked them up
some two hundred times. prefetch(pages) reads the references of every page first and loads each
kind in one query; the chooser blocks (PrefetchedChooserMixin) and the rich text link handler
(portal/core/rich_text.py) then read what was loaded, for the rest of the request
(portal/core/content_cache.py: per_request)."""

import copy
import re
from collections import defaultdict

from django.utils import translation
from wagtail import blocks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page

from portal.core import content_cache
from portal.core.translations import locales_by_code, localize_pages_in
from portal.core.visibility import visible

PAGE_LINK = re.compile(r"<a\b[^>]*\blinktype=\"page\"[^>]*>")
LINK_ID = re.compile(r"\bid=\"(\d+)\"")


def loaded(model):
    """{pk: instance} of `model` loaded for this request."""
    return content_cache.per_request(None, f"loaded:{model._meta.label}", dict)


def page_link_ids(html):
    return {
        int(found.group(1))
        for tag in PAGE_LINK.findall(html or "")
        for found in [LINK_ID.search(tag)]
        if found
    }


def leaves(block, value):
    """(block, raw value) of each leaf block in a raw stream value."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for item in value:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from leaves(child, item.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            is_wrapped = isinstance(item, dict) and item.get("type") == "item"
            yield from leaves(block.child_block, item["value"] if is_wrapped else item)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(value, dict) and name in value:
                yield from leaves(child, value[name])
    else:
        yield block, value


def references(page, fields=None):
    """({model: {pk}}, {linked page pk}) that the page's stream fields and rich text name (of
    `fields` only, when given)."""
    chosen, linked = defaultdict(set), set()
    deferred = page.get_deferred_fields()
    for field in type(page)._meta.concrete_fields:
        if field.attname in deferred or (fields is not None and field.name not in fields):
            continue
        if isinstance(field, StreamField):
            stream = getattr(page, field.attname)
            for block, value in leaves(field.stream_block, list(stream.raw_data)):
                if isinstance(block, blocks.ChooserBlock) and isinstance(value, int):
                    chosen[block.model_class].add(value)
                elif isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
                    linked |= page_link_ids(value)
        elif isinstance(field, RichTextField):
            linked |= page_link_ids(getattr(page, field.attname))
    return chosen, linked


def prefetch(pages, querysets=None, fields=None, languages=None):
    """Load what `pages` point at, one query per kind. `querysets`: {model: queryset} to load
    a kind with (images with the renditions the response shows); `fields`: the names of the
    fields to read (all when None); `languages`: the languages links are followed in (the
    active one when None)."""
    querysets = querysets or {}
    chosen, linked = defaultdict(set), set()
    for page in pages:
        page_chosen, page_linked = references(page, fields)
        for model, pks in page_chosen.items():
            chosen[model] |= pks
        linked |= page_linked
    for model, pks in chosen.items():
        store = loaded(model)
        missing = pks - store.keys()
        if missing:
            queryset = querysets.get(model, model._default_manager.all())
            store.update(queryset.in_bulk(missing))
            store.update(dict.fromkeys(missing - store.keys()))
        linked |= pks if issubclass(model, Page) else set()
    link_targets(linked, languages)


class PrefetchedChooserMixin:
    """A chooser block that takes its objects from prefetch() where it loaded them."""

    def bulk_to_python(self, values):
        store = loaded(self.model_class)
        missing = [value for value in values if value not in store]
        fetched = dict(zip(missing, super().bulk_to_python(missing), strict=True))
        seen, result = set(), []
        for value in values:
            found = store[value] if value in store else fetched.get(value)
            # Wagtail gives a repeated choice an object of its own; so does this.
            result.append(copy.copy(found) if found is not None and value in seen else found)
            seen.add(value)
        return result


def locale_id(language=None):
    """The id of the locale of `language` (the active language when None); the locales are
    read once per request."""
    by_code = locales_by_code()
    code = get_supported_content_language_variant(language or translation.get_language())
    return by_code[code].pk if code in by_code else Locale.get_default().pk


def link_targets(ids, languages=None):
    """{pk: the page readers follow a link to it to} for each of `ids`: its live, public
    translation in the active language, else itself while readers see it, else None (a draft,
    private, expired or deleted page). Looked up once per request and language; `languages`:
    look them up for each of these languages too, in the same queries."""
    locale_ids = {locale_id(), *(locale_id(language) for language in languages or [])}
    stores = {pk: content_cache.per_request(None, f"link-targets:{pk}", dict) for pk in locale_ids}
    missing = {pk: {page for page in ids if page not in store} for pk, store in stores.items()}
    wanted = set().union(*missing.values())
    if wanted:
        pages = [page for page in visible_pages(wanted).values() if page is not None]
        localized = localize_pages_in(pages, [pk for pk in locale_ids if missing[pk]])
        for pk, found in localized.items():
            stores[pk].update(dict.fromkeys(missing[pk]))
            stores[pk].update({page: target.page for page, target in found.items()})
    store = stores[locale_id()]
    return {pk: store[pk] for pk in ids}


def visible_pages(ids):
    """{pk: the specific page, or None where readers do not see it}, whatever the language:
    looked up once per request."""
    store = content_cache.per_request(None, "link-pages", dict)
    missing = {pk for pk in ids if pk not in store}
    if missing:
        pages = visible(Page.objects.filter(pk__in=missing)).defer_streamfields().specific()
        store.update(dict.fromkeys(missing))
        store.update({page.pk: page for page in pages})
    return {pk: store[pk] for pk in ids}
