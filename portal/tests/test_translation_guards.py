"""Translations are translated and reviewed, nothing else: a translator cannot delete, move,
copy, unpublish, alias or unsync a Polish page, nor change who may see it, by any admin URL,
bulk action or admin API call, and sees no button for it; a reviewer publishes and unpublishes
Polish pages only; and no path puts a version of a translation holding Latvian text live."""

import datetime
import html
import json
import re
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, PagePermissionTester, PageViewRestriction, TaskState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from news.models import NewsIndexPage, PressReleasePage
from news.tests.factories import PressReleasePageFactory
from portal.core.roles import EDITORS, MODERATORS, REVIEWERS, TRANSLATORS
from portal.tests.seed import load_seed

SEED_RELEASE = "Wizyta w Krakowie na rzecz wspierania przedsiębiorczości"
NEW_RELEASE = {
    "title": "Uzņēmēji apmeklēs Gdaņsku",
    "slug": "uznemeji-apmekles-gdansku",
    "lead": "Latgales uzņēmēji dosies vizītē uz Gdaņsku.",
}
POLISH = {
    NEW_RELEASE["title"]: "Przedsiębiorcy odwiedzą Gdańsk",
    NEW_RELEASE["slug"]: "przedsiebiorcy-odwiedza-gdansk",
    NEW_RELEASE["lead"]: "Przedsiębiorcy z Łatgalii odwiedzą Gdańsk.",
}
UNTRANSLATED = "untranslated text"  # in every refusal to publish Latvian text


def make_user(name, group):
    user = get_user_model().objects.create_user(username=name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, for the messages below
    profile.save()
    return user


def translation_of(page):
    return Translation.objects.get(
        source=TranslationSource.objects.get(
            object_id=page.translation_key, locale__language_code="lv"
        ),
        target_locale=page.locale,
    )


def api_action(page, action):
    return f"/admin/api/main/pages/{page.pk}/action/{action}/"


def bulk_action(page, action):
    return f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}"


def tree_state():
    """Everything a refused action must leave as it was."""
    return (
        list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "live", "alias_of_id", "latest_revision_id"
            )
        ),
        PageViewRestriction.objects.count(),
        list(Translation.objects.order_by("pk").values_list("pk", "enabled")),
    )


class TranslationGuardTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.translator = make_user("tlumacz", TRANSLATORS["pl"])
        cls.reviewer = make_user("recenzent", REVIEWERS["pl"])
        cls.editor = make_user("redaktors", EDITORS)
        cls.moderator = make_user("moderators", MODERATORS)
        cls.polish = Locale.objects.get(language_code="pl")
        cls.latvian_news = NewsIndexPage.objects.get(locale__language_code="lv")
        cls.polish_news = NewsIndexPage.objects.get(locale=cls.polish)
        cls.latvian_release = PressReleasePage.objects.get(
            locale__language_code="lv", slug="vizite-uz-krakovu-uznemejdarbibas-veicinasanai"
        )
        cls.polish_release = cls.latvian_release.get_translation(cls.polish)  # live, translated
        # A new release, translated into Polish by wagtail-localize: a draft, nothing
        # translated yet (each text is the Latvian one).
        source = PressReleasePageFactory(parent=cls.latvian_news, **NEW_RELEASE)
        source.save_revision().publish()
        translate_object(source, [cls.polish])
        cls.polish_draft = source.get_translation(cls.polish)

    def assertRefused(self, response):
        """Wagtail's refusal: to the dashboard ("no permission"), or a 403."""
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)

    def assertApiRefused(self, response):
        """The admin API's refusal: a 403 with what was refused, or a 404 for a page outside
        the user's part of the tree."""
        self.assertIn(response.status_code, (403, 404), response.content)
        self.assertTrue(response.json())

    def messages(self, response):
        return [str(message) for message in get_messages(response.wsgi_request)]

    def fresh(self, page):
        return Page.objects.get(pk=page.pk).specific


class StructuralActionTests(TranslationGuardTestCase):
    """Delete, move, copy, publish, unpublish, convert to alias, stop or restart the
    synchronisation, privacy: none of them for a translator, nor for the Latvian roles, on
    Polish pages; a reviewer publishes and unpublishes them, but deletes, moves and copies
    no page either."""

    def page_views(self, page):
        """(what, method, url, data) for each admin page view of a structural action."""
        views = [
            ("delete", "get", reverse("wagtailadmin_pages:delete", args=[page.pk]), None),
            ("delete", "post", reverse("wagtailadmin_pages:delete", args=[page.pk]), {}),
            ("move", "get", reverse("wagtailadmin_pages:move", args=[page.pk]), None),
            (
                "move",
                "post",
                reverse("wagtailadmin_pages:move_confirm", args=[page.pk, self.polish_news.pk]),
                {},
            ),
            ("copy", "get", reverse("wagtailadmin_pages:copy", args=[page.pk]), None),
            (
                "copy",
                "post",
                reverse("wagtailadmin_pages:copy", args=[page.pk]),
                {
                    "new_title": "Kopia",
                    "new_slug": "kopia",
                    "new_parent_page": self.polish_news.pk,
                    "publish_copies": "on",
                },
            ),
            ("privacy", "get", reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), None),
            (
                "privacy",
                "post",
                reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
                {"restriction_type": "password", "password": "tajne-haslo-2026"},
            ),
            (
                "convert to alias",
                "get",
                reverse("wagtail_localize:convert_to_alias", args=[page.pk]),
                None,
            ),
            (
                "convert to alias",
                "post",
                reverse("wagtail_localize:convert_to_alias", args=[page.pk]),
                {},
            ),
            (
                "stop translation",
                "post",
                reverse("wagtail_localize:stop_translation", args=[translation_of(page).pk]),
                {},
            ),
        ]
        if page.live:
            url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
            views += [("unpublish", "get", url, None), ("unpublish", "post", url, {})]
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        views.append(("publish", "post", edit, {"action": "publish"}))
        return views

    def bulk_actions(self, page):
        actions = [
            ("delete", {}),
            ("move", {"chooser": self.polish_news.get_parent().pk}),
            ("publish", {}),
        ]
        if page.live:
            actions.append(("unpublish", {}))
        return actions

    def api_actions(self, page):
        destination = {"destination_page_id": self.polish_news.pk}
        actions = [
            ("delete", {}),
            ("move", destination),
            ("copy", {**destination, "slug": "kopia", "title": "Kopia"}),
            ("create_alias", {**destination, "update_slug": "alias"}),
            ("publish", {}),
        ]
        if page.live:
            actions.append(("unpublish", {}))
        return actions

    # What each role may not do to a Polish page (a reviewer publishes and unpublishes them,
    # may change who sees them and unlink a translation from its source: their language's).
    REFUSED = {
        "translator": None,  # everything
        "editor": None,
        "moderator": None,
        "reviewer": {"delete", "move", "copy", "create_alias"},
    }

    def refused_to(self, role, what):
        return self.REFUSED[role] is None or what in self.REFUSED[role]

    def roles(self):
        return {
            "translator": self.translator,
            "reviewer": self.reviewer,
            "editor": self.editor,
            "moderator": self.moderator,
        }

    def test_wagtail_lets_whoever_may_change_a_page_delete_and_move_it_while_unpublished(self):
        # The cause: Wagtail's tester gives "change" (all a translator holds, to translate)
        # the right to delete and move pages that were never published, and offers Copy to
        # whoever may edit. The portal's page types answer with their own tester.
        wagtails = PagePermissionTester(self.translator, self.polish_draft)
        self.assertTrue(wagtails.can_delete())
        self.assertTrue(wagtails.can_move())
        self.assertTrue(wagtails.can_copy())
        portals = self.polish_draft.permissions_for_user(self.translator)
        self.assertTrue(portals.can_edit())
        for refused in ("can_delete", "can_move", "can_copy", "can_unpublish"):
            with self.subTest(refused):
                self.assertFalse(getattr(portals, refused)())
        self.assertFalse(portals.can_set_view_restrictions())
        self.assertFalse(portals.can_convert_to_alias())
        self.assertFalse(portals.can_stop_translation())
        # Through a plain Page too, as listings ask.
        self.assertFalse(
            Page.objects.get(pk=self.polish_draft.pk)
            .permissions_for_user(self.translator)
            .can_delete()
        )

    def test_every_page_view_of_a_structural_action_is_refused(self):
        for page in (self.polish_draft, self.polish_release):
            for role, user in self.roles().items():
                self.client.force_login(user)
                for what, method, url, data in self.page_views(page):
                    if not self.refused_to(role, what):
                        continue
                    with self.subTest(page=page.title, role=role, what=what, method=method):
                        before = tree_state()
                        response = getattr(self.client, method)(url, data)
                        self.assertRefused(response)
                        self.assertEqual(tree_state(), before)
        self.assertTrue(self.fresh(self.polish_release).live)
        self.assertTrue(Page.objects.filter(pk=self.polish_draft.pk).exists())

    def test_every_bulk_action_leaves_the_page_alone(self):
        for page in (self.polish_draft, self.polish_release):
            for role, user in self.roles().items():
                self.client.force_login(user)
                for what, data in self.bulk_actions(page):
                    if not self.refused_to(role, what):
                        continue
                    with self.subTest(page=page.title, role=role, what=what):
                        before = tree_state()
                        confirm = self.client.get(bulk_action(page, what))
                        self.assertEqual(confirm.status_code, 200)
                        self.assertEqual(confirm.context["items"], [])  # only "no permission"
                        self.client.post(bulk_action(page, what), data)
                        self.assertEqual(tree_state(), before)

    def test_every_admin_api_action_is_refused(self):
        for page in (self.polish_draft, self.polish_release):
            for role, user in self.roles().items():
                self.client.force_login(user)
                for what, data in self.api_actions(page):
                    if not self.refused_to(role, what):
                        continue
                    with self.subTest(page=page.title, role=role, what=what):
                        before = tree_state()
                        response = self.client.post(
                            api_action(page, what), data, content_type="application/json"
                        )
                        self.assertApiRefused(response)
                        self.assertEqual(tree_state(), before)

    def test_an_alias_is_not_made_a_page_by_a_translator(self):
        # An alias of a Latvian release in the Polish tree shows the Latvian text; making it a
        # page of its own ("convert alias") is no translator's.
        source = PressReleasePageFactory(parent=self.latvian_news, title="Aliasēta relīze")
        source.save_revision().publish()
        alias = source.copy_for_translation(self.polish, copy_parents=True, alias=True)
        for role in ("translator", "editor", "moderator"):
            self.client.force_login(self.roles()[role])
            url = reverse("wagtailadmin_pages:convert_alias", args=[alias.pk])
            with self.subTest(role=role):
                before = tree_state()
                self.assertRefused(self.client.get(url))
                self.assertRefused(self.client.post(url))
                response = self.client.post(
                    api_action(alias, "convert_alias"), {}, content_type="application/json"
                )
                self.assertApiRefused(response)
                self.assertEqual(tree_state(), before)
        self.assertEqual(self.fresh(alias).alias_of_id, source.pk)

    def test_a_translation_is_not_restarted_by_a_translator(self):
        # With its synchronisation stopped, a translation is edited in Wagtail's own editor,
        # whose footer offers to restart it, or convert it to an alias.
        synced = translation_of(self.polish_draft)
        synced.enabled = False
        synced.save()
        edit = reverse("wagtailadmin_pages:edit", args=[self.polish_draft.pk])
        self.client.force_login(self.translator)
        response = self.client.get(edit)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="localize-restart-translation"')
        self.assertNotContains(response, 'name="localize-convert-to-alias"')
        self.assertNotContains(
            response, reverse("wagtailadmin_pages:delete", args=[self.polish_draft.pk])
        )
        self.assertRefused(self.client.post(edit, {"localize-restart-translation": "1"}))
        synced.refresh_from_db()
        self.assertFalse(synced.enabled)
        # The Polish reviewer decides it.
        self.client.force_login(self.reviewer)
        self.assertContains(self.client.get(edit), 'name="localize-restart-translation"')
        self.client.post(edit, {"localize-restart-translation": "1"})
        synced.refresh_from_db()
        self.assertTrue(synced.enabled)


class ButtonTests(TranslationGuardTestCase):
    """What the translator is not allowed is not offered: in the page listing, the editor's
    header menu, its footer, and the status side panel."""

    REFUSED_VIEWS = ("delete", "move", "copy", "unpublish")

    def open_editor(self, user, page):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', content).group(1)))
        # The page's own links, outside the editor's props (which name every address).
        page_links = re.sub(r'data-props="[^"]*"', "", content)
        return props, page_links

    def test_the_translation_editor_offers_a_translator_no_structural_action(self):
        for page in (self.polish_draft, self.polish_release):
            with self.subTest(page=page.title):
                props, page_links = self.open_editor(self.translator, page)
                self.assertFalse(props["perms"]["canDelete"])
                self.assertFalse(props["perms"]["canUnpublish"])
                self.assertFalse(props["perms"]["canPublish"])
                self.assertIsNone(props["links"]["convertToAliasUrl"])
                self.assertEqual(props["links"]["stopTranslationUrl"], "")  # drawn hidden
                for name in self.REFUSED_VIEWS:
                    self.assertNotIn(
                        reverse(f"wagtailadmin_pages:{name}", args=[page.pk]), page_links
                    )
                self.assertNotIn('data-a11y-dialog-show="set-privacy"', page_links)

    def test_the_translation_editor_offers_the_reviewer_what_is_theirs(self):
        props, page_links = self.open_editor(self.reviewer, self.polish_release)
        self.assertTrue(props["perms"]["canPublish"])
        self.assertTrue(props["perms"]["canUnpublish"])
        self.assertFalse(props["perms"]["canDelete"])
        self.assertIsNotNone(props["links"]["convertToAliasUrl"])
        self.assertNotEqual(props["links"]["stopTranslationUrl"], "")
        self.assertIn('data-a11y-dialog-show="set-privacy"', page_links)
        self.assertNotIn(
            reverse("wagtailadmin_pages:copy", args=[self.polish_release.pk]), page_links
        )

    def test_the_page_listing_offers_a_translator_no_structural_action(self):
        self.client.force_login(self.translator)
        response = self.client.get(reverse("wagtailadmin_explore", args=[self.polish_news.pk]))
        self.assertContains(response, SEED_RELEASE)
        for page in (self.polish_draft, self.polish_release):
            self.assertContains(response, reverse("wagtailadmin_pages:edit", args=[page.pk]))
            for name in self.REFUSED_VIEWS:
                with self.subTest(page=page.title, button=name):
                    self.assertNotContains(
                        response, reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
                    )


class PublishingTests(TranslationGuardTestCase):
    """Every path to publishing a page refuses a version of a translation that holds Latvian
    text, with a message, and publishes nothing."""

    def setUp(self):
        self.client.force_login(self.reviewer)

    def assertNotPublished(self, page):
        page = self.fresh(page)
        self.assertFalse(page.live)
        self.assertIsNone(page.live_revision_id)

    def translate_everything(self, page):
        """What a translator does in the editor: each text translated, kept per segment;
        the page's latest version is still the one made before (in Latvian)."""
        synced = translation_of(page)
        po = synced.export_po()
        for entry in po:
            entry.msgstr = POLISH[entry.msgid]
        synced.import_po(po)
        self.assertEqual(*synced.get_progress()[::-1])

    def test_bulk_publish_refuses_and_says_why(self):
        response = self.client.post(bulk_action(self.polish_draft, "publish") + "&next=/admin/", {})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        [message] = self.messages(response)
        self.assertIn(UNTRANSLATED, message)
        self.assertIn(NEW_RELEASE["title"], message)
        self.assertNotPublished(self.polish_draft)

    def test_the_admin_api_refuses_with_a_message(self):
        response = self.client.post(
            api_action(self.polish_draft, "publish"), {}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn(UNTRANSLATED, response.json()["detail"])
        self.assertNotPublished(self.polish_draft)

    def test_workflow_approval_refuses_and_the_task_stays_open(self):
        workflow = self.polish_draft.get_workflow()
        self.assertEqual(workflow.name, "Reviewers (Polish) approval")
        state = workflow.start(self.polish_draft, user=self.translator)
        task_state = state.current_task_state
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[self.polish_draft.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.assertNotEqual(response["Location"], reverse("wagtailadmin_home"))
        [message] = self.messages(response)
        self.assertIn(UNTRANSLATED, message)
        self.assertNotPublished(self.polish_draft)
        self.assertEqual(TaskState.objects.get(pk=task_state.pk).status, "in_progress")

    def test_scheduled_publishing_refuses_and_publishes_the_rest(self):
        # Scheduled while incomplete (before this guard); due now. A Latvian revision is due
        # too, and goes live.
        due = timezone.now() - datetime.timedelta(minutes=1)
        polish = self.polish_draft.get_latest_revision()
        polish.approved_go_live_at = due
        polish.save(update_fields=["approved_go_live_at"])
        self.latvian_release.lead = "Jauns ievads."
        latvian = self.latvian_release.save_revision(approved_go_live_at=due)
        with translation.override("en"), self.assertRaises(CommandError) as refused:
            call_command("publish_scheduled", stdout=StringIO())
        self.assertIn(UNTRANSLATED, str(refused.exception))
        self.assertIn("scheduled publication is cancelled", str(refused.exception))
        self.assertNotPublished(self.polish_draft)
        polish.refresh_from_db()
        self.assertIsNone(polish.approved_go_live_at)  # not tried again every minute
        self.assertEqual(self.fresh(self.latvian_release).live_revision_id, latvian.pk)

    def test_importing_translation_files_with_publish_refuses_an_incomplete_one(self):
        synced = translation_of(self.polish_draft)
        po = synced.export_po()
        title = next(entry for entry in po if entry.msgid == NEW_RELEASE["title"])
        title.msgstr = POLISH[title.msgid]  # one of three texts
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "release.po"
            po.save(str(path))
            with translation.override("en"), self.assertRaises(CommandError) as refused:
                call_command(
                    "translation_files", "import", str(path), "--publish", stdout=StringIO()
                )
        self.assertIn(UNTRANSLATED, str(refused.exception))
        self.assertNotPublished(self.polish_draft)
        # The imported text is kept for the translator.
        self.assertTrue(StringTranslation.objects.filter(data=POLISH[title.msgid]).exists())

    def test_the_editor_publishes_a_version_it_builds_from_a_complete_translation(self):
        edit = reverse("wagtailadmin_pages:edit", args=[self.polish_draft.pk])
        response = self.client.post(edit, {"action": "publish"}, follow=True)
        self.assertContains(response, "Not published: 3 texts are not translated yet.")
        self.assertNotPublished(self.polish_draft)
        # Everything is translated now, but the draft's latest version still has the Latvian
        # texts: publishing that version (bulk, API) is refused; the editor builds a new one
        # from the translations and publishes it.
        self.translate_everything(self.polish_draft)
        self.client.post(bulk_action(self.polish_draft, "publish"), {})
        response = self.client.post(
            api_action(self.polish_draft, "publish"), {}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("3 untranslated texts", response.json()["detail"])
        self.assertNotPublished(self.polish_draft)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(edit, {"action": "publish"})
        published = self.fresh(self.polish_draft)
        self.assertTrue(published.live)
        self.assertEqual(published.lead, POLISH[NEW_RELEASE["lead"]])

    def test_a_reviewer_publishes_and_unpublishes_polish_pages_only(self):
        # A complete translation: unpublished, then published again by bulk action and by the
        # admin API; another approved in the workflow; the Latvian release is refused all.
        unpublish = reverse("wagtailadmin_pages:unpublish", args=[self.polish_release.pk])
        self.assertEqual(self.client.post(unpublish).status_code, 302)
        self.assertFalse(self.fresh(self.polish_release).live)
        self.client.post(bulk_action(self.polish_release, "publish"), {})
        self.assertTrue(self.fresh(self.polish_release).live)
        self.client.post(bulk_action(self.polish_release, "unpublish"), {})
        self.assertFalse(self.fresh(self.polish_release).live)
        response = self.client.post(
            api_action(self.polish_release, "publish"), {}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.fresh(self.polish_release).live)
        # A translation submitted to the Polish reviewers waits for them, who approve it.
        self.translate_everything(self.polish_draft)
        translation_of(self.polish_draft).save_target(publish=False)
        state = self.polish_draft.get_workflow().start(self.polish_draft, user=self.translator)
        self.assertNotPublished(self.polish_draft)
        approve = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[self.polish_draft.pk, "approve", state.current_task_state.pk],
        )
        self.assertEqual(self.client.post(approve, {"comment": ""}).status_code, 302)
        self.assertTrue(self.fresh(self.polish_draft).live)

        before = tree_state()
        latvian = self.latvian_release
        self.assertRefused(
            self.client.post(reverse("wagtailadmin_pages:unpublish", args=[latvian.pk]))
        )
        for what in ("publish", "unpublish"):
            self.client.post(bulk_action(latvian, what), {})
            response = self.client.post(
                api_action(latvian, what), {}, content_type="application/json"
            )
            self.assertApiRefused(response)
        self.assertEqual(tree_state(), before)
