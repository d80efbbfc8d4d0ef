"""Blocks that both news and projects use."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock as WagtailDocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock as WagtailImageChooserBlock

from portal.core.admin_accessibility import name_rich_text_editor
from portal.core.links import (
    WEB_ADDRESS_MESSAGE,
    WEB_SCHEMES,
    AddressesFollowTheSource,
    allowed_or_empty,
    is_allowed,
)
from portal.core.references import PrefetchedChooserMixin, link_targets


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's, with its editor named by the block's label
    (portal/core/admin_accessibility.py)."""

    @cached_property
    def field(self):
        field = super().field
        name_rich_text_editor(field.widget, self.label)
        return field


class PageChooserBlock(PrefetchedChooserMixin, blocks.PageChooserBlock):
    pass


class ImageChooserBlock(PrefetchedChooserMixin, WagtailImageChooserBlock):
    pass


class DocumentChooserBlock(PrefetchedChooserMixin, WagtailDocumentChooserBlock):
    pass


class LinkStructValue(blocks.StructValue):
    def public_page(self):
        """The chosen page in the reader's language while readers see it
        (portal/core/visibility.py), else None: a link to a draft, private or expired page
        shows neither its title nor its address."""
        page = self.get("page")
        if page is None:
            return None
        return link_targets([page.pk])[page.pk]

    def address(self):
        """The address on another site, "" when stored with a scheme the portal does not show
        (portal/core/links.py)."""
        return allowed_or_empty(self.get("url"))

    def href(self):
        page = self.public_page()
        return page.url if page else self.address()

    def label(self):
        page = self.public_page()
        return self.get("text") or (page.title if page else self.address())


class LinkBlock(AddressesFollowTheSource, blocks.StructBlock):
    """A link to a page of the portal or to another site, with an optional text. In a
    translation the text is translated; the page and the address stay the source page's."""

    address_children = ("page", "url")

    page = PageChooserBlock(required=False, label=_("Page on this portal"))
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

    def get_api_representation(self, value, context=None):
        page = value.public_page()
        request = context.get("request") if context else None
        return {
            "page": page.pk if page else None,
            "url": page.get_full_url(request) if page else value.address() or None,
            "text": value.label() or "",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            error = ValidationError(_("Choose a page or enter an address, not both."))
            raise StructBlockValidationError(
                block_errors={"page": error} if value.get("page") else {"url": error}
            )
        # URLBlock's own check also lets ftp:// through.
        if value.get("url") and not is_allowed(value["url"], WEB_SCHEMES):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(WEB_ADDRESS_MESSAGE, code="scheme")}
            )
        return value
