"""Whole anonymous answers kept by the app (portal/ops/response_cache.py): served without a
query, renewed when what they show is published, never for a signed-in reader, never an answer
the cache in front may not keep."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


@override_settings(RESPONSE_CACHE=True)
class ResponseCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, title="Pirmā relīze")
        cls.other = PressReleasePageFactory(parent=cls.tree.news_index, title="Otrā relīze")
        cls.editor = get_user_model().objects.create_superuser("redaktors", "r@example.lv", "x")

    def get(self, url, **headers):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, **headers)
        return response, len(queries)

    def publish(self, page, title):
        page = type(page).objects.get(pk=page.pk)
        page.title = title
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()

    def test_the_second_anonymous_reader_is_served_without_a_query(self):
        first, rendered = self.get(self.release.url)
        second, queries = self.get(self.release.url)
        self.assertGreater(rendered, 0)
        self.assertEqual(queries, 0)
        self.assertEqual(second.content, first.content)

    def test_compressed_and_plain_answers_are_kept_apart(self):
        self.get(self.release.url, **GZIP)
        plain, _queries = self.get(self.release.url)
        self.assertNotIn("Content-Encoding", plain)
        self.assertContains(plain, "Pirmā relīze")
        compressed, queries = self.get(self.release.url, **GZIP)
        self.assertEqual(compressed["Content-Encoding"], "gzip")
        self.assertEqual(queries, 0)

    def test_a_publish_renews_the_page_and_its_lists_and_leaves_another_release_kept(self):
        for url in (self.release.url, self.other.url, self.tree.news_index.url):
            self.get(url)
        self.publish(self.release, "Labotā relīze")
        for url in (self.release.url, self.tree.news_index.url):
            response, queries = self.get(url)
            self.assertContains(response, "Labotā relīze")
            self.assertGreater(queries, 0)
        _response, queries = self.get(self.other.url)
        self.assertEqual(queries, 0)

    def test_an_api_answer_is_renewed_by_any_publish(self):
        url = "/api/v2/pages/?type=news.PressReleasePage&fields=title"
        self.get(url)
        self.assertEqual(self.get(url)[1], 0)
        self.publish(self.other, "Otrā, labota")
        response, queries = self.get(url)
        self.assertGreater(queries, 0)
        self.assertContains(response, "Otrā, labota")

    def test_a_signed_in_reader_is_never_served_a_kept_answer(self):
        self.get(self.release.url)
        self.client.force_login(self.editor)
        _response, queries = self.get(self.release.url)
        self.assertGreater(queries, 0)

    def test_an_answer_the_cache_in_front_may_not_keep_is_not_kept(self):
        # A private page's password form: a 200 with a CSRF token in it.
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(
            page=self.other, restriction_type=PageViewRestriction.PASSWORD, password="slepens"
        )
        first, _queries = self.get(self.other.url)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first["X-Accel-Expires"], "0")
        _response, queries = self.get(self.other.url)
        self.assertGreater(queries, 0)

    def test_another_spelling_of_the_address_is_not_answered_from_the_cache(self):
        self.get(self.release.url)
        spelled = self.release.url.replace("-", "%2D", 1)
        response = self.client.get(self.release.url, RAW_URI=spelled)
        self.assertEqual(response.status_code, 301)

    @override_settings(RESPONSE_CACHE=False)
    def test_off_by_default_outside_production(self):
        self.get(self.release.url)
        self.assertGreater(self.get(self.release.url)[1], 0)

    def test_an_answer_rendered_while_something_was_published_is_not_kept(self):
        from unittest import mock

        from portal.core import content_cache

        read = content_cache.page_version
        published = []

        def publish_meanwhile(pk):
            # The release is published (elsewhere) while this reader's answer is rendered.
            if not published:
                published.append(pk)
                content_cache.renew_pages([pk])
            return read(pk)

        with mock.patch.object(content_cache, "page_version", side_effect=publish_meanwhile):
            self.get(self.release.url)
        self.assertEqual(published, [self.release.pk])
        _response, queries = self.get(self.release.url)
        self.assertGreater(queries, 0)
