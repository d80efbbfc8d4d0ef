import datetime
from decimal import Decimal

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.tests.factories import (
    PressReleaseOrganisationFactory,
    PressReleasePageFactory,
    PressReleaseProjectFactory,
)
from portal.models import HomePage
from portal.tests.factories import SiteTree
from projects.models import (
    OrganisationIndexPage,
    OrganisationPage,
    ProjectIndexPage,
    ProjectPage,
)
from projects.tests.factories import (
    OrganisationPageFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
)


class PageRulesTests(WagtailPageTestCase):
    def test_projects_live_only_under_the_project_index(self):
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedSubpageTypes(ProjectPage, {})
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})

    def test_organisations_live_only_under_the_organisation_index(self):
        self.assertAllowedParentPageTypes(OrganisationPage, {OrganisationIndexPage})
        self.assertAllowedSubpageTypes(OrganisationPage, {})
        self.assertAllowedParentPageTypes(OrganisationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OrganisationIndexPage, {OrganisationPage})


class ProjectPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(
            parent=cls.tree.project_index,
            title="Reģionālās politikas aktivitāšu īstenošana Latvijā",
            project_code="LV07-0001",
            start_date=datetime.date(2014, 1, 1),
            end_date=datetime.date(2016, 4, 30),
            external_links=[
                ("link", {"page": None, "url": "http://www.varam.gov.lv/", "text": ""})
            ],
        )
        cls.varam = OrganisationPageFactory(
            parent=cls.tree.organisation_index,
            title="Vides aizsardzības un reģionālās attīstības ministrija",
            kind="ministry",
        )
        cls.oppland = OrganisationPageFactory(
            parent=cls.tree.organisation_index,
            title="Oppland reģionālā līmeņa pašvaldība",
            kind="regional-authority",
            country="NO",
        )
        ProjectPartnerFactory(project=cls.project, organisation=cls.varam, role="implementer")
        ProjectPartnerFactory(project=cls.project, organisation=cls.oppland, role="donor-partner")

    def test_project_page_shows_its_facts(self):
        self.assertPageIsRenderable(self.project)
        response = self.client.get(self.project.url)
        self.assertContains(response, "LV07-0001")
        self.assertContains(response, "Kapacitātes stiprināšana un institucionālā sadarbība")
        self.assertContains(response, '<data value="1172029.00">1\xa0172\xa0029,00\xa0€</data>')
        self.assertContains(response, 'href="http://www.varam.gov.lv/"')
        self.assertContains(response, '<time datetime="2014-01-01">')

    def test_project_opens_in_the_admin_editor(self):
        # StreamFields are built by the editor's JavaScript, so assertPageIsEditable cannot
        # post this form from its HTML; the admin form tests below post it field by field.
        self.login()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.project.pk]))
        self.assertEqual(response.status_code, 200)

    def test_project_page_lists_partners_with_role_and_country(self):
        response = self.client.get(self.project.url)
        content = response.content.decode()
        self.assertIn(f'href="{self.varam.url}"', content)
        self.assertIn(f'href="{self.oppland.url}"', content)
        self.assertIn("(Norvēģija)", content)
        # Roles are headings over their partners: implementer before donor-country partner.
        self.assertLess(content.index(self.varam.title), content.index(self.oppland.title))
        self.assertEqual(
            [
                (str(label), [entry.page for entry in entries])
                for label, entries in self.project.localized_partner_groups()
            ],
            [("Īstenotājs", [self.varam]), ("Donorvalsts partneris", [self.oppland])],
        )

    def test_project_page_lists_its_releases_newest_first(self):
        older = PressReleasePageFactory(
            parent=self.tree.news_index, release_date=datetime.date(2014, 3, 1)
        )
        newer = PressReleasePageFactory(
            parent=self.tree.news_index, release_date=datetime.date(2014, 12, 1)
        )
        unrelated = PressReleasePageFactory(parent=self.tree.news_index, title="Cita relīze")
        for release in (older, newer):
            PressReleaseProjectFactory(page=release, project=self.project)
        content = self.client.get(self.project.url).content.decode()
        self.assertLess(content.index(newer.title), content.index(older.title))
        self.assertNotIn(unrelated.title, content)

    def test_project_page_leaves_out_drafts_and_unpublished_releases(self):
        draft = PressReleasePageFactory(parent=self.tree.news_index, live=False, title="Melnraksts")
        withdrawn = PressReleasePageFactory(parent=self.tree.news_index, title="Atsaukta relīze")
        for release in (draft, withdrawn):
            PressReleaseProjectFactory(page=release, project=self.project)
        withdrawn.unpublish()
        response = self.client.get(self.project.url)
        self.assertNotContains(response, "Melnraksts")
        self.assertNotContains(response, "Atsaukta relīze")


class PartnerPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.organisation = OrganisationPageFactory(
            parent=cls.tree.organisation_index,
            title="Latgales plānošanas reģions",
            kind="planning-region",
            website="http://latgale.lv/",
            description="Plānošanas reģions Latvijas austrumos.",
        )
        cls.project = ProjectPageFactory(parent=cls.tree.project_index, title="Reģionālā politika")
        cls.other_project = ProjectPageFactory(parent=cls.tree.project_index, title="Cits projekts")
        ProjectPartnerFactory(project=cls.project, organisation=cls.organisation, role="partner")
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, title="Vizīte uz Krakovu")
        PressReleaseOrganisationFactory(
            page=cls.release, organisation=cls.organisation, role="organiser"
        )
        cls.silent_release = PressReleasePageFactory(parent=cls.tree.news_index, title="Cita ziņa")

    def test_partner_page_lists_its_projects_with_roles(self):
        self.assertPageIsRenderable(self.organisation)
        response = self.client.get(self.organisation.url)
        self.assertContains(
            response, f'<a href="{self.project.url}">Reģionālā politika</a> (Partneris)', html=True
        )
        self.assertNotContains(response, "Cits projekts")

    def test_organisation_and_indexes_open_in_the_admin_editor(self):
        self.login()
        for page in [self.organisation, self.tree.organisation_index, self.tree.project_index]:
            with self.subTest(page=page.title):
                self.assertPageIsEditable(page)

    def test_partner_page_lists_the_releases_that_name_it(self):
        response = self.client.get(self.organisation.url)
        self.assertContains(response, f'href="{self.release.url}"')
        self.assertNotContains(response, "Cita ziņa")

    def test_partner_page_hides_unpublished_projects_and_releases(self):
        self.project.unpublish()
        self.release.unpublish()
        response = self.client.get(self.organisation.url)
        self.assertNotContains(response, "Reģionālā politika")
        self.assertNotContains(response, "Vizīte uz Krakovu")

    def test_organisation_index_lists_organisations_by_country(self):
        OrganisationPageFactory(
            parent=self.tree.organisation_index, title="Mazpolijas reģions", country="PL"
        )
        response = self.client.get(self.tree.organisation_index.url)
        self.assertContains(response, "<h2", count=2)
        self.assertContains(response, "Mazpolijas reģions")
        self.assertContains(response, "Latgales plānošanas reģions")


class ProjectAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.organisation = OrganisationPageFactory(parent=cls.tree.organisation_index)

    def setUp(self):
        self.login()

    def project_form_data(self, **overrides):
        data = {
            "title": "Reģionālās politikas aktivitātes",
            "slug": "regionalas-politikas-aktivitates",
            "financial_instrument": "nfm-2009-2014",
            "programme": "Kapacitātes stiprināšana",
            "total_cost": "1172029.00",
            "currency": "EUR",
            "status": "ongoing",
            "description": rich_text("<p>Apraksts.</p>"),
            "external_links": streamfield([]),
            "partners": inline_formset(
                [{"organisation": self.organisation.pk, "role": "implementer"}]
            ),
            "comments": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def post(self, data):
        url = reverse(
            "wagtailadmin_pages:add", args=["projects", "projectpage", self.tree.project_index.pk]
        )
        data["action-publish"] = "action-publish"
        return self.client.post(url, data)

    def test_editor_creates_a_project_with_its_cost_as_a_number(self):
        self.assertCanCreate(self.tree.project_index, ProjectPage, self.project_form_data())
        project = ProjectPage.objects.get(slug="regionalas-politikas-aktivitates")
        self.assertEqual(project.total_cost, Decimal("1172029.00"))
        self.assertEqual(project.partners.get().role, "implementer")

    def test_editor_saves_and_previews_an_existing_project(self):
        self.assertCanCreate(self.tree.project_index, ProjectPage, self.project_form_data())
        project = ProjectPage.objects.get(slug="regionalas-politikas-aktivitates")
        self.assertPageIsEditable(project, post_data=self.project_form_data())
        self.assertPageIsPreviewable(project, post_data=self.project_form_data())

    def test_cost_written_as_text_is_a_form_error(self):
        response = self.post(self.project_form_data(total_cost="1 172 029.00 EUR"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("total_cost", response.context["form"].errors)

    def test_negative_cost_and_reversed_period_are_form_errors(self):
        response = self.post(
            self.project_form_data(total_cost="-1", start_date="2016-01-01", end_date="2014-01-01")
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(
            ProjectPage.objects.filter(slug="regionalas-politikas-aktivitates").exists()
        )

    def test_same_partner_twice_is_a_form_error_not_a_crash(self):
        partners = inline_formset(
            [
                {"organisation": self.organisation.pk, "role": "implementer"},
                {"organisation": self.organisation.pk, "role": "partner"},
            ]
        )
        response = self.post(self.project_form_data(partners=partners))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].formsets["partners"].non_form_errors())
