"""The blocks an editor builds a press release body from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from portal.core.api_fields import image_representation
from portal.core.blocks import DocumentChooserBlock, ImageChooserBlock, LinkBlock, RichTextBlock
from portal.core.links import WEB_SCHEMES, AddressesFollowTheSource, allowed_or_empty


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=255,
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=255, label=_("Credit"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"

    def get_api_representation(self, value, context=None):
        request = context.get("request") if context else None
        return {
            "image": image_representation(value["image"], request),
            "alt_text": value["alt_text"],
            "caption": value["caption"],
            "credit": value["credit"],
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"


class CaptionedEmbedBlock(AddressesFollowTheSource, blocks.StructBlock):
    """A video or post from another site; in a translation its address stays the source's."""

    address_children = ("embed",)

    embed = EmbedBlock(label=_("Address of the video or post"))
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Embedded media")
        template = "blocks/embed_block.html"

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        representation["embed"] = allowed_or_empty(representation.get("embed"), WEB_SCHEMES)
        return representation


class PressReleaseBodyBlock(blocks.StreamBlock):
    paragraph = RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        label=_("Paragraph"),
        template="blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    embed = CaptionedEmbedBlock()
    link = LinkBlock()


class CorrectionBlock(blocks.StructBlock):
    """A public correction: what changed in a published release, and when."""

    date = blocks.DateBlock(label=_("Date"))
    note = blocks.TextBlock(label=_("What changed"))

    class Meta:
        icon = "edit"
        label = _("Correction")
