import wagtail_factories
from wagtail.models import Page, Site

from news.tests.factories import NewsIndexPageFactory
from portal.models import HomePage
from projects.tests.factories import OrganisationIndexPageFactory, ProjectIndexPageFactory


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Sākums"
    slug = "sakums"

    class Meta:
        model = HomePage


class SiteTree:
    """The Latvian tree tests start from: home (the site root) and its three indexes."""

    def __init__(self):
        self.home = HomePageFactory(parent=Page.get_first_root_node())
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": self.home},
        )
        self.news_index = NewsIndexPageFactory(parent=self.home)
        self.project_index = ProjectIndexPageFactory(parent=self.home)
        self.organisation_index = OrganisationIndexPageFactory(parent=self.home)
