"""No lost work: a stale form's save is refused, the newer version is kept."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.roles import MODERATORS
from portal.tests.factories import SiteTree


class ConcurrentEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        cls.release = PressReleasePageFactory(
            parent=tree.news_index, title="Sākotnējais virsraksts", slug="relize"
        )
        cls.release.save_revision().publish()
        cls.users = []
        for name in ("anna", "berzins"):
            user = get_user_model().objects.create_user(name, password="pw")
            user.groups.add(Group.objects.get(name=MODERATORS))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "en"  # the admin in English, for the message below
            profile.save()
            cls.users.append(user)

    def open_editor(self, user):
        """A logged-in browser session with the edit form open: its hidden revision fields."""
        client = Client()
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_pages:edit", args=[self.release.pk])).content
        loaded = {
            name: re.search(rf'name="{name}" value="([^"]*)"', html.decode()).group(1)
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }
        return client, loaded

    def save(self, client, loaded, title):
        data = {**release_form_data(title=title, slug="relize"), **loaded, "action-save": "1"}
        return client.post(reverse("wagtailadmin_pages:edit", args=[self.release.pk]), data)

    def latest_title(self):
        self.release.refresh_from_db()
        return self.release.get_latest_revision_as_object().title

    def test_the_second_save_from_a_stale_form_is_refused_and_the_first_kept(self):
        anna, anna_form = self.open_editor(self.users[0])
        berzins, berzins_form = self.open_editor(self.users[1])
        response = self.save(anna, anna_form, "Annas virsraksts")
        self.assertEqual(response.status_code, 302)
        response = self.save(berzins, berzins_form, "Bērziņa virsraksts")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Someone else saved this page after you opened it", response.content.decode())
        self.assertContains(response, "Bērziņa virsraksts")  # his input is still in the form
        self.assertEqual(self.latest_title(), "Annas virsraksts")
        # Having reloaded, he saves on top of the newer version.
        berzins, berzins_form = self.open_editor(self.users[1])
        self.assertEqual(self.save(berzins, berzins_form, "Bērziņa virsraksts").status_code, 302)
        self.assertEqual(self.latest_title(), "Bērziņa virsraksts")
