"""Two people translating one text in wagtail-localize's editor: a save over a change made after
the person opened the editor is refused with a message and changes nothing; one's own saves
are never refused; every change, and every refused text, is in History."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation as languages
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from news.models import PressReleasePage, Topic
from portal.core.roles import REVIEWERS, TRANSLATORS
from portal.editorial.segment_edits import EDITED, NOT_REMOVED_MESSAGE, NOT_SAVED_MESSAGE, REFUSED
from portal.tests.seed import load_seed

REVIEWERS_TEXT = "Wstęp poprawiony przez recenzentkę."
TRANSLATORS_TEXT = "Wstęp poprawiony przez tłumacza."


def make_user(name, group, **names):
    user = get_user_model().objects.create_user(username=name, password="pw", **names)
    user.groups.add(Group.objects.get(name=group))
    # The admin in English: messages read the same before and after the catalogues compile.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def in_english(message, name):
    with languages.override("en"):
        return str(message % {"name": name})


class SegmentEditTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.translator = make_user("tlumacz-pl", TRANSLATORS["pl"])
        cls.reviewer = make_user(
            "recenzent-pl", REVIEWERS["pl"], first_name="Renata", last_name="Recenzent"
        )
        cls.english_translator = make_user("translator-en", TRANSLATORS["en"])

    def setUp(self):
        # Two people, each in their own browser session.
        self.translating = Client()
        self.translating.force_login(self.translator)
        self.reviewing = Client()
        self.reviewing.force_login(self.reviewer)

    def open_editor(self, client):
        response = client.get(self.editor_url)
        self.assertContains(response, "js-translation-editor")  # wagtail-localize's editor
        return response

    def segment_url(self, segment):
        return reverse(
            "wagtail_localize:edit_string_translation", args=[self.translation.pk, segment.pk]
        )

    def save(self, client, segment, text):
        return client.put(
            self.segment_url(segment),
            urlencode({"value": text}),
            content_type="application/x-www-form-urlencoded",
        )

    def remove(self, client, segment):
        return client.delete(self.segment_url(segment))

    def stored(self, segment):
        """The translation of `segment` as saved: (text, who saved it)."""
        translation = StringTranslation.objects.get(
            translation_of_id=segment.string_id,
            locale_id=self.translation.target_locale_id,
            context_id=segment.context_id,
        )
        return translation.data, translation.last_translated_by

    def all_translated_texts(self):
        return list(
            StringTranslation.objects.order_by("pk").values_list(
                "pk", "data", "last_translated_by", "updated_at"
            )
        )

    def assertRefused(self, response, message, text):
        """The refusal: a 409 with the message, holding the refused text (what the editor
        keeps on screen)."""
        self.assertEqual(response.status_code, 409)
        refusal = response.json()
        self.assertEqual(refusal["error"], in_english(message, "Renata Recenzent"))
        self.assertEqual(refusal["detail"], refusal["error"])
        self.assertEqual(refusal["data"], text)


class PageTranslationTests(SegmentEditTestCase):
    def setUp(self):
        super().setUp()
        self.page = PressReleasePage.objects.get(locale__language_code="pl")
        self.translation = Translation.objects.get(
            source__object_id=self.page.translation_key, target_locale=self.page.locale
        )
        self.editor_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        self.lead = StringSegment.objects.get(source=self.translation.source, context__path="lead")
        self.seeded_lead = self.stored(self.lead)[0]

    def history(self):
        return PageLogEntry.objects.filter(page=self.page).order_by("pk")

    def test_a_save_over_a_change_made_after_opening_the_editor_is_refused_changing_nothing(self):
        editor = self.open_editor(self.translating)
        self.assertContains(editor, "js/admin/segment-conflicts.js")  # shows the message
        self.open_editor(self.reviewing)
        self.assertEqual(self.save(self.reviewing, self.lead, REVIEWERS_TEXT).status_code, 200)
        before = self.all_translated_texts()

        response = self.save(self.translating, self.lead, TRANSLATORS_TEXT)

        self.assertRefused(response, NOT_SAVED_MESSAGE, TRANSLATORS_TEXT)
        self.assertEqual(self.all_translated_texts(), before)
        self.assertEqual(self.stored(self.lead), (REVIEWERS_TEXT, self.reviewer))

    def test_after_reloading_the_editor_the_translator_saves_over_the_reviewers_text(self):
        self.open_editor(self.translating)
        self.open_editor(self.reviewing)
        self.save(self.reviewing, self.lead, REVIEWERS_TEXT)
        self.assertEqual(self.save(self.translating, self.lead, TRANSLATORS_TEXT).status_code, 409)

        self.open_editor(self.translating)  # now showing the reviewer's text
        response = self.save(self.translating, self.lead, TRANSLATORS_TEXT)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.stored(self.lead), (TRANSLATORS_TEXT, self.translator))

    def test_ones_own_consecutive_saves_are_never_refused(self):
        self.open_editor(self.translating)
        self.open_editor(self.reviewing)
        texts = ["Pierwsza wersja.", "Druga wersja.", "Trzecia wersja."]
        for text in texts:
            with self.subTest(text=text):
                self.assertEqual(self.save(self.translating, self.lead, text).status_code, 200)
        self.assertEqual(self.remove(self.translating, self.lead).status_code, 200)
        self.assertEqual(self.save(self.translating, self.lead, "Czwarta.").status_code, 201)
        # Each save moved the translator's version along, and only theirs: the reviewer opened
        # the editor before them.
        self.assertEqual(self.save(self.reviewing, self.lead, REVIEWERS_TEXT).status_code, 409)
        saves = self.history().filter(action=EDITED, user=self.translator)
        self.assertEqual(
            [(entry.data["old"], entry.data["new"]) for entry in saves],
            [
                (self.seeded_lead, "Pierwsza wersja."),
                ("Pierwsza wersja.", "Druga wersja."),
                ("Druga wersja.", "Trzecia wersja."),
                ("Trzecia wersja.", None),
                (None, "Czwarta."),
            ],
        )

    def test_history_shows_both_changes_and_the_refused_text_to_copy_back(self):
        self.open_editor(self.translating)
        self.open_editor(self.reviewing)
        self.save(self.reviewing, self.lead, REVIEWERS_TEXT)
        self.save(self.translating, self.lead, "Tekst, który się nie zapisał.")
        self.open_editor(self.translating)
        self.save(self.translating, self.lead, TRANSLATORS_TEXT)

        entries = [
            (entry.action, entry.user, entry.data.get("old"), entry.data.get("new"))
            for entry in self.history().filter(action__in=[EDITED, REFUSED])
        ]
        self.assertEqual(
            entries,
            [
                (EDITED, self.reviewer, self.seeded_lead, REVIEWERS_TEXT),
                (REFUSED, self.translator, None, None),
                (EDITED, self.translator, REVIEWERS_TEXT, TRANSLATORS_TEXT),
            ],
        )
        refused = self.history().get(action=REFUSED)
        self.assertEqual(
            (refused.data["refused"], refused.data["current"]),
            ("Tekst, który się nie zapisał.", REVIEWERS_TEXT),
        )
        history = self.translating.get(reverse("wagtailadmin_pages:history", args=[self.page.pk]))
        for text in [self.seeded_lead, REVIEWERS_TEXT, TRANSLATORS_TEXT, "się nie zapisał"]:
            self.assertContains(history, text)

    def test_a_removal_over_someone_elses_change_is_refused(self):
        self.open_editor(self.translating)
        self.open_editor(self.reviewing)
        self.save(self.reviewing, self.lead, REVIEWERS_TEXT)

        response = self.remove(self.translating, self.lead)

        self.assertRefused(response, NOT_REMOVED_MESSAGE, None)
        self.assertEqual(self.stored(self.lead), (REVIEWERS_TEXT, self.reviewer))

    def test_a_conflict_is_told_only_to_whoever_may_translate_the_page(self):
        self.open_editor(self.reviewing)
        self.save(self.reviewing, self.lead, REVIEWERS_TEXT)
        english = Client()
        english.force_login(self.english_translator)
        self.assertEqual(self.save(english, self.lead, "English words").status_code, 403)
        self.assertFalse(self.history().filter(action=REFUSED).exists())
        # The Polish translator, who may, is told.
        self.open_editor(self.translating)
        self.save(self.reviewing, self.lead, "Jeszcze raz recenzentka.")
        self.assertEqual(self.save(self.translating, self.lead, TRANSLATORS_TEXT).status_code, 409)


class TopicTranslationTests(SegmentEditTestCase):
    """Topics are translated in the same editor (snippets), and follow the same rules."""

    def setUp(self):
        super().setUp()
        self.topic = Topic.objects.filter(locale__language_code="pl").first()
        self.translation = Translation.objects.get(
            source__object_id=self.topic.translation_key, target_locale=self.topic.locale
        )
        self.editor_url = reverse("wagtailsnippets_news_topic:edit", args=[self.topic.pk])
        self.name = StringSegment.objects.get(source=self.translation.source, context__path="name")

    def test_a_topic_name_saved_over_a_change_is_refused_and_both_are_in_history(self):
        seeded = self.stored(self.name)[0]
        self.open_editor(self.translating)
        self.open_editor(self.reviewing)
        self.assertEqual(self.save(self.reviewing, self.name, "Nazwa recenzentki").status_code, 200)
        before = self.all_translated_texts()

        response = self.save(self.translating, self.name, "Nazwa tłumacza")

        self.assertRefused(response, NOT_SAVED_MESSAGE, "Nazwa tłumacza")
        self.assertEqual(self.all_translated_texts(), before)
        self.open_editor(self.translating)
        self.assertEqual(self.save(self.translating, self.name, "Nazwa tłumacza").status_code, 200)
        entries = ModelLogEntry.objects.filter(
            object_id=str(self.topic.pk), action__in=[EDITED, REFUSED]
        ).order_by("pk")
        self.assertEqual(
            [(entry.action, entry.data.get("old"), entry.data.get("new")) for entry in entries],
            [
                (EDITED, seeded, "Nazwa recenzentki"),
                (REFUSED, None, None),
                (EDITED, "Nazwa recenzentki", "Nazwa tłumacza"),
            ],
        )
        history = self.translating.get(
            reverse("wagtailsnippets_news_topic:history", args=[self.topic.pk])
        )
        self.assertContains(history, "Nazwa recenzentki")
        self.assertContains(history, "Nazwa tłumacza")
