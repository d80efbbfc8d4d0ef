"""The pages that frame the site: each language's home page and the accessibility statement."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from news.models import NewsIndexPage, PressReleasePage
from portal.core.forms import CONTENT_PANELS
from portal.core.pages import IndexPage, PortalPage
from portal.core.translations import PAGE_TRANSLATABLE_FIELDS
from portal.core.visibility import visible
from projects.models import ProjectPage, ProjectStatus


class HomePage(IndexPage):
    """The root of each language's tree."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "projects.ProjectIndexPage",
        "projects.OrganisationIndexPage",
        "portal.AccessibilityStatementPage",
    ]
    # Each language has its own home page under the root, so no per-parent limit here.
    max_count_per_parent = None
    latest_releases_count = 5

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Wagtail walks the path a level at a time (two queries a level); this finds the
        deepest page the path names in one query, by url_path (indexed in migration 0008), and
        lets that page route the rest (feed/rss/ on an index). A child page therefore wins
        over a route of its parent with the same name, as it does in Wagtail's own walk for
        pages that are not routable."""
        if not path_components:
            return super().route(request, path_components)
        depth_of = {
            self.url_path + "/".join(path_components[:depth]) + "/": depth
            for depth in range(1, len(path_components) + 1)
        }
        found = (
            Page.objects.filter(url_path__in=depth_of, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        if found is None:
            raise Http404
        return found.specific.route(request, path_components[depth_of[found.url_path] :])

    def feeds(self):
        """This language's news."""
        return list(visible(NewsIndexPage.objects.child_of(self))[:1])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Querysets, run only when the template shows them (not when the page is in the cache).
        context["latest_releases"] = visible(
            PressReleasePage.objects.descendant_of(self), request
        ).order_by("-release_date", "-first_published_at")[: self.latest_releases_count]
        context["projects"] = (
            visible(ProjectPage.objects.descendant_of(self), request)
            .exclude(status=ProjectStatus.PLANNED)
            .order_by("status", "-start_date", "title")
        )
        return context


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(PortalPage):
    """The accessibility statement a Latvian public body must publish (Directive (EU)
    2016/2102): how far the site meets WCAG 2.1 AA, what is not accessible, how to ask for it."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    compliance_status = models.CharField(
        _("compliance status"), max_length=16, choices=ComplianceStatus.choices
    )
    standard = models.CharField(_("standard"), max_length=120, default="WCAG 2.1 AA (EN 301 549)")
    body = RichTextField(
        _("statement"),
        help_text=_("What is not accessible and why, and the alternatives offered."),
    )
    feedback = RichTextField(_("feedback and contact"))
    enforcement = RichTextField(_("enforcement procedure"), blank=True)
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)

    content_panels = CONTENT_PANELS + [
        FieldPanel("compliance_status"),
        FieldPanel("standard"),
        FieldPanel("body"),
        FieldPanel("feedback"),
        FieldPanel("enforcement"),
        FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        SynchronizedField("compliance_status"),
        SynchronizedField("standard"),
        TranslatableField("body"),
        TranslatableField("feedback"),
        TranslatableField("enforcement"),
        SynchronizedField("prepared_on"),
        SynchronizedField("reviewed_on"),
    ]

    api_fields = [
        APIField("compliance_status"),
        APIField("standard"),
        APIField("body"),
        APIField("feedback"),
        APIField("enforcement"),
        APIField("prepared_on"),
        APIField("reviewed_on"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
