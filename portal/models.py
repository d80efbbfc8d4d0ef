"""The pages that frame the site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from news.models import PressReleasePage
from projects.models import ProjectPage, ProjectStatus


class HomePage(Page):
    """The root of each language's tree."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "projects.ProjectIndexPage", "projects.PartnerIndexPage"]
    max_count_per_parent = 1

    intro = RichTextField(blank=True, verbose_name=_("introduction"))
    latest_releases_count = 5

    content_panels = Page.content_panels + [FieldPanel("intro")]

    api_fields = [APIField("intro")]

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
