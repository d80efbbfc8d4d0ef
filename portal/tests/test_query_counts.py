"""Listings do a bounded number of queries: 3 items and 30 items cost the same, with releases
whose text links to pages, with link blocks and an image (as real ones do)."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from news.tests.factories import (
    PressReleaseOrganisationFactory,
    PressReleasePageFactory,
    PressReleaseProjectFactory,
    PressReleaseTopicFactory,
    TopicFactory,
)
from portal.core import content_cache
from portal.tests.factories import SiteTree
from portal.tests.test_cold_query_counts import body
from projects.tests.factories import (
    OrganisationPageFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
)

# Queries for one anonymous request of each listing, whatever the number of items: "cold" is
# the first request after a publish (every fragment rendered afresh), "warm" the ones after it
# (the shared parts from the cache, portal/core/content_cache.py). Most of the warm cost is
# Wagtail's routing and view restriction checks. A cold request also works out when the next
# expiry or go-live time comes (one query per content change, portal/core/visibility.py); the
# lists read the private sections from the cache (there too), not with a query each as
# Wagtail's public() does.
EXPECTED_QUERIES = {
    "home": {"cold": 16, "warm": 5},
    "news_index": {"cold": 25, "warm": 7},
    "project": {"cold": 21, "warm": 7},
    "organisation": {"cold": 19, "warm": 7},
    "project_index": {"cold": 18, "warm": 8},
    "organisation_index": {"cold": 18, "warm": 8},
    "release": {"cold": 36, "warm": 7},
}

# The API's listings with every nested field, 50 items a response (at most 25 queries, cold
# or warm: test_cold_query_counts.py has them with every cache off).
# The second request of each: its total_count comes from the content cache (ListingQuerySet),
# and so do the private sections that each public_pages() leaves out (portal/core/visibility.py).
EXPECTED_API_QUERIES = {
    "releases": 19,
    "projects": 8,
    "organisations": 8,
    "pages": 5,
}
API_LISTINGS = {
    "releases": "/api/v2/pages/?type=news.PressReleasePage&fields=*&limit=50",
    "projects": "/api/v2/pages/?type=projects.ProjectPage&fields=*&limit=50",
    "organisations": "/api/v2/pages/?type=projects.OrganisationPage&fields=*&limit=50",
    "pages": "/api/v2/pages/?limit=50",
}


class ListingQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(parent=cls.tree.project_index)
        cls.organisation = OrganisationPageFactory(parent=cls.tree.organisation_index)
        ProjectPartnerFactory(project=cls.project, organisation=cls.organisation)
        cls.image = get_image_model().objects.create(title="Attēls", file=get_test_image_file())
        cls.release = PressReleasePageFactory(
            parent=cls.tree.news_index, body=body(cls.project, cls.organisation, cls.image)
        )
        PressReleaseProjectFactory(page=cls.release, project=cls.project)
        cls.topic = TopicFactory()
        PressReleaseTopicFactory(page=cls.release, topic=cls.topic)
        cls.count = 1

    def add_items(self, total):
        """Grow every listing to `total` items: releases, projects, partners, organisations."""
        while self.count < total:
            self.count += 1
            project = ProjectPageFactory(parent=self.tree.project_index)
            organisation = OrganisationPageFactory(parent=self.tree.organisation_index)
            release = PressReleasePageFactory(
                parent=self.tree.news_index, body=body(project, organisation, self.image)
            )
            PressReleaseProjectFactory(page=release, project=self.project)
            PressReleaseProjectFactory(page=release, project=project)
            PressReleaseOrganisationFactory(page=release, organisation=self.organisation)
            PressReleaseOrganisationFactory(page=self.release, organisation=organisation)
            ProjectPartnerFactory(project=project, organisation=self.organisation)
            ProjectPartnerFactory(project=self.project, organisation=organisation)

    def pages(self):
        return {
            "home": self.tree.home,
            "news_index": self.tree.news_index,
            "project": self.project,
            "organisation": self.organisation,
            "project_index": self.tree.project_index,
            "organisation_index": self.tree.organisation_index,
            "release": self.release,
        }

    maxDiff = None

    def assert_bounded_queries(self):
        measured = {}
        for name, page in self.pages().items():
            self.client.get(page.url)  # warm Wagtail's site and locale caches
            content_cache.bump()  # as a publish does
            measured[name] = {}
            for state in ("cold", "warm"):
                with CaptureQueriesContext(connection) as queries:
                    response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                measured[name][state] = len(queries)
        self.assertEqual(measured, EXPECTED_QUERIES, f"with {self.count} items")

    def assert_bounded_api_queries(self):
        for name, url in API_LISTINGS.items():
            with self.subTest(api=name, items=self.count):
                self.client.get(url)
                with self.assertNumQueries(EXPECTED_API_QUERIES[name]):
                    response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertGreaterEqual(len(response.json()["items"]), min(self.count, 50))

    def test_listings_cost_the_same_for_3_and_30_items(self):
        self.add_items(3)
        self.assert_bounded_queries()
        self.assert_bounded_api_queries()
        self.add_items(30)
        self.assert_bounded_queries()
        self.assert_bounded_api_queries()
