"""Who may do what to which topic: Wagtail has no per-language permission for snippets, so the
topics' permission policy adds the language to the model permissions the groups have."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.roles import GROUP_LANGUAGES, languages_of


class TopicPermissionPolicy(ModelPermissionPolicy):
    """A user may do to a topic what their groups' model permissions allow (granted in
    news/migrations/0006), and only to topics in the languages those groups work in
    (portal.core.roles): Editors and Moderators the Latvian topics, Translators and Reviewers their
    own language's. Deleting a live topic takes the right to publish too, as it does for pages.
    """

    def needed(self, action, instance):
        """The permissions `action` on `instance` takes."""
        if action == "delete" and instance.live:
            return {"delete", "publish"}
        return {action}

    def works_in(self, user, locale_id):
        if not hasattr(user, "_portal_locale_ids"):
            user._portal_locale_ids = set(
                Locale.objects.filter(language_code__in=languages_of(user)).values_list(
                    "pk", flat=True
                )
            )
        return locale_id in user._portal_locale_ids

    def user_has_permission_for_instance(self, user, action, instance):
        return self.works_in(user, instance.locale_id) and all(
            self.user_has_permission(user, needed) for needed in self.needed(action, instance)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        topics = self.model._default_manager.filter(locale__language_code__in=languages_of(user))
        allowed = {action for action in actions if self.user_has_permission(user, action)}
        if not allowed:
            return topics.none()
        if allowed == {"delete"} and not self.user_has_permission(user, "publish"):
            return topics.filter(live=False)
        return topics

    def users_with_any_permission_for_instance(self, actions, instance):
        User = get_user_model()
        users = User.objects.none()
        for action in actions:
            allowed = User.objects.all()
            for needed in self.needed(action, instance):
                allowed = allowed.filter(pk__in=self.users_with_permission(needed))
            users |= allowed
        language = instance.locale.language_code
        groups = [name for name, works_in in GROUP_LANGUAGES.items() if works_in == language]
        return users.filter(Q(is_superuser=True) | Q(groups__name__in=groups)).distinct()
