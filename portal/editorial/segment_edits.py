"""Two people on one text of a translation: a save over a change the person has not seen is
refused, and every change is kept in History.

wagtail-localize's editor saves one text at a time and sends only the new text (PUT
.../strings/<segment>/edit/), so whoever saved last replaced the other's text unseen. Here:

- Opening the editor (a translated page's or topic's edit view) notes in the session what each
  text of that translation was: the version the person's saves are based on. Their own
  accepted saves move it along; reloading the editor takes the texts as they are then.
- A save or removal of a text that someone else changed since is refused with a 409 and a
  message, and nothing is written but the refusal in History, with the refused text. The
  editor shows the message and keeps the text on screen (static/js/admin/segment-conflicts.js:
  the unmodified editor would say "Server error").
- Each accepted change goes to History with the old and the new text, to be copied back.

A save with nothing noted for its translation (the editor not opened in this session: a script,
a session older than this module) cannot be compared; it is saved, and kept in History.

The view sits behind the other checks of the same path (news/wagtail_hooks.py, order -2),
which hand the request on to it, and in front of wagtail-localize's view.
"""

import hashlib

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from wagtail import hooks
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from portal.core.admin_chain import hand_on

URL_NAME = "portal_edit_string_translation"
SESSION_KEY = "portal_segment_versions"
# The translations a session keeps versions for: the ones its person opened last.
KEPT_TRANSLATIONS = 20
EDITED = "portal.segment_edited"
REFUSED = "portal.segment_edit_refused"
SOURCE_SHOWN = 60  # characters of the source text that name a text in History

NOT_SAVED_MESSAGE = gettext_lazy(
    "Not saved: %(name)s changed this text after you opened the editor. Your text stays "
    "here and in History. Reload the page to see their text, then save yours again if it "
    "should replace it."
)
NOT_REMOVED_MESSAGE = gettext_lazy(
    "Not removed: %(name)s changed this text after you opened the editor. Reload the page "
    "to see their text, then remove it again if it should go."
)


def version(text):
    """What the session keeps of a text: enough to tell that it changed."""
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def editor_translation(instance):
    """The translation wagtail-localize's editor shows for `instance`, or None (the same
    question its before_edit_page and before_edit_snippet hooks ask)."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()


def note_what_the_editor_shows(request, instance):
    """The texts of the translation the editor is about to show, as the versions this person's
    saves are based on. Noted before the editor reads them: a text changed in between is
    refused once more, and never overwritten unseen."""
    if request.method != "GET" or not hasattr(instance, "translation_key"):
        return
    translation = editor_translation(instance)
    if translation is None:
        return
    texts = (
        translation.source.stringsegment_set.annotate_translation(
            translation.target_locale_id, include_errors=True
        )
        .filter(translation__isnull=False)
        .values_list("pk", "translation")
    )
    noted = request.session.get(SESSION_KEY, {})
    noted.pop(str(translation.pk), None)
    noted[str(translation.pk)] = {str(pk): version(text) for pk, text in texts}
    request.session[SESSION_KEY] = dict(list(noted.items())[-KEPT_TRANSLATIONS:])


@hooks.register("before_edit_page", order=-1)
def note_the_page_translation_shown(request, page):
    # Before wagtail-localize's hook (order 0), which answers with its editor.
    note_what_the_editor_shows(request, page)


@hooks.register("before_edit_snippet", order=-1)
def note_the_snippet_translation_shown(request, instance):
    note_what_the_editor_shows(request, instance)


def note_saved(request, translation, segment, text):
    """One's own saved text is the version one's next save of it is based on."""
    noted = request.session.get(SESSION_KEY, {})
    versions = noted.get(str(translation.pk))
    if versions is None:
        return
    if text is None:
        versions.pop(str(segment.pk), None)
    else:
        versions[str(segment.pk)] = version(text)
    request.session.modified = True


def changed_by_someone_else(request, translation, segment, stored, text):
    """Whether saving `text` (None: removing the text) would replace a text someone else saved
    after this person opened the editor."""
    versions = request.session.get(SESSION_KEY, {}).get(str(translation.pk))
    if versions is None or stored is None or stored.data == text:
        return False  # nothing to compare, or nothing would be lost
    if versions.get(str(segment.pk)) == version(stored.data):
        return False
    return stored.last_translated_by_id != request.user.pk


def may_edit(user, instance):
    """Whether `user` may edit `instance`: asked here as well as by the views around, since a
    refusal shows who changed the text. A page answers by its permissions, a snippet by its
    permission policy about that very one (a topic: by its language)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get(instance)
    return policy.user_has_permission_for_instance(user, "change", instance)


def submitted_text(request):
    """The text a PUT carries, parsed as the view behind parses it (Django REST framework),
    from the body kept in memory, which that view reads again."""
    if not request.body:
        return None
    return Request(request, parsers=[FormParser(), MultiPartParser()]).data.get("value")


def target_of(translation):
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def edit_string_translation_if_unchanged(request, translation_id, string_segment_id):
    """wagtail-localize's save (PUT) or removal (DELETE) of one text of a translation, refused
    when someone else changed the text after this person opened the editor, and kept in
    History when accepted."""
    translation = Translation.objects.select_related("source").filter(pk=translation_id).first()
    segment = (
        StringSegment.objects.select_related("string", "context").filter(pk=string_segment_id)
    ).first()
    instance = target_of(translation) if translation else None
    text = submitted_text(request) if request.method == "PUT" else None
    if (
        request.method not in ("PUT", "DELETE")
        or (request.method == "PUT" and text is None)
        or segment is None
        or instance is None
        or segment.context.object_id != translation.source.object_id
        or not may_edit(request.user, instance)
    ):
        return hand_on(request, URL_NAME)  # which answers these: 405, 404, 403
    with transaction.atomic():
        # One save of this translation's texts at a time: the text compared is the one replaced.
        Translation.objects.select_for_update().get(pk=translation.pk)
        stored = StringTranslation.objects.filter(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
        ).first()
        if changed_by_someone_else(request, translation, segment, stored, text):
            return refusal(request, instance, translation, segment, stored, text)
        response = hand_on(request, URL_NAME)
        if response.status_code in (200, 201):
            before = stored.data if stored else None
            if before != text:
                log(
                    instance=instance,
                    action=EDITED,
                    user=request.user,
                    data={**about(translation, segment), "old": before, "new": text},
                )
            note_saved(request, translation, segment, text)
    return response


def about(translation, segment):
    return {
        "translation": translation.pk,
        "segment": segment.pk,
        "path": segment.context.path,
        "source": segment.string.data,
    }


def named(by):
    return by or pgettext("who changed a text", "someone else")


def refusal(request, instance, translation, segment, stored, text):
    """The 409 for a refused save: in the shape of wagtail-localize's answer for a saved text,
    holding the refused text and, as its error, the message the editor shows beside it."""
    changed_by = stored.last_translated_by
    by = get_user_display_name(changed_by) if changed_by else None
    message = (NOT_REMOVED_MESSAGE if text is None else NOT_SAVED_MESSAGE) % {"name": named(by)}
    log(
        instance=instance,
        action=REFUSED,
        user=request.user,
        data={**about(translation, segment), "refused": text, "current": stored.data, "by": by},
    )
    return JsonResponse(
        {
            "string_id": segment.string_id,
            "segment_id": segment.pk,
            "data": text,
            "error": message,
            "comment": None,
            "last_translated_by": None,
            "detail": message,
            "current": {"data": stored.data, "last_translated_by": by},
        },
        status=409,
    )


@hooks.register("register_admin_urls", order=-1)
def register_segment_edits():
    # Behind news/wagtail_hooks.py's check of this path (order -2), which hands requests on to
    # the next pattern; in front of wagtail-localize's own (order 0).
    return [
        path(
            "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            edit_string_translation_if_unchanged,
            name=URL_NAME,
        )
    ]


@hooks.register("insert_editor_js")
def show_refused_segment_edits():
    return format_html('<script src="{}"></script>', static("js/admin/segment-conflicts.js"))


def quoted_source(log_entry):
    return Truncator(log_entry.data.get("source", "")).chars(SOURCE_SHOWN)


@hooks.register("register_log_actions")
def register_segment_log_actions(actions):
    @actions.register_action(EDITED)
    class SegmentEdited(LogFormatter):
        label = gettext_lazy("Change a translated text")

        def format_message(self, log_entry):
            texts = {
                "source": quoted_source(log_entry),
                "old": log_entry.data.get("old"),
                "new": log_entry.data.get("new"),
            }
            if texts["new"] is None:
                return _('Removed the translation of "%(source)s", which was "%(old)s"') % texts
            if texts["old"] is None:
                return _('Translated "%(source)s" as "%(new)s"') % texts
            return _('Changed the translation of "%(source)s" from "%(old)s" to "%(new)s"') % texts

    @actions.register_action(REFUSED)
    class SegmentEditRefused(LogFormatter):
        label = gettext_lazy("Refuse a change to a translated text")

        def format_message(self, log_entry):
            texts = {
                "source": quoted_source(log_entry),
                "text": log_entry.data.get("refused"),
                "name": named(log_entry.data.get("by")),
            }
            if texts["text"] is None:
                return (
                    _('Not removed, as %(name)s had changed it: the translation of "%(source)s"')
                    % texts
                )
            return (
                _(
                    'Not saved, as %(name)s had changed it: "%(text)s" as the translation of '
                    '"%(source)s". Copy it from here to use it.'
                )
                % texts
            )
