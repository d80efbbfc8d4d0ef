"""Translators' input checked for link addresses (the rules: portal/core/links.py). A refused value
is a 4xx with a message, and nothing is stored.

- A value override (the translation editor's "synchronised values"): wagtail-localize stores
  any, a `javascript:` address, another site's, a page or address the source's editor chose.
  Here one is saved only for a value wagtail-localize still offers under the current rules
  (link and embed blocks' addresses and organisations' websites are no longer offered) and, for
  an address, only with http, https, mailto or tel (or, in rich text, a path on this site).
  Checked as the override is saved (a pre_save signal), so behind every permission check that
  the portal's apps wrap wagtail-localize's view in.
- A PO file upload: refused when a translation sets a link's address. In front of the upload's
  other replacements, which it hands the request on to.

Imported by portal/wagtail_hooks.py, which loads this module with the admin's URLs, before any
admin view runs.
"""

import json
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework import exceptions
from wagtail import hooks
from wagtail.admin.forms.choosers import ExternalLinkChooserForm
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.chooser import ExternalLinkView
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.views.edit_translation import user_can_edit_instance

from portal.core.admin_chain import view_behind
from portal.core.links import (
    ALLOWED_SCHEMES,
    LINK_ADDRESS_MESSAGE,
    is_allowed,
    is_same_site,
    link_changes,
    scheme,
)

KEPT_FROM_SOURCE_MESSAGE = gettext_lazy(
    "This value follows the source page: an editor changes it there."
)
# Sources hold addresses an editor's form accepted, ftp:// included before these checks.
ADDRESS_SCHEMES = (*ALLOWED_SCHEMES, "ftp", "ftps")
PO_UPLOAD_URL_NAME = "portal_upload_pofile_without_link_changes"


def offered_paths(source):
    """The paths of the values wagtail-localize offers translators for `source` under the
    current rules; segments extracted before them stay in the database until the next sync."""
    return {
        segment.path
        for segment in extract_segments(source.as_instance())
        if isinstance(segment, OverridableSegmentValue)
    }


def is_rich_text_link(segment_path):
    # wagtail-localize names a link in rich text by its quoted address: body.<id>.'https://…'
    return segment_path.endswith("'")


def is_address(segment_path, source_value):
    return is_rich_text_link(segment_path) or (
        isinstance(source_value, str) and scheme(source_value) in ADDRESS_SCHEMES
    )


def override_refusal(offered, segment_path, source_value, value):
    """Why overriding the value at `segment_path` with `value` is refused: (HTTP status,
    message), or None. `offered` is offered_paths() of the source."""
    if segment_path not in offered:
        return 403, KEPT_FROM_SOURCE_MESSAGE
    if is_address(segment_path, source_value):
        same_site = is_rich_text_link(segment_path) and is_same_site(value)
        if not (is_allowed(value) or same_site):
            return 400, LINK_ADDRESS_MESSAGE
    return None


def refusal_of(override):
    for segment in OverridableSegment.objects.filter(context_id=override.context_id).select_related(
        "source", "context"
    ):
        refusal = override_refusal(
            offered_paths(segment.source),
            segment.context.path,
            json.loads(segment.data_json),
            str(json.loads(override.data_json)),
        )
        if refusal:
            return refusal
    return None


@receiver(pre_save, sender=SegmentOverride, dispatch_uid="portal_refuse_override")
def refuse_override(sender, instance, raw=False, **kwargs):
    """Whichever view saves an override (wagtail-localize's, behind any permission check the
    portal's apps wrap it in), a refused one is not saved. Raised as DRF's errors: the saving
    view is a DRF view, which answers them with a 400 or 403 and the message."""
    if raw:  # loaddata: stored as it was
        return
    refusal = refusal_of(instance)
    if refusal:
        status, message = refusal
        if status == 403:
            raise exceptions.PermissionDenied(str(message))
        raise exceptions.ValidationError({"value": [str(message)]})


def read_po(upload):
    """The uploaded PO file, or None if it is not one. Through a file: given a string, polib
    reads the file of that name when there is one."""
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        copy.write(upload.read())
        copy.flush()
        upload.seek(0)
        try:
            return polib.pofile(copy.name)
        except (OSError, UnicodeDecodeError, ValueError):
            return None


def upload_pofile_without_link_changes(request, translation_id):
    """The translation editor's PO upload, refusing (with a message, importing nothing) a file
    that changes a link's address; then the upload's other checks and the import."""
    upload = request.FILES.get("file")
    translation = Translation.objects.filter(id=translation_id).first()
    if (
        upload is not None
        and translation is not None
        and user_can_edit_instance(request.user, translation.get_target_instance())
    ):
        po = read_po(upload)
        changed = link_changes(po) if po is not None else []
        if changed:
            messages.error(
                request,
                _(
                    "Not imported: a translation cannot change a link's address (%(entries)s). "
                    "Links keep the source page's addresses."
                )
                % {"entries": ", ".join(changed)},
            )
            return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    match = view_behind(request, PO_UPLOAD_URL_NAME)
    return match.func(request, *match.args, **match.kwargs)


@hooks.register("register_admin_urls", order=-3)
def register_po_upload_guard():
    # First of the replacements of this path (news: -2, portal/wagtail_hooks.py: -1), which
    # it hands the request on to.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            require_POST(upload_pofile_without_link_changes),
            name=PO_UPLOAD_URL_NAME,
        )
    ]


def forget_address_overrides():
    """For existing data, once: the overrides saved before these checks that they refuse now
    (a link block's or embed's address or page, a website, an address with another scheme)
    stop applying. They are deleted, and the values wagtail-localize offers are re-extracted
    from each source's snapshot (as "Sync translated pages" also does).

    Returns [(translation key, language code, path, value)] of what was deleted: those
    translations still show the old value until they are synced and published again."""
    forgotten = []
    for override in SegmentOverride.objects.select_related("context", "locale"):
        if override.context is not None and refusal_of(override):
            forgotten.append(
                (
                    override.context.object_id,
                    override.locale.language_code,
                    override.context.path,
                    json.loads(override.data_json),
                )
            )
            override.delete()
    for source in TranslationSource.objects.filter(overridablesegment__isnull=False).distinct():
        source.refresh_segments()
    return forgotten


class ExternalLinkCheckedForm(ExternalLinkChooserForm):
    """Wagtail's "external link" form for links in rich text, which takes any scheme a URL
    field does (ftp:, ...): here http, https, mailto, tel or a path on this site."""

    def clean_url(self):
        address = self.cleaned_data["url"]
        if not (is_allowed(address) or is_same_site(address)):
            raise ValidationError(LINK_ADDRESS_MESSAGE)
        return address


class ExternalLinkCheckedView(ExternalLinkView):
    form_class = ExternalLinkCheckedForm
