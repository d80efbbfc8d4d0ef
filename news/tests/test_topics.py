"""Topics in the admin: each role in its own language only, on every URL that can change a
topic; drafts and history; no public draft; no stale save."""

import importlib
import re
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.forms import NON_FIELD_ERRORS
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry, Revision
from wagtail.permissions import policy_registry
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object

from news.models import Topic
from news.tests.factories import PressReleasePageFactory, PressReleaseTopicFactory, TopicFactory
from portal.core.roles import EDITORS, MODERATORS, REVIEWERS, TRANSLATORS
from portal.tests.factories import SiteTree

MIGRATION = "news.migrations.0006_topic_drafts_revisions_and_permissions"


def make_user(name, group):
    user = get_user_model().objects.create_user(username=name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    # The admin in English: messages read the same before and after the catalogues compile.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def publish(topic):
    topic.save_revision().publish()
    topic.refresh_from_db()
    return topic


def topic_url(name, *args):
    return reverse(f"wagtailsnippets_news_topic:{name}", args=args)


def translate(topic, language, name, slug, publish):
    """`topic` translated in wagtail-localize as a translator would: the strings filled in
    (as a PO upload does), then saved as a draft or published."""
    locale = Locale.objects.get(language_code=language)
    translate_object(topic, [locale])
    translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=locale
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = {"name": name, "slug": slug}[entry.msgctxt]
    translation.import_po(po)
    translation.save_target(publish=publish)
    target = topic.get_translation(locale)
    if publish:
        # wagtail-localize publishes the revision on commit; a test does not commit.
        target.latest_revision.publish()
        target.refresh_from_db()
    return target, translation


class TopicTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.latvian = publish(TopicFactory(name="Uzņēmējdarbība", slug="uznemejdarbiba"))
        cls.polish, cls.translation = translate(
            cls.latvian, "pl", "Przedsiębiorczość", "przedsiebiorczosc", publish=True
        )
        cls.editor = make_user("redaktors", EDITORS)
        cls.moderator = make_user("moderators", MODERATORS)
        cls.translator = make_user("tlumacz", TRANSLATORS["pl"])
        cls.reviewer = make_user("recenzent", REVIEWERS["pl"])
        cls.english_translator = make_user("translator", TRANSLATORS["en"])

    def snapshot(self):
        """Everything a change to a topic would change."""
        return {
            "topics": sorted(
                Topic.objects.values_list(
                    "pk", "name", "slug", "live", "has_unpublished_changes", "latest_revision_id"
                )
            ),
            "revisions": Revision.objects.count(),
            "strings": sorted(StringTranslation.objects.values_list("pk", "data")),
            "translations": sorted(Translation.objects.values_list("pk", "enabled")),
        }

    def form(self, topic, name, **extra):
        """What the admin's topic form posts, opened on the topic's latest revision."""
        latest = topic.latest_revision
        return {
            "name": name,
            "slug": topic.slug,
            "loaded_revision_id": str(latest.pk),
            "loaded_revision_created_at": latest.created_at.isoformat(),
            **extra,
        }

    def topic_attempts(self, topic):
        """Every admin request that can change `topic`, or that shows what only its own
        language's people see: (label, method, URL, data)."""
        data = self.form(topic, "Pārrakstīts")
        revision = topic.latest_revision_id
        return [
            ("edit", "get", topic_url("edit", topic.pk), None),
            ("save", "post", topic_url("edit", topic.pk), data),
            ("publish", "post", topic_url("edit", topic.pk), {**data, "action-publish": "1"}),
            ("publish translation", "post", topic_url("edit", topic.pk), {"action": "publish"}),
            ("delete form", "get", topic_url("delete", topic.pk), None),
            ("delete", "post", topic_url("delete", topic.pk), {}),
            ("history", "get", topic_url("history", topic.pk), None),
            ("usage", "get", topic_url("usage", topic.pk), None),
            (
                "compare",
                "get",
                topic_url("revisions_compare", topic.pk, "earliest", "latest"),
                None,
            ),
            ("revert", "post", topic_url("revisions_revert", topic.pk, revision), data),
            ("unschedule", "post", topic_url("revisions_unschedule", topic.pk, revision), {}),
            ("unpublish", "post", topic_url("unpublish", topic.pk), {}),
            (
                "add",
                "post",
                topic_url("add") + f"?locale={topic.locale.language_code}",
                {"name": "Jauna tēma", "slug": "jauna-tema"},
            ),
        ]

    def translation_attempts(self):
        """wagtail-localize's endpoints that write to the Polish topic."""
        translation = self.translation
        segment = StringSegment.objects.get(source=translation.source, context__path="name")

        def url(name, *args):
            return reverse(f"wagtail_localize:{name}", args=[translation.pk, *args])

        po = translation.export_po()
        for entry in po:
            entry.msgstr = "Zmieniony"
        upload = SimpleUploadedFile("topic.po", str(po).encode(), "text/x-gettext-translation")
        return [
            ("string", "put", url("edit_string_translation", segment.pk), "Zmieniony"),
            ("string delete", "delete", url("edit_string_translation", segment.pk), None),
            ("po upload", "post", url("upload_pofile"), {"file": upload}),
            ("po download", "get", url("download_pofile"), None),
            ("machine translation", "post", url("machine_translate"), {}),
            ("stop translating", "post", url("stop_translation"), {}),
        ]

    def request(self, method, url, data):
        if method == "put":
            return self.client.put(
                url, urlencode({"value": data}), content_type="application/x-www-form-urlencoded"
            )
        if data is None:
            return getattr(self.client, method)(url)
        return getattr(self.client, method)(url, data)

    def assertRefused(self, response):
        """Wagtail refuses with a redirect to the dashboard, or a 403."""
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)

    def assertRefusedEverywhere(self, user, attempts):
        self.client.force_login(user)
        before = self.snapshot()
        for label, method, url, data in attempts:
            with self.subTest(user=user.username, attempt=label):
                self.assertRefused(self.request(method, url, data))
                self.assertEqual(self.snapshot(), before)

    def bulk_delete(self, topic):
        url = reverse("wagtail_bulk_action", args=["news", "topic", "delete"])
        return self.client.post(f"{url}?id={topic.pk}", {})


class LanguageTests(TopicTestCase):
    def test_an_editor_is_refused_the_polish_topic_on_every_url(self):
        self.assertRefusedEverywhere(
            self.editor, self.topic_attempts(self.polish) + self.translation_attempts()
        )
        self.bulk_delete(self.polish)
        self.assertTrue(Topic.objects.filter(pk=self.polish.pk).exists())

    def test_a_moderator_is_refused_the_polish_topic_on_every_url(self):
        # Moderators may publish and delete topics: in Latvian only.
        self.assertRefusedEverywhere(
            self.moderator, self.topic_attempts(self.polish) + self.translation_attempts()
        )
        self.bulk_delete(self.polish)
        self.assertTrue(Topic.objects.filter(pk=self.polish.pk).exists())

    def test_the_polish_translator_is_refused_the_latvian_topic_on_every_url(self):
        self.assertRefusedEverywhere(self.translator, self.topic_attempts(self.latvian))
        self.bulk_delete(self.latvian)
        self.assertTrue(Topic.objects.filter(pk=self.latvian.pk).exists())

    def test_the_polish_reviewer_is_refused_the_latvian_topic_on_every_url(self):
        self.assertRefusedEverywhere(self.reviewer, self.topic_attempts(self.latvian))

    def test_the_english_translator_is_refused_the_polish_topic_on_every_url(self):
        self.assertRefusedEverywhere(
            self.english_translator,
            self.topic_attempts(self.polish) + self.translation_attempts(),
        )

    def test_the_polish_translator_translates_the_polish_topic_but_does_not_publish(self):
        # The same URLs the others are refused, so their refusal is not a wrong URL.
        self.client.force_login(self.translator)
        self.assertEqual(self.client.get(topic_url("edit", self.polish.pk)).status_code, 200)
        string, _delete, upload, download, *_rest = self.translation_attempts()
        response = self.request(*string[1:])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            StringTranslation.objects.filter(
                data="Zmieniony", locale=self.polish.locale, last_translated_by=self.translator
            ).exists()
        )
        self.assertEqual(self.request(*download[1:]).status_code, 200)
        self.assertRedirects(
            self.request(*upload[1:]), reverse("wagtailadmin_home"), fetch_redirect_response=False
        )
        # Publishing is the reviewer's: the live topic keeps its name.
        self.assertRefused(
            self.client.post(topic_url("edit", self.polish.pk), {"action": "publish"})
        )
        self.polish.refresh_from_db()
        self.assertEqual(self.polish.name, "Przedsiębiorczość")

        self.client.force_login(self.reviewer)
        response = self.client.post(topic_url("edit", self.polish.pk), {"action": "publish"})
        self.assertEqual(response.status_code, 302)
        self.polish.refresh_from_db()
        self.assertEqual((self.polish.name, self.polish.live), ("Zmieniony", True))

    def test_editors_and_moderators_may_not_create_topics_in_other_languages(self):
        for user in (self.editor, self.moderator):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                url = topic_url("add")
                self.assertEqual(self.client.get(url + "?locale=lv").status_code, 200)
                self.assertRefused(
                    self.client.post(url + "?locale=en", {"name": "Tourism", "slug": "tourism"})
                )
                self.assertFalse(Topic.objects.filter(slug="tourism").exists())

    def test_an_editor_deletes_a_latvian_draft_but_not_a_live_topic(self):
        # Deleting a live topic takes it off the site: a moderator's, as for pages.
        drafts = [
            TopicFactory(name=f"Melnraksts {number}", slug=f"melnraksts-{number}", live=False)
            for number in (1, 2)
        ]
        self.client.force_login(self.editor)
        self.assertRefused(self.client.post(topic_url("delete", self.latvian.pk)))
        self.bulk_delete(self.latvian)
        self.assertTrue(Topic.objects.filter(pk=self.latvian.pk).exists())
        self.assertEqual(self.client.post(topic_url("delete", drafts[0].pk)).status_code, 302)
        self.bulk_delete(drafts[1])
        self.assertFalse(Topic.objects.filter(pk__in=[draft.pk for draft in drafts]).exists())
        self.client.force_login(self.moderator)
        self.bulk_delete(self.latvian)
        self.assertFalse(Topic.objects.filter(pk=self.latvian.pk).exists())

    def test_the_policy_lists_the_topics_and_users_its_answer_for_each_topic_allows(self):
        policy = policy_registry.get_by_type(Topic)
        admin = get_user_model().objects.create_superuser("admin", password="pw")
        TopicFactory(name="Melnraksts", slug="melnraksts", live=False)
        users = [self.editor, self.moderator, self.translator, self.reviewer, admin]
        topics = list(Topic.objects.all())
        for action in ("add", "change", "delete", "publish"):
            for user in users:
                with self.subTest(action=action, user=user.username):
                    allowed = {
                        topic
                        for topic in topics
                        if policy.user_has_permission_for_instance(user, action, topic)
                    }
                    listed = set(policy.instances_user_has_permission_for(user, action))
                    self.assertEqual(listed, allowed)
            for topic in topics:
                with self.subTest(action=action, topic=topic.slug):
                    allowed = {
                        user
                        for user in users
                        if policy.user_has_permission_for_instance(user, action, topic)
                    }
                    listed = set(policy.users_with_permission_for_instance(action, topic))
                    self.assertEqual(listed, allowed)
        self.assertTrue(policy.user_has_permission_for_instance(admin, "publish", self.polish))
        self.assertTrue(
            policy.user_has_permission_for_instance(self.reviewer, "publish", self.polish)
        )
        self.assertFalse(
            policy.user_has_permission_for_instance(self.reviewer, "change", self.latvian)
        )


class PublishingTests(TopicTestCase):
    def test_an_editor_saves_a_draft_and_a_moderator_publishes_it(self):
        self.client.force_login(self.editor)
        url = topic_url("edit", self.latvian.pk)
        # "Publish" is not the editor's: the same post saves a draft.
        response = self.client.post(
            url, self.form(self.latvian, "Uzņēmējdarbība un inovācijas", **{"action-publish": "1"})
        )
        self.assertEqual(response.status_code, 302)
        self.latvian.refresh_from_db()
        self.assertEqual(self.latvian.name, "Uzņēmējdarbība")
        self.assertTrue(self.latvian.live)
        self.assertTrue(self.latvian.has_unpublished_changes)
        draft = self.latvian.get_latest_revision_as_object()
        self.assertEqual(draft.name, "Uzņēmējdarbība un inovācijas")

        self.client.force_login(self.moderator)
        response = self.client.post(
            url, self.form(self.latvian, draft.name, **{"action-publish": "1"})
        )
        self.assertEqual(response.status_code, 302)
        self.latvian.refresh_from_db()
        self.assertEqual(self.latvian.name, "Uzņēmējdarbība un inovācijas")
        self.assertFalse(self.latvian.has_unpublished_changes)

    def test_the_polish_reviewer_publishes_and_unpublishes_only_polish_topics(self):
        self.client.force_login(self.reviewer)
        response = self.client.post(topic_url("unpublish", self.polish.pk))
        self.assertEqual(response.status_code, 302)
        self.polish.refresh_from_db()
        self.assertFalse(self.polish.live)
        self.assertRefused(self.client.post(topic_url("unpublish", self.latvian.pk)))
        self.latvian.refresh_from_db()
        self.assertTrue(self.latvian.live)

    def test_topic_changes_keep_their_history(self):
        first = self.latvian.latest_revision_id
        editor = Client()
        editor.force_login(self.editor)
        editor.post(topic_url("edit", self.latvian.pk), self.form(self.latvian, "Inovācijas"))
        self.latvian.refresh_from_db()
        self.client.force_login(self.moderator)
        self.client.post(
            topic_url("edit", self.latvian.pk),
            self.form(self.latvian, "Inovācijas", **{"action-publish": "1"}),
        )
        revisions = self.latvian.revisions.order_by("pk")
        self.assertEqual(
            [revision.as_object().name for revision in revisions],
            ["Uzņēmējdarbība", "Inovācijas", "Inovācijas"],
        )
        self.assertEqual(
            [revision.user for revision in revisions], [None, self.editor, self.moderator]
        )
        actions = ModelLogEntry.objects.for_instance(self.latvian).values_list("action", "user")
        self.assertIn(("wagtail.edit", self.editor.pk), actions)
        self.assertIn(("wagtail.publish", self.moderator.pk), actions)
        history = self.client.get(topic_url("history", self.latvian.pk))
        self.assertContains(history, "redaktors")

        # The moderator puts the first version back, and publishes it.
        self.latvian.refresh_from_db()
        response = self.client.post(
            topic_url("revisions_revert", self.latvian.pk, first),
            self.form(self.latvian, "Uzņēmējdarbība", **{"action-publish": "1"}),
        )
        self.assertEqual(response.status_code, 302)
        self.latvian.refresh_from_db()
        self.assertEqual(self.latvian.name, "Uzņēmējdarbība")
        self.assertEqual(self.latvian.revisions.count(), 4)


class ButtonTests(TopicTestCase):
    def test_the_listing_offers_each_role_only_what_it_may_do(self):
        cases = [
            # user, listed language, topic, offered (edit, delete), "Add" offered
            (self.editor, "lv", self.latvian, (True, False), True),
            (self.editor, "pl", self.polish, (False, False), False),
            (self.moderator, "lv", self.latvian, (True, True), True),
            (self.moderator, "pl", self.polish, (False, False), False),
            (self.translator, "lv", self.latvian, (False, False), False),
            (self.translator, "pl", self.polish, (True, False), False),
            (self.reviewer, "pl", self.polish, (True, False), False),
        ]
        for user, language, topic, (edit, delete), add in cases:
            with self.subTest(user=user.username, language=language):
                self.client.force_login(user)
                response = self.client.get(topic_url("list") + f"?locale={language}")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, topic.name)
                html = response.content.decode()
                self.assertEqual(f'href="{topic_url("edit", topic.pk)}"' in html, edit)
                self.assertEqual(topic_url("delete", topic.pk) in html, delete)
                self.assertEqual(f'href="{topic_url("add")}?locale={language}"' in html, add)

    def test_publish_and_delete_are_offered_only_to_whom_may_use_them(self):
        url = topic_url("edit", self.latvian.pk)
        self.client.force_login(self.editor)
        response = self.client.get(url)
        self.assertNotContains(response, 'name="action-publish"')
        self.assertNotContains(response, topic_url("delete", self.latvian.pk))
        self.client.force_login(self.moderator)
        response = self.client.get(url)
        self.assertContains(response, 'name="action-publish"')
        self.assertContains(response, topic_url("delete", self.latvian.pk))
        # In wagtail-localize's editor of the Polish topic: publishing is the reviewer's.
        for user, can_publish in ((self.translator, "false"), (self.reviewer, "true")):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                response = self.client.get(topic_url("edit", self.polish.pk))
                self.assertContains(response, f"&quot;canPublish&quot;: {can_publish}")


class StaleSaveTests(TopicTestCase):
    def test_a_save_from_a_form_opened_before_someone_elses_save_is_refused(self):
        url = topic_url("edit", self.latvian.pk)
        self.client.force_login(self.moderator)
        opened = self.form(self.latvian, "Mana versija", **{"action-publish": "1"})
        # Meanwhile the editor saves a draft.
        editor = Client()
        editor.force_login(self.editor)
        editor.post(url, self.form(self.latvian, "Redaktora versija"))
        self.latvian.refresh_from_db()
        theirs = self.latvian.latest_revision_id

        response = self.client.post(url, opened)
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertTrue(form.has_error(NON_FIELD_ERRORS, "stale"))
        self.assertContains(response, "saved this topic after you opened it.")
        # The moderator's input is still in the form; nothing was saved or published.
        self.assertContains(response, 'value="Mana versija"')
        self.latvian.refresh_from_db()
        self.assertEqual(self.latvian.latest_revision_id, theirs)
        self.assertEqual(self.latvian.name, "Uzņēmējdarbība")

        # Opened on the newer version, the same save goes through.
        response = self.client.post(
            url, self.form(self.latvian, "Mana versija", **{"action-publish": "1"})
        )
        self.assertEqual(response.status_code, 302)
        self.latvian.refresh_from_db()
        self.assertEqual(self.latvian.name, "Mana versija")

    def test_after_a_refusal_only_a_confirmed_save_overwrites_the_newer_version(self):
        url = topic_url("edit", self.latvian.pk)
        self.client.force_login(self.moderator)
        opened = self.form(self.latvian, "Mana versija")
        editor = Client()
        editor.force_login(self.editor)
        editor.post(url, self.form(self.latvian, "Redaktora versija"))
        refused = self.client.post(url, opened).content.decode()
        theirs = str(Topic.objects.get(pk=self.latvian.pk).latest_revision_id)
        base = re.search(r'name="conflict_base_revision_id" value="(\d+)"', refused).group(1)
        self.assertIn(f'name="overwrite_newer_revision_id" value="{theirs}"', refused)
        # The re-shown form now carries the newer version: saving it again is still refused.
        again = {**self.form(Topic.objects.get(pk=self.latvian.pk), "Mana versija")}
        again["conflict_base_revision_id"] = base
        self.assertEqual(self.client.post(url, again).status_code, 200)
        self.assertEqual(Topic.objects.get(pk=self.latvian.pk).latest_revision_id, int(theirs))
        again["overwrite_newer_revision_id"] = theirs
        self.assertEqual(self.client.post(url, again).status_code, 302)
        latest = Topic.objects.get(pk=self.latvian.pk).get_latest_revision_as_object()
        self.assertEqual(latest.name, "Mana versija")


class PublicTests(TopicTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, title="Vizīte")
        cls.release.save_revision().publish()
        PressReleaseTopicFactory(page=cls.release, topic=cls.latvian)
        polish = Locale.objects.get(language_code="pl")
        cls.polish_release = cls.release.copy_for_translation(polish, copy_parents=True)
        cls.polish_release.save_revision().publish()

    def api_topics(self, page):
        response = self.client.get(f"/api/v2/pages/{page.pk}/")
        self.assertEqual(response.status_code, 200)
        return [topic["name"] for topic in response.json()["topics"]]

    def filter_topics(self, page):
        response = self.client.get(page.get_parent().url)
        return [name for _slug, name in response.context["filters"].fields["topic"].choices][1:]

    def public_names(self, page):
        return {
            "page": self.client.get(page.url).context["topics"],
            "api": self.api_topics(page),
            "filter": self.filter_topics(page),
        }

    def assertShown(self, page, name, shown=True):
        for where, names in self.public_names(page).items():
            with self.subTest(where=where, name=name):
                self.assertEqual(name in [str(entry) for entry in names], shown)

    def test_a_renamed_topic_keeps_its_published_name_until_the_new_one_is_published(self):
        self.client.force_login(self.editor)
        self.client.post(topic_url("edit", self.latvian.pk), self.form(self.latvian, "Inovācijas"))
        self.client.logout()
        self.assertShown(self.release, "Uzņēmējdarbība")
        self.assertShown(self.release, "Inovācijas", shown=False)

        self.latvian.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            self.latvian.latest_revision.publish()
        self.assertShown(self.release, "Inovācijas")
        self.assertShown(self.release, "Uzņēmējdarbība", shown=False)

    def test_a_new_topic_appears_nowhere_until_it_is_published(self):
        self.client.force_login(self.editor)
        self.client.post(topic_url("add") + "?locale=lv", {"name": "Tūrisms", "slug": "turisms"})
        self.client.logout()
        tourism = Topic.objects.get(slug="turisms")
        self.assertFalse(tourism.live)
        with self.captureOnCommitCallbacks(execute=True):
            PressReleaseTopicFactory(page=self.release, topic=tourism)
        self.assertShown(self.release, "Tūrisms", shown=False)
        by_topic = "/api/v2/pages/?type=news.PressReleasePage&topic=turisms"
        self.assertEqual(self.client.get(by_topic).status_code, 400)

        with self.captureOnCommitCallbacks(execute=True):
            tourism.latest_revision.publish()
        self.assertShown(self.release, "Tūrisms")
        response = self.client.get(by_topic)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([page["id"] for page in response.json()["items"]], [self.release.pk])

    def test_a_draft_translation_is_not_shown_the_published_one_is(self):
        tourism = publish(TopicFactory(name="Tūrisms", slug="turisms"))
        with self.captureOnCommitCallbacks(execute=True):
            # Translated releases link to the Latvian topic (a synchronised field).
            PressReleaseTopicFactory(page=self.polish_release, topic=tourism)
            polish, _translation = translate(tourism, "pl", "Turystyka", "turystyka", False)
        self.assertFalse(polish.live)
        # Nor does the admin show the draft as published (it was copied from a live topic).
        self.client.force_login(self.reviewer)
        self.assertContains(
            self.client.get(topic_url("edit", polish.pk)), "&quot;isLive&quot;: false"
        )
        self.client.logout()
        # The Polish release shows the Latvian name meanwhile, never the draft.
        names = self.public_names(self.polish_release)
        self.assertIn("Tūrisms", [str(name) for name in names["page"]])
        self.assertIn("Tūrisms", names["api"])
        for where, shown in names.items():
            with self.subTest(where=where):
                self.assertNotIn("Turystyka", [str(name) for name in shown])

        with self.captureOnCommitCallbacks(execute=True):
            polish.latest_revision.publish()
        self.assertShown(self.polish_release, "Turystyka")


class MigrationTests(TestCase):
    def test_topics_there_were_stay_live_with_their_present_state_as_first_revision(self):
        topic = TopicFactory(name="Reģionālā attīstība", slug="regionala-attistiba")
        self.assertIsNone(topic.latest_revision_id)
        importlib.import_module(MIGRATION).start_history(apps, None)
        topic.refresh_from_db()
        self.assertTrue(topic.live)
        self.assertIsNotNone(topic.latest_revision_id)
        self.assertEqual(topic.live_revision_id, topic.latest_revision_id)
        self.assertEqual(topic.latest_revision.as_object().name, "Reģionālā attīstība")
        self.assertEqual(topic.get_latest_revision_as_object().locale, topic.locale)

    def test_each_group_has_the_topic_permissions_of_its_role(self):
        expected = {
            EDITORS: {"add_topic", "change_topic", "delete_topic"},
            MODERATORS: {"add_topic", "change_topic", "delete_topic", "publish_topic"},
            TRANSLATORS["en"]: {"change_topic"},
            TRANSLATORS["pl"]: {"change_topic"},
            REVIEWERS["en"]: {"change_topic", "publish_topic"},
            REVIEWERS["pl"]: {"change_topic", "publish_topic"},
        }
        for name, codenames in expected.items():
            with self.subTest(group=name):
                granted = Group.objects.get(name=name).permissions.filter(
                    content_type__app_label="news", content_type__model="topic"
                )
                self.assertEqual(set(granted.values_list("codename", flat=True)), codenames)
