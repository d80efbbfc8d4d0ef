"""Blocks that both news and projects use."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class LinkStructValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        return page.url if page else self.get("url")

    def label(self):
        page = self.get("page")
        return self.get("text") or (page.title if page else self.get("url"))


class LinkBlock(blocks.StructBlock):
    """A link to a page of the portal or to another site, with an optional text."""

    page = blocks.PageChooserBlock(required=False, label=_("Page on this portal"))
    url = blocks.URLBlock(required=False, label=_("Address on another site"))
    text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to show the page title or the address."),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link_block.html"
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            error = ValidationError(_("Choose a page or enter an address, not both."))
            raise StructBlockValidationError(
                block_errors={"page": error} if value.get("page") else {"url": error}
            )
        return value
