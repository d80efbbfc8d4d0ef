"""With every cache empty (after a deploy, a Redis restart, a cache clear), each page, feed, the
sitemap and each API listing runs no more queries for 30 releases than for 3: nothing is loaded
once per item. (A listing's costs follow the kinds and languages of pages on it: at 3 releases
the first twenty pages of the site mix more kinds than at 30, so it may cost a little more.)
The releases link to pages from their text, their link blocks, their projects,
organisations and topics, and carry an image, as real ones do; each is translated into English
with the pages it links to, so a listing follows links in two languages."""

from django.conf import settings
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from news.tests.factories import (
    PressReleaseOrganisationFactory,
    PressReleasePageFactory,
    PressReleaseProjectFactory,
    PressReleaseTopicFactory,
    TopicFactory,
)
from portal.tests.factories import SiteTree
from projects.tests.factories import (
    OrganisationPageFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
)

CACHES_OFF = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# What a front end asks for: every field, a page of twenty (and of fifty, the most).
API_LISTINGS = {
    "api releases": "/api/v2/pages/?type=news.PressReleasePage&fields=*&limit=20",
    "api releases, 50": "/api/v2/pages/?type=news.PressReleasePage&fields=*&limit=50",
    "api releases in English": "/api/v2/pages/?type=news.PressReleasePage&fields=*&locale=en",
    "api projects": "/api/v2/pages/?type=projects.ProjectPage&fields=*&limit=20",
    "api organisations": "/api/v2/pages/?type=projects.OrganisationPage&fields=*&limit=20",
    "api pages": "/api/v2/pages/?fields=*&limit=20",
    "api images": "/api/v2/images/?fields=*&limit=20",
    "api documents": "/api/v2/documents/?fields=*&limit=20",
}
# The most a cold API listing may cost, whatever its size.
MOST_API_QUERIES = 25
REPORT = settings.BASE_DIR / "test-artifacts" / "cold-query-counts.md"  # -<database>.md


def body(project, organisation, image):
    """A release body as editors write it: links to pages inside paragraphs, a link block, a
    heading, an image."""
    link = '<a linktype="page" id="{}">{}</a>'
    return [
        ("heading", {"text": "Vizīte", "level": "h2"}),
        (
            "paragraph",
            f"<p>Projekts {link.format(project.pk, project.title)} un "
            f"{link.format(organisation.pk, organisation.title)}.</p>",
        ),
        ("paragraph", f"<p>Vēlreiz {link.format(project.pk, 'projekts')}.</p>"),
        ("image", {"image": image, "alt_text": "Attēls", "caption": "", "credit": ""}),
        ("link", {"page": organisation, "url": "", "text": ""}),
    ]


@override_settings(CACHES=CACHES_OFF)
class ColdQueryCountTests(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(parent=cls.tree.project_index)
        cls.organisation = OrganisationPageFactory(parent=cls.tree.organisation_index)
        ProjectPartnerFactory(project=cls.project, organisation=cls.organisation)
        cls.image = get_image_model().objects.create(title="Attēls", file=get_test_image_file())
        cls.topic = TopicFactory()
        cls.release = cls.release_in_english = None
        cls.count = 0
        cls.english = Locale.objects.get(language_code="en")
        cls.translate(cls.project)
        cls.translate(cls.organisation)

    @classmethod
    def translate(cls, page):
        """An English translation, live, with the same links (as wagtail-localize makes it)."""
        translation = page.copy_for_translation(cls.english, copy_parents=True)
        translation.save_revision().publish()
        return translation

    def add_items(self, total):
        """Grow every listing to `total` items, each release linked every way."""
        while self.count < total:
            self.count += 1
            project = ProjectPageFactory(parent=self.tree.project_index)
            organisation = OrganisationPageFactory(parent=self.tree.organisation_index)
            ProjectPartnerFactory(project=project, organisation=self.organisation)
            ProjectPartnerFactory(project=self.project, organisation=organisation)
            release = PressReleasePageFactory(
                parent=self.tree.news_index, body=body(project, organisation, self.image)
            )
            self.release = self.release or release
            PressReleaseProjectFactory(page=release, project=self.project)
            PressReleaseProjectFactory(page=release, project=project)
            PressReleaseOrganisationFactory(page=release, organisation=self.organisation)
            PressReleaseOrganisationFactory(page=release, organisation=organisation)
            PressReleaseTopicFactory(page=release, topic=self.topic)
            in_english = self.translate(release)
            self.release_in_english = self.release_in_english or in_english
            self.translate(project)
            self.translate(organisation)

    def addresses(self):
        news, project = self.tree.news_index.url, self.project.url
        return {
            "home": self.tree.home.url,
            "news index": news,
            "release": self.release.url,
            "release in English": self.release_in_english.url,
            "project": project,
            "organisation": self.organisation.url,
            "project index": self.tree.project_index.url,
            "organisation index": self.tree.organisation_index.url,
            "news rss": f"{news}feed/rss/",
            "news atom": f"{news}feed/atom/",
            "project rss": f"{project}feed/rss/",
            "search": "/lv/search/?q=Krakovu",
            "sitemap": "/sitemap.xml",
            "sitemap pages": "/sitemap-pages.xml",
            **API_LISTINGS,
            "api release": f"/api/v2/pages/{self.release.pk}/",
        }

    def measure(self):
        counts = {}
        for name, address in self.addresses().items():
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(address)
            self.assertEqual(response.status_code, 200, address)
            counts[name] = len(queries)
        return counts

    def test_every_listing_costs_the_same_for_3_and_30_releases_with_caches_off(self):
        self.add_items(3)
        self.measure()  # what a process keeps for good: content types, URL resolvers
        small = self.measure()
        self.add_items(30)
        large = self.measure()
        write_report(small, large, connection.vendor)
        grown = {name: (small[name], large[name]) for name in small if large[name] > small[name]}
        self.assertEqual(grown, {})
        for name in small:
            if not name.startswith("api"):
                self.assertEqual(large[name], small[name], name)
        for name in API_LISTINGS:
            self.assertLessEqual(large[name], MOST_API_QUERIES, name)


def write_report(small, large, vendor):
    """The table the README quotes, for the database the suite ran on."""
    lines = [
        f"# Queries per request with every cache off ({vendor})",
        "",
        "| request | 3 releases | 30 releases |",
        "| --- | --- | --- |",
        *(f"| {name} | {small[name]} | {large[name]} |" for name in small),
    ]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.with_name(f"cold-query-counts-{vendor}.md").write_text("\n".join(lines) + "\n")
