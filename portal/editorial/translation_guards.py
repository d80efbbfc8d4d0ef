"""What a translation may not do: go live with untranslated text, or be deleted, moved, copied,
turned into an alias or unsynced by a translator.

Two rules, each where every path passes:

- Who may do what to a page is Wagtail's page permission tester, which every admin view,
  button, bulk action and admin API action asks. The portal's page types answer with
  `TranslationPermissionTester` (`install`).
- Every way of publishing a page (the editor, bulk actions, the admin API, workflow approval,
  scheduled publishing, commands) runs Wagtail's `PublishPageRevisionAction`, whose `check()`
  refuses before anything is written. Here it also refuses a version of a translation that
  still holds source (Latvian) text (`install`). The views and commands around it turn that
  refusal into a message.
"""

import json

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.actions.publish_page_revision import (
    PublishPagePermissionError,
    PublishPageRevisionAction,
)
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PagePermissionTester, get_page_models
from wagtail_localize.models import String, StringTranslation, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

# The actions of wagtail-localize's page editor footer (Wagtail's editor, for a translation that
# is not synced) that unlink a translation from its source.
RESTART_TRANSLATION = "localize-restart-translation"
CONVERT_TO_ALIAS = "localize-convert-to-alias"


class TranslationPermissionTester(PagePermissionTester):
    """Wagtail's page permission tester, with what translating does not include.

    Wagtail lets whoever may change a page delete it, and so move it, while it is unpublished,
    and whoever may publish it delete it at any time; it offers Copy to whoever may edit. Those
    are rules for the people who create pages. Translators hold "change" on their language's
    tree (reviewers also "publish") only to translate and review what wagtail-localize made
    from the Latvian tree, and create no pages; so here deleting, moving and copying need
    "add" there too (Editors, Moderators, administrators). Converting a translation into an
    alias of its source (the source's text at the translation's address) and stopping or
    restarting its synchronisation decide what the language's page shows: they need "publish".
    """

    def shapes_the_tree(self):
        if not self.user.is_active:
            return False
        return self.user.is_superuser or "add" in self.permissions

    def may_publish_here(self):
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)

    def can_edit(self):
        # An alias has no text of its own to translate: editing it converts it into a page
        # holding its source's text.
        if self.page.alias_of_id and not (self.shapes_the_tree() or self.may_publish_here()):
            return False
        return super().can_edit()

    def can_delete(self, ignore_bulk=False):
        # Wagtail's can_move is can_delete(ignore_bulk=True), so this also decides moving.
        return self.shapes_the_tree() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self):
        return self.shapes_the_tree() and super().can_copy()

    def can_convert_to_alias(self):
        return self.may_publish_here() and super().can_edit()

    def can_stop_translation(self):
        """Stop, or restart, the synchronisation of this translation with its source."""
        return self.may_publish_here() and super().can_edit()


def permissions_for_user(page, user):
    return TranslationPermissionTester(user, page)


def synced_translation_of(page):
    """wagtail-localize's enabled translation that `page` is the target of, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source")
        .first()
    )


def untranslated_segments(page):
    """How many text segments of this translated page have no translation (0 for a source):
    the source's text would stand in for them in a version built now."""
    translation = synced_translation_of(page)
    if translation is None:
        return 0
    total, translated = translation.get_progress()
    return total - translated


def untranslated_texts(version):
    """How many texts of this version of a page (the page, or a revision's `as_object()`) are
    still its source's text: 0 unless the page is a synced translation. A text counts when it
    is a source-language text and no translation of this page reads the same (a name kept as
    it is was translated). Unlike `untranslated_segments`, this reads the version itself: one
    saved before its texts were translated still holds the Latvian text."""
    translation = synced_translation_of(version)
    if translation is None:
        return 0
    texts = [
        value.string.data
        for value in extract_segments(version)
        if isinstance(value, StringSegmentValue)
    ]
    source_texts = set(
        String.objects.filter(
            locale_id=translation.source.locale_id, data__in=set(texts)
        ).values_list("data", flat=True)
    )
    if not source_texts:
        return 0
    kept_as_they_are = set(
        StringTranslation.objects.filter(
            locale_id=version.locale_id,
            context__object_id=version.translation_key,
            data__in=source_texts,
        ).values_list("data", flat=True)
    )
    return sum(1 for text in texts if text in source_texts and text not in kept_as_they_are)


class UntranslatedTextError(PublishPagePermissionError):
    """A version of a translation that still holds source text may not go live. A permission
    error, as Wagtail's own publish check raises: a path that does not say more answers it as
    a refusal (the admin's "no permission", a 403 from the admin API), never a 500."""

    def __init__(self, page, count):
        self.page = page
        self.count = count
        super().__init__(
            ngettext(
                "Not published: “%(title)s” has %(count)d untranslated text. Publish it from "
                "the translation editor once every text is translated.",
                "Not published: “%(title)s” has %(count)d untranslated texts. Publish it from "
                "the translation editor once every text is translated.",
                count,
            )
            % {"title": str(page), "count": count}
        )


def refuse_untranslated_text(version):
    count = untranslated_texts(version)
    if count:
        raise UntranslatedTextError(version, count)


def version_to_publish(page):
    """What publishing `page` without a revision in mind puts live: its latest revision, as
    Wagtail's bulk publish and admin API take it."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision else page.specific


def install():
    """Called once, from PortalConfig.ready(), so that commands are covered as well as the
    admin."""
    # Wagtail lets a page type choose its permission tester (Page.permissions_for_user); the
    # portal's page types all choose this one (one choosing its own keeps it, and should build
    # on this one). Page itself is only the tree's root here.
    for model in get_page_models():
        if model is not Page and model.permissions_for_user is Page.permissions_for_user:
            model.permissions_for_user = permissions_for_user

    # Wagtail has no hook before a page revision goes live (page_published comes after). Its
    # publish action refuses in check(), which runs first, before anything is written, for
    # every caller: Page.publish and Revision.publish (bulk actions, workflow approval,
    # publish_scheduled, wagtail-localize, commands), the edit view and the admin API.
    wagtail_check = PublishPageRevisionAction.check
    if getattr(wagtail_check, "refuses_untranslated_text", False):
        return

    def check(action, skip_permission_checks=False):
        wagtail_check(action, skip_permission_checks=skip_permission_checks)
        refuse_untranslated_text(action.object)

    check.refuses_untranslated_text = True
    PublishPageRevisionAction.check = check


# The paths to the publish action, answering a refusal with its message.


@hooks.register("before_edit_page", order=-1)
def refuse_to_publish_an_incomplete_translation(request, page):
    """wagtail-localize publishes a translation with missing segments (showing the Latvian
    text in their place) after a warning; a public body's site must not. Its publish writes
    the page before it runs the publish action, and only after the request's transaction: so
    the editor is answered here, before any of that."""
    if (
        request.method == "POST"
        and (request.POST.get("action") == "publish" or "action-publish" in request.POST)
        # Whoever may not publish is refused that, by Wagtail or wagtail-localize.
        and page.permissions_for_user(request.user).can_publish()
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


@hooks.register("before_bulk_action")
def refuse_to_bulk_publish_untranslated_text(request, action_type, objects, action):
    if action_type != "publish" or not issubclass(action.model, Page):
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += page.get_descendants().not_live()
    refusals = []
    for page in pages:
        try:
            refuse_untranslated_text(version_to_publish(page))
        except UntranslatedTextError as error:
            refusals.append(str(error))
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(action.next_url)


class RefusingWorkflowActionView(WorkflowActionView):
    """Approving the last task of a workflow publishes; a refusal is a message, and the
    approval does not happen (TaskState.approve is one transaction)."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except UntranslatedTextError as error:
            messages.error(request, str(error))
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(
                    request, {"step": "success", "redirect": self.redirect_url}
                )
            return redirect(self.redirect_url)


class PortalPageViewSet(PageViewSet):
    """Wagtail's page views for every page type, but for the workflow action."""

    workflow_action_view_class = RefusingWorkflowActionView


@hooks.register("register_admin_viewset")
def register_page_views():
    # Registered for Page after Wagtail's own (order -1), so it replaces it.
    return PortalPageViewSet()


# wagtail-localize's actions that unlink a translation from its source ask only whether the
# user may edit the page; they ask the permission tester here.


def convert_to_alias_if_permitted(request, page_id):
    from wagtail_localize.views.convert import convert_to_alias

    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_convert_to_alias():
        raise PermissionDenied
    return convert_to_alias(request, page_id)


def stop_translation_if_permitted(request, translation_id):
    from wagtail_localize.views.edit_translation import stop_translation

    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None
    if isinstance(instance, Page) and not (
        instance.permissions_for_user(request.user).can_stop_translation()
    ):
        raise PermissionDenied
    return stop_translation(request, translation_id)


@hooks.register("register_admin_urls", order=-1)
def register_permitted_translation_actions():
    # Before wagtail-localize's own URLs (order 0), so these paths resolve here first. The
    # "disable" path is registered earlier still by news/wagtail_hooks.py (order -2), around
    # stop_translation_if_permitted, adding the topics' own check.
    return [
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias_if_permitted,
            name="portal_convert_to_alias",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            stop_translation_if_permitted,
            name="portal_stop_translation",
        ),
    ]


@hooks.register("before_edit_page", order=-1)
def refuse_to_restart_a_translation(request, page):
    # wagtail-localize restarts it from the edit form's POST, asking nothing more.
    if (
        request.method == "POST"
        and RESTART_TRANSLATION in request.POST
        and not page.permissions_for_user(request.user).can_stop_translation()
    ):
        raise PermissionDenied
    return None


@hooks.register("construct_page_action_menu")
def offer_only_permitted_translation_actions(menu_items, request, context):
    page = context.get("page")
    if page is None or not page.pk:
        return
    permissions = context["user_page_permissions_tester"]
    if not isinstance(permissions, TranslationPermissionTester):
        return
    refused = set()
    if not permissions.can_stop_translation():
        refused.add(RESTART_TRANSLATION)
    if not permissions.can_convert_to_alias():
        refused.add(CONVERT_TO_ALIAS)
    menu_items[:] = [item for item in menu_items if item.name not in refused]


def offered_editor_props(props, page_perms):
    """wagtail-localize's translation editor props (JSON) without the links `page_perms`
    refuses: its footer offers "Convert to alias page" and "Stop Synced translation" to
    whoever may edit. Stop is always drawn; an empty address hides it (the editor's template,
    templates/wagtail_localize/admin/edit_translation.html)."""
    if not isinstance(page_perms, TranslationPermissionTester):
        return props
    data = json.loads(props)
    if not page_perms.can_convert_to_alias():
        data["links"]["convertToAliasUrl"] = None
    if not page_perms.can_stop_translation():
        data["links"]["stopTranslationUrl"] = ""
    return json.dumps(data, cls=DjangoJSONEncoder)
