"""Embargo: a scheduled release appears nowhere public until its time, then goes live by
itself (publish_scheduled); journalists read it before then through a signed, expiring link."""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from news.models import EmbargoPreview, PressReleasePage
from news.models.embargo import SALT
from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree

TITLE = "Embargoed visit to Norway"


class EmbargoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(
            parent=cls.tree.news_index, title="Draft title", slug="norway", live=False
        )
        cls.release.title = TITLE
        cls.release.lead = "Embargoed lead text."
        cls.go_live = timezone.now() + datetime.timedelta(days=2)
        cls.release.save_revision(approved_go_live_at=cls.go_live)

    def preview_link(self, **fields):
        return EmbargoPreview.objects.create(
            release=self.release, recipient="LSM newsroom", **fields
        )

    def public_addresses(self):
        return [
            self.tree.home.url,
            self.tree.news_index.url,
            self.tree.news_index.url + "feed/rss/",
            self.tree.news_index.url + "feed/atom/",
            "/sitemap-pages.xml",
            "/lv/search/?q=Embargoed",
            "/api/v2/pages/?type=news.PressReleasePage&fields=*",
            "/api/v2/pages/?search=Embargoed",
            f"/api/v2/pages/{self.release.pk}/",
        ]

    def test_a_scheduled_release_is_nowhere_public_until_it_goes_live_by_itself(self):
        self.assertTrue(PressReleasePage.objects.get(pk=self.release.pk).approved_schedule)
        for url in self.public_addresses():
            with self.subTest(url=url):
                content = self.client.get(url).content.decode()
                self.assertNotIn(TITLE, content)
                self.assertNotIn("/jaunumi/norway/", content)
        self.assertEqual(self.client.get("/lv/jaunumi/norway/").status_code, 404)
        # The time comes; the scheduler (make scheduler, or the systemd timer) runs.
        self.release.scheduled_revision.__class__.objects.filter(
            pk=self.release.scheduled_revision.pk
        ).update(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1))
        call_command("publish_scheduled", stdout=StringIO())
        release = PressReleasePage.objects.get(pk=self.release.pk)
        self.assertTrue(release.live)
        for url in [self.tree.news_index.url, release.url, self.tree.news_index.url + "feed/rss/"]:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), TITLE)
        self.assertContains(self.client.get("/sitemap-pages.xml"), "/jaunumi/norway/")

    def test_a_journalist_reads_the_embargoed_release_through_the_link(self):
        link = self.preview_link()
        link.full_clean()
        self.assertEqual(link.expires_at, self.go_live)  # ends with the embargo
        response = self.client.get(reverse("embargo_preview", args=[link.token]))
        self.assertContains(response, TITLE)
        self.assertContains(response, "Embargoed lead text.")
        with translation.override("lv"):
            banner = translation.gettext("Embargoed until %(until)s.").split("%")[0]
        self.assertContains(response, banner)
        self.assertContains(response, '<meta name="robots" content="noindex, nofollow">')
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(response["Referrer-Policy"], "no-referrer")
        self.assertEqual(
            self.client.post(reverse("embargo_preview", args=[link.token])).status_code, 405
        )

    def test_the_link_stops_working_when_revoked_expired_or_the_embargo_is_over(self):
        revoked = self.preview_link(revoked=True)
        expired = self.preview_link(expires_at=timezone.now() - datetime.timedelta(minutes=1))
        for link in (revoked, expired):
            response = self.client.get(reverse("embargo_preview", args=[link.token]))
            self.assertEqual(response.status_code, 410)
            self.assertNotContains(response, TITLE, status_code=410)
        link = self.preview_link()
        self.release.get_latest_revision().publish()  # published: the embargo is over
        response = self.client.get(reverse("embargo_preview", args=[link.token]))
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, self.release.url, status_code=410)

    def test_a_forged_or_guessed_token_is_a_404(self):
        link = self.preview_link()
        for token in [
            signing.dumps(link.pk, salt="another-salt"),
            link.token[:-2] + "xx",
            str(link.pk),
            signing.dumps(link.pk + 1, salt=SALT),
        ]:
            with self.subTest(token=token):
                response = self.client.get(reverse("embargo_preview", args=[token]))
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, TITLE, status_code=404)

    def test_a_link_cannot_outlive_the_embargo_or_be_made_for_a_public_release(self):
        link = EmbargoPreview(
            release=self.release,
            recipient="LETA",
            expires_at=self.go_live + datetime.timedelta(hours=1),
        )
        with self.assertRaises(Exception) as raised:
            link.full_clean()
        self.assertIn("expires_at", raised.exception.message_dict)
        public = PressReleasePageFactory(parent=self.tree.news_index)
        with self.assertRaises(Exception) as raised:
            EmbargoPreview(release=public, recipient="LETA").full_clean()
        self.assertIn("release", raised.exception.message_dict)

    def test_editors_make_links_in_the_admin_and_translators_cannot(self):
        editor = get_user_model().objects.create_user("redaktors", password="pw")
        editor.groups.add(Group.objects.get(name="Editors"))
        self.client.force_login(editor)
        response = self.client.post(
            reverse("embargo_previews:add"),
            {"release": self.release.pk, "recipient": "LSM newsroom", "expires_at": ""},
        )
        self.assertEqual(response.status_code, 302)
        link = EmbargoPreview.objects.get(recipient="LSM newsroom")
        self.assertEqual(link.expires_at, self.go_live)
        translator = get_user_model().objects.create_user("tlumacz", password="pw")
        translator.groups.add(Group.objects.get(name="Translators (Polish)"))
        self.client.force_login(translator)
        response = self.client.get(reverse("embargo_previews:index"))
        self.assertNotEqual(response.status_code, 200)


class EmbargoLinkBoundToItsReleaseTests(TestCase):
    """A token names its link and the release it was made for: the link cannot be turned into
    a window on another draft after it was sent."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        go_live = timezone.now() + datetime.timedelta(days=2)
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, live=False)
        cls.release.title = TITLE
        cls.release.save_revision(approved_go_live_at=go_live)
        cls.other = PressReleasePageFactory(parent=cls.tree.news_index, live=False)
        cls.other.title = "Another secret draft"
        cls.other.save_revision(approved_go_live_at=go_live)
        cls.editor = get_user_model().objects.create_user("redaktors", password="pw")
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def sent_link(self):
        """A link an Editor made in the admin, and the address sent to the journalist."""
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("embargo_previews:add"),
            {"release": self.release.pk, "recipient": "LSM newsroom", "expires_at": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        link = EmbargoPreview.objects.get(recipient="LSM newsroom")
        return link, reverse("embargo_preview", args=[link.token])

    def assert_shows_the_release_it_was_sent_for(self, address):
        response = self.client.get(address)
        self.assertContains(response, TITLE)
        self.assertNotContains(response, "Another secret draft")

    def test_the_edit_form_shows_the_release_but_does_not_let_an_editor_change_it(self):
        link, address = self.sent_link()
        self.client.force_login(self.editor)
        edit = reverse("embargo_previews:edit", args=[link.pk])
        form = self.client.get(edit)
        self.assertEqual(form.status_code, 200)
        self.assertNotContains(form, 'name="release"')
        self.assertContains(form, PressReleasePage.objects.get(pk=self.release.pk).title)
        # A crafted post with another release: the rest is saved, the release stays.
        response = self.client.post(
            edit,
            {"release": self.other.pk, "recipient": "LSM news desk", "expires_at": ""},
        )
        self.assertEqual(response.status_code, 302)
        link.refresh_from_db()
        self.assertEqual(link.recipient, "LSM news desk")
        self.assertEqual(link.release_id, self.release.pk)
        self.client.logout()
        self.assert_shows_the_release_it_was_sent_for(address)

    def test_a_link_saved_with_another_release_is_refused(self):
        link, address = self.sent_link()
        link.release = self.other
        with self.assertRaises(ValidationError) as raised:
            link.full_clean()
        self.assertIn("release", raised.exception.message_dict)
        with self.assertRaises(ValidationError):
            link.save()
        self.assertEqual(EmbargoPreview.objects.get(pk=link.pk).release_id, self.release.pk)
        self.assert_shows_the_release_it_was_sent_for(address)

    def test_a_token_no_longer_opens_a_link_moved_to_another_release_behind_the_forms_back(self):
        link, address = self.sent_link()
        EmbargoPreview.objects.filter(pk=link.pk).update(release=self.other)
        response = self.client.get(address)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Another secret draft", status_code=404)
        # The link as it is now has a token of its own, for the release it now names.
        moved = EmbargoPreview.objects.get(pk=link.pk)
        self.assertContains(
            self.client.get(reverse("embargo_preview", args=[moved.token])),
            "Another secret draft",
        )

    def test_a_token_of_the_old_kind_naming_the_link_alone_no_longer_opens_it(self):
        link, _address = self.sent_link()
        response = self.client.get(
            reverse("embargo_preview", args=[signing.dumps(link.pk, salt=SALT)])
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, TITLE, status_code=404)
