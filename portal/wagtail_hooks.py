"""Admin safeguards for translations: a translation goes live only when fully translated."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail_localize.models import Translation
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)


def untranslated_segments(page):
    """How many text segments of this translated page have no translation (0 for a source)."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .first()
    )
    if translation is None:
        return 0
    total, translated = translation.get_progress()
    return total - translated


@hooks.register("before_edit_page", order=-1)
def refuse_to_publish_an_incomplete_translation(request, page):
    """wagtail-localize publishes a translation with missing segments (showing the Latvian
    text in their place) after a warning; a public body's site must not."""
    if request.method == "POST" and (
        request.POST.get("action") == "publish" or "action-publish" in request.POST
    ):
        missing = untranslated_segments(page)
        if missing:
            messages.error(
                request,
                ngettext(
                    "Not published: %(count)d text is not translated yet.",
                    "Not published: %(count)d texts are not translated yet.",
                    missing,
                )
                % {"count": missing},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


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


@hooks.register("register_admin_urls", order=-1)
def register_sync_only_update_view():
    # Registered before wagtail-localize's own URLs, so this path resolves here first.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            SyncOnlyUpdateTranslationsView.as_view(),
            name="portal_update_translations",
        )
    ]
