"""The organisations that take part in projects, and their index."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from rest_framework.fields import CharField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.core.api_fields import ImageField, RelatedField
from portal.core.forms import CONTENT_PANELS, PortalPageForm
from portal.core.links import WebAddressField
from portal.core.pages import IndexPage, PortalPage
from portal.core.search import page_text
from portal.core.translations import (
    PAGE_TRANSLATABLE_FIELDS,
    Localized,
    one_per_page,
)
from portal.core.visibility import visible
from projects.models.projects import ProjectPartner
from projects.models.releases import ReleasesMixin


class OrganisationIndexPage(IndexPage):
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["projects.OrganisationPage"]

    class Meta:
        verbose_name = _("organisation index")
        verbose_name_plural = _("organisation indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = visible(
            OrganisationPage.objects.child_of(self), request
        ).order_by("country", "title")
        return context


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    PLANNING_REGION = "planning-region", _("Planning region")
    REGIONAL_AUTHORITY = "regional-authority", _("Regional authority (county, voivodeship)")
    MUNICIPALITY = "municipality", _("Municipality")
    BUSINESS_ASSOCIATION = "business-association", _("Business association")
    BUSINESS_SUPPORT = "business-support", _("Business support organisation")
    NGO = "ngo", _("Non-governmental organisation")
    COMPANY = "company", _("Company")
    OTHER = "other", pgettext_lazy("kind of organisation", "Other")


class OrganisationPage(ReleasesMixin, PortalPage):
    """An organisation: the page title is its full name."""

    base_form_class = PortalPageForm
    parent_page_types = ["projects.OrganisationIndexPage"]
    subpage_types = []

    short_name = models.CharField(_("short name or abbreviation"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=120, blank=True)
    website = WebAddressField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = models.TextField(_("short description"), blank=True)

    content_panels = CONTENT_PANELS + [
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("region"),
        index.SearchField("description"),
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("kind"),
        index.FilterField("country"),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("short_name"),  # VARAM, MEPRD
        SynchronizedField("kind"),
        SynchronizedField("country"),
        TranslatableField("region"),  # Mazpolija, Lesser Poland, Małopolska
        SynchronizedField("website", overridable=False),  # translators keep the address
        SynchronizedField("logo"),
        TranslatableField("description"),
    ]

    api_fields = [
        APIField("short_name"),
        APIField("kind"),
        APIField("country", serializer=CharField(read_only=True)),
        APIField("region"),
        APIField("website"),
        APIField("logo", serializer=ImageField()),
        APIField("description"),
        APIField("projects", serializer=RelatedField("projects.api.organisation_projects")),
        APIField("releases", serializer=RelatedField("projects.api.releases")),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def structured_data(self, request, image_url=None):
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "url": self.website or self.get_full_url(request),
            "address": {"@type": "PostalAddress", "addressCountry": self.country.code},
        }
        if self.short_name:
            data["alternateName"] = self.short_name
        if self.description:
            data["description"] = self.description
        if image_url:
            data["logo"] = image_url
        return data

    def search_text(self):
        return page_text(self, ["short_name", "region", "description"])

    def get_project_roles(self):
        """This organisation's parts in live, public projects, each project in this page's
        language where translated: [{"project": Localized, "role": ProjectPartner}, ...]."""
        roles = (
            ProjectPartner.objects.filter(
                Q(project__locale_id=self.locale_id)
                | Q(project__locale__language_code=settings.LANGUAGE_CODE),
                organisation__translation_key=self.translation_key,
                project__in=visible(Page.objects.all()).values("pk"),
            )
            .select_related("project")
            .order_by("project__title")
        )
        return [
            {"project": Localized(entry.page.project, entry.fallback), "role": entry.page}
            for entry in one_per_page(list(roles), self.locale_id, lambda role: role.project)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["project_roles"] = SimpleLazyObject(self.get_project_roles)
        return context
