"""How press releases appear in the API: the projects, organisations and topics they nest
(loaded for all the response's releases at once, portal/api/related.py), the filters of their
listing (?project=, ?organisation=, ?topic=, dates) and their part of the OpenAPI document (OPENAPI;
this module is listed in API_CONTENT_MODULES)."""

from collections import defaultdict

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from news.models import (
    PressReleaseOrganisation,
    PressReleasePage,
    PressReleaseProject,
    PressReleaseTopic,
    ReleaseRole,
    Topic,
)
from portal.core.api_input import MAX_ID, OLD_NAMES_UNTIL, iso_date, positive_int
from portal.core.api_schema import (
    DATE,
    ID,
    LOCALE,
    STREAM,
    STRING,
    array,
    nullable,
    obj,
    query,
    ref,
    summary,
)
from projects.api import linked_organisations, project_summary


def release_projects(related, pages):

    links = PressReleaseProject.objects.filter(page__in=[page.pk for page in pages]).select_related(
        "project"
    )
    targets = defaultdict(list)
    for link in links:
        targets[link.page_id].append(link.project)
    return {
        pk: [project_summary(related, entry.page) for entry in entries]
        for pk, entries in related.localize(targets).items()
    }


def release_organisations(related, pages):
    links = PressReleaseOrganisation.objects.filter(
        page__in=[page.pk for page in pages]
    ).select_related("organisation")
    return linked_organisations(related, links, lambda link: link.page_id)


def release_topics(related, pages):
    # Only live topics, under their published name; a draft translation is not shown.
    links = PressReleaseTopic.objects.filter(
        page__in=[page.pk for page in pages], topic__live=True
    ).select_related("topic")
    topics = defaultdict(list)
    for link in links:
        topics[link.page_id].append(link.topic)
    locale_of = {page.pk: page.locale_id for page in pages}
    keys = {topic.translation_key for group in topics.values() for topic in group}
    translated = {
        (topic.translation_key, topic.locale_id): topic
        for topic in Topic.objects.live().filter(translation_key__in=keys)
    }
    return {
        pk: [
            {
                "id": shown.pk,
                "name": shown.name,
                "slug": shown.slug,
                "locale": related.languages[shown.locale_id],
            }
            for topic in group
            for shown in [translated.get((topic.translation_key, locale_of[pk]), topic)]
        ]
        for pk, group in topics.items()
    }


class ReleaseFilter(BaseFilterBackend):
    """?project=, ?organisation=, ?topic=, ?date_from=, ?date_to= on press releases.

    A project or organisation is given by the id of any of its translations; a topic by its slug
    or id. Translated releases link to the Latvian pages, so matching is by translation key.
    """

    parameters = ["project", "organisation", "topic", "date_from", "date_to"]

    def filter_queryset(self, request, queryset, view):
        used = [name for name in self.parameters if name in request.GET]
        if not used:
            return queryset
        if queryset.model is not PressReleasePage:
            raise BadRequestError(
                f"{', '.join(used)} filter press releases: add type=news.PressReleasePage"
            )
        date_from, date_to = iso_date(request, "date_from"), iso_date(request, "date_to")
        if date_from and date_to and date_to < date_from:
            raise BadRequestError("date_to cannot be before date_from")
        if date_from:
            queryset = queryset.filter(release_date__gte=date_from)
        if date_to:
            queryset = queryset.filter(release_date__lte=date_to)
        # Filtered by id (an indexed field), so the filters also work together with ?search=.
        for name, link_model, target in [
            ("project", PressReleaseProject, "project"),
            ("organisation", PressReleaseOrganisation, "organisation"),
        ]:
            pk = positive_int(request, name, maximum=MAX_ID)
            if pk is not None:
                key = Page.objects.filter(pk=pk).values_list("translation_key", flat=True).first()
                if key is None:
                    raise BadRequestError(f"{name} {pk} does not exist")
                linked = link_model.objects.filter(**{f"{target}__translation_key": key})
                queryset = queryset.filter(pk__in=linked.values("page_id"))
        topic = request.GET.get("topic")
        if topic is not None:
            lookup = {"pk": int(topic)} if topic.isascii() and topic.isdigit() else {"slug": topic}
            key = (
                Topic.objects.live()
                .filter(**lookup)
                .values_list("translation_key", flat=True)
                .first()
            )
            if key is None:
                raise BadRequestError(f"topic {topic!r} does not exist")
            linked = PressReleaseTopic.objects.filter(topic__translation_key=key)
            queryset = queryset.filter(pk__in=linked.values("page_id"))
        return queryset


# The API's description of releases (portal/api/openapi.py gathers it).
RELEASE_FIELDS = {
    "release_date": DATE,
    "lead": STRING,
    "body": STREAM,
    "event_start": nullable(DATE),
    "event_end": nullable(DATE),
    "event_place": STRING,
    "event_country": STRING,
    "further_information": STREAM,
    "contact_name": STRING,
    "contact_email": STRING,
    "contact_phone": STRING,
    "projects": array(ref("ProjectSummary")),
    "organisations": array(ref("OrganisationInRelease")),
    "topics": array(obj({"id": ID, "name": STRING, "slug": STRING, "locale": LOCALE})),
    "corrections": STREAM,
    "withdrawn_on": nullable(DATE),
    "withdrawal_notice": STRING,
}
OPENAPI = {
    "page_types": {"PressRelease": RELEASE_FIELDS},
    "schemas": {
        "OrganisationInRelease": summary(
            {
                "short_name": STRING,
                "country": STRING,
                "role": {"type": "string", "enum": [role.value for role in ReleaseRole]},
            }
        ),
    },
    "parameters": [
        query("project", ID, "Releases of this project (the id of any of its translations)."),
        query("organisation", ID, "Releases naming this organisation (any translation's id)."),
        query("partner", ID, f"The old name of organisation (until {OLD_NAMES_UNTIL}).", True),
        query("topic", STRING, "Releases filed under this topic (slug or id)."),
        query("date_from", DATE, "Releases dated on or after this day."),
        query("date_to", DATE, "Releases dated on or before this day."),
    ],
    "filters": [ReleaseFilter],
    "renamed_parameters": {"partner": "organisation"},
}
