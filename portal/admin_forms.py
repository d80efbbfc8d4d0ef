"""The admin's page form, for every page type of the portal."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PortalPageForm(WagtailAdminPageForm):
    """Refuses to save a form opened on an older version of the page.

    Wagtail warns an editor that someone else is editing and refuses a stale autosave, but a
    plain "Save" or "Publish" from a stale form silently replaces the other person's newer
    version. Here it is a form error instead: the editor's own input stays in the form, and the
    newer version is untouched.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and self.is_out_of_date():
            raise ValidationError(
                _(
                    "Someone else saved this page after you opened it. Your changes are not "
                    "saved: copy them, reload the page to see the newer version, and apply "
                    "them again."
                ),
                code="stale",
            )
        return cleaned_data

    def is_out_of_date(self):
        """The same test Wagtail makes for autosaves (EditView.is_out_of_date)."""
        latest = self.instance.latest_revision
        if latest is None:
            return False
        if overwritten := self.data.get("overwrite_revision_id"):
            return overwritten != str(latest.pk)
        loaded = self.data.get("loaded_revision_id")
        if not loaded:
            return False
        if loaded != str(latest.pk):
            return True
        loaded_at = self.data.get("loaded_revision_created_at")
        return bool(loaded_at) and loaded_at != latest.created_at.isoformat()
