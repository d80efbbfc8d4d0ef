"""The news app's models, one module per subject."""

from news.models.embargo import EmbargoPreview
from news.models.releases import (
    NewsIndexPage,
    PressReleaseForm,
    PressReleaseOrganisation,
    PressReleasePage,
    PressReleaseProject,
    PressReleaseTopic,
    ReleaseFilterForm,
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
