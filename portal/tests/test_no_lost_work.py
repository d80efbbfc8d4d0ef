"""No lost work: a stale form's save is refused, the newer version is kept, and the editor
overwrites it only by confirming, after seeing what changed. An editor's own autosave is not
someone else's edit."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.core.forms import BASE_REVISION_FIELD, CONFIRM_FIELD
from portal.core.roles import MODERATORS
from portal.tests.factories import SiteTree

REFUSED = "saved this page after you opened it"


def hidden_inputs(html, *names):
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in names
        if re.search(rf'name="{name}" value="([^"]*)"', html)
    }


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
            user = get_user_model().objects.create_user(name, password="pw", first_name=name)
            user.groups.add(Group.objects.get(name=MODERATORS))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "en"  # the admin in English, for the messages below
            profile.save()
            cls.users.append(user)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.release.pk])

    def open_editor(self, user):
        """A logged-in browser session with the edit form open: its hidden revision fields."""
        client = Client()
        client.force_login(user)
        html = client.get(self.edit_url).content.decode()
        return client, hidden_inputs(html, "loaded_revision_id", "loaded_revision_created_at")

    def save(self, client, form, title, **extra):
        data = {**release_form_data(title=title, slug="relize"), **form, **extra}
        return client.post(self.edit_url, {**data, "action-save": "1"})

    def autosave(self, client, form, title, overwrite=None):
        extra = {"overwrite_revision_id": overwrite} if overwrite else {}
        data = {**release_form_data(title=title, slug="relize"), **form, **extra}
        response = client.post(self.edit_url, data, headers={"Accept": "application/json"})
        return response.json()

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
        self.assertContains(response, f"anna {REFUSED}")
        self.assertContains(response, "Bērziņa virsraksts")  # his input is still in the form
        self.assertEqual(self.latest_title(), "Annas virsraksts")
        # He is shown what she changed: the comparison of his version with hers.
        compare = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[
                self.release.pk,
                berzins_form["loaded_revision_id"],
                self.release.latest_revision_id,
            ],
        )
        self.assertContains(response, f'href="{compare}"')
        self.assertNotContains(response, "&lt;a href")  # no markup shown as text
        self.assertEqual(berzins.get(compare).status_code, 200)

    def test_after_a_refusal_saving_again_without_confirming_is_refused_again(self):
        anna, anna_form = self.open_editor(self.users[0])
        berzins, berzins_form = self.open_editor(self.users[1])
        self.save(anna, anna_form, "Annas virsraksts")
        refused = self.save(berzins, berzins_form, "Bērziņa virsraksts").content.decode()
        # What the re-shown form would post again when he presses Save a second time.
        form_again = hidden_inputs(
            refused, "loaded_revision_id", "loaded_revision_created_at", BASE_REVISION_FIELD
        )
        self.assertEqual(form_again[BASE_REVISION_FIELD], berzins_form["loaded_revision_id"])
        response = self.save(berzins, form_again, "Bērziņa virsraksts")
        self.assertContains(response, REFUSED)
        self.assertEqual(self.latest_title(), "Annas virsraksts")
        # Confirming for the version he was shown overwrites it.
        newer = str(self.release.latest_revision_id)
        self.assertIn(f'name="{CONFIRM_FIELD}" value="{newer}"', refused)
        response = self.save(berzins, form_again, "Bērziņa virsraksts", **{CONFIRM_FIELD: newer})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.latest_title(), "Bērziņa virsraksts")

    def test_a_confirmation_for_an_older_version_does_not_overwrite_a_newer_one(self):
        anna, anna_form = self.open_editor(self.users[0])
        berzins, berzins_form = self.open_editor(self.users[1])
        self.save(anna, anna_form, "Annas virsraksts")
        refused = self.save(berzins, berzins_form, "Bērziņa virsraksts").content.decode()
        shown = str(self.release.latest_revision_id)
        # Anna saves again while he reads the comparison.
        anna, anna_form = self.open_editor(self.users[0])
        self.save(anna, anna_form, "Annas otrais virsraksts")
        form_again = hidden_inputs(refused, BASE_REVISION_FIELD)
        response = self.save(berzins, form_again, "Bērziņa virsraksts", **{CONFIRM_FIELD: shown})
        self.assertContains(response, REFUSED)
        self.assertEqual(self.latest_title(), "Annas otrais virsraksts")

    def test_saving_after_ones_own_autosave_is_not_refused(self):
        anna, form = self.open_editor(self.users[0])
        result = self.autosave(anna, form, "Annas melnraksts")
        self.assertTrue(result["success"], result)
        # What static/js/admin/autosave-revision.js does with the answer.
        form = {
            "loaded_revision_id": str(result["revision_id"]),
            "loaded_revision_created_at": result["revision_created_at"],
        }
        result = self.autosave(anna, form, "Annas melnraksts 2", overwrite=result["revision_id"])
        self.assertTrue(result["success"], result)
        form["loaded_revision_created_at"] = result["revision_created_at"]
        response = self.save(anna, form, "Annas virsraksts")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.latest_title(), "Annas virsraksts")

    def test_someone_elses_autosave_is_still_caught(self):
        anna, anna_form = self.open_editor(self.users[0])
        berzins, berzins_form = self.open_editor(self.users[1])
        self.assertTrue(self.autosave(anna, anna_form, "Annas melnraksts")["success"])
        response = self.save(berzins, berzins_form, "Bērziņa virsraksts")
        self.assertContains(response, REFUSED)
        self.assertEqual(self.latest_title(), "Annas melnraksts")
