"""What search engines and social sites read about a page: description, image, and the
publisher of its schema.org data (each page type writes its own: structured_data())."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.blocks import StreamValue

OG_LOCALES = {"lv": "lv_LV", "en": "en_GB", "pl": "pl_PL"}
# The picture social sites show with a link: the size they ask for (1.91:1).
SHARE_IMAGE = "fill-1200x630"


def publisher():
    return {"@type": "GovernmentOrganization", "name": gettext("Latgale Planning Region")}


def description_of(page):
    """The page's own description: its SEO description, else its lead or description."""
    for attribute in ["search_description", "lead", "description", "intro", "body"]:
        value = getattr(page, attribute, "")
        if value and not isinstance(value, StreamValue):
            return Truncator(strip_tags(str(value))).chars(300)
    return ""


def image_of(page):
    """The first image of a release's body, or an organisation's logo."""
    body = getattr(page, "body", None)
    for block in body if isinstance(body, StreamValue) else []:
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"], block.value.get("alt_text", "")
    logo = getattr(page, "logo", None)
    if logo is not None:
        return logo, page.title
    return None, ""
