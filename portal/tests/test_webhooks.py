"""Webhooks, tested against a real HTTP receiver on this machine, delivered by django-tasks: with
the immediate backend (`make run`, most tests) and with the database backend and its worker
(production), run here as `manage.py db_worker --batch`."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from news.tests.factories import PressReleasePageFactory
from portal.models import WebhookDelivery, WebhookEndpoint
from portal.tests.factories import SiteTree


class Receiver:
    """A local HTTP server that records the posts it gets and answers with `statuses` in turn
    (200 when they run out); `hold` makes it wait before answering."""

    def __init__(self, statuses=()):
        self.posts = []
        self.statuses = list(statuses)
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.posts.append((self.path, dict(self.headers), body))
                receiver.entered.set()
                receiver.hold.wait(10)
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def events(self):
        return [json.loads(body) for _path, _headers, body in self.posts]


def verify(secret, headers, body):
    """What a receiver does: recompute the signature from the timestamp and the raw body."""
    fields = dict(part.split("=", 1) for part in headers["X-Portal-Signature"].split(","))
    expected = hmac.new(
        secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


# Production's task backend: tasks wait in the database for the worker.
WORKER_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """The task worker, as bin/prod runs it, until no task is ready."""
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


class WebhookTests(TransactionTestCase):
    serialized_rollback = True  # keep the locales and groups the migrations made

    def setUp(self):
        self.tree = SiteTree()
        self.receiver = Receiver()
        self.addCleanup(self.receiver.close)
        WebhookEndpoint.objects.create(url=f"{self.receiver.url}/admin-hook", secret="admin-secret")

    def publish_release(self):
        release = PressReleasePageFactory(parent=self.tree.news_index, live=False)
        release.save_revision().publish()
        release.refresh_from_db()
        return release

    @override_settings(PORTAL_WEBHOOKS=[])
    def test_publishing_posts_a_signed_event(self):
        release = self.publish_release()
        [(path, headers, body)] = self.receiver.posts
        self.assertEqual(path, "/admin-hook")
        self.assertTrue(verify("admin-secret", headers, body))
        self.assertFalse(verify("another-secret", headers, body))
        event = json.loads(body)
        self.assertEqual(event["type"], "page.published")
        self.assertEqual(headers["X-Portal-Event"], "page.published")
        self.assertEqual(event["page"]["id"], release.pk)
        self.assertEqual(event["page"]["locale"], "lv")
        self.assertEqual(event["page"]["type"], "news.PressReleasePage")
        self.assertTrue(event["page"]["url"].endswith(release.url))
        self.assertTrue(event["page"]["api_url"].endswith(f"/api/v2/pages/{release.pk}/"))
        delivery = WebhookDelivery.objects.get()
        self.assertIsNotNone(delivery.delivered_at)
        self.assertEqual(delivery.attempts, 1)

    def test_addresses_from_the_settings_get_the_events_too(self):
        hook = {"url": f"{self.receiver.url}/settings-hook", "secret": "settings-secret"}
        with self.settings(PORTAL_WEBHOOKS=[hook]):
            self.publish_release()
        posts = {path: (headers, body) for path, headers, body in self.receiver.posts}
        self.assertEqual(set(posts), {"/admin-hook", "/settings-hook"})
        self.assertTrue(verify("settings-secret", *posts["/settings-hook"]))

    def test_unpublishing_and_publishing_a_translation_are_events(self):
        release = self.publish_release()
        polish = release.copy_for_translation(
            Locale.objects.get(language_code="pl"), copy_parents=True
        )
        polish.save_revision().publish()
        release.unpublish()
        events = [(event["type"], event["page"]["locale"]) for event in self.receiver.events()]
        self.assertIn(("translation.published", "pl"), events)
        self.assertEqual(events[-1], ("page.unpublished", "lv"))

    @override_settings(TASKS=WORKER_QUEUE)
    def test_the_editor_does_not_wait_for_the_receiver_the_worker_posts(self):
        self.receiver.hold.clear()  # the receiver would take its time
        self.publish_release()
        # publish() has returned, and nothing has been posted: the event waits for the worker.
        self.assertEqual(self.receiver.posts, [])
        self.assertTrue(DBTaskResult.objects.filter(status="READY").exists())
        self.receiver.hold.set()
        run_worker()
        self.assertEqual(len(self.receiver.posts), 1)
        self.assertIsNotNone(WebhookDelivery.objects.get().delivered_at)

    @override_settings(TASKS=WORKER_QUEUE)
    def test_a_failed_post_is_tried_again_by_the_worker_until_it_succeeds(self):
        self.receiver.statuses = [500, 503]
        self.publish_release()
        for _round in range(20):  # each retry is due 0.05 s after the failure (test settings)
            run_worker()
            if WebhookDelivery.objects.get().delivered_at:
                break
            time.sleep(0.1)
        self.assertEqual(len(self.receiver.posts), 3)
        delivery = WebhookDelivery.objects.get()
        self.assertEqual(delivery.attempts, 3)
        self.assertIsNotNone(delivery.delivered_at)

    @override_settings(WEBHOOK_RETRY_DELAYS=[])
    def test_deliver_webhooks_posts_what_failed_once_it_is_due(self):
        self.receiver.statuses = [500]
        self.publish_release()
        delivery = WebhookDelivery.objects.get()
        self.assertIsNone(delivery.delivered_at)
        self.assertGreater(delivery.next_attempt_at, timezone.now())  # a minute from now
        output = StringIO()
        call_command("deliver_webhooks", stdout=output)
        self.assertIn("0 of 0", output.getvalue())  # not due yet
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        call_command("deliver_webhooks", stdout=output)
        self.assertIn("1 of 1 due deliveries made.", output.getvalue())
        delivery.refresh_from_db()
        self.assertEqual(delivery.attempts, 2)
        self.assertIsNotNone(delivery.delivered_at)


class WebhookAdminTests(TestCase):
    def test_an_administrator_adds_a_webhook_and_a_bad_address_is_a_form_error(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
        self.client.force_login(admin)
        url = reverse("webhooks:add")
        response = self.client.post(
            url, {"url": "not an address", "secret": "s", "is_active": "on"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["url"])
        self.assertFalse(WebhookEndpoint.objects.exists())
        response = self.client.post(
            url, {"url": "https://partner.example/hook", "secret": "s", "is_active": "on"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(WebhookEndpoint.objects.filter(url="https://partner.example/hook").exists())

    def test_editors_and_translators_cannot_see_or_change_webhooks(self):
        WebhookEndpoint.objects.create(url="https://partner.example/hook", secret="s")
        for group in ("Editors", "Translators (Polish)"):
            user = get_user_model().objects.create_user(group, password="pw")
            user.groups.add(Group.objects.get(name=group))
            self.client.force_login(user)
            for name in ("webhooks:index", "webhooks:add"):
                with self.subTest(group=group, view=name):
                    response = self.client.get(reverse(name))
                    self.assertNotEqual(response.status_code, 200)
            response = self.client.post(
                reverse("webhooks:add"), {"url": "https://evil.example/", "secret": "s"}
            )
            self.assertFalse(WebhookEndpoint.objects.filter(url="https://evil.example/").exists())
