"""What the cache in front may keep (FrontendCacheMiddleware), and what publishing purges
(portal/ops/frontend_cache.py), against a real HTTP purge server on loopback."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.contrib.auth import get_user_model
from django.test import Client, TestCase, override_settings
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, Site
from wagtail_factories import ImageFactory

from news.models import NewsIndexPage, PressReleasePage
from news.tests.factories import PressReleasePageFactory
from portal.tests.seed import load_seed

RELEASE_SLUG = "vizite-uz-krakovu-uznemejdarbibas-veicinasanai"


class PurgeServer:
    """Stands where nginx's purge server stands; remembers the addresses it was asked for."""

    def __init__(self, status=200):
        self.requests = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                recorder.requests.append(f"http://{self.headers['Host']}{self.path}")
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        port = self.server.server_address[1]
        self.settings = override_settings(
            WAGTAILFRONTENDCACHE={
                "nginx": {
                    "BACKEND": "portal.ops.frontend_cache.NginxPurgeBackend",
                    "LOCATION": f"http://127.0.0.1:{port}",
                }
            }
        )
        self.settings.enable()
        return self

    def __exit__(self, *exc):
        self.settings.disable()
        self.server.shutdown()
        self.server.server_close()

    @property
    def purged(self):
        return set(self.requests)


def release(language="lv"):
    source = PressReleasePage.objects.get(slug=RELEASE_SLUG)
    return source.get_translation(Locale.objects.get(language_code=language)).specific


class PurgeOnPublishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def publish(self, page):
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        return server.purged

    def test_publishing_a_release_purges_every_page_that_shows_it(self):
        purged = self.publish(release())
        base = "http://localhost"
        expected = {
            # The release in each language, and the lists and home pages above it.
            f"{base}/lv/jaunumi/{RELEASE_SLUG}/",
            f"{base}/en/news/visit-to-krakow-to-promote-business/",
            f"{base}/lv/",
            f"{base}/en/",
            f"{base}/pl/",
            f"{base}/lv/jaunumi/",
            f"{base}/pl/aktualnosci/",
            # Feeds, the project and a partner it names, the sitemap, the API.
            f"{base}/lv/jaunumi/feed/rss/",
            f"{base}/en/news/feed/atom/",
            f"{base}/lv/projekti/regionalas-politikas-aktivitasu-istenosana-latvija/",
            f"{base}/en/projects/implementation-of-regional-policy-activities-in-latvia/feed/rss/",
            f"{base}/lv/partneri/mazpolijas-regions/",
            f"{base}/sitemap.xml",
            f"{base}/api/v2/pages/",
            f"{base}/api/v2/pages/{release().pk}/",
            f"{base}/api/v2/pages/{release('pl').pk}/",
            # The news list filtered as its links and its form write it.
            f"{base}/lv/jaunumi/?year=2014",
            f"{base}/lv/jaunumi/?year=2014&project=&topic=",
            f"{base}/en/news/?topic=business",
        }
        self.assertLessEqual(expected, purged, sorted(expected - purged))

    def test_only_what_shows_the_page_is_purged(self):
        purged = self.publish(release())
        # The accessibility statement does not show the release.
        self.assertFalse([url for url in purged if "piekluestamib" in url or "accessib" in url])
        self.assertFalse([url for url in purged if "search" in url])

    def test_publishing_a_page_of_wagtails_own_type_purges_it(self):
        # As `make run` and bin/prod publish the placeholder home page a new site starts with:
        # a plain Page, whose relations include every page type's (page_ptr) and aliases.
        page = Page.get_first_root_node().add_child(
            instance=Page(title="Welcome", slug="welcome-plain")
        )
        Site.objects.create(hostname="plain.example", port=80, root_page=page)
        purged = self.publish(page)
        self.assertIn("http://plain.example/lv/", purged)

    def test_publishing_a_translation_purges_the_other_languages_too(self):
        # Their language switchers and hreflang links name the translation.
        purged = self.publish(release("pl"))
        self.assertIn(f"http://localhost/lv/jaunumi/{RELEASE_SLUG}/", purged)
        self.assertIn("http://localhost/en/news/visit-to-krakow-to-promote-business/", purged)

    def test_unpublishing_purges(self):
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=True):
            release().unpublish()
        self.assertIn(f"http://localhost/lv/jaunumi/{RELEASE_SLUG}/", server.purged)
        self.assertIn("http://localhost/lv/jaunumi/feed/rss/", server.purged)

    def test_a_collection_made_private_leaves_the_apis_cached_answers(self):
        """The hostile try: /api/v2/images/<id>/ still listed an image for an hour after its
        collection was made private."""
        private = Collection.get_first_root_node().add_child(name="Vēlāk privāta")
        image = ImageFactory(collection=private)
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=True):
            CollectionViewRestriction.objects.create(
                collection=private, restriction_type="password", password="x"
            )
        for url in ("/api/v2/images/", f"/api/v2/images/{image.pk}/", "/api/v2/documents/"):
            self.assertIn(f"http://localhost{url}", server.purged)
        other = Collection.get_first_root_node().add_child(name="Cita")
        image.collection = other
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=True):
            image.save()
        self.assertIn(f"http://localhost/api/v2/images/{image.pk}/", server.purged)

    def move_to_an_archive(self):
        home = release().get_parent().get_parent()
        archive = home.add_child(
            instance=NewsIndexPage(title="Arhīvs", slug="arhivs", locale=home.locale)
        )
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=True):
            release().move(archive, pos="last-child")
        return server.purged

    def test_moving_purges_the_old_address_and_the_new(self):
        purged = self.move_to_an_archive()
        self.assertIn(f"http://localhost/lv/jaunumi/{RELEASE_SLUG}/", purged)
        self.assertIn(f"http://localhost/lv/arhivs/{RELEASE_SLUG}/", purged)
        self.assertIn("http://localhost/lv/jaunumi/", purged)

    def test_editing_a_project_purges_the_releases_that_name_it(self):
        project = release().project_links.get().project.specific
        purged = self.publish(project)
        self.assertIn(f"http://localhost/lv/jaunumi/{RELEASE_SLUG}/", purged)
        self.assertIn("http://localhost/en/news/visit-to-krakow-to-promote-business/", purged)

    def test_nothing_is_sent_before_the_change_is_committed(self):
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=False) as callbacks:
            release().save_revision().publish()
            self.assertEqual(server.requests, [])
        self.assertTrue(callbacks)

    def test_a_purge_server_that_is_down_is_logged_not_raised(self):
        settings = {"nginx": {"BACKEND": "portal.ops.frontend_cache.NginxPurgeBackend"}}
        settings["nginx"]["LOCATION"] = "http://127.0.0.1:9"  # nothing listens there
        with (
            override_settings(WAGTAILFRONTENDCACHE=settings),
            self.assertLogs("portal.ops.frontend_cache", "ERROR") as logs,
            self.captureOnCommitCallbacks(execute=True),
        ):
            release().save_revision().publish()
        self.assertIn("Couldn't purge", logs.output[0])
        self.assertTrue(release().live)

    def test_a_deep_list_page_is_purged_when_the_release_is_on_it(self):
        index = release().get_parent().specific
        older = release()
        for _number in range(index.releases_per_page):
            PressReleasePageFactory(parent=index, release_date=datetime.date(2020, 1, 1))
        purged = self.publish(older)
        self.assertIn("http://localhost/lv/jaunumi/?page=2", purged)

    def test_the_list_page_is_the_one_the_release_is_on_after_the_change(self):
        index = release().get_parent().specific
        for _number in range(index.releases_per_page):
            PressReleasePageFactory(parent=index, release_date=datetime.date(2010, 1, 1))
        changed = release()
        changed.release_date = datetime.date(2009, 6, 1)  # from the first list page to the second
        purged = self.publish(changed)
        self.assertIn("http://localhost/lv/jaunumi/?page=2", purged)
        self.assertIn("http://localhost/lv/jaunumi/?year=2009", purged)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_the_list_pages_are_purged_by_the_task_worker_not_in_the_editors_request(self):
        from django_tasks_db.models import DBTaskResult

        index = release().get_parent().specific
        older = release()
        for _number in range(index.releases_per_page):
            PressReleasePageFactory(parent=index, release_date=datetime.date(2020, 1, 1))
        with PurgeServer() as server:
            with self.captureOnCommitCallbacks(execute=True):
                older.save_revision().publish()
            # The release itself at once; its list page waits for the worker.
            self.assertIn(f"http://localhost/lv/jaunumi/{RELEASE_SLUG}/", server.purged)
            self.assertNotIn("http://localhost/lv/jaunumi/?page=2", server.purged)
            queued = DBTaskResult.objects.get(task_path__endswith="purge_list_pages")
            # What the worker does with it (its own process and connection in production).
            queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
            self.assertIn("http://localhost/lv/jaunumi/?page=2", server.purged)

    def test_moving_purges_the_lists_it_leaves(self):
        purged = self.move_to_an_archive()
        self.assertIn("http://localhost/lv/jaunumi/?year=2014", purged)
        self.assertIn("http://localhost/lv/arhivs/?year=2014", purged)


class CacheabilityTests(TestCase):
    """X-Accel-Expires tells nginx what it may keep; s-maxage tells a CDN."""

    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.editor = get_user_model().objects.create_superuser("redaktors", "r@example.lv", "x")

    def seconds(self, response):
        return int(response["X-Accel-Expires"])

    def test_an_anonymous_page_is_kept_and_purged_on_publish(self):
        response = self.client.get("/lv/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.seconds(response), 3600)
        self.assertIn("s-maxage=3600", response["Cache-Control"])
        self.assertIn("max-age=0", response["Cache-Control"])

    @override_settings(FRONTEND_CACHE_SECONDS=120, FRONTEND_CACHE_QUERY_SECONDS=7)
    def test_addresses_with_a_query_string_are_kept_briefly(self):
        self.assertEqual(self.seconds(self.client.get("/lv/jaunumi/")), 120)
        self.assertEqual(self.seconds(self.client.get("/lv/jaunumi/?page=2")), 7)
        self.assertEqual(self.seconds(self.client.get("/lv/search/?q=Krakova")), 7)
        self.assertEqual(self.seconds(self.client.get("/api/v2/pages/?locale=en")), 7)
        self.assertEqual(self.seconds(self.client.get("/lv/nav-tadas-lapas/")), 7)

    def test_a_logged_in_reader_is_never_cached(self):
        self.client.force_login(self.editor)
        response = self.client.get("/lv/")
        self.assertEqual(self.seconds(response), 0)
        self.assertNotIn("s-maxage", response.get("Cache-Control", ""))

    def test_a_response_with_a_csrf_token_or_a_cookie_is_never_cached(self):
        response = self.client.get("/admin/login/")
        self.assertIn("csrfmiddlewaretoken", response.content.decode())
        self.assertEqual(self.seconds(response), 0)
        # The token in the page, with the cookie already there (no Set-Cookie this time).
        response = self.client.get("/admin/login/")
        self.assertEqual(self.seconds(response), 0)

    def test_an_anonymous_session_cookie_is_enough_to_bypass(self):
        self.client.cookies["sessionid"] = "anything"
        self.assertEqual(self.seconds(self.client.get("/lv/")), 0)

    def test_changes_errors_and_private_answers_are_never_cached(self):
        self.assertEqual(self.seconds(self.client.post("/lv/search/", {"q": "x"})), 0)
        self.assertEqual(self.seconds(self.client.get("/embargo/not-a-token/")), 0)
        self.assertEqual(self.seconds(self.client.get("/health/")), 0)
        self.assertEqual(self.seconds(self.client.get("/")), 0)  # a redirect by language

    def test_a_draft_is_never_cached_for_the_public(self):
        # Previews are for logged-in editors only: never stored, never served from the cache.
        self.client.force_login(self.editor)
        page = release()
        response = self.client.get(f"/admin/pages/{page.pk}/view_draft/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.seconds(response), 0)


class HealthTests(TestCase):
    def test_healthy_when_the_database_and_the_cache_answer(self):
        response = Client().get("/health/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok", "cache": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_degraded_but_serving_when_the_cache_is_gone(self):
        gone = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",  # as in production
                "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            }
        }
        with override_settings(CACHES=gone):
            response = Client().get("/health/")
        self.assertEqual(response.status_code, 200)  # pages are served from the database
        self.assertEqual(
            response.json(), {"status": "degraded", "database": "ok", "cache": "unavailable"}
        )


class PublishedWhileRenderedTests(TestCase):
    """A reader's answer rendered while the page is published (before the commit: the old
    version) reaches the cache in front after the purge: it must not be kept."""

    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_an_answer_rendered_during_a_publish_is_not_kept_by_the_cache_in_front(self):
        from unittest import mock

        from portal.core import content_cache

        read = content_cache.page_version

        def published_meanwhile(pk):
            content_cache.renew_pages([pk])
            return read(pk)

        url = release().url
        content_cache.bump()  # the generation is in the cache, as on a running site
        with mock.patch.object(content_cache, "page_version", side_effect=published_meanwhile):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Accel-Expires"], "0")
        self.assertNotEqual(self.client.get(url)["X-Accel-Expires"], "0")
