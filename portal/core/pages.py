"""The page base every page type of the portal builds on, and the index page.

What differs between page types is asked of the page, never decided by its type elsewhere: its
schema.org data (structured_data), the feeds it offers (feeds). Each page type fills in what
applies to it."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, ReferenceIndex
from wagtail_localize.fields import TranslatableField

from portal.core.forms import CONTENT_PANELS, PortalPageForm
from portal.core.translations import PAGE_TRANSLATABLE_FIELDS

# Lists show ten to a page: the news list, a project's or organisation's releases, search.
ITEMS_PER_PAGE = 10


class PortalPage(Page):
    """A page of the portal: the admin form that loses no save (portal/core/forms.py), the
    fields every translation translates, and the hooks each page type fills in."""

    base_form_class = PortalPageForm
    translatable_fields = PAGE_TRANSLATABLE_FIELDS
    # What a publish of a page of this type renders afresh (portal/core/content_cache.py):
    # "everything", or "pages showing it" (pages_showing()) for a type that other pages show
    # only as an item of a list or a link, never inside a box about something else.
    publish_renews = "everything"

    class Meta:
        abstract = True

    def structured_data(self, request, image_url=None):
        """schema.org JSON-LD of the page (a dict), or None for a page that needs none."""
        return None

    def list_urls_to_purge(self):
        """The addresses with a query string of the lists that show this page (a news list's
        page and filters), for the cache in front to drop after a publish."""
        return set()

    def feeds(self):
        """The pages whose feeds (feed/rss/, feed/atom/: portal/core/feeds.py) a reader of this
        page is offered, besides their language's news."""
        return []


class IndexPage(PortalPage):
    # One of each index per language tree.
    max_count_per_parent = 1

    intro = RichTextField(blank=True, verbose_name=_("introduction"))

    content_panels = CONTENT_PANELS + [FieldPanel("intro")]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [TranslatableField("intro")]

    api_fields = [APIField("intro")]

    class Meta:
        abstract = True


def pages_showing(page):
    """The pages whose content shows `page`, by pk: the page in every language (its hreflang
    links and language switcher name the others), the lists and home pages above each, the
    pages joined to it by a link row (a release names its project and organisations; a project
    or organisation page lists its releases), before and after its last save, and the pages
    that link to it (Wagtail's reference index: rich-text links, choosers). What the cache in
    front purges (portal/ops/frontend_cache.py) and what cached fragments render afresh
    (portal/core/content_cache.py) after a publish: worked out once per save of the page."""
    if "_pages_showing" in page.__dict__:
        return page._pages_showing
    found = page._pages_showing = showing(page.specific)
    return found


def showing(page):
    pages = {}

    def add(*found):
        for item in found:
            if item is not None and item.depth > 1:
                pages[item.pk] = item

    translations = list(page.get_translations(inclusive=True).specific())
    add(*translations)
    for translation in translations:
        add(*translation.get_ancestors().specific())
    keys = {translation.translation_key for translation in translations}
    linked = linked_pages(type(page), keys) + getattr(page, "_linked_before_save", [])
    pages_type = ContentType.objects.get_for_model(Page)
    linking = ReferenceIndex.objects.filter(
        to_content_type=pages_type,
        to_object_id__in=[str(translation.pk) for translation in translations],
        base_content_type=pages_type,
    ).values_list("object_id", flat=True)
    linked_keys = {item.translation_key for item in linked}
    add(*Page.objects.filter(translation_key__in=linked_keys).specific())
    add(*Page.objects.filter(pk__in=[int(pk) for pk in linking]).specific())
    return pages


def remember_linked_pages(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: the pages a page was joined to by link rows before this save replaces them
    (a release that no longer names an organisation leaves that organisation's list), for
    pages_showing(). Saves of some fields only (a new draft's pointers) keep the rows."""
    if not isinstance(instance, Page):
        return
    instance.__dict__.pop("_pages_showing", None)  # what shows it may change with this save
    if raw or update_fields is not None or instance.pk is None:
        return
    previous = Page.objects.filter(pk=instance.pk).values_list("translation_key", flat=True)
    instance._linked_before_save = linked_pages(type(instance), list(previous))


def linked_pages(model, translation_keys):
    """The pages joined to pages of `model` (with these translation keys) by a link row: an
    inline row with a key to each side, as a release's projects or a project's partners. Read
    from the models' relations, so that a new link row is followed without naming it here."""
    found = []
    for relation in model._meta.related_objects:
        rows = relation.related_model
        # Link rows point at the page with a key of their own: not a page type inheriting
        # from it (page_ptr), not another page (an alias), not a one-to-one.
        if not relation.one_to_many or issubclass(rows, Page):
            continue
        for field in rows._meta.get_fields():
            other = field.related_model if field.many_to_one else None
            if field is relation.field or other is None or not issubclass(other, Page):
                continue
            lookup = f"{field.related_query_name()}__{relation.field.name}__translation_key__in"
            found += other.objects.filter(**{lookup: translation_keys})
    return found
