"""The projects app's models, one module per subject."""

from projects.models.organisations import (
    OrganisationIndexPage,
    OrganisationKind,
    OrganisationPage,
)
from projects.models.projects import (
    PARTNER_ROLE_HEADINGS,
    Currency,
    FinancialInstrument,
    PartnerRole,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectStatus,
)
from projects.models.releases import ReleasesMixin

__all__ = [
    "PARTNER_ROLE_HEADINGS",
    "Currency",
    "FinancialInstrument",
    "OrganisationKind",
    "OrganisationIndexPage",
    "OrganisationPage",
    "PartnerRole",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectStatus",
    "ReleasesMixin",
]
