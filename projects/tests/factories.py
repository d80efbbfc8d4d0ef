from decimal import Decimal

import factory
import wagtail_factories

from projects.models import (
    OrganisationIndexPage,
    OrganisationPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
)


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Projekti"
    slug = "projekti"

    class Meta:
        model = ProjectIndexPage


class OrganisationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partneri"
    slug = "partneri"

    class Meta:
        model = OrganisationIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Reģionālās attīstības projekts {n}")
    slug = factory.Sequence(lambda n: f"projekts-{n}")
    financial_instrument = "nfm-2009-2014"
    programme = "Kapacitātes stiprināšana un institucionālā sadarbība"
    total_cost = Decimal("1172029.00")
    currency = "EUR"
    status = "ongoing"
    description = "<p>Projekta mērķis ir stiprināt reģionu kapacitāti.</p>"

    class Meta:
        model = ProjectPage


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Uzņēmēju biedrība {n}")
    slug = factory.Sequence(lambda n: f"biedriba-{n}")
    kind = "business-association"
    country = "LV"
    region = "Latgale"

    class Meta:
        model = OrganisationPage


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    role = "partner"

    class Meta:
        model = ProjectPartner
