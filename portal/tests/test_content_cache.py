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

    def test_a_lost_generation_starts_again_without_error_under_a_new_number(self):
        from django.core.cache import cache

        content_cache.bump()
        before = content_cache.generation()
        cache.delete(content_cache.GENERATION_KEY)
        content_cache.bump()
        # Not 1, 2, ... again: fragments stored under those may still be in the cache.
        self.assertNotIn(content_cache.generation(), {1, 2, before, before + 1})

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


class PublishRenewsWhatShowsThePageTests(TestCase):
    """A release published renders afresh the pages that show it, and nothing else
    (PortalPage.publish_renews); anything else published renders everything afresh."""

    @classmethod
    def setUpTestData(cls):
        from news.tests.factories import PressReleaseOrganisationFactory, PressReleaseProjectFactory
        from projects.tests.factories import OrganisationPageFactory, ProjectPageFactory

        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(parent=cls.tree.project_index, title="Projekts Ābele")
        cls.organisation = OrganisationPageFactory(
            parent=cls.tree.organisation_index, title="Biedrība Bērzs"
        )
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, title="Relīze par ābeli")
        PressReleaseProjectFactory(page=cls.release, project=cls.project)
        PressReleaseOrganisationFactory(page=cls.release, organisation=cls.organisation)
        cls.other = PressReleasePageFactory(parent=cls.tree.news_index, title="Cita relīze")

    def fresh(self, page):
        return type(page).objects.get(pk=page.pk)

    def queries(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def publish(self, page, **changes):
        page = self.fresh(page)
        for name, value in changes.items():
            setattr(page, name, value)
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()

    def test_the_first_reader_of_another_release_after_a_publish_is_served_warm(self):
        self.queries(self.other.url)
        warm = self.queries(self.other.url)
        self.publish(self.release, title="Jauns virsraksts")
        self.assertEqual(self.queries(self.other.url), warm)

    def test_a_publish_renews_the_lists_the_project_and_the_organisation_showing_it(self):
        urls = [self.tree.news_index.url, self.tree.home.url, self.project.url]
        urls.append(self.organisation.url)
        for url in urls:
            self.assertContains(self.client.get(url), "Relīze par ābeli")
        self.publish(self.release, title="Jauns virsraksts")
        for url in urls:
            response = self.client.get(url)
            self.assertContains(response, "Jauns virsraksts")
            self.assertNotContains(response, "Relīze par ābeli")

    def test_an_organisation_no_longer_named_drops_the_release_from_its_page(self):
        self.assertContains(self.client.get(self.organisation.url), "Relīze par ābeli")
        release = self.fresh(self.release)
        release.organisation_links = []
        with self.captureOnCommitCallbacks(execute=True):
            release.save_revision().publish()
        self.assertNotContains(self.client.get(self.organisation.url), "Relīze par ābeli")

    def test_a_new_release_appears_on_the_pages_of_what_it_names(self):
        from news.tests.factories import PressReleaseProjectFactory

        self.assertNotContains(self.client.get(self.project.url), "Cita relīze")
        other = self.fresh(self.other)
        PressReleaseProjectFactory(page=other, project=self.project)
        with self.captureOnCommitCallbacks(execute=True):
            self.fresh(other).save_revision().publish()
        self.assertContains(self.client.get(self.project.url), "Cita relīze")

    def test_a_project_published_renews_everything(self):
        self.assertContains(self.client.get(self.release.url), "Projekts Ābele")
        self.queries(self.other.url)
        warm = self.queries(self.other.url)
        self.publish(self.project, title="Projekts Ozols")
        self.assertContains(self.client.get(self.release.url), "Projekts Ozols")
        self.assertGreater(self.queries(self.other.url), warm)

    def test_unpublishing_a_release_renews_what_showed_it(self):
        self.assertContains(self.client.get(self.project.url), "Relīze par ābeli")
        with self.captureOnCommitCallbacks(execute=True):
            self.fresh(self.release).unpublish()
        for url in (self.project.url, self.organisation.url, self.tree.news_index.url):
            self.assertNotContains(self.client.get(url), "Relīze par ābeli")

    def test_a_lost_page_version_is_replaced_by_a_new_one(self):
        from django.core.cache import cache

        before = content_cache.page_version(self.release.pk)
        cache.delete(f"{content_cache.PAGE_VERSION_KEY}:{self.release.pk}")
        self.assertNotEqual(content_cache.page_version(self.release.pk), before)
