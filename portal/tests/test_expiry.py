"""A page past its expiry (`expire_at`) is gone from every public place at once, before
publish_scheduled has unpublished it: lists, feeds, search, the sitemap, the API and its own
address; kept answers (portal/core/content_cache.py) do not outlive it either."""

import datetime
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from news.tests.factories import (
    PressReleaseOrganisationFactory,
    PressReleasePageFactory,
    PressReleaseProjectFactory,
)
from portal.tests.factories import SiteTree
from projects.tests.factories import (
    OrganisationPageFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
)

GONE = "Vanished harbour"  # words in the titles of the pages past their expiry
STAYING = "Lingering lantern"  # and of those expiring later


class ExpiryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        now = timezone.now()
        past, future = now - datetime.timedelta(hours=1), now + datetime.timedelta(days=1)
        cls.project = ProjectPageFactory(parent=cls.tree.project_index, title="Baltic ports")
        cls.organisation = OrganisationPageFactory(parent=cls.tree.organisation_index)
        ProjectPartnerFactory(project=cls.project, organisation=cls.organisation)
        cls.gone, cls.staying = [], []
        for words, expire_at, pages in ((GONE, past, cls.gone), (STAYING, future, cls.staying)):
            slug = words.lower().replace(" ", "-")
            release = PressReleasePageFactory(
                parent=cls.tree.news_index,
                title=f"{words} release",
                slug=f"{slug}-release",
                expire_at=expire_at,
            )
            PressReleaseProjectFactory(page=release, project=cls.project)
            PressReleaseOrganisationFactory(page=release, organisation=cls.organisation)
            project = ProjectPageFactory(
                parent=cls.tree.project_index,
                title=f"{words} project",
                slug=f"{slug}-project",
                expire_at=expire_at,
            )
            ProjectPartnerFactory(project=project, organisation=cls.organisation)
            organisation = OrganisationPageFactory(
                parent=cls.tree.organisation_index,
                title=f"{words} organisation",
                slug=f"{slug}-organisation",
                expire_at=expire_at,
            )
            pages += [release, project, organisation]

    def public_addresses(self):
        news, project = self.tree.news_index.url, self.project.url
        return [
            self.tree.home.url,
            news,
            news + "feed/rss/",
            news + "feed/atom/",
            project,
            project + "feed/rss/",
            project + "feed/atom/",
            self.organisation.url,
            self.tree.project_index.url,
            self.tree.organisation_index.url,
            "/sitemap-pages.xml",
            "/lv/search/?q=" + GONE.split()[0],
            "/lv/search/?q=" + STAYING.split()[0],
            "/api/v2/pages/?limit=50",
            "/api/v2/pages/?type=news.PressReleasePage&fields=*",
            "/api/v2/pages/?type=projects.OrganisationPage&fields=*",
            f"/api/v2/pages/{self.project.pk}/",
            f"/api/v2/pages/{self.organisation.pk}/",
        ]

    def test_pages_past_their_expiry_are_nowhere_public_while_still_live(self):
        self.assertTrue(all(page.live for page in self.gone))
        for url in self.public_addresses():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                self.assertNotIn(GONE, content)
                self.assertNotIn(GONE.lower().replace(" ", "-"), content)

    def test_pages_expiring_later_are_shown_where_they_belong(self):
        expected = {
            self.tree.home.url: [f"{STAYING} release", f"{STAYING} project"],
            self.tree.news_index.url: [f"{STAYING} release", f"{STAYING} project"],
            self.tree.news_index.url + "feed/rss/": [f"{STAYING} release"],
            self.project.url: [f"{STAYING} release"],
            self.project.url + "feed/atom/": [f"{STAYING} release"],
            self.organisation.url: [f"{STAYING} release", f"{STAYING} project"],
            self.tree.project_index.url: [f"{STAYING} project"],
            self.tree.organisation_index.url: [f"{STAYING} organisation"],
            "/sitemap-pages.xml": [page.slug for page in self.staying],
            "/lv/search/?q=" + STAYING.split()[0]: [f"{STAYING} release"],
            "/api/v2/pages/?limit=50": [page.title for page in self.staying],
        }
        for url, texts in expected.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                for text in texts:
                    self.assertContains(response, text)

    def test_the_address_of_a_page_past_its_expiry_is_a_404(self):
        for page in self.gone:
            with self.subTest(page=page.title):
                self.assertEqual(self.client.get(page.url).status_code, 404)
                self.assertEqual(self.client.get(f"/api/v2/pages/{page.pk}/").status_code, 404)
        for page in self.staying:
            with self.subTest(page=page.title):
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_kept_lists_and_pages_forget_a_page_when_its_expiry_passes(self):
        """Rendered lists are kept until the content changes; an expiry is a change nobody
        publishes, so its time is one too."""
        release = self.staying[0]
        addresses = [
            self.tree.home.url,
            self.tree.news_index.url,
            self.tree.news_index.url + "feed/rss/",
            self.project.url,
            self.organisation.url,
            "/sitemap-pages.xml",
        ]
        for url in addresses:
            self.assertContains(self.client.get(url), release.slug)  # and now kept
        self.assertEqual(self.client.get(release.url).status_code, 200)
        later = release.expire_at + datetime.timedelta(seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            for url in addresses:
                with self.subTest(url=url):
                    self.assertNotContains(self.client.get(url), release.slug)
            self.assertEqual(self.client.get(release.url).status_code, 404)

    def test_the_cache_in_front_keeps_no_answer_past_the_next_expiry(self):
        """nginx is purged on publish; an expiry publishes nothing, so every answer it keeps
        (a list, a feed, the page) must run out by then."""
        self.staying[0].expire_at = timezone.now() + datetime.timedelta(minutes=10)
        self.staying[0].save_revision().publish()
        for url in (self.tree.news_index.url, self.project.url + "feed/rss/", "/sitemap-pages.xml"):
            with self.subTest(url=url):
                seconds = int(self.client.get(url)["X-Accel-Expires"])
                self.assertTrue(0 < seconds <= 600, seconds)
