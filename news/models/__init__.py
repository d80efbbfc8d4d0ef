"""The news app's models, one module per subject."""

from news.models.embargo import EmbargoPreview
from news.models.index import NewsIndexPage, ReleaseFilterForm
from news.models.releases import (
    PressReleaseForm,
    PressReleaseOrganisation,
    PressReleasePage,
    PressReleaseProject,
    PressReleaseTopic,
    ReleaseRole,
)
from news.models.topics import Topic

__all__ = [
    "EmbargoPreview",
    "NewsIndexPage",
    "PressReleaseForm",
    "PressReleaseOrganisation",
    "PressReleasePage",
    "PressReleaseProject",
    "PressReleaseTopic",
    "ReleaseFilterForm",
    "ReleaseRole",
    "Topic",
]
