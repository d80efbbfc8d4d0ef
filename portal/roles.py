"""Who edits what: Editors the Latvian source, each translator group its own language's tree.

Wagtail grants page permissions per page (and its subtree), so a language's permissions hang on
its home page; they are granted when that home page is created (see apps.py), which for English
and Polish is when the site is first translated.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
TRANSLATORS = {"en": "Translators (English)", "pl": "Translators (Polish)"}

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page"]


def group_for_language(language_code):
    if language_code == settings.LANGUAGE_CODE:
        return EDITORS, EDITOR_PAGE_PERMISSIONS
    if language_code in TRANSLATORS:
        return TRANSLATORS[language_code], TRANSLATOR_PAGE_PERMISSIONS
    return None, []


def grant_tree_permissions(home_page):
    """Give the group of `home_page`'s language its page permissions on that tree."""
    from wagtail.models import GroupPagePermission

    group_name, codenames = group_for_language(home_page.locale.language_code)
    if group_name is None:
        return
    group, _created = Group.objects.get_or_create(name=group_name)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=home_page, permission=permission
        )
