"""The seed command publishes the Kraków release faithfully, linked as the text says."""

import datetime
import html
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import models
from django.test import TestCase
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision, Site

from news.models import PressReleasePage, Topic
from projects.models import OrganisationPage, ProjectPage

# The original document, as the client sent it (Word conversion artefacts and all).
SOURCE = (Path(__file__).parent / "data" / "press-release-krakow-lv.txt").read_text()

ORGANISATIONS = {
    "Latgales plānošanas reģions": ("planning-region", "LV"),
    "Ludzas uzņēmēju asociācija": ("business-association", "LV"),
    "Rēzeknes uzņēmēju biedrība": ("business-association", "LV"),
    "Balvu novada uzņēmējdarbības atbalsta biedrība": ("business-support", "LV"),
    "Daugavpils novada uzņēmēju padome": ("business-association", "LV"),
    "Aglonas novada biedrība “Dorbs i Zineiba”": ("ngo", "LV"),
    "Latgales uzņēmējdarbības centrs": ("business-support", "LV"),
    "Mazpolijas reģions": ("regional-authority", "PL"),
    "Vides aizsardzības un reģionālās attīstības ministrija": ("ministry", "LV"),
    "Vidzemes plānošanas reģions": ("planning-region", "LV"),
    "Rīgas plānošanas reģions": ("planning-region", "LV"),
    "Zemgales plānošanas reģions": ("planning-region", "LV"),
    "Kurzemes plānošanas reģions": ("planning-region", "LV"),
    "Norvēģijas Pašvaldību un reģionālās attīstības ministrija": ("ministry", "NO"),
    "Oppland reģionālā līmeņa pašvaldība": ("regional-authority", "NO"),
    "Aust-Agder reģionālā līmeņa pašvaldība": ("regional-authority", "NO"),
}
PROJECT_URL = "http://latgale.lv/lv/luc/projekti/nfi_proj_reg_pol_akt_ist"
PROGRAMME_URL = "http://www.varam.gov.lv/lat/fondi/grants/EEZ_2009_2014/nfi_programma/?doc=14951"
ARTEFACTS = ["[bookmark", "_GoBack", "  ", "PRESES RELĪZE", "EUR EUR", "\t", "\r"]


def load_seed():
    call_command("load_seed_content", stdout=StringIO())


def normalise(text):
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


class SeedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.release = PressReleasePage.objects.get(locale__language_code="lv")
        cls.project = ProjectPage.objects.get(locale__language_code="lv")

    def test_links_keep_the_order_of_the_text(self):
        # An explicit order, as the admin's inline panels give, not the database's row order.
        for links in (
            self.release.organisation_links.all(),
            self.release.topic_links.all(),
            self.project.partners.all(),
        ):
            with self.subTest(relation=links.model.__name__):
                self.assertEqual([link.sort_order for link in links], list(range(len(links))))
        self.assertEqual(self.release.organisation_links.first().role, "organiser")

    def test_the_site_root_is_the_latvian_home_page(self):
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_page.specific_class.__name__, "HomePage")
        self.assertEqual(site.root_page.locale.language_code, "lv")
        self.assertFalse(
            Page.objects.filter(title__startswith="Welcome to your new Wagtail").exists()
        )

    def test_every_organisation_named_has_a_live_page_of_its_kind_and_country(self):
        pages = {
            page.title: page
            for page in OrganisationPage.objects.live().filter(locale__language_code="lv")
        }
        self.assertEqual(set(pages), set(ORGANISATIONS))
        for title, (kind, country) in ORGANISATIONS.items():
            with self.subTest(title):
                self.assertEqual((pages[title].kind, pages[title].country.code), (kind, country))

    def test_project_facts_are_stored_as_data(self):
        project = self.project
        self.assertTrue(project.live)
        self.assertEqual(
            project.title,
            "Reģionālās politikas aktivitāšu īstenošana Latvijā "
            "un reģionālās attīstības pasākumu izstrāde",
        )
        self.assertEqual(project.financial_instrument, "nfm-2009-2014")
        self.assertEqual(
            project.programme,
            "Kapacitātes stiprināšana un institucionālā sadarbība starp Latvijas un Norvēģijas "
            "valsts institūcijām, vietējām un reģionālām iestādēm",
        )
        self.assertEqual(project.total_cost, Decimal("1172029.00"))
        self.assertEqual(project.currency, "EUR")
        self.assertEqual(
            [block.value["url"] for block in project.external_links], [PROJECT_URL, PROGRAMME_URL]
        )

    def test_project_partners_have_the_roles_the_text_gives(self):
        roles = {link.organisation.title: link.role for link in self.project.partners.all()}
        self.assertEqual(
            roles,
            {
                "Vides aizsardzības un reģionālās attīstības ministrija": "implementer",
                "Latgales plānošanas reģions": "partner",
                "Vidzemes plānošanas reģions": "partner",
                "Rīgas plānošanas reģions": "partner",
                "Zemgales plānošanas reģions": "partner",
                "Kurzemes plānošanas reģions": "partner",
                "Norvēģijas Pašvaldību un reģionālās attīstības ministrija": "donor-partner",
                "Oppland reģionālā līmeņa pašvaldība": "donor-partner",
                "Aust-Agder reģionālā līmeņa pašvaldība": "donor-partner",
            },
        )

    def test_release_has_its_event_and_links(self):
        release = self.release
        self.assertTrue(release.live)
        self.assertEqual(release.title, "Vizīte uz Krakovu uzņēmējdarbības veicināšanai")
        self.assertEqual(release.event_start, datetime.date(2014, 12, 2))
        self.assertEqual(release.event_end, datetime.date(2014, 12, 4))
        self.assertEqual((release.event_place, release.event_country.code), ("Krakova", "PL"))
        self.assertEqual(
            [block.value["url"] for block in release.further_information],
            [PROJECT_URL, PROGRAMME_URL],
        )
        self.assertEqual(
            list(release.project_links.values_list("project", flat=True)), [self.project.pk]
        )
        self.assertEqual(Topic.objects.filter(locale__language_code="lv").count(), 3)
        self.assertEqual(release.topic_links.count(), 3)

    def test_release_names_organiser_participants_and_others(self):
        roles = {}
        for link in self.release.organisation_links.all():
            roles.setdefault(link.role, []).append(link.organisation.title)
        self.assertEqual(roles["organiser"], ["Latgales plānošanas reģions"])
        self.assertEqual(
            roles["participant"],
            [
                "Ludzas uzņēmēju asociācija",
                "Rēzeknes uzņēmēju biedrība",
                "Balvu novada uzņēmējdarbības atbalsta biedrība",
                "Daugavpils novada uzņēmēju padome",
                "Aglonas novada biedrība “Dorbs i Zineiba”",
            ],
        )
        # Every organisation the text names is linked from the release in some role.
        named = {title for titles in roles.values() for title in titles}
        self.assertEqual(named, set(ORGANISATIONS))

    def test_no_conversion_artefacts_in_any_field(self):
        pages = [page.specific for page in Page.objects.filter(depth__gte=2)]
        # Home, three indexes, the accessibility statement, the organisations, the project and
        # the release, in three languages.
        self.assertEqual(len(pages), 3 * (1 + 3 + 1 + len(ORGANISATIONS) + 2))
        for page in pages:
            for field in page._meta.get_fields():
                if not isinstance(
                    field, (models.CharField, models.TextField, RichTextField, StreamField)
                ):
                    continue
                value = getattr(page, field.name)
                text = str(value.raw_data) if isinstance(field, StreamField) else str(value)
                with self.subTest(page=page.title, field=field.name):
                    for artefact in ARTEFACTS:
                        self.assertNotIn(artefact, text)
                    if text:
                        self.assertEqual(text, text.strip())

    def rendered_text(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return normalise(html.unescape(strip_tags(response.content.decode())))

    def test_every_sentence_of_the_text_is_on_the_release_page(self):
        page_text = self.rendered_text(self.release)
        source = SOURCE.replace("[bookmark: _GoBack]", "").replace("PRESES RELĪZE", "")
        source = re.sub(r"(\d+)\.(decembr)", r"\1. \2", source)
        facts = (
            "Projekta īstenotājs",
            "Projekta partneri",
            "Visu partneru",
            "Papildus informācija",
        )
        for line in source.splitlines():
            line = normalise(line)
            if not line or line.startswith(facts):
                continue
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ0-9])", line):
                with self.subTest(sentence=sentence[:60]):
                    self.assertIn(sentence.rstrip("."), page_text)

    def test_closing_facts_of_the_text_are_on_the_release_page(self):
        page_text = self.rendered_text(self.release)
        for name in ORGANISATIONS:
            self.assertIn(name, page_text)
        self.assertIn("1 172 029,00 €", page_text)
        self.assertIn(PROJECT_URL, page_text)
        self.assertIn(PROGRAMME_URL, page_text)

    def test_project_page_lists_the_release_partners_and_cost(self):
        page_text = self.rendered_text(self.project)
        # Role headings agree in number with their partners.
        self.assertIn("Īstenotājs Vides aizsardzības", page_text)
        self.assertIn("Partneri Latgales plānošanas reģions", page_text)
        self.assertIn("Donorvalsts partneri Norvēģijas", page_text)
        self.assertIn("Vizīte uz Krakovu uzņēmējdarbības veicināšanai", page_text)
        self.assertIn("1 172 029,00 €", page_text)
        self.assertIn("Oppland reģionālā līmeņa pašvaldība", page_text)

    def test_release_is_served_at_a_readable_latvian_url(self):
        self.assertEqual(
            self.release.url, "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/"
        )


class SeedIdempotenceTests(TestCase):
    def snapshot(self):
        return {
            "pages": list(
                Page.objects.order_by("pk").values_list(
                    "pk", "path", "title", "live", "latest_revision_id", "last_published_at"
                )
            ),
            "revisions": Revision.objects.count(),
            "topics": list(Topic.objects.values_list("pk", "name")),
            "sites": list(Site.objects.values_list("pk", "root_page_id")),
        }

    def test_second_run_changes_nothing(self):
        load_seed()
        before = self.snapshot()
        load_seed()
        self.assertEqual(self.snapshot(), before)

    def test_second_run_keeps_an_editors_changes(self):
        load_seed()
        release = PressReleasePage.objects.get(locale__language_code="lv")
        release.lead = "Redaktora labots ievads."
        release.save_revision().publish()
        load_seed()
        release.refresh_from_db()
        self.assertEqual(release.lead, "Redaktora labots ievads.")

    def test_a_second_run_leaves_an_editors_new_pages_alone(self):
        """The independent try: after an editor saved a draft, `make run` (which loads the
        seed each time) failed, and would otherwise have published English and Polish copies
        of the draft."""
        load_seed()
        index = PressReleasePage.objects.get(locale__language_code="lv").get_parent()
        draft = index.add_child(
            instance=PressReleasePage(
                title="Zaļā tilta lēmums",
                slug="zala-tilta-lemums",
                lead="Melnraksts.",
                release_date=datetime.date(2026, 12, 1),
                live=False,
            )
        )
        load_seed()
        copies = Page.objects.filter(translation_key=draft.translation_key)
        self.assertEqual(list(copies.values_list("pk", flat=True)), [draft.pk])
