"""What search engines and social sites read about a page: description, image, schema.org."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.blocks import StreamValue

OG_LOCALES = {"lv": "lv_LV", "en": "en_GB", "pl": "pl_PL"}


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


def structured_data(page, request, image_url=None):
    """schema.org JSON-LD for the page, or None for pages that need none."""
    from news.models import PressReleasePage
    from projects.models import PartnerOrganisationPage, ProjectPage

    url = page.get_full_url(request)
    language = page.locale.language_code
    if isinstance(page, PressReleasePage):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title,
            "description": page.lead,
            "datePublished": page.release_date.isoformat(),
            "dateModified": (page.last_published_at or page.release_date).isoformat(),
            "inLanguage": language,
            "mainEntityOfPage": url,
            "url": url,
            "publisher": publisher(),
            "author": publisher(),
        }
        if image_url:
            data["image"] = [image_url]
        if page.event_start:
            data["about"] = {
                "@type": "Event",
                "name": page.title,
                "startDate": page.event_start.isoformat(),
                "endDate": (page.event_end or page.event_start).isoformat(),
                "location": {
                    "@type": "Place",
                    "name": page.event_place,
                    "address": {
                        "@type": "PostalAddress",
                        "addressCountry": page.event_country.code,
                    },
                },
            }
        return data
    if isinstance(page, ProjectPage):
        data = {
            "@context": "https://schema.org",
            "@type": "Project",
            "name": page.title,
            "description": description_of(page),
            "url": url,
            "inLanguage": language,
        }
        if page.total_cost is not None:
            data["funding"] = {
                "@type": "MonetaryGrant",
                "name": page.programme or page.get_financial_instrument_display(),
                "amount": {
                    "@type": "MonetaryAmount",
                    "currency": page.currency,
                    "value": str(page.total_cost),
                },
            }
        return data
    if isinstance(page, PartnerOrganisationPage):
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": page.title,
            "url": page.website or url,
            "address": {"@type": "PostalAddress", "addressCountry": page.country.code},
        }
        if page.short_name:
            data["alternateName"] = page.short_name
        if page.description:
            data["description"] = page.description
        if image_url:
            data["logo"] = image_url
        return data
    return None
