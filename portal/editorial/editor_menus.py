"""What the page editor's menus, buttons and messages say, in the editor's own language, and
when autosave first saves a new page.

Wagtail builds some of these from English data or from words in the wrong grammatical case:
"Submit to <workflow name>" with the workflow's stored English name, "Add <label>" with the
nominative a child form is headed with, "Page ... has been updated" after an approval. Here
each says what happened, in words translated whole.
"""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import (
    PublishMenuItem,
    SubmitForModerationMenuItem,
    WorkflowMenuItem,
)
from wagtail.models import Page, PageSubscription, TaskState
from wagtail.utils.timestamps import render_timestamp

from portal.core.roles import WORKFLOWS

# The workflows' and tasks' names, stored in English (portal/core/roles.py).
MODERATORS_APPROVAL, ENGLISH_REVIEW, POLISH_REVIEW = (
    WORKFLOWS[language][0] for language in (settings.LANGUAGE_CODE, "en", "pl")
)

SUBMIT_LABELS = {
    MODERATORS_APPROVAL: _("Submit to the moderators"),
    ENGLISH_REVIEW: _("Submit to the English reviewers"),
    POLISH_REVIEW: _("Submit to the Polish reviewers"),
}
RESUBMIT_LABELS = {
    MODERATORS_APPROVAL: _("Resubmit to the moderators"),
    ENGLISH_REVIEW: _("Resubmit to the English reviewers"),
    POLISH_REVIEW: _("Resubmit to the Polish reviewers"),
}

# The message Wagtail shows after any workflow action; replaced by what the action did.
# (A variable, not a literal, so that makemessages leaves it to Wagtail's catalogue.)
WAGTAIL_UPDATED_MESSAGE = "Page '%(page_title)s' has been updated."

# Set on the request by the edit view's hooks: the task state a workflow action acts on.
MODERATED_TASK_STATE = "portal_moderated_task_state_id"


class SubmitToWorkflowMenuItem(SubmitForModerationMenuItem):
    """Says "Submit to the moderators" where Wagtail says "Submit to Moderators approval" (in
    Latvian "Iesniegt uz Moderators approval"), for the portal's workflows."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            label = RESUBMIT_LABELS.get(state.current_task_state.task.name)
        else:
            workflow = (page if page and page.pk else context["parent_page"]).get_workflow()
            label = SUBMIT_LABELS.get(workflow.name) if workflow else None
        if label:
            context["label"] = label
        return context


# The actions of Wagtail's group approval task, by (action, asks for a comment, approving
# publishes): Wagtail's "Approve with comment and Publish" is half English in Latvian.
WORKFLOW_ACTION_LABELS = {
    ("reject", True, False): _("Request changes"),
    ("reject", True, True): _("Request changes"),
    ("approve", False, False): _("Approve"),
    ("approve", True, False): _("Approve with a comment"),
    ("approve", False, True): _("Approve and publish"),
    ("approve", True, True): _("Approve with a comment and publish"),
}


@hooks.register("construct_page_action_menu")
def speak_the_workflow_in_the_editors_language(menu_items, request, context):
    page = context.get("page")
    state = page.current_workflow_state if page and page.pk else None
    publishes = bool(
        state
        and state.is_at_final_task
        and not getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False)
    )
    approving = False
    for index, item in enumerate(menu_items):
        if isinstance(item, SubmitForModerationMenuItem):
            menu_items[index] = SubmitToWorkflowMenuItem(order=item.order)
        elif isinstance(item, WorkflowMenuItem):
            approving = approving or item.name == "approve"
            key = (item.name, item.launch_modal, publishes)
            item.label = WORKFLOW_ACTION_LABELS.get(key, item.label)
    if approving:
        # A page in moderation is published by approving it, which also closes its review;
        # a plain Publish beside "Approve and publish" would leave the review open.
        menu_items[:] = [item for item in menu_items if not isinstance(item, PublishMenuItem)]


@hooks.register("before_edit_page")
def note_the_task_a_workflow_action_acts_on(request, page):
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        task_state = page.current_workflow_task_state
        setattr(request, MODERATED_TASK_STATE, task_state.pk if task_state else None)


@hooks.register("after_edit_page")
def say_what_the_workflow_action_did(request, page):
    """Wagtail says "Page ... has been updated" (Latvian: "ir atjaunota") after an approval or
    a request for changes; this says which, and whether the page is live or scheduled."""
    task_state_id = getattr(request, MODERATED_TASK_STATE, None)
    if task_state_id is None:
        return
    task_state = TaskState.objects.filter(pk=task_state_id, finished_by=request.user).first()
    if task_state is None:
        return
    page = Page.objects.get(pk=page.pk)  # as the action left it
    title = page.get_admin_display_title()
    scheduled = page.scheduled_revision
    if task_state.status == TaskState.STATUS_REJECTED:
        said = _("Page '%(page_title)s' has been sent back for changes.")
    elif task_state.status != TaskState.STATUS_APPROVED:
        return
    elif page.current_workflow_state:  # a workflow of several tasks goes on to the next one
        said = _("Page '%(page_title)s' has been approved at this stage.")
    elif scheduled:
        said = _("Page '%(page_title)s' has been approved and will be published on %(date)s.")
    else:
        said = _("Page '%(page_title)s' has been approved and published.")
    date = render_timestamp(scheduled.approved_go_live_at) if scheduled else ""
    replace_message(
        request,
        gettext(WAGTAIL_UPDATED_MESSAGE) % {"page_title": title},
        said % {"page_title": title, "date": date},
    )


def replace_message(request, old, new):
    """Shows `new` instead of Wagtail's message `old`, through Django's public messages API:
    reading the messages marks them used, so those kept are added again."""
    old = admin_messages.render(old, None)  # as Wagtail's admin adds its messages
    kept = [message for message in messages.get_messages(request) if str(message) != old]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    admin_messages.success(request, new)


# What a new page's form fills in by itself once a title is typed, and what is not the page's
# content (the author's comment notifications).
NOT_CONTENT = {"title", "slug", "comment_notifications"}


def has_more_than_a_title(form):
    """Whether the editor has given the new page anything beyond its title. Compared with
    each field's initial value directly: Django's changed_data counts a field with a callable
    default (the release date) as changed, as Wagtail leaves out its hidden initial value."""
    for field in form:
        if field.name not in NOT_CONTENT and field.field.has_changed(field.initial, field.data):
            return True
    return any(child.has_changed() for formset in form.formsets.values() for child in formset)


@hooks.register("before_create_page")
def autosave_a_new_page_once_it_has_more_than_a_title(request, parent_page, page_class):
    """Wagtail's autosave creates the page as soon as its title is typed, so every abandoned
    attempt left an empty draft in the news list. Autosave now waits for some content (the
    lead, a date, a link, ...); Save draft, Submit and Publish still save a bare title."""
    if request.method != "POST" or request.accepts("text/html"):
        return None  # not an autosave: autosaves ask for JSON
    page = page_class(owner=request.user)
    page.locale = parent_page.locale
    form = page_class.get_edit_handler().get_form_class()(
        request.POST,
        request.FILES,
        instance=page,
        parent_page=parent_page,
        for_user=request.user,
        subscription=PageSubscription(page=page, user=request.user, comment_notifications=True),
    )
    if has_more_than_a_title(form):
        return None
    # Wagtail's autosave shows "Autosave is paused" with this text, and tries again at the
    # next change.
    return JsonResponse(
        {
            "success": False,
            "error_code": "validation_error",
            "error_message": gettext(
                "The page is saved automatically once it has more than a title, or when you "
                "press Save draft."
            ),
        },
        status=400,
    )


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/editor.css"))
