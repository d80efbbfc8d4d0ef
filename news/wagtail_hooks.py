from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import EmbargoPreview, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


class EmbargoPreviewViewSet(ModelViewSet):
    """Preview links to embargoed releases, for Editors and Moderators (model permissions)."""

    model = EmbargoPreview
    icon = "view"
    menu_label = _("Embargo previews")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["release", "recipient", "expires_at", "revoked", "url"]
    form_fields = ["release", "recipient", "expires_at", "revoked"]


@hooks.register("register_admin_viewset")
def register_embargo_previews():
    return EmbargoPreviewViewSet("embargo_previews")
