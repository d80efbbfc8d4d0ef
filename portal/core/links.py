"""Link addresses: which schemes the portal accepts and shows, and which addresses follow the
source page in translations.

An address is shown (on the page, in the API) only with http, https, mailto or tel; one stored
with another scheme (old data included) is dropped where it is read, so that no front end gets
a javascript: or data: link. Where an address is entered, a link block and an organisation's
website take a web address (http or https); a translator's change to a link in translated text
may also be mailto: or tel:, like the links the editor's rich text makes.
"""

import re

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
WEB_SCHEMES = ("http", "https")

WEB_ADDRESS_MESSAGE = _("Enter a web address that starts with http:// or https://.")
LINK_ADDRESS_MESSAGE = _("Enter an address that starts with http://, https://, mailto: or tel:.")

# Browsers ignore control characters, spaces and tabs inside a scheme ("java\tscript:"),
# as Wagtail's own check does (wagtail.whitelist.check_url).
IGNORED_BY_BROWSERS = re.compile(r"[`\000-\040\177-\240\s]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def scheme(address):
    """The scheme a browser would read in `address` ("javascript" for " JavaScript:..."),
    or None for an address without one (a path, an anchor, //host)."""
    match = SCHEME.match(IGNORED_BY_BROWSERS.sub("", str(address)).lower())
    return match.group(1) if match else None


def is_allowed(address, schemes=ALLOWED_SCHEMES):
    return scheme(address) in schemes


def allowed_or_empty(address, schemes=ALLOWED_SCHEMES):
    """`address` if its scheme is one of `schemes`, else "" (what the page and the API show)."""
    return address if address and is_allowed(address, schemes) else ""


def absolute_url(url, request=None):
    """`url` (a path on this site) with the site's configured address in front: the Site's
    root URL (`manage.py set_site_address`), never the request's Host header, which the client
    chooses and a shared cache would then hand to every later reader."""
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + "/" + url.lstrip("/")


def is_same_site(address):
    """A path or an anchor on this site ("/lv/...", "#kontakti"), which rich text may hold;
    not "//host" or "/\\host", which browsers read as another site."""
    address = IGNORED_BY_BROWSERS.sub("", str(address))
    if address.startswith("#"):
        return True
    return address.startswith("/") and address[1:2] not in ("/", "\\")


class WebAddressField(models.URLField):
    """A site's address: http or https only. One stored with another scheme (before this check
    existed) reads as empty, so that neither the page nor the API shows it."""

    # Its own code: a ModelForm replaces a model error's message with its form field's for the
    # same code ("invalid": "Enter a valid URL.").
    default_validators = [
        URLValidator(schemes=WEB_SCHEMES, message=WEB_ADDRESS_MESSAGE, code="scheme")
    ]

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return allowed_or_empty(value, WEB_SCHEMES)


class AddressesFollowTheSource:
    """For a StructBlock with addresses (`address_children`): in a translation its texts are
    translated and its addresses stay the source page's. wagtail-localize would otherwise offer
    each URL, embed and chosen page to translators as a value to override.

    To let translators change the addresses of one field, declare its block with
    `LinkBlock(translators_change_addresses=True)` (the field's migration records it); their
    values are still checked for the scheme (portal/editorial/url_guards.py)."""

    address_children = ()

    def translators_change_addresses(self):
        return getattr(self.meta, "translators_change_addresses", False)

    def is_kept_from_source(self, child_name):
        return child_name in self.address_children and not self.translators_change_addresses()

    def get_translatable_segments(self, value):
        extractor = StreamFieldSegmentExtractor(None, include_overridables=True)
        return [
            segment.wrap(name)
            for name, child_value in value.items()
            if not self.is_kept_from_source(name)
            for segment in extractor.handle_block(self.child_blocks[name], child_value)
        ]

    def restore_translated_segments(self, value, segments):
        # Overrides saved before addresses followed the source are ignored too.
        segments = [
            segment
            for segment in segments
            if not self.is_kept_from_source(segment.path.split(".")[0])
        ]
        return StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, segments)


def link_changes(po):
    """The entries of `po` whose translation sets an HTML attribute, as a link's address would
    (<a id="a1" href="…">): wagtail-localize keeps such a string as an error and shows the
    source text instead. Named by their context, to say which."""
    return [
        entry.msgctxt or entry.msgid
        for entry in po
        if any(
            set(tag.attrs) - {"id"}
            for tag in BeautifulSoup(entry.msgstr or "", "html.parser").find_all(True)
        )
    ]
