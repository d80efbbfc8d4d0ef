"""Roles and the approval workflow, through the admin URLs each role uses or is refused."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Comment, Locale, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.core.roles import EDITORS, MODERATORS, REVIEWERS, TRANSLATORS
from portal.tests.factories import SiteTree


def make_user(name, group):
    user = get_user_model().objects.create_user(username=name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


class RoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, title="Dzīva relīze")
        cls.release.save_revision().publish()
        cls.release.refresh_from_db()
        polish = Locale.objects.get(language_code="pl")
        cls.polish_release = cls.release.copy_for_translation(polish, copy_parents=True)
        cls.polish_release.save_revision().publish()
        cls.polish_release.refresh_from_db()
        cls.editor = make_user("redaktors", EDITORS)
        cls.moderator = make_user("moderators", MODERATORS)
        cls.translator = make_user("tlumacz", TRANSLATORS["pl"])
        cls.reviewer = make_user("recenzent", REVIEWERS["pl"])

    def url(self, name, page, *extra):
        return reverse(f"wagtailadmin_pages:{name}", args=[page.pk, *extra])

    def assertRefused(self, response):
        """Wagtail refuses with a redirect to the dashboard, or a 403."""
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)

    def release_form(self, action, **overrides):
        form = release_form_data(
            title="Jauna relīze", slug="jauna-relize", release_date="2026-12-01", **overrides
        )
        return {**form, action: action}

    def add_release(self, action):
        url = reverse(
            "wagtailadmin_pages:add", args=["news", "pressreleasepage", self.tree.news_index.pk]
        )
        return self.client.post(url, self.release_form(action))

    def test_an_editor_cannot_publish_but_submits_and_a_moderator_approves(self):
        self.client.force_login(self.editor)
        self.add_release("action-publish")  # no publish permission: saved as a draft only
        release = PressReleasePage.objects.get(slug="jauna-relize")
        self.assertFalse(release.live)
        response = self.client.post(self.url("edit", release), self.release_form("action-submit"))
        self.assertEqual(response.status_code, 302)
        state = WorkflowState.objects.get(
            base_content_type__model="page", object_id=str(release.pk)
        )
        self.assertEqual(state.status, "in_progress")
        self.assertEqual(state.current_task_state.task.name, "Moderators approval")
        release.refresh_from_db()
        self.assertFalse(release.live)

        # The moderator comments on the release in review, then approves it: it goes live.
        self.client.force_login(self.moderator)
        comment = inline_formset(
            [
                {
                    "contentpath": "lead",
                    "text": "Pārbaudiet datumu.",
                    "position": "",
                    "resolved": "",
                    "replies": inline_formset([]),
                }
            ]
        )
        response = self.client.post(
            self.url("edit", release), self.release_form("action-save", comments=comment)
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Comment.objects.filter(page=release, text="Pārbaudiet datumu.").exists())
        response = self.client.post(
            self.url("workflow_action", release, "approve", state.current_task_state.pk),
            {"comment": "Labi."},
        )
        self.assertEqual(response.status_code, 302)
        release.refresh_from_db()
        self.assertTrue(release.live)

    def test_an_editor_is_refused_what_is_the_moderators(self):
        self.client.force_login(self.editor)
        for name in ("unpublish", "delete"):
            with self.subTest(view=name):
                self.assertRefused(self.client.post(self.url(name, self.release)))
        self.assertRefused(self.client.get(self.url("move", self.release)))
        self.release.refresh_from_db()
        self.assertTrue(self.release.live)
        self.assertFalse(PressReleasePage.objects.filter(pk=self.release.pk, live=False).exists())

    def test_a_moderator_unpublishes_and_an_editor_edits_only_latvian_pages(self):
        self.client.force_login(self.moderator)
        response = self.client.post(self.url("unpublish", self.release))
        self.assertEqual(response.status_code, 302)
        self.release.refresh_from_db()
        self.assertFalse(self.release.live)
        self.assertRefused(self.client.get(self.url("edit", self.polish_release)))
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.url("edit", self.release)).status_code, 200)
        self.assertRefused(self.client.get(self.url("edit", self.polish_release)))

    def test_a_translator_is_refused_everything_but_translating(self):
        self.client.force_login(self.translator)
        self.assertEqual(self.client.get(self.url("edit", self.polish_release)).status_code, 200)
        refusals = [
            ("get", self.url("edit", self.release)),
            ("get", self.url("preview_on_edit", self.release)),
            ("get", self.url("revisions_view", self.release, self.release.latest_revision_id)),
            ("get", self.url("history", self.release)),
            ("get", self.url("move", self.polish_release)),
            ("post", self.url("delete", self.polish_release)),
            ("post", self.url("unpublish", self.polish_release)),
            ("post", self.url("lock", self.release)),
            ("get", reverse("wagtailadmin_pages:add_subpage", args=[self.release.get_parent().pk])),
        ]
        for method, url in refusals:
            with self.subTest(url=url):
                self.assertRefused(getattr(self.client, method)(url))
        self.polish_release.refresh_from_db()
        self.assertTrue(self.polish_release.live)

    def test_a_translator_can_neither_copy_pages_nor_choose_images(self):
        image = Image.objects.create(title="Krakova", file=get_test_image_file())
        self.client.force_login(self.translator)
        pages_before = Page.objects.count()
        self.client.post(
            self.url("copy", self.polish_release),
            {
                "new_title": "Kopia",
                "new_slug": "kopia",
                "new_parent_page": self.polish_release.get_parent().pk,
                "publish_copies": "on",
            },
        )
        self.assertEqual(Page.objects.count(), pages_before)
        response = self.client.get(reverse("wagtailimages_chooser:choose"))
        self.assertNotContains(response, image.title, status_code=response.status_code)

    def test_a_reviewer_unpublishes_in_their_language_only(self):
        self.client.force_login(self.reviewer)
        self.assertRefused(self.client.post(self.url("unpublish", self.release)))
        response = self.client.post(self.url("unpublish", self.polish_release))
        self.assertEqual(response.status_code, 302)
        self.polish_release.refresh_from_db()
        self.assertFalse(self.polish_release.live)
        self.release.refresh_from_db()
        self.assertTrue(self.release.live)

    def test_translations_go_to_their_languages_reviewers(self):
        polish_home = Page.objects.get(depth=2, locale__language_code="pl")
        self.assertEqual(polish_home.get_workflow().name, "Reviewers (Polish) approval")
        self.assertEqual(self.tree.home.get_workflow().name, "Moderators approval")
