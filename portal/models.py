"""The pages that frame the site."""

from django.utils.translation import gettext_lazy as _

from news.models import PressReleasePage
from portal.index_page import IndexPage
from projects.models import ProjectPage, ProjectStatus


class HomePage(IndexPage):
    """The root of each language's tree."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "projects.ProjectIndexPage", "projects.PartnerIndexPage"]
    # Each language has its own home page under the root, so no per-parent limit here.
    max_count_per_parent = None
    latest_releases_count = 5

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_releases"] = (
            PressReleasePage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("-release_date", "-first_published_at")[: self.latest_releases_count]
        )
        context["projects"] = (
            ProjectPage.objects.descendant_of(self)
            .live()
            .public()
            .exclude(status=ProjectStatus.PLANNED)
            .order_by("status", "-start_date", "title")
        )
        return context
