"""Fragments and values kept until the content changes (portal/core/content_cache.py): a change is
shown at once, and drafts and private pages never reach the cache."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageViewRestriction

from news.tests.factories import PressReleasePageFactory
from portal.core import content_cache
from portal.tests.factories import SiteTree


class ContentCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(
            parent=cls.tree.news_index, title="Publicētais virsraksts"
        )
        cls.editor = get_user_model().objects.create_superuser("redaktore", "r@example.lv", "x")

    def test_a_published_change_is_shown_at_once(self):
        for url in (self.release.url, self.tree.news_index.url, self.tree.home.url):
            self.assertContains(self.client.get(url), "Publicētais virsraksts")
        self.release.title = "Labotais virsraksts"
        self.release.save_revision().publish()
        for url in (self.release.url, self.tree.news_index.url, self.tree.home.url):
            response = self.client.get(url)
            self.assertContains(response, "Labotais virsraksts")
            self.assertNotContains(response, "Publicētais virsraksts")

    def test_a_preview_shows_the_draft_and_leaves_the_public_page_alone(self):
        self.client.get(self.release.url)  # the live page's fragments are in the cache
        self.release.title = "Melnraksta virsraksts"
        self.release.save_revision()
        self.client.force_login(self.editor)
        preview = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[self.release.pk]))
        self.assertContains(preview, "Melnraksta virsraksts")
        self.client.logout()
        public = self.client.get(self.release.url)
        self.assertContains(public, "Publicētais virsraksts")
        self.assertNotContains(public, "Melnraksta virsraksts")

    def test_a_preview_seen_first_never_fills_the_cache(self):
        self.release.title = "Melnraksta virsraksts"
        self.release.save_revision()
        self.client.force_login(self.editor)
        self.client.get(reverse("wagtailadmin_pages:view_draft", args=[self.release.pk]))
        self.client.logout()
        self.assertNotContains(self.client.get(self.release.url), "Melnraksta virsraksts")

    def test_a_page_made_private_leaves_the_lists_at_once(self):
        self.assertContains(self.client.get(self.tree.news_index.url), "Publicētais virsraksts")
        PageViewRestriction.objects.create(
            page=self.release, restriction_type=PageViewRestriction.PASSWORD, password="slepens"
        )
        for url in (self.tree.news_index.url, self.tree.home.url):
            self.assertNotContains(self.client.get(url), "Publicētais virsraksts")

    def test_the_generation_goes_up_again_after_the_commit(self):
        before = content_cache.generation()
        with self.captureOnCommitCallbacks(execute=True):
            content_cache.bump_on_commit()
            self.assertEqual(content_cache.generation(), before + 1)
        self.assertEqual(content_cache.generation(), before + 2)

    def test_a_lost_generation_starts_again_without_error(self):
        from django.core.cache import cache

        cache.delete(content_cache.GENERATION_KEY)
        content_cache.bump()
        self.assertEqual(content_cache.generation(), 2)

    def test_the_api_listings_count_follows_publishing_and_unpublishing(self):
        url = "/api/v2/pages/?type=news.PressReleasePage"

        def total():
            return self.client.get(url).json()["meta"]["total_count"]

        before = total()
        self.assertEqual(total(), before)  # the second answer's count is the kept one
        added = PressReleasePageFactory(parent=self.tree.news_index, live=False)
        added.save_revision().publish()  # as an editor publishes
        self.assertEqual(total(), before + 1)
        added.refresh_from_db()
        added.unpublish()
        self.assertEqual(total(), before)
        draft = PressReleasePageFactory(parent=self.tree.news_index, live=False)
        draft.save_revision()
        self.assertEqual(total(), before)
