"""The projects app's models, one module per subject."""

from projects.models.organisations import (
    OrganisationKind,
    PartnerIndexPage,
    PartnerOrganisationPage,
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
from projects.models.releases import RELEASES_PER_PAGE, live_releases_linking_to, releases_page

__all__ = [
    "PARTNER_ROLE_HEADINGS",
    "RELEASES_PER_PAGE",
    "Currency",
    "FinancialInstrument",
    "OrganisationKind",
    "PartnerIndexPage",
    "PartnerOrganisationPage",
    "PartnerRole",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectStatus",
    "live_releases_linking_to",
    "releases_page",
]
