"""The app's side of the edge (the production stack's own tests, through nginx, are in
portal/tests/prod/test_edge_security.py): whose address counts, one spelling per address,
private uploads on the development server, and JSON errors from the API."""

import importlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.urls import clear_url_caches
from django.utils.cache import patch_vary_headers
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.utils.sendfile import _get_sendfile
from wagtail_factories import ImageFactory

import portal.urls
from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory
from portal.ops.frontend_cache import FrontendCacheMiddleware
from portal.ops.throttle import client_address
from portal.tests.seed import load_seed

PASSWORD = "Latgale-portal-2026"
BEHIND_NGINX = {"CLIENT_ADDRESS_META_KEY": "HTTP_X_REAL_IP"}


class ClientAddressTests(TestCase):
    def address(self, **meta):
        return client_address(RequestFactory().get("/", **meta))

    @override_settings(**BEHIND_NGINX)
    def test_behind_nginx_the_address_is_the_header_nginx_overwrites(self):
        forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.7", "REMOTE_ADDR": ""}
        self.assertEqual(self.address(HTTP_X_REAL_IP="192.0.2.10", **forged), "192.0.2.10")
        # Without it (a request that did not come through nginx): the connection's address.
        self.assertEqual(self.address(REMOTE_ADDR="192.0.2.11"), "192.0.2.11")

    def test_without_a_proxy_only_the_connection_counts(self):
        self.assertEqual(
            self.address(HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR="192.0.2.12"), "192.0.2.12"
        )

    @override_settings(**BEHIND_NGINX)
    def test_an_ipv6_client_is_its_slash_64(self):
        one = self.address(HTTP_X_REAL_IP="2001:db8:1:2::1")
        self.assertEqual(one, "2001:db8:1:2::")
        self.assertEqual(self.address(HTTP_X_REAL_IP="2001:db8:1:2:ffff::7"), one)
        self.assertNotEqual(self.address(HTTP_X_REAL_IP="2001:db8:1:3::1"), one)
        self.assertEqual(self.address(HTTP_X_REAL_IP="::ffff:192.0.2.9"), "192.0.2.9")

    @override_settings(**BEHIND_NGINX)
    def test_no_address_at_all_is_still_an_address_never_none(self):
        self.assertEqual(self.address(REMOTE_ADDR="", HTTP_X_REAL_IP="not an address"), "0.0.0.0")

    @override_settings(AXES_ENABLED=True, **BEHIND_NGINX)
    def test_the_lockout_counts_the_address_nginx_saw_not_the_clients_headers(self):
        get_user_model().objects.create_superuser("redaktore", "r@example.com", PASSWORD)
        for attempt in range(5):
            self.client.post(
                "/admin/login/",
                {"username": "redaktore", "password": "wrong"},
                HTTP_X_REAL_IP="192.0.2.20",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
                REMOTE_ADDR="",
            )
        response = self.client.post(
            "/admin/login/",
            {"username": "redaktore", "password": PASSWORD},
            HTTP_X_REAL_IP="192.0.2.20",
            HTTP_X_FORWARDED_FOR="203.0.113.99",
        )
        self.assertEqual(response.status_code, 429)
        # Someone else, at another address, is not locked out of that account.
        response = self.client.post(
            "/admin/login/",
            {"username": "redaktore", "password": PASSWORD},
            HTTP_X_REAL_IP="192.0.2.21",
        )
        self.assertEqual(response.status_code, 302)

    @override_settings(**BEHIND_NGINX)
    def test_password_reset_through_a_unix_socket_is_limited_not_a_500(self):
        cache.clear()
        statuses = [
            self.client.post(
                "/admin/password_reset/",
                {"email": "someone@example.com"},
                REMOTE_ADDR="",  # gunicorn's Unix socket has no address
                HTTP_X_REAL_IP="192.0.2.30",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
            ).status_code
            for attempt in range(6)
        ]
        self.assertEqual(statuses, [302] * 5 + [429])


class CanonicalAddressTests(TestCase):
    def get(self, raw):
        path, _, query = raw.partition("?")
        return self.client.get(path, QUERY_STRING=query, RAW_URI=raw)

    def test_other_spellings_are_redirected_to_the_apps_own(self):
        cases = {
            "/lv/jaunumi/vizite%2Duz-krakovu/": "/lv/jaunumi/vizite-uz-krakovu/",
            "/lv/jaunumi/vizite-uz-krakovu/?": "/lv/jaunumi/vizite-uz-krakovu/",
            "/lv/jaunumi/vizite-uz-krakov%75/?a=1": "/lv/jaunumi/vizite-uz-krakovu/?a=1",
            "/lv/jaunumi/viz%c4%abte/": "/lv/jaunumi/viz%C4%ABte/",
        }
        for raw, canonical in cases.items():
            with self.subTest(raw):
                response = self.get(raw)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], canonical)
                self.assertEqual(response["X-Accel-Expires"], "0")

    def test_the_apps_own_spelling_is_answered(self):
        for raw in ("/lv/", "/lv/?a=1", "/lv/jaunumi/viz%C4%ABte/"):
            with self.subTest(raw):
                self.assertNotIn(self.get(raw).status_code, (301, 400))

    def test_a_spelling_that_would_lead_to_another_site_is_refused(self):
        self.assertEqual(self.get("/%2Fevil.example/").status_code, 400)


def upload(collection, name):
    document = get_document_model().objects.create(
        title=name, collection=collection, file=ContentFile(b"%PDF-1.4 " + name.encode(), name)
    )
    image = get_image_model().objects.create(
        title=name, collection=collection, file=get_test_image_file(filename=f"{name}.png")
    )
    return document, image


@override_settings(DEBUG=True)
class PrivateUploadsOnTheDevelopmentServerTests(TestCase):
    """`make run` serves media itself (DEBUG): the same rules as nginx in production."""

    @classmethod
    def setUpTestData(cls):
        root = Collection.get_first_root_node()
        private = root.add_child(name="Private")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type="password", password="slepena"
        )
        cls.public = upload(root, "public")
        cls.private = upload(private, "private")

    def setUp(self):
        clear_url_caches()
        importlib.reload(portal.urls)  # the media addresses depend on DEBUG
        self.addCleanup(clear_url_caches)
        self.addCleanup(self.reload_urls_as_the_tests_run)

    @staticmethod
    def reload_urls_as_the_tests_run():
        """The class's DEBUG=True is still on while cleanups run: rebuild the addresses the
        way every other test sees them."""
        with override_settings(DEBUG=False):
            importlib.reload(portal.urls)

    def test_documents_are_never_plain_files(self):
        for document, _image in (self.public, self.private):
            self.assertEqual(self.client.get(f"/media/{document.file.name}").status_code, 404)
        response = self.client.get(self.public[0].url)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 public")
        response = self.client.get(self.private[0].url)
        self.assertContains(response, 'name="password"')

    def test_an_original_image_is_served_unless_its_collection_is_private(self):
        response = self.client.get(f"/media/{self.public[1].file.name}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(b"".join(response.streaming_content).startswith(b"\x89PNG"))
        self.assertEqual(self.client.get(f"/media/{self.private[1].file.name}").status_code, 404)
        self.assertEqual(self.client.get("/media/original_images/../documents/x").status_code, 404)

    def test_renditions_are_served(self):
        rendition = self.public[1].get_rendition("width-20")
        response = self.client.get(rendition.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(b"".join(response.streaming_content).startswith(b"\x89PNG"))


@override_settings(
    MEDIA_ACCEL_REDIRECT_URL="/internal-media/", SENDFILE_BACKEND="portal.ops.private_media"
)
class NginxSendsTheBytesTests(TestCase):
    def setUp(self):
        _get_sendfile.clear()  # Wagtail keeps the backend it loaded first
        self.addCleanup(_get_sendfile.clear)

    def test_a_public_document_is_handed_to_nginx_after_the_check(self):
        document, image = upload(Collection.get_first_root_node(), "public")
        response = self.client.get(document.url)
        self.assertEqual(response["X-Accel-Redirect"], f"/internal-media/{document.file.name}")
        self.assertEqual(response.content, b"")
        self.assertNotIn("Content-Encoding", response)
        response = self.client.get(f"/media/{image.file.name}")
        self.assertEqual(response["X-Accel-Redirect"], f"/internal-media/{image.file.name}")


class ApiErrorsAreJsonTests(TestCase):
    def test_an_unexpected_error_under_the_api_is_json(self):
        from portal.site.views import server_error

        try:
            raise RuntimeError("boom")
        except RuntimeError:
            response = server_error(RequestFactory().get("/api/v2/pages/"))
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertNotIn(b"boom", response.content)


# Kinds of answer the cache in front keeps, with absolute addresses in them or without.
WITH_ABSOLUTE_ADDRESSES = [
    "/lv/jaunumi/",
    "/lv/jaunumi/feed/rss/",
    "/lv/jaunumi/feed/atom/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/robots.txt",
    "/api/v2/pages/?type=news.PressReleasePage&fields=*",
    "/api/v2/images/?fields=*",
]
WITHOUT_ABSOLUTE_ADDRESSES = ["/api/v2/documents/", "/lv/search/?q=Krakova", "/lv/"]


class ForeignHostTests(TestCase):
    """Whatever Host a client sends, what the cache in front keeps carries the site's own
    address (the hostile review: one `Host: 127.0.0.1:6666` and every later reader got it)."""

    @classmethod
    def setUpTestData(cls):
        load_seed()
        index = PressReleasePage.objects.get(locale__language_code="lv").get_parent()
        image = ImageFactory(file=get_test_image_file(size=(1400, 900)))
        release = PressReleasePageFactory(
            parent=index,
            body=[("image", {"image": image, "alt_text": "Tirgus", "caption": "", "credit": ""})],
        )
        release.save_revision().publish()
        cls.release_url = release.url

    def test_no_cached_kind_of_answer_takes_the_host_from_the_request(self):
        for address in [self.release_url, *WITH_ABSOLUTE_ADDRESSES]:
            with self.subTest(address):
                response = self.client.get(address, HTTP_HOST="localhost:6666")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"localhost:6666", response.content)
                self.assertIn(b"http://localhost/", response.content)
        for address in WITHOUT_ABSOLUTE_ADDRESSES:
            with self.subTest(address):
                response = self.client.get(address, HTTP_HOST="localhost:6666")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"localhost:6666", response.content)


class ChosenByLanguageTests(TestCase):
    def test_an_answer_chosen_by_the_visitors_language_is_never_kept_for_everyone(self):
        request = RequestFactory().get("/lv/")
        request.user = AnonymousUser()
        response = HttpResponse("Latviski")
        self.assertGreater(FrontendCacheMiddleware.cache_seconds(request, response), 0)
        patch_vary_headers(response, ["Accept-Language"])
        self.assertEqual(FrontendCacheMiddleware.cache_seconds(request, response), 0)


class ViewPasswordGuessTests(TestCase):
    """The hostile try: 25 guesses at a private collection's password, then the right one,
    all answered; the same for a private page."""

    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.page = PressReleasePage.objects.get(locale__language_code="lv")
        cls.page_restriction = PageViewRestriction.objects.create(
            page=cls.page, restriction_type="password", password="slepena-lapa"
        )
        private = Collection.get_first_root_node().add_child(name="Private")
        cls.collection_restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type="password", password="slepena-kolekcija"
        )

    def setUp(self):
        cache.clear()

    def guesses(self, url, right):
        statuses = [
            self.client.post(url, {"password": f"guess-{n}", "return_url": "/"}).status_code
            for n in range(settings.VIEW_PASSWORD_RATE)
        ]
        self.assertEqual(statuses, [200] * settings.VIEW_PASSWORD_RATE)  # the form, again
        self.assertEqual(self.client.post(url, {"password": right}).status_code, 429)
        self.client.defaults["REMOTE_ADDR"] = "192.0.2.40"  # someone else
        self.assertEqual(
            self.client.post(url, {"password": right, "return_url": "/"}).status_code, 302
        )

    def test_guesses_at_a_private_pages_password_are_limited_per_address(self):
        restriction, page = self.page_restriction, self.page
        self.guesses(
            f"/lv/_util/authenticate_with_password/{restriction.pk}/{page.pk}/", "slepena-lapa"
        )

    def test_guesses_at_a_private_collections_password_are_limited_per_address(self):
        restriction = self.collection_restriction
        self.guesses(
            f"/documents/authenticate_with_password/{restriction.pk}/", "slepena-kolekcija"
        )
