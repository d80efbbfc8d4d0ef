"""What waits for translators and reviewers, and what tells them.

- A Latvian page published with changes to what is translated re-extracts its wagtail-localize
  source at once (what "Sync translated pages" did by hand), so its translations show the
  changed texts as untranslated, and their translators are e-mailed in their admin language.
- Each translator's and reviewer's dashboard lists, for their languages, the translations
  waiting to be translated, out of date, in progress and ready for review (`work_queue`).
- A translator marks a complete translation ready for review: it is saved as a draft revision
  (never over the live page) and submitted to the language's Reviewers approval workflow,
  whose reviewers Wagtail tells by e-mail.
- After a change, each changed text shows the earlier Latvian text, what changed in it, and
  the earlier translation to start from (portal/editorial/translation_changes.py).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Sum, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_tasks import task
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments

from portal.core.roles import REVIEWERS, TRANSLATORS, languages_of

# How many pages each part of the queue lists by name (the count is always the full one).
LISTED = 20


# When the Latvian source changes.


def source_changed(source, page):
    """Whether `page` (live) has other texts, values or links to translate than `source`."""
    return extract_segments(source.as_instance()) != extract_segments(page)


def sync_on_publish(sender, instance, **kwargs):
    """page_published: re-extract a translated Latvian page whose translatable content changed,
    once the publish is committed, and tell the translators of its languages: by the task worker
    in production (BACKGROUND_TASKS), so that the editor's publish waits neither for the
    extraction nor for the e-mails; right after the commit otherwise."""
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: sync_source.enqueue(page_id))


@task()
def sync_source(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    page = page.specific
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None or not source_changed(source, page):
        return
    source.update_from_db()
    languages = set(
        source.translations.filter(enabled=True).values_list(
            "target_locale__language_code", flat=True
        )
    )
    notify(TRANSLATORS, languages, changed_source_message, page)


def members(groups, language):
    return (
        get_user_model()
        .objects.filter(groups__name=groups[language], is_active=True)
        .exclude(email="")
    )


def admin_language(user, group_language):
    """The language `user` chose for the admin, else the one their group works in."""
    return UserProfile.get_for_user(user).preferred_language or group_language


def notify(groups, languages, message, page):
    """E-mail each member of `groups` for `languages`, each in their own admin language."""
    for language in sorted(languages & set(groups)):
        for user in members(groups, language):
            with django_translation.override(admin_language(user, language)):
                subject, body = message(page, language)
                send_mail(subject, body, None, [user.email])


def changed_source_message(page, language):
    queue = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_home")
    return (
        _("The Latvian original of “%(title)s” has changed") % {"title": page.title},
        _(
            "The Latvian page “%(title)s” was published with changes. The changed texts now "
            "wait for translation into %(language)s; the earlier translation of each is shown "
            "beside it.\n\nYour translation work queue: %(url)s"
        )
        % {"title": page.title, "language": language_name(language), "url": queue},
    )


def ready_message(page, language):
    url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])
    return (
        _("Ready for review: “%(title)s”") % {"title": page.title},
        _("The translation “%(title)s” (%(language)s) is ready for your review: %(url)s")
        % {"title": page.title, "language": language_name(language), "url": url},
    )


def language_name(code):
    from django.utils.translation import get_language_info

    return get_language_info(code)["name_translated"]


# The queue.


@dataclass
class QueueItem:
    page: Page
    translation: Translation
    total: int
    done: int

    @property
    def untranslated(self):
        return self.total - self.done


@dataclass
class LanguageQueue:
    language: str
    waiting: list = field(default_factory=list)
    out_of_date: list = field(default_factory=list)
    in_progress: list = field(default_factory=list)
    ready_for_review: list = field(default_factory=list)
    not_sent: int = 0
    may_mark_ready: bool = False

    @property
    def name(self):
        return language_name(self.language)

    @property
    def parts(self):
        """(key, heading, items), in the order people work through them."""
        return [
            ("ready_for_review", _("Ready for review"), self.ready_for_review),
            ("out_of_date", _("Out of date: the Latvian original changed"), self.out_of_date),
            ("in_progress", _("In progress"), self.in_progress),
            ("waiting", _("Waiting for translation"), self.waiting),
        ]


def progress_by_source(source_ids, locale_id):
    """{source id: (texts, translated texts)} in one query (Translation.get_progress for all)."""
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .annotate(
            translated=Case(
                When(
                    Exists(
                        StringTranslation.objects.filter(
                            translation_of_id=OuterRef("string_id"),
                            context_id=OuterRef("context_id"),
                            locale_id=locale_id,
                            has_error=False,
                        )
                    ),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .values("source_id")
        .annotate(total=Count("pk"), done=Sum("translated"))
    )
    return {row["source_id"]: (row["total"], row["done"] or 0) for row in rows}


def work_queue(language):
    """The LanguageQueue of `language`: five queries whatever the number of pages."""
    locale = Locale.objects.get(language_code=language)
    queue = LanguageQueue(language)
    translations = list(
        Translation.objects.filter(target_locale=locale, enabled=True)
        .exclude(source__locale=locale)
        .select_related("source")
    )
    pages = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale=locale,
            translation_key__in=[t.source.object_id for t in translations],
            alias_of__isnull=True,
        ).only(
            "title",
            "draft_title",
            "live",
            "has_unpublished_changes",
            "last_published_at",
            "translation_key",
            "locale_id",
            "path",
            "depth",
            "url_path",
            "content_type_id",
        )
    }
    progress = progress_by_source([t.source_id for t in translations], locale.pk)
    in_review = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=[str(page.pk) for page in pages.values()],
        ).values_list("object_id", flat=True)
    )
    for translation in translations:
        page = pages.get(translation.source.object_id)
        if page is None:
            continue  # a snippet's translation, or a page made an alias
        item = QueueItem(page, translation, *progress.get(translation.source_id, (0, 0)))
        published = page.last_published_at
        if str(page.pk) in in_review:
            queue.ready_for_review.append(item)
        elif page.live and published and translation.source.last_updated_at > published:
            queue.out_of_date.append(item)
        elif page.live and not page.has_unpublished_changes and not item.untranslated:
            continue  # up to date
        elif item.done == 0 and not page.live:
            queue.waiting.append(item)
        else:
            queue.in_progress.append(item)
    translated_keys = Page.objects.filter(locale=locale).values("translation_key")
    queue.not_sent = (
        Page.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=2)
        .exclude(translation_key__in=translated_keys)
        .count()
    )
    return queue


def works_on(user, language):
    return (
        user.is_superuser
        or user.groups.filter(name__in=[TRANSLATORS[language], REVIEWERS[language]]).exists()
    )


class TranslationQueuePanel(Component):
    """The dashboard panel of translators and reviewers: their languages' queues."""

    name = "translation_queue"
    template_name = "portal/admin/translation_queue_panel.html"
    order = 90  # above Wagtail's own panels

    def __init__(self, request, languages):
        self.request = request
        self.languages = languages

    def get_context_data(self, parent_context):
        user = self.request.user
        queues = [work_queue(language) for language in self.languages]
        for queue in queues:
            queue.may_mark_ready = (
                user.is_superuser or user.groups.filter(name=TRANSLATORS[queue.language]).exists()
            )
        return {
            "queues": queues,
            "listed": LISTED,
            "csrf_token": parent_context.get("csrf_token"),
        }


def add_queue_panel(request, panels):
    """construct_homepage_panels: translators and reviewers see their languages' queues."""
    languages = sorted(
        language
        for language in languages_of(request.user)
        if language in TRANSLATORS and works_on(request.user, language)
    )
    if languages:
        panels.append(TranslationQueuePanel(request, languages))


# Marking a translation ready for review.


def translation_of_page(page):
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        raise Http404
    return translation


def draft_from_translation(translation, page, user):
    """A draft revision of `page` with the translated texts, the live page left as it is
    (wagtail-localize's save_target would also write them to the live page's row)."""
    source = translation.source
    original = source.as_instance()
    page = page.specific_class.objects.get(pk=page.pk)
    copy_synchronised_fields(original, page)
    segments = source._get_segments_for_translation(translation.target_locale, fallback=False)
    ingest_segments(original, page, source.locale, translation.target_locale, segments)
    return page, page.save_revision(user=user, log_action=True)


@require_POST
def ready_for_review_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    language = page.locale.language_code
    if language not in TRANSLATORS or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = translation_of_page(page)
    total, done = translation.get_progress()
    back = reverse("wagtailadmin_home")
    if done < total:
        messages.error(
            request,
            ngettext(
                "Not ready for review: %(count)d text is not translated yet.",
                "Not ready for review: %(count)d texts are not translated yet.",
                total - done,
            )
            % {"count": total - done},
        )
        return redirect(back)
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        messages.info(request, _("This translation is already waiting for review."))
        return redirect(back)
    with transaction.atomic():
        page, _revision = draft_from_translation(translation, page, request.user)
        # Wagtail e-mails the reviewers (the approval task's group), each in their language.
        workflow.start(page, request.user)
    messages.success(
        request,
        _("“%(title)s” is ready for review: the reviewers of %(language)s were told.")
        % {"title": page.get_admin_display_title(), "language": language_name(language)},
    )
    return redirect(back)


# What changed since the last translation.
