"""The abstract page that lists its children: an introduction and nothing else to edit."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from portal.core.forms import CONTENT_PANELS, PortalPageForm
from portal.core.translations import PAGE_TRANSLATABLE_FIELDS


class IndexPage(Page):
    base_form_class = PortalPageForm
    # One of each index per language tree.
    max_count_per_parent = 1

    intro = RichTextField(blank=True, verbose_name=_("introduction"))

    content_panels = CONTENT_PANELS + [FieldPanel("intro")]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [TranslatableField("intro")]

    api_fields = [APIField("intro")]

    class Meta:
        abstract = True
