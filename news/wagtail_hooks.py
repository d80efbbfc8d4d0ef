"""The admin of news: topics (snippets, each language's own people) and embargo preview links."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.models import Translation

from news.models import EmbargoPreview, Topic
from news.permissions import TopicPermissionPolicy
from portal.core.admin_chain import hand_on

# Before the viewset is registered, which would otherwise fall back to the model permissions.
register_permission_policy(Topic, TopicPermissionPolicy(Topic))


class TopicAtHandMixin:
    """Wagtail's generic views check permissions on topics in general; here every check of the
    view is about the topic at hand, so that its language counts (TopicPermissionPolicy)."""

    def topic_at_hand(self):
        return getattr(self, "object", None)

    def user_has_permission(self, permission):
        topic = self.topic_at_hand()
        return super().user_has_permission(permission) and (
            topic is None or self.user_has_permission_for_instance(permission, topic)
        )

    def user_has_any_permission(self, permissions):
        return any(self.user_has_permission(permission) for permission in permissions)


class TopicIndexView(snippets.IndexView):
    """Offers each topic's edit and delete, and "Add" in the listed language, only to whom
    the policy allows them."""

    def allows(self, action, topic):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, topic
        )

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if self.allows("change", instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if self.allows("delete", instance) else None

    def get_add_url(self):
        return super().get_add_url() if self.allows("add", Topic(locale=self.locale)) else None


class TopicCreateView(TopicAtHandMixin, snippets.CreateView):
    def topic_at_hand(self):
        # The new topic's language is the one chosen for the form (?locale=).
        return self.model(locale=self.locale)


class TopicEditView(TopicAtHandMixin, snippets.EditView):
    pass


class TopicDeleteView(TopicAtHandMixin, snippets.DeleteView):
    pass


class TopicHistoryView(TopicAtHandMixin, snippets.HistoryView):
    pass


class TopicUsageView(TopicAtHandMixin, snippets.UsageView):
    pass


class TopicRevisionsCompareView(TopicAtHandMixin, snippets.RevisionsCompareView):
    pass


class TopicRevisionsUnscheduleView(TopicAtHandMixin, snippets.RevisionsUnscheduleView):
    pass


class TopicUnpublishView(TopicAtHandMixin, snippets.UnpublishView):
    pass


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug"]
    search_fields = ["name"]
    # A copy would be a second topic of the same name: not offered.
    copy_view_enabled = False

    index_view_class = TopicIndexView
    add_view_class = TopicCreateView
    edit_view_class = TopicEditView  # also the base of the revert view
    delete_view_class = TopicDeleteView
    history_view_class = TopicHistoryView
    usage_view_class = TopicUsageView
    revisions_compare_view_class = TopicRevisionsCompareView
    revisions_unschedule_view_class = TopicRevisionsUnscheduleView
    unpublish_view_class = TopicUnpublishView


register_snippet(TopicViewSet)


def translation_target_checked(url_name):
    """wagtail-localize's translation endpoints ask only whether the user may edit snippets of
    the translation's type; this view (at `url_name`) also asks the snippet's permission policy
    about the very snippet the translation writes to (for a topic: its language), then hands
    the request on. Pages are checked by wagtail-localize itself, on the page's permissions."""

    def checked(request, translation_id, **kwargs):
        translation = get_object_or_404(Translation, pk=translation_id)
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            target = None
        if target is not None and not isinstance(target, Page):
            policy = policy_registry.get(target)
            if not policy.user_has_permission_for_instance(request.user, "change", target):
                raise PermissionDenied
        return hand_on(request, url_name)

    return checked


# wagtail-localize's paths that write to a translation's target (or hand out its text).
TRANSLATION_PATHS = {
    "news_edit_string_translation": "strings/<int:string_segment_id>/edit/",
    "news_edit_override": "overrides/<int:overridable_segment_id>/edit/",
    "news_upload_pofile": "pofile/upload/",
    "news_download_pofile": "pofile/download/",
    "news_machine_translate": "machine_translate/",
    "news_stop_translation": "disable/",
}


@hooks.register("register_admin_urls", order=-2)
def register_checked_translation_views():
    # Before the portal's checks (order -1) and wagtail-localize's views: these paths resolve
    # here first (after portal/editorial/url_guards.py, order -3), then go on to them.
    return [
        path(
            f"localize/translate/<int:translation_id>/{route}",
            translation_target_checked(name),
            name=name,
        )
        for name, route in TRANSLATION_PATHS.items()
    ]


class EmbargoPreviewViewSet(ModelViewSet):
    """Preview links to embargoed releases, for Editors and Moderators (model permissions)."""

    model = EmbargoPreview
    icon = "view"
    menu_label = _("Embargo previews")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["release", "recipient", "expires_at", "revoked", "url"]

    def get_edit_view_kwargs(self, **kwargs):
        # The release is shown, not in the form: a token already sent names it.
        panel = ObjectList(EmbargoPreview.edit_panels).bind_to_model(EmbargoPreview)
        return super().get_edit_view_kwargs(
            panel=panel, form_class=panel.get_form_class(), **kwargs
        )


@hooks.register("register_admin_viewset")
def register_embargo_previews():
    return EmbargoPreviewViewSet("embargo_previews")
