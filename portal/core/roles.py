"""Who does what, per language tree.

| group                  | Latvian tree (the source)            | its language's tree (en or pl) |
| Editors                | create, edit, submit for approval    | -                              |
| Moderators             | approve, publish, unpublish, delete  | -                              |
| Translators (language) | -                                    | translate, save drafts         |
| Reviewers (language)   | -                                    | review, publish, unpublish     |

Administrators are superusers. Wagtail grants page permissions per page and its subtree, so a
language's permissions hang on its home page; they are granted when that home page is created
(see apps.py), which for English and Polish is when the site is first translated. Each tree also
gets its approval workflow: Latvian pages go to the Moderators, translations to their language's
Reviewers (portal/migrations/0007_editorial_roles.py creates the groups and workflows).
Topics, which are snippets and not in a tree, follow the same languages (news/permissions.py).
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_noop

# Stored in English, shown in the reader's language (portal/editorial/stored_names.py).
EDITORS = gettext_noop("Editors")
MODERATORS = gettext_noop("Moderators")
TRANSLATORS = {
    "en": gettext_noop("Translators (English)"),
    "pl": gettext_noop("Translators (Polish)"),
}
REVIEWERS = {"en": gettext_noop("Reviewers (English)"), "pl": gettext_noop("Reviewers (Polish)")}

# Page permissions on each language's home page (and so its whole tree).
TREE_PERMISSIONS = {
    settings.LANGUAGE_CODE: {
        EDITORS: ["add_page", "change_page", "lock_page"],
        MODERATORS: [
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        ],
    },
    **{
        language: {
            TRANSLATORS[language]: ["change_page"],
            REVIEWERS[language]: ["change_page", "publish_page", "lock_page", "unlock_page"],
        }
        for language in TRANSLATORS
    },
}

# The language each group works in: the tree its permissions hang on.
GROUP_LANGUAGES = {
    group: language for language, grants in TREE_PERMISSIONS.items() for group in grants
}


def languages_of(user):
    """The languages `user` works in, by their groups; every language for a superuser. Kept on
    the user object for the request, as listings ask once per row."""
    if not hasattr(user, "_portal_languages"):
        if user.is_superuser:
            user._portal_languages = {language for language, _name in settings.LANGUAGES}
        elif not user.is_authenticated:
            user._portal_languages = set()
        else:
            names = user.groups.values_list("name", flat=True)
            user._portal_languages = {
                GROUP_LANGUAGES[name] for name in names if name in GROUP_LANGUAGES
            }
    return user._portal_languages


# Who approves what is submitted in each language (Wagtail workflows and their one task, by name).
WORKFLOWS = {
    settings.LANGUAGE_CODE: (gettext_noop("Moderators approval"), MODERATORS),
    "en": (gettext_noop("Reviewers (English) approval"), REVIEWERS["en"]),
    "pl": (gettext_noop("Reviewers (Polish) approval"), REVIEWERS["pl"]),
}

# Every name the portal stores in English and shows translated.
STORED_NAMES = frozenset(
    [EDITORS, MODERATORS, *TRANSLATORS.values(), *REVIEWERS.values()]
    + [name for name, _group in WORKFLOWS.values()]
)


def grant_tree_permissions(home_page):
    """Give each group of `home_page`'s language its page permissions on that tree, and put the
    tree under its language's approval workflow."""
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    language = home_page.locale.language_code
    for group_name, codenames in TREE_PERMISSIONS.get(language, {}).items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=home_page, permission=permission
            )
    if language in WORKFLOWS:
        workflow_name, group_name = WORKFLOWS[language]
        workflow, created = Workflow.objects.get_or_create(name=workflow_name)
        if created or not workflow.workflow_tasks.exists():
            task, _created = GroupApprovalTask.objects.get_or_create(name=workflow_name)
            task.groups.add(Group.objects.get_or_create(name=group_name)[0])
            # Saved now: workflow.workflow_tasks.create() would keep it in memory only (a
            # modelcluster relation, written by workflow.save()), leaving a workflow with no
            # task, which publishes whatever is submitted to it.
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})
