"""The pages, topics and images an API response nests, loaded for a whole response at once.

A listing of 50 releases asking for `fields=projects,organisations` costs the same few queries
as one release: each kind of relation is loaded on first use for every page of the response,
then read per page (see RelatedField in portal/core/api_fields.py).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import translation
from rest_framework.fields import DateTimeField
from wagtail.models import Locale, Page

from portal.api.public import public_pages
from portal.core.translations import localize_pages, one_per_page, originals

# A project or partner nests its newest releases; the rest are a filtered listing away.
NESTED_RELEASES = 20


class RelatedContent:
    def __init__(self, pages, request):
        self.pages = [page for page in pages if isinstance(page, Page)]
        self.request = request
        locales = Locale.objects.in_bulk()
        self.languages = {pk: locale.language_code for pk, locale in locales.items()}
        for page in self.pages:
            page.locale = locales[page.locale_id]  # what `meta.locale` reads, without a query
        self._loaded = {}

    def get(self, kind, page):
        if kind not in self._loaded:
            self._loaded[kind] = getattr(self, f"load_{kind}")()
        return self._loaded[kind].get(page.pk)

    def of_type(self, model_name):
        return [page for page in self.pages if type(page).__name__ == model_name]

    # Summaries ------------------------------------------------------------------------------

    def summary(self, page, **extra):
        return {
            "id": page.pk,
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "title": page.title,
            "html_url": page.get_full_url(self.request),
            "locale": self.languages[page.locale_id],
            **extra,
        }

    def project_summary(self, project, **extra):
        with translation.override(self.languages[project.locale_id]):
            instrument_name = str(project.get_financial_instrument_display())
        return self.summary(
            project,
            short_name=project.short_name,
            programme=project.programme,
            financial_instrument=project.financial_instrument,
            financial_instrument_name=instrument_name,
            **extra,
        )

    def organisation_summary(self, organisation, **extra):
        return self.summary(
            organisation,
            short_name=organisation.short_name,
            country=organisation.country.code,
            **extra,
        )

    def release_summary(self, release):
        return self.summary(release, release_date=release.release_date.isoformat())

    def localize(self, targets_by_page):
        """{page pk: [Localized target, ...]} with each target in its page's language."""
        by_locale = defaultdict(list)
        for page in self.pages:
            by_locale[page.locale_id].extend(targets_by_page.get(page.pk, []))
        localized = {
            locale_id: localize_pages(targets, locale_id)
            for locale_id, targets in by_locale.items()
        }
        return {
            page.pk: [
                localized[page.locale_id][target.pk]
                for target in targets_by_page.get(page.pk, [])
                if target.pk in localized[page.locale_id]
            ]
            for page in self.pages
        }

    # Every page -----------------------------------------------------------------------------

    def load_translations(self):
        keys = {page.translation_key for page in self.pages}
        siblings = defaultdict(list)
        for other in (
            public_pages(self.request)
            .filter(translation_key__in=keys)
            .order_by("locale__language_code")
        ):
            siblings[other.translation_key].append(other)
        return {
            page.pk: [
                {
                    "id": other.pk,
                    "locale": self.languages[other.locale_id],
                    "title": other.title,
                    "html_url": other.get_full_url(self.request),
                }
                for other in siblings[page.translation_key]
                if other.pk != page.pk
            ]
            for page in self.pages
        }

    def load_original(self):
        return {
            pk: {
                "id": original.page.pk,
                "locale": self.languages[original.page.locale_id],
                "title": original.page.title,
                "html_url": original.page.get_full_url(self.request),
            }
            for pk, original in self.originals().items()
        }

    def load_outdated_since(self):
        return {
            pk: DateTimeField().to_representation(original.outdated_since)
            for pk, original in self.originals().items()
            if original.outdated_since is not None
        }

    def originals(self):
        """Each translation's Latvian original, for both meta fields in one query."""
        if "originals" not in self._loaded:
            self._loaded["originals"] = originals(self.pages, self.request)
        return self._loaded["originals"]

    # Press releases -------------------------------------------------------------------------

    def load_release_projects(self):
        from news.models import PressReleaseProject

        links = PressReleaseProject.objects.filter(
            page__in=[page.pk for page in self.of_type("PressReleasePage")]
        ).select_related("project")
        targets = defaultdict(list)
        for link in links:
            targets[link.page_id].append(link.project)
        return {
            pk: [self.project_summary(entry.page) for entry in entries]
            for pk, entries in self.localize(targets).items()
        }

    def load_release_organisations(self):
        from news.models import PressReleaseOrganisation

        links = PressReleaseOrganisation.objects.filter(
            page__in=[page.pk for page in self.of_type("PressReleasePage")]
        ).select_related("organisation")
        targets, roles = defaultdict(list), {}
        for link in links:
            targets[link.page_id].append(link.organisation)
            roles[(link.page_id, link.organisation.translation_key)] = link.role
        return {
            pk: [
                self.organisation_summary(entry.page, role=roles[(pk, entry.page.translation_key)])
                for entry in entries
            ]
            for pk, entries in self.localize(targets).items()
        }

    def load_release_topics(self):
        from news.models import PressReleaseTopic, Topic

        # Only live topics, under their published name; a draft translation is not shown.
        links = PressReleaseTopic.objects.filter(
            page__in=[page.pk for page in self.of_type("PressReleasePage")], topic__live=True
        ).select_related("topic")
        topics = defaultdict(list)
        for link in links:
            topics[link.page_id].append(link.topic)
        locale_of = {page.pk: page.locale_id for page in self.pages}
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
                    "locale": self.languages[shown.locale_id],
                }
                for topic in group
                for shown in [translated.get((topic.translation_key, locale_of[pk]), topic)]
            ]
            for pk, group in topics.items()
        }

    # Projects and partners ------------------------------------------------------------------

    def project_partner_rows(self):
        from projects.models import ProjectPartner

        return ProjectPartner.objects.filter(
            project__in=[page.pk for page in self.of_type("ProjectPage")]
        ).select_related("organisation")

    def load_project_partners(self):
        rows = list(self.project_partner_rows())
        targets, roles = defaultdict(list), {}
        for row in rows:
            targets[row.project_id].append(row.organisation)
            roles[(row.project_id, row.organisation.translation_key)] = row.role
        return {
            pk: [
                self.organisation_summary(entry.page, role=roles[(pk, entry.page.translation_key)])
                for entry in entries
            ]
            for pk, entries in self.localize(targets).items()
        }

    def load_project_implementer(self):
        from projects.models import PartnerRole

        result = {}
        for page in self.of_type("ProjectPage"):
            implementers = [
                partner
                for partner in self.get("project_partners", page) or []
                if partner["role"] == PartnerRole.IMPLEMENTER
            ]
            result[page.pk] = (
                {key: value for key, value in implementers[0].items() if key != "role"}
                if implementers
                else None
            )
        return result

    def load_partner_projects(self):
        from projects.models import ProjectPartner

        organisations = self.of_type("PartnerOrganisationPage")
        rows = ProjectPartner.objects.filter(
            organisation__translation_key__in={page.translation_key for page in organisations},
            project__in=public_pages(self.request).values("pk"),
        ).select_related("project", "organisation")
        by_key = defaultdict(list)
        for row in rows:
            by_key[row.organisation.translation_key].append(row)
        targets, roles = defaultdict(list), {}
        for page in organisations:
            for entry in one_per_page(
                by_key[page.translation_key], page.locale_id, lambda row: row.project
            ):
                targets[page.pk].append(entry.page.project)
                roles[(page.pk, entry.page.project.translation_key)] = entry.page.role
        # Each project in the organisation's language where translated.
        return {
            pk: [
                self.project_summary(entry.page, role=roles[(pk, entry.page.translation_key)])
                for entry in entries
            ]
            for pk, entries in self.localize(targets).items()
        }

    def load_project_releases(self):
        return self.linked_releases("ProjectPage", "press_release_links", "project")

    def load_partner_releases(self):
        return self.linked_releases(
            "PartnerOrganisationPage", "press_release_links", "organisation"
        )

    def linked_releases(self, model_name, relation, target):
        """Each page's newest live, public releases linking to it (or to a translation of it),
        in the page's language, falling back to the Latvian release where not translated."""
        pages = self.of_type(model_name)
        if not pages:
            return {}
        link_model = type(pages[0])._meta.get_field(relation).related_model
        key = f"{target}__translation_key"
        links = (
            link_model.objects.filter(
                Q(page__locale_id__in={page.locale_id for page in pages})
                | Q(page__locale__language_code=settings.LANGUAGE_CODE),
                **{f"{key}__in": {page.translation_key for page in pages}},
                page__in=public_pages(self.request).values("pk"),
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
                or self.languages[release.locale_id] == settings.LANGUAGE_CODE
            ]
            chosen = one_per_page(candidates, page.locale_id, lambda release: release)
            result[page.pk] = [self.release_summary(entry.page) for entry in chosen][
                :NESTED_RELEASES
            ]
        return result
