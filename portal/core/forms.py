"""The admin's page form, for every page type of the portal: no save is lost, none is refused
for nothing.

Wagtail refuses a stale autosave but lets a plain "Save" or "Publish" from a stale form
silently replace someone else's newer version. Here that save is a form error instead, checked
and saved in one transaction with the page's row locked (portal/ops/middleware.py,
AdminSaveTransactionMiddleware), so of two simultaneous saves from the same version exactly one
wins. The editor whose save was refused keeps their input, is shown what the other person
changed, and may overwrite it only by confirming, for exactly the version they were shown.

An editor's own autosaves are not "someone else": static/js/admin/autosave-revision.js moves the
form's loaded revision along with each autosave.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import panels
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel
from wagtail.models import Page, Revision

from portal.core.admin_accessibility import name_rich_text_fields

# Set by the conflict panel: the revision the editor started from, kept across refusals, and
# the newer revision they confirmed to overwrite.
BASE_REVISION_FIELD = "conflict_base_revision_id"
CONFIRM_FIELD = "overwrite_newer_revision_id"


@dataclass
class Conflict:
    """A save refused because `newer` was saved after the editor opened `base`."""

    base_id: str
    newer: Revision
    compare_url: str

    @property
    def newer_author(self):
        user = self.newer.user
        return (user.get_full_name() or user.get_username()) if user else _("unknown")


class StaleSaveCheck:
    """The stale-save test, for any form of a model with revisions (pages and snippets)."""

    def find_conflict(self):
        """The Conflict this save would cause, or None. Reads the latest revision afresh, with
        the row locked when the request runs in a transaction (it does for admin saves)."""
        if not self.instance.pk:
            return None
        latest = self.current_latest_revision()
        if latest is None:
            return None
        data = self.data
        if base := data.get(BASE_REVISION_FIELD):
            # Refused once already: only an explicit confirmation for this very version saves.
            if data.get(CONFIRM_FIELD) == str(latest.pk):
                return None
            return self.conflict(base, latest)
        # The same test Wagtail makes for autosaves (EditView.is_out_of_date).
        if overwritten := data.get("overwrite_revision_id"):
            stale = overwritten != str(latest.pk)
            loaded = overwritten
        else:
            loaded = data.get("loaded_revision_id")
            if not loaded:
                return None
            loaded_at = data.get("loaded_revision_created_at")
            stale = loaded != str(latest.pk) or (
                bool(loaded_at) and loaded_at != latest.created_at.isoformat()
            )
        return self.conflict(loaded, latest) if stale else None

    def current_latest_revision(self):
        model = type(self.instance)
        rows = model._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        latest_id = rows.values_list("latest_revision_id", flat=True).first()
        return Revision.objects.select_related("user").filter(pk=latest_id).first()

    def conflict(self, base_id, newer):
        return Conflict(base_id=base_id, newer=newer, compare_url=self.compare_url(base_id, newer))

    def compare_url(self, base_id, newer):
        """The comparison of the two versions: a page's, or a snippet's (its viewset's URL)."""
        if not str(base_id).isdigit():
            return ""
        viewset = getattr(type(self.instance), "snippet_viewset", None)
        name = (
            viewset.get_url_name("revisions_compare")
            if viewset
            else "wagtailadmin_pages:revisions_compare"
        )
        return reverse(name, args=[quote(self.instance.pk), base_id, newer.pk])

    # The form's own wording of the refusal; %(person)s is who saved the newer version.
    stale_message = _(
        "%(person)s saved this page after you opened it. Your changes are not saved yet and "
        "are still in the form."
    )

    def refuse_stale_save(self):
        self.save_conflict = self.find_conflict()
        if self.save_conflict is None:
            return
        # Plain text: Wagtail's message banner escapes it; the conflict panel has the link.
        message = self.stale_message % {"person": self.save_conflict.newer_author}
        raise ValidationError(message, code="stale")


class PortalPageForm(StaleSaveCheck, WagtailAdminPageForm):
    """Refuses a save that would silently replace someone else's newer version; its rich text
    editors are named by their labels (portal/core/admin_accessibility.py)."""

    save_conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_rich_text_fields(self)

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_stale_save()
        return cleaned_data


class SaveConflictPanel(Panel):
    """Shown above the form after a refused save: what happened, a link to the changes, and
    a checkbox to overwrite that newer version anyway. Put first in each page type's content
    panels (CONTENT_PANELS) and in the panels of a snippet whose form uses StaleSaveCheck."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/admin/save_conflict_panel.html"

        def is_shown(self):
            return getattr(self.form, "save_conflict", None) is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                conflict=self.form.save_conflict,
                base_field=BASE_REVISION_FIELD,
                confirm_field=CONFIRM_FIELD,
            )
            return context


# The start of every page type's content panels: the conflict notice, then the title.
CONTENT_PANELS = [SaveConflictPanel(), *Page.content_panels]


class InlinePanel(panels.InlinePanel):
    """Wagtail's InlinePanel, with the add button's whole text given (`add_label`).

    Wagtail writes "Add <label>" with the label each child form is headed with ("Projekts 1"),
    which is the nominative; the button needs the accusative in Latvian and Polish
    ("Pievienot projektu", "Dodaj organizację")."""

    def __init__(self, *args, add_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(panels.InlinePanel.BoundPanel):
        template_name = "portal/admin/inline_panel.html"
