import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from news.models import NewsIndexPage
from news.tests.factories import PressReleasePageFactory
from portal.models import AccessibilityStatementPage, HomePage
from portal.tests.factories import SiteTree
from projects.models import OrganisationIndexPage, ProjectIndexPage
from projects.tests.factories import ProjectPageFactory


class HomePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()

    def test_home_page_sits_at_the_root_and_holds_the_three_indexes(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {NewsIndexPage, ProjectIndexPage, OrganisationIndexPage, AccessibilityStatementPage},
        )
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, {})

    def test_each_index_is_allowed_once_per_home_page(self):
        for index in (NewsIndexPage, ProjectIndexPage, OrganisationIndexPage):
            self.assertFalse(index.can_create_at(self.tree.home))
        self.tree.news_index.delete()
        self.assertTrue(NewsIndexPage.can_create_at(self.tree.home))

    def test_home_page_shows_the_five_latest_releases_newest_first(self):
        releases = [
            PressReleasePageFactory(
                parent=self.tree.news_index, release_date=datetime.date(2014, month, 1)
            )
            for month in range(1, 8)
        ]
        self.assertPageIsRenderable(self.tree.home)
        response = self.client.get(self.tree.home.url)
        self.assertEqual(list(response.context["latest_releases"]), releases[::-1][:5])
        self.assertNotContains(response, releases[0].title)

    def test_home_page_lists_current_projects_but_not_planned_ones(self):
        ProjectPageFactory(parent=self.tree.project_index, title="Esošs projekts")
        ProjectPageFactory(
            parent=self.tree.project_index, title="Plānots projekts", status="planned"
        )
        response = self.client.get(self.tree.home.url)
        self.assertContains(response, "Esošs projekts")
        self.assertNotContains(response, "Plānots projekts")

    def test_home_and_news_index_open_in_the_admin_editor(self):
        self.login()
        self.assertPageIsEditable(self.tree.home)
        self.assertPageIsEditable(self.tree.news_index)

    def test_root_url_redirects_to_a_language(self):
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="pl")
        self.assertRedirects(response, "/pl/", fetch_redirect_response=False)
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="de")
        self.assertRedirects(response, "/lv/", fetch_redirect_response=False)
