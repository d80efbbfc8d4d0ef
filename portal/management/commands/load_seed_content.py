"""Create the site tree and publish the seed press release with its project and organisations,
in Latvian, then in English and Polish through wagtail-localize.

Idempotent: what exists already (found by its slug under its parent, or as a translation) is
left as it is, so a second run changes nothing and never overwrites an editor's or a
translator's later changes.
"""

import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from news.models import (
    NewsIndexPage,
    PressReleaseOrganisation,
    PressReleasePage,
    PressReleaseProject,
    PressReleaseTopic,
    Topic,
)
from portal.models import AccessibilityStatementPage, HomePage
from portal.seed import krakow, krakow_translations
from projects.models import (
    OrganisationIndexPage,
    OrganisationPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
)

LINK_PATTERN = re.compile(r"\{(project|org:[\w-]+)\|([^}]+)\}")


class Command(BaseCommand):
    help = "Create the site tree and publish the seed content (Latvian). Safe to run again."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
            home = self.ensure_home(locale)
            news_index = self.ensure_page(home, NewsIndexPage, krakow.NEWS_INDEX)
            project_index = self.ensure_page(home, ProjectIndexPage, krakow.PROJECT_INDEX)
            organisation_index = self.ensure_page(
                home, OrganisationIndexPage, krakow.ORGANISATION_INDEX
            )
            statement = self.ensure_page(
                home, AccessibilityStatementPage, krakow.ACCESSIBILITY_STATEMENT
            )

            organisations = {}
            for number, data in enumerate(krakow.ORGANISATIONS, start=1):
                self.progress(number, len(krakow.ORGANISATIONS), data["title"])
                fields = {key: value for key, value in data.items() if key != "key"}
                organisations[data["key"]] = self.ensure_page(
                    organisation_index, OrganisationPage, fields
                )

            project = self.ensure_project(project_index, organisations)
            topics = [self.ensure_topic(locale, data) for data in krakow.TOPICS]
            release = self.ensure_release(news_index, project, organisations, topics)
            # The seed's own pages only: what editors have added since is theirs to translate.
            seed_pages = [
                home, news_index, project_index, organisation_index, statement,
                *organisations.values(), project, release,
            ]  # fmt: skip
            for language_code, table in krakow_translations.TRANSLATIONS.items():
                self.ensure_translations(
                    seed_pages, topics, Locale.objects.get(language_code=language_code), table
                )

        self.stdout.write(
            self.style.SUCCESS(
                f"Seed content ready: {self.created} item(s) created. "
                f"The release is at {release.url}"
            )
        )

    def ensure_translations(self, seed_pages, topics, locale, table):
        """Translate every seed page and topic into `locale` the way a translator would:
        wagtail-localize creates the translation, we fill its segments from `table` (a PO
        file, as a translator's upload), and publish it. Parents go before their children."""
        # Only what has no translation yet, found in one query: a second run on a portal with
        # 100,000 releases has nothing to do and should not ask 200,000 times to know it.
        translated = Page.objects.filter(locale=locale).values("translation_key")
        untranslated = list(
            Page.objects.filter(pk__in=[page.pk for page in seed_pages])
            .exclude(translation_key__in=translated)
            .order_by("path")
            .specific()
        )
        items = [topic for topic in topics if topic.get_translation_or_none(locale) is None]
        items += untranslated
        for number, item in enumerate(items, start=1):
            translate_object(item, [locale])
            translation = Translation.objects.get(
                source=TranslationSource.objects.get_for_instance(item), target_locale=locale
            )
            po = translation.export_po()
            missing = [entry.msgid for entry in po if entry.msgid not in table]
            if missing:
                raise CommandError(f"No {locale.language_code} translation for: {missing}")
            for entry in po:
                entry.msgstr = table[entry.msgid]
            translation.import_po(po, tool_name="load_seed_content")
            if isinstance(item, Page):
                # save_target(publish=True) would publish on commit, from a copy of the page
                # taken now: inside this command's transaction that copy goes stale (its
                # children are added later) and would overwrite the tree. Publish at once.
                translation.save_target(publish=False)
                target = item.get_translation(locale)
                target.get_latest_revision().publish()
            else:
                translation.save_target(publish=True)
            self.created += 1
            self.stdout.write(
                f"  {locale.language_code} {number}/{len(items)}: {table.get(str(item), item)}"
            )

    def progress(self, number, total, label):
        self.stdout.write(f"  organisation {number}/{total}: {label}")

    def ensure_home(self, locale):
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).filter(locale=locale).first()
        if home is None:
            home = self.create(root, HomePage(locale=locale, **krakow.HOME))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=krakow.SITE_NAME,
            )
        elif site.root_page_id != home.pk:
            # Replace Wagtail's "Welcome to your new Wagtail site!" placeholder, if it is there.
            placeholder = site.root_page
            site.root_page = home
            site.site_name = site.site_name or krakow.SITE_NAME
            site.save()
            if type(placeholder.specific) is Page and not placeholder.get_children().exists():
                placeholder.delete()
        return home

    def ensure_page(self, parent, model, fields):
        existing = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
        if existing:
            return existing
        return self.create(parent, model(**fields))

    def create(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        self.stdout.write(f"  created {page._meta.verbose_name}: {page.title}")
        return page

    def ensure_project(self, project_index, organisations):
        data = krakow.PROJECT
        existing = ProjectPage.objects.child_of(project_index).filter(slug=data["slug"]).first()
        if existing:
            return existing
        project = ProjectPage(
            title=data["title"],
            slug=data["slug"],
            financial_instrument=data["financial_instrument"],
            programme=data["programme"],
            total_cost=data["total_cost"],
            currency=data["currency"],
            status=data["status"],
            description="".join(f"<p>{escape(text)}</p>" for text in data["description"]),
            external_links=self.links(ProjectPage, "external_links", data["external_links"]),
            funder_name=data["funder_name"],
            acknowledgement=data["acknowledgement"],
        )
        # sort_order as the admin's inline panels would set it: the order of the text.
        project.partners = [
            ProjectPartner(organisation=organisations[key], role=role, sort_order=order)
            for order, (key, role) in enumerate(data["partners"])
        ]
        return self.create(project_index, project)

    def ensure_topic(self, locale, data):
        topic, created = Topic.objects.get_or_create(
            locale=locale, slug=data["slug"], defaults={"name": data["name"]}
        )
        self.created += created
        return topic

    def ensure_release(self, news_index, project, organisations, topics):
        data = krakow.RELEASE
        existing = PressReleasePage.objects.child_of(news_index).filter(slug=data["slug"]).first()
        if existing:
            return existing
        release = PressReleasePage(
            title=data["title"],
            slug=data["slug"],
            release_date=data["release_date"],
            lead=data["lead"],
            event_start=data["event_start"],
            event_end=data["event_end"],
            event_place=data["event_place"],
            event_country=data["event_country"],
            further_information=self.links(
                PressReleasePage, "further_information", data["further_information"]
            ),
        )
        release.body = PressReleasePage.body.field.stream_block.to_python(
            [
                {"type": "paragraph", "value": self.rich_text(text, project, organisations)}
                for text in data["body"]
            ]
        )
        release.project_links = [PressReleaseProject(project=project, sort_order=0)]
        release.organisation_links = [
            PressReleaseOrganisation(organisation=organisations[key], role=role, sort_order=order)
            for order, (key, role) in enumerate(data["organisations"])
        ]
        release.topic_links = [
            PressReleaseTopic(topic=topic, sort_order=order) for order, topic in enumerate(topics)
        ]
        return self.create(news_index, release)

    @staticmethod
    def links(model, field_name, urls):
        stream_block = model._meta.get_field(field_name).stream_block
        return stream_block.to_python(
            [{"type": "link", "value": {"page": None, "url": url, "text": ""}} for url in urls]
        )

    @staticmethod
    def rich_text(text, project, organisations):
        """Escape a paragraph and turn its {project|...} and {org:KEY|...} marks into links."""

        def link(match):
            target, label = match.groups()
            page = project if target == "project" else organisations[target.split(":")[1]]
            return f'<a linktype="page" id="{page.pk}">{label}</a>'

        # escape() leaves the braces and bars of the marks alone.
        return f"<p>{LINK_PATTERN.sub(link, escape(text))}</p>"
