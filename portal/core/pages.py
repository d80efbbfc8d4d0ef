"""The page base every page type of the portal builds on, and the index page.

What differs between page types is asked of the page, never decided by its type elsewhere: its
schema.org data (structured_data), the feeds it offers (feeds). Each page type fills in what
applies to it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
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
