"""What changed in a Latvian source since a translation was made: each changed text with the
earlier Latvian text, the words that changed, and the earlier translation to start from."""

import difflib
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
)
from wagtail_localize.strings import StringValue

from portal.core.roles import TRANSLATORS
from portal.editorial.translation_queue import (
    translation_of_page,
)


def word_diff(old, new):
    """HTML marking what changed between two texts, word by word."""
    old_words, new_words = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped above)


@dataclass
class ChangedText:
    segment: StringSegment
    previous_source: str = ""
    previous_translation: str = ""
    label: str = ""

    @property
    def source(self):
        return self.segment.string.data

    def field_label(self, page):
        """The field the text is in, as the editor's form names it (body, lead, ...)."""
        name = self.segment.context.path.split(".")[0]
        try:
            return capfirst(page._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    @property
    def diff(self):
        return word_diff(self.previous_source, self.source) if self.previous_source else ""


def changed_texts(translation):
    """The untranslated texts of `translation`, each with its context's earlier source text and
    translation, when there was one (a text changed, not a text added)."""
    locale_id = translation.target_locale_id
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .select_related("string", "context")
        .order_by("order")
    )
    segments = list(segments)
    earlier = {}
    for previous in (
        StringTranslation.objects.filter(
            locale_id=locale_id, context_id__in=[s.context_id for s in segments]
        )
        .select_related("translation_of")
        .order_by("updated_at")
    ):
        earlier[previous.context_id] = previous  # the newest wins
    return [
        ChangedText(
            segment,
            previous_source=earlier[segment.context_id].translation_of.data,
            previous_translation=earlier[segment.context_id].data,
        )
        if segment.context_id in earlier
        and earlier[segment.context_id].translation_of_id != segment.string_id
        else ChangedText(segment)
        for segment in segments
    ]


def changes_view(request, page_id):
    """The changed texts of a translation, the earlier version of each beside it; saving one
    stores its translation as the translation editor does."""
    page = get_object_or_404(Page, pk=page_id).specific
    if (
        page.locale.language_code not in TRANSLATORS
        or not page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    translation = translation_of_page(page)
    texts = changed_texts(translation)
    for text in texts:
        text.label = text.field_label(page)
    errors = {}
    if request.method == "POST":
        by_id = {str(text.segment.pk): text for text in texts}
        text = by_id.get(request.POST.get("segment", ""))
        value = request.POST.get("value", "").strip()
        if text is None:
            messages.error(request, _("This text is translated already or no longer exists."))
            return redirect(request.path)
        try:
            if not value:
                raise ValueError(_("Write the translation first."))
            StringValue.from_translated_html(value)
        except ValueError as error:
            errors[text.segment.pk] = str(error) or _("This is not a valid translation.")
            text.previous_translation = value  # what they typed stays in the form
        else:
            StringTranslation.objects.update_or_create(
                translation_of=text.segment.string,
                locale_id=translation.target_locale_id,
                context=text.segment.context,
                defaults={
                    "data": value,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "",
                    "last_translated_by": request.user,
                    "has_error": False,
                    "field_error": "",
                },
            )
            messages.success(request, _("Translation saved."))
            return redirect(request.path)
    return TemplateResponse(
        request,
        "portal/admin/translation_changes.html",
        {
            "page": page,
            "texts": texts,
            "errors": errors,
            "source_updated_at": translation.source.last_updated_at,
            "editor_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )
