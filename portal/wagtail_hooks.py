"""Admin safeguards for translations: a translation goes live only when fully translated."""

import polib
from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail_localize.views import edit_translation
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

# These modules register their hooks (and url_guards a signal) when imported.
from portal.core import admin_accessibility, visibility  # noqa: F401
from portal.core.rich_text import PublicPageLinkHandler
from portal.editorial import (  # noqa: F401
    editor_menus,
    segment_edits,
    staff_visibility,
    stored_names,
    translation_changes,
    translation_guards,
    translation_queue,
    two_factor,
    two_factor_views,
    untranslated_labels,
    url_guards,
)
from portal.editorial.kept_input import kept_input_view
from portal.webhooks.models import WebhookEndpoint


class SyncOnlyForm(UpdateTranslationsForm):
    """wagtail-localize's "sync translated pages" form without "publish immediately", which
    would publish the new, untranslated segments in Latvian. Translators publish instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_translations")

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["publish_translations"] = False
        return cleaned_data


class SyncOnlyUpdateTranslationsView(UpdateTranslationsView):
    def get_form(self):
        return SyncOnlyForm(self.request.POST if self.request.method == "POST" else None)


def upload_pofile_checked(request, translation_id):
    """wagtail-localize's PO upload, refusing with a message (not a 500) a file that is not a
    PO file or has no translation header."""
    upload = request.FILES.get("file")
    problem = None
    if upload is None:
        problem = _("Choose a PO file to upload.")
    else:
        try:
            po = polib.pofile(upload.read().decode("utf-8"))
            if "X-WagtailLocalize-TranslationID" not in po.metadata:
                problem = _("This PO file was not downloaded from this portal.")
        except (OSError, UnicodeDecodeError, ValueError):
            problem = _("Please upload a valid PO file.")
        upload.seek(0)
    if problem:
        messages.error(request, problem)
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    return edit_translation.upload_pofile(request, translation_id)


@hooks.register("register_admin_urls", order=-1)
def register_safer_translation_views():
    # Registered before wagtail-localize's own URLs, so these paths resolve here first.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            SyncOnlyUpdateTranslationsView.as_view(),
            name="portal_update_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            require_POST(upload_pofile_checked),
            name="portal_upload_pofile",
        ),
    ]


# After Wagtail's own registration (order 0), which would otherwise replace it.
@hooks.register("register_rich_text_features", order=100)
def public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)


class WebhookEndpointViewSet(ModelViewSet):
    """Settings > Webhooks, for administrators (the model's add/change/delete permissions)."""

    model = WebhookEndpoint
    icon = "link"
    add_to_settings_menu = True
    menu_label = gettext_lazy("Webhooks")
    list_display = ["url", "is_active"]
    form_fields = ["url", "secret", "is_active"]


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookEndpointViewSet("webhooks")


@hooks.register("register_admin_urls")
def register_kept_input():
    return [path("kept-input/", kept_input_view, name="portal_kept_input")]


@hooks.register("insert_editor_js")
def keep_the_loaded_revision_with_autosave():
    # Each autosave moves the form's loaded revision along (portal/core/forms.py).
    return format_html('<script src="{}"></script>', static("js/admin/autosave-revision.js"))


@hooks.register("construct_homepage_panels")
def translation_work_queue(request, panels):
    translation_queue.add_queue_panel(request, panels)


@hooks.register("register_admin_urls")
def register_translation_queue():
    return [
        path(
            "translation-queue/<int:page_id>/ready/",
            translation_queue.ready_for_review_view,
            name="portal_translation_ready",
        ),
        path(
            "translation-queue/<int:page_id>/changes/",
            translation_changes.changes_view,
            name="portal_translation_changes",
        ),
    ]


@hooks.register("register_log_actions", order=1)
def workflow_history_in_the_readers_language(actions):
    # After Wagtail's own registrations (order 0), whose formatters it extends.
    stored_names.translate_log_names(actions)
