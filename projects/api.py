"""How projects and organisations appear in the API: their summaries where other pages nest
them, and what they nest (partners, implementer, projects, releases), each loaded for all the
response's pages at once (portal/api/related.py)."""

from collections import defaultdict

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import translation

from portal.core.api_schema import (
    DATE,
    STREAM,
    STRING,
    array,
    nullable,
    ref,
    summary,
)
from portal.core.translations import one_per_page
from portal.core.visibility import public_pages
from projects.models import PartnerRole, ProjectPartner

# A project or organisation nests its newest releases; the rest are a filtered listing away.
NESTED_RELEASES = 20


def project_summary(related, project, **extra):
    with translation.override(related.languages[project.locale_id]):
        instrument_name = str(project.get_financial_instrument_display())
    return related.summary(
        project,
        short_name=project.short_name,
        programme=project.programme,
        financial_instrument=project.financial_instrument,
        financial_instrument_name=instrument_name,
        **extra,
    )


def organisation_summary(related, organisation, **extra):
    return related.summary(
        organisation,
        short_name=organisation.short_name,
        country=organisation.country.code,
        **extra,
    )


def release_summary(related, release):
    return related.summary(release, release_date=release.release_date.isoformat())


def linked_organisations(related, rows, page_of):
    """{page pk: [summary with role, ...]} for link rows to organisations, in each page's
    language."""
    targets, roles = defaultdict(list), {}
    for row in rows:
        targets[page_of(row)].append(row.organisation)
        roles[(page_of(row), row.organisation.translation_key)] = row.role
    return {
        pk: [
            organisation_summary(related, entry.page, role=roles[(pk, entry.page.translation_key)])
            for entry in entries
        ]
        for pk, entries in related.localize(targets).items()
    }


def project_partners(related, pages):
    rows = ProjectPartner.objects.filter(project__in=[page.pk for page in pages]).select_related(
        "organisation"
    )
    return linked_organisations(related, rows, lambda row: row.project_id)


def project_implementer(related, pages):
    result = {}
    for page in pages:
        implementers = [
            partner
            for partner in related.get(project_partners, page) or []
            if partner["role"] == PartnerRole.IMPLEMENTER
        ]
        result[page.pk] = (
            {key: value for key, value in implementers[0].items() if key != "role"}
            if implementers
            else None
        )
    return result


def organisation_projects(related, pages):
    rows = ProjectPartner.objects.filter(
        organisation__translation_key__in={page.translation_key for page in pages},
        project__in=public_pages(related.request).values("pk"),
    ).select_related("project", "organisation")
    by_key = defaultdict(list)
    for row in rows:
        by_key[row.organisation.translation_key].append(row)
    targets, roles = defaultdict(list), {}
    for page in pages:
        for entry in one_per_page(
            by_key[page.translation_key], page.locale_id, lambda row: row.project
        ):
            targets[page.pk].append(entry.page.project)
            roles[(page.pk, entry.page.project.translation_key)] = entry.page.role
    # Each project in the organisation's language where translated.
    return {
        pk: [
            project_summary(related, entry.page, role=roles[(pk, entry.page.translation_key)])
            for entry in entries
        ]
        for pk, entries in related.localize(targets).items()
    }


def releases(related, pages):
    """Each project's or organisation's newest live, public releases linking to it (or to a
    translation of it), in the page's language, falling back to the Latvian release where not
    translated. The releases' link rows are found by news' reverse relation
    `press_release_links`, as on the page (projects.models.ReleasesMixin)."""
    if not pages:
        return {}
    relation = type(pages[0])._meta.get_field("press_release_links")
    target = relation.field.name
    key = f"{target}__translation_key"
    links = (
        relation.related_model.objects.filter(
            Q(page__locale_id__in={page.locale_id for page in pages})
            | Q(page__locale__language_code=related.default_language),
            **{f"{key}__in": {page.translation_key for page in pages}},
            page__in=public_pages(related.request).values("pk"),
        )
        .annotate(
            target_key=F(key),
            rank=Window(
                RowNumber(),
                partition_by=[F(key), F("page__locale_id")],
                order_by=[F("page__release_date").desc(), F("page__first_published_at").desc()],
            ),
        )
        .filter(rank__lte=NESTED_RELEASES)
        .select_related("page")
        .order_by("-page__release_date", "-page__first_published_at")
    )
    by_key = defaultdict(list)
    for link in links:
        by_key[link.target_key].append(link.page)
    result = {}
    for page in pages:
        candidates = [
            release
            for release in by_key[page.translation_key]
            if release.locale_id == page.locale_id
            or related.languages[release.locale_id] == related.default_language
        ]
        chosen = one_per_page(candidates, page.locale_id, lambda release: release)
        result[page.pk] = [release_summary(related, entry.page) for entry in chosen][
            :NESTED_RELEASES
        ]
    return result


# The API's description of projects and organisations (portal/api/openapi.py gathers it).
PROJECT_SUMMARY = {
    "short_name": STRING,
    "programme": STRING,
    "financial_instrument": STRING,
    "financial_instrument_name": STRING,
}
ORGANISATION_SUMMARY = {"short_name": STRING, "country": STRING}
PROJECT_FIELDS = {
    "short_name": STRING,
    "financial_instrument": STRING,
    "programme": STRING,
    "project_code": STRING,
    "total_cost": nullable({"type": "string", "pattern": r"^-?\d+\.\d{2}$"}),
    "currency": {"type": "string", "enum": ["EUR", "NOK", "PLN"]},
    "start_date": nullable(DATE),
    "end_date": nullable(DATE),
    "status": {"type": "string", "enum": ["planned", "ongoing", "completed"]},
    "description": STRING,
    "external_links": STREAM,
    "funder_name": STRING,
    "funder_logo": nullable(ref("Image")),
    "acknowledgement": STRING,
    "implementer": nullable(ref("OrganisationSummary")),
    "partners": array(ref("Partner")),
    "releases": {**array(ref("ReleaseSummary")), "maxItems": NESTED_RELEASES},
}
ORGANISATION_FIELDS = {
    "short_name": STRING,
    "kind": STRING,
    "country": STRING,
    "region": STRING,
    "website": STRING,
    "logo": nullable(ref("Image")),
    "description": STRING,
    "projects": array(ref("ProjectRole")),
    "releases": {**array(ref("ReleaseSummary")), "maxItems": NESTED_RELEASES},
}
OPENAPI = {
    "page_types": {"Project": PROJECT_FIELDS, "Organisation": ORGANISATION_FIELDS},
    "renamed_types": {
        "projects.PartnerOrganisationPage": "projects.OrganisationPage",
        "projects.PartnerIndexPage": "projects.OrganisationIndexPage",
    },
    "schemas": {
        # The old name of Organisation, for clients generated from the document (until the
        # old names go, portal/core/api_input.py).
        "PartnerOrganisation": {"$ref": "#/components/schemas/Organisation", "deprecated": True},
        "ProjectSummary": summary(PROJECT_SUMMARY),
        "ProjectRole": summary({**PROJECT_SUMMARY, "role": STRING}),
        "OrganisationSummary": summary(ORGANISATION_SUMMARY),
        "Partner": summary(
            {
                **ORGANISATION_SUMMARY,
                "role": {"type": "string", "enum": [role.value for role in PartnerRole]},
            }
        ),
        "ReleaseSummary": summary({"release_date": DATE}),
    },
    "parameters": [],
    "filters": [],
}
