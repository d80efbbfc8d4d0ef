"""Projects, their index, and the organisations' part in them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext, pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.core.api_fields import ImageField, RelatedField
from portal.core.blocks import LinkBlock
from portal.core.feeds import ReleaseFeedsMixin
from portal.core.forms import CONTENT_PANELS, InlinePanel
from portal.core.metadata import description_of
from portal.core.pages import IndexPage, PortalPage
from portal.core.search import page_text
from portal.core.translations import (
    PAGE_TRANSLATABLE_FIELDS,
    localize_pages,
)
from portal.core.visibility import visible
from projects.models.releases import ReleasesMixin


class ProjectIndexPage(IndexPage):
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = visible(ProjectPage.objects.child_of(self), request).order_by(
            "-start_date", "title"
        )
        return context


class FinancialInstrument(models.TextChoices):
    NORWAY_GRANTS_2009_2014 = "nfm-2009-2014", _("Norwegian Financial Mechanism 2009–2014")
    NORWAY_GRANTS_2014_2021 = "nfm-2014-2021", _("Norwegian Financial Mechanism 2014–2021")
    EEA_GRANTS_2009_2014 = "eea-2009-2014", _("EEA Financial Mechanism 2009–2014")
    EEA_GRANTS_2014_2021 = "eea-2014-2021", _("EEA Financial Mechanism 2014–2021")
    ERDF = "erdf", _("European Regional Development Fund")
    ESF = "esf", _("European Social Fund")
    COHESION_FUND = "cf", _("Cohesion Fund")
    INTERREG = "interreg", _("Interreg")
    NATIONAL_BUDGET = "national", _("State budget of Latvia")
    OTHER = "other", pgettext_lazy("financial instrument", "Other")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class Currency(models.TextChoices):
    EUR = "EUR", _("euro (EUR)")
    NOK = "NOK", _("Norwegian krone (NOK)")
    PLN = "PLN", _("Polish złoty (PLN)")


class ProjectPage(ReleasesMixin, ReleaseFeedsMixin, PortalPage):
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    short_name = models.CharField(
        _("short name"),
        max_length=120,
        blank=True,
        help_text=_("Used in lists and links; the page title is the official name."),
    )
    financial_instrument = models.CharField(
        _("financial instrument"), max_length=32, choices=FinancialInstrument.choices
    )
    programme = models.CharField(_("programme"), max_length=500, blank=True)
    project_code = models.CharField(_("project code"), max_length=64, blank=True)
    total_cost = models.DecimalField(
        _("total cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Total cost of all partners, as a number: 1172029.00"),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.ONGOING
    )
    description = RichTextField(_("description"), blank=True)
    external_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("external links")
    )
    funder_name = models.CharField(_("donor"), max_length=255, blank=True)
    funder_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("donor's logo"),
    )
    acknowledgement = models.TextField(
        _("funding acknowledgement"),
        blank=True,
        help_text=_("The sentence the donor's publicity rules ask for."),
    )

    content_panels = CONTENT_PANELS + [
        FieldPanel("short_name"),
        MultiFieldPanel(
            [
                FieldPanel("financial_instrument"),
                FieldPanel("programme"),
                FieldPanel("project_code"),
                FieldRowPanel([FieldPanel("total_cost"), FieldPanel("currency")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("status"),
            ],
            heading=_("Funding and facts"),
        ),
        InlinePanel(
            "partners", heading=_("Partners"), label=_("Partner"), add_label=_("Add partner")
        ),
        FieldPanel("description"),
        FieldPanel("external_links"),
        MultiFieldPanel(
            [FieldPanel("funder_name"), FieldPanel("funder_logo"), FieldPanel("acknowledgement")],
            heading=_("Funding acknowledgement"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("programme"),
        index.SearchField("project_code"),
        index.SearchField("description"),
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("status"),
        index.FilterField("financial_instrument"),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("short_name"),
        SynchronizedField("financial_instrument"),  # a choice: its label is translated by gettext
        TranslatableField("programme"),
        SynchronizedField("project_code"),
        SynchronizedField("total_cost"),
        SynchronizedField("currency"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("status"),
        TranslatableField("description"),
        TranslatableField("external_links"),  # link texts; URLs synced
        TranslatableField("funder_name"),
        SynchronizedField("funder_logo"),
        TranslatableField("acknowledgement"),
        SynchronizedField("partners"),  # organisations and roles; shown in the reader's language
    ]

    api_fields = [
        APIField("short_name"),
        APIField("financial_instrument"),
        APIField("programme"),
        APIField("project_code"),
        APIField("total_cost"),
        APIField("currency"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status"),
        APIField("description"),
        APIField("external_links"),
        APIField("funder_name"),
        APIField("funder_logo", serializer=ImageField()),
        APIField("acknowledgement"),
        APIField(
            "implementer", serializer=RelatedField("projects.api.project_implementer", many=False)
        ),
        APIField("partners", serializer=RelatedField("projects.api.project_partners")),
        APIField("releases", serializer=RelatedField("projects.api.releases")),
    ]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def structured_data(self, request, image_url=None):
        data = {
            "@context": "https://schema.org",
            "@type": "Project",
            "name": self.title,
            "description": description_of(self),
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }
        if self.total_cost is not None:
            data["funding"] = {
                "@type": "MonetaryGrant",
                "name": self.programme or self.get_financial_instrument_display(),
                "amount": {
                    "@type": "MonetaryAmount",
                    "currency": self.currency,
                    "value": str(self.total_cost),
                },
            }
        return data

    def feeds(self):
        return [self]

    def search_text(self):
        return page_text(self, ["short_name", "programme", "project_code", "description"])

    @property
    def display_name(self):
        return self.short_name or self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})
        if self.total_cost is not None and self.total_cost < 0:
            raise ValidationError({"total_cost": _("The total cost cannot be negative.")})

    def partner_groups(self, organisations):
        """[(heading, [Localized organisation, ...]), ...] in the order of PartnerRole, from
        self.partners.all() (prefetch it) and `organisations`, a localize_pages() result."""
        partners = sorted(self.partners.all(), key=lambda partner: partner.sort_order or 0)
        groups = []
        for role in PartnerRole:
            members = [
                organisations[partner.organisation_id]
                for partner in partners
                if partner.role == role and partner.organisation_id in organisations
            ]
            if members:
                groups.append((PARTNER_ROLE_HEADINGS[role](len(members)), members))
        return groups

    def localized_partner_groups(self):
        prefetch_related_objects([self], "partners__organisation")
        organisations = [partner.organisation for partner in self.partners.all()]
        return self.partner_groups(localize_pages(organisations, self.locale_id))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Worked out only when the template shows them (not when the page is in the cache).
        context["partner_groups"] = SimpleLazyObject(self.localized_partner_groups)
        return context


class PartnerRole(models.TextChoices):
    IMPLEMENTER = "implementer", _("Implementer")
    PARTNER = "partner", _("Partner")
    DONOR_PARTNER = "donor-partner", _("Donor-country partner")
    COOPERATION_PARTNER = "cooperation-partner", _("Cooperation partner")


# Headings over a project's partners, in the plural form their number needs.
PARTNER_ROLE_HEADINGS = {
    PartnerRole.IMPLEMENTER: lambda n: npgettext(
        "partner role heading", "Implementer", "Implementers", n
    ),
    PartnerRole.PARTNER: lambda n: npgettext("partner role heading", "Partner", "Partners", n),
    PartnerRole.DONOR_PARTNER: lambda n: npgettext(
        "partner role heading", "Donor-country partner", "Donor-country partners", n
    ),
    PartnerRole.COOPERATION_PARTNER: lambda n: npgettext(
        "partner role heading", "Cooperation partner", "Cooperation partners", n
    ),
}


class ProjectPartner(Orderable):
    """An organisation's part in a project."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "projects.OrganisationPage",
        on_delete=models.CASCADE,
        related_name="project_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=32, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="unique_partner_per_project"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"
