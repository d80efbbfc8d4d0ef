import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from news.models import (
    NewsIndexPage,
    PressReleaseOrganisation,
    PressReleasePage,
    PressReleaseProject,
    PressReleaseTopic,
    Topic,
)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Jaunumi"
    slug = "jaunumi"

    class Meta:
        model = NewsIndexPage


class PressReleasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Preses relīze {n}")
    slug = factory.Sequence(lambda n: f"relize-{n}")
    release_date = factory.Sequence(lambda n: datetime.date(2014, 1, 1) + datetime.timedelta(n))
    lead = "Latgales reģiona uzņēmēji dosies vizītē uz Krakovu."

    class Meta:
        model = PressReleasePage


class PressReleaseProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressReleaseProject


class PressReleaseOrganisationFactory(factory.django.DjangoModelFactory):
    role = "participant"

    class Meta:
        model = PressReleaseOrganisation


class PressReleaseTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressReleaseTopic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tēma {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


def release_form_data(**overrides):
    """What the admin's release form posts, for a small valid release; fields overridable."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    data = {
        "title": "Uzņēmēji dodas uz Krakovu",
        "slug": "uznemeji-dodas-uz-krakovu",
        "release_date": "2014-12-01",
        "lead": "Latgales uzņēmēji dosies vizītē uz Krakovu.",
        "body": streamfield([("paragraph", rich_text("<p>Vizīte notiks decembrī.</p>"))]),
        "project_links": inline_formset([]),
        "organisation_links": inline_formset([]),
        "further_information": streamfield([]),
        "topic_links": inline_formset([]),
        "comments": inline_formset([]),
        "corrections": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)
