"""An editor whose session ended gets their input back after logging in again."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.core.roles import EDITORS
from portal.tests.factories import SiteTree

PASSWORD = "Redaktores-parole-2026"


class KeptInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        cls.release = PressReleasePageFactory(parent=tree.news_index, title="Relīze", slug="r")
        cls.release.save_revision().publish()
        cls.editor = get_user_model().objects.create_user("redaktore", password=PASSWORD)
        cls.editor.groups.add(Group.objects.get(name=EDITORS))

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.release.pk])

    def signed_out_save(self, **headers):
        """The editor opened the form, then her session ended, then she pressed Save."""
        self.client.force_login(self.editor)
        html = self.client.get(self.edit_url()).content.decode()
        self.assertIn('name="loaded_revision_id"', html)
        # The session ends (expired, or Redis lost it); the browser keeps its other cookies.
        self.client.cookies.pop(settings.SESSION_COOKIE_NAME)
        data = release_form_data(
            title="Relīze", slug="r", lead="Ievads, ko rakstīju stundu.", **{"action-save": "1"}
        )
        data["loaded_revision_id"] = str(self.release.latest_revision_id)
        return self.client.post(self.edit_url(), data, headers=headers)

    def log_in(self, next_url):
        login = reverse("wagtailadmin_login")
        return self.client.post(
            f"{login}?next={next_url}",
            {"username": "redaktore", "password": PASSWORD, "next": next_url},
        )

    def test_a_save_after_the_session_ended_comes_back_after_login(self):
        response = self.signed_out_save()
        kept = reverse("portal_kept_input")
        self.assertRedirects(
            response, f"{reverse('wagtailadmin_login')}?next={kept}", fetch_redirect_response=False
        )
        response = self.log_in(kept)
        self.assertRedirects(response, kept, fetch_redirect_response=False)
        page = self.client.get(kept)
        self.assertContains(page, "Ievads, ko rakstīju stundu.")
        self.assertContains(page, f'action="{self.edit_url()}"')
        self.assertNotContains(page, 'name="action-publish"')
        # Sending it back saves a draft with her text.
        data = dict(page.context["kept"]["data"])
        response = self.client.post(self.edit_url(), {**data, "action-save": "1"})
        self.assertEqual(response.status_code, 302)
        self.release.refresh_from_db()
        self.assertEqual(
            self.release.get_latest_revision_as_object().lead, "Ievads, ko rakstīju stundu."
        )
        self.assertTrue(self.release.live)  # a draft, the live version untouched
        self.assertNotEqual(self.release.lead, "Ievads, ko rakstīju stundu.")

    def test_an_autosave_after_the_session_ended_is_a_clear_json_refusal(self):
        response = self.signed_out_save(Accept="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertIn("Piesakieties vēlreiz", response.json()["error_message"])  # lv admin
        self.log_in(reverse("portal_kept_input"))
        self.assertContains(
            self.client.get(reverse("portal_kept_input")), "Ievads, ko rakstīju stundu."
        )

    def test_kept_input_can_be_discarded(self):
        self.signed_out_save()
        self.log_in(reverse("portal_kept_input"))
        self.client.post(reverse("portal_kept_input"), {"discard": "1"})
        response = self.client.get(reverse("portal_kept_input"), follow=True)
        self.assertNotContains(response, "Ievads, ko rakstīju stundu.")

    def test_kept_input_is_not_offered_to_the_next_person_on_the_same_browser(self):
        self.signed_out_save()
        other = get_user_model().objects.create_user("cits", password=PASSWORD)
        other.groups.add(Group.objects.get(name=EDITORS))
        login = reverse("wagtailadmin_login")
        self.client.post(login, {"username": "cits", "password": PASSWORD})
        response = self.client.get(reverse("portal_kept_input"), follow=True)
        self.assertNotContains(response, "Ievads, ko rakstīju stundu.")

    def test_a_signed_out_post_from_elsewhere_keeps_nothing_and_makes_no_session(self):
        """The hostile try: a POST with no cookies (or another site's form) made a session
        row each time, and in a browser would have replaced the editor's session."""
        data = release_form_data(title="Injected", slug="x", **{"action-save": "1"})
        stranger = Client(enforce_csrf_checks=True)
        response = stranger.post(self.edit_url(), data)
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)
        # The editor's own browser, but a form posted from another site (no CSRF token).
        self.signed_out_save()  # sets the editor cookie, as working in the admin does
        browser = Client(enforce_csrf_checks=True)
        browser.cookies = self.client.cookies
        response = browser.post(self.edit_url(), data)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)
        self.release.refresh_from_db()
        self.assertNotEqual(self.release.get_latest_revision_as_object().title, "Injected")


class SessionStoreTests(TestCase):
    def test_with_redis_sessions_are_kept_in_the_database_too(self):
        import subprocess
        import sys
        from pathlib import Path

        code = "from portal.settings import base; print(base.SESSION_ENGINE)"
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={"REDIS_URL": "redis://127.0.0.1:1/0", "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        self.assertEqual(result.stdout.strip(), "django.contrib.sessions.backends.cached_db")

    @override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
    def test_a_session_outlives_an_emptied_cache(self):
        from django.core.cache import cache

        user = get_user_model().objects.create_superuser("admin2", "a@example.lv", PASSWORD)
        self.client.force_login(user)
        cache.clear()
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
