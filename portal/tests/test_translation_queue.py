"""Translators see what waits for them: a Latvian change reaches the translations at once, with
an e-mail; the dashboard queue; what changed in each text; ready for review."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory
from portal.core.roles import EDITORS, REVIEWERS, TRANSLATORS
from portal.editorial.translation_changes import changed_texts
from portal.editorial.translation_queue import work_queue
from portal.tests.seed import load_seed

OLD = "Vizīte tiek organizēta ar mērķi popularizēt Latgales reģiona ražotāju produkciju"
NEW_PARAGRAPH = (
    "Vizīte tiek organizēta ar mērķi popularizēt trīs Latgales novadu ražotāju produkciju un "
    "radīt tai jaunu noieta tirgu."
)
EARLIER_ENGLISH = "The visit is organised to promote the products of Latgale"


def make_user(name, group, language=None):
    user = get_user_model().objects.create_user(
        username=name, password="pw", email=f"{name}@example.lv"
    )
    user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def release_in(language):
    return PressReleasePage.objects.get(locale__language_code=language)


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def translation_into(language):
    page = release_in("lv")
    return Translation.objects.get(source=source_of(page), target_locale__language_code=language)


class QueueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.editor = make_user("redaktore", EDITORS)
        cls.english = make_user("translator-en", TRANSLATORS["en"], "en")
        cls.polish = make_user("tlumacz-pl", TRANSLATORS["pl"], "pl")
        cls.polish_reviewer = make_user("recenzent-pl", REVIEWERS["pl"], "pl")

    def change_the_latvian_release(self, paragraph=NEW_PARAGRAPH):
        page = release_in("lv")
        body = page.body.raw_data
        body[0]["value"] = f"<p>{paragraph}</p>"
        page.body = body
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.editor).publish()


class SyncOnPublishTests(QueueTestCase):
    def test_a_published_change_reaches_the_translations_and_their_translators(self):
        before = translation_into("pl").get_progress()
        self.assertEqual(before[0], before[1])
        # A translator who never chose an admin language: her group's language, not the site's.
        unset = make_user("tlumacz-bez", TRANSLATORS["pl"])
        self.change_the_latvian_release()
        total, done = translation_into("pl").get_progress()
        self.assertEqual(done, total - 1)
        # Each translator is told in their own admin language; nobody else is.
        by_recipient = {message.to[0]: message for message in mail.outbox}
        self.assertEqual(set(by_recipient), {self.english.email, self.polish.email, unset.email})
        self.assertIn("zmieniony", by_recipient[unset.email].subject)
        self.assertIn("has changed", by_recipient[self.english.email].subject)
        self.assertIn("zmieniony", by_recipient[self.polish.email].subject)
        self.assertIn("/admin/", by_recipient[self.polish.email].body)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_the_editors_publish_waits_for_neither_the_extraction_nor_the_e_mails(self):
        from django_tasks_db.models import DBTaskResult

        before = translation_into("pl").get_progress()
        self.change_the_latvian_release()
        # Queued for the task worker: nothing extracted, nobody told yet.
        self.assertEqual(translation_into("pl").get_progress(), before)
        self.assertEqual(mail.outbox, [])
        queued = DBTaskResult.objects.get(task_path__endswith="translation_queue.sync_source")
        queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
        total, done = translation_into("pl").get_progress()
        self.assertEqual(done, total - 1)
        self.assertEqual(len(mail.outbox), 2)

    def test_publishing_without_a_change_to_translated_content_changes_nothing(self):
        updated = source_of(release_in("lv")).last_updated_at
        page = release_in("lv")
        page.search_description = page.search_description  # nothing that is translated
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.editor).publish()
        self.assertEqual(source_of(release_in("lv")).last_updated_at, updated)
        self.assertEqual(mail.outbox, [])

    def test_the_live_translation_is_untouched_until_it_is_published_again(self):
        self.change_the_latvian_release()
        english = release_in("en")
        self.assertFalse(english.has_unpublished_changes)
        self.assertContains(self.client.get(english.url), EARLIER_ENGLISH)


class WorkQueueTests(QueueTestCase):
    def test_an_out_of_date_translation_is_in_its_languages_queue(self):
        self.assertEqual(work_queue("pl").out_of_date, [])
        self.change_the_latvian_release()
        queue = work_queue("pl")
        self.assertEqual([item.page.pk for item in queue.out_of_date], [release_in("pl").pk])
        self.assertEqual(queue.out_of_date[0].untranslated, 1)

    def test_the_dashboard_shows_each_translator_their_own_languages_queue(self):
        self.change_the_latvian_release()
        self.client.force_login(self.polish)
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("data-translation-queue", dashboard)
        self.assertIn('data-language="pl"', dashboard)
        self.assertNotIn('data-language="en"', dashboard)
        self.assertIn(reverse("portal_translation_changes", args=[release_in("pl").pk]), dashboard)
        self.assertIn('<strong data-count="out_of_date">1</strong>', dashboard)
        self.client.force_login(self.editor)
        self.assertNotContains(
            self.client.get(reverse("wagtailadmin_home")), "data-translation-queue"
        )

    def test_a_new_translation_waits_and_then_is_in_progress(self):
        index = release_in("lv").get_parent()
        page = PressReleasePageFactory(parent=index, title="Jauna relīze", lead="Ievads.")
        page.save_revision().publish()
        source, _created = TranslationSource.get_or_create_from_instance(page)
        polish = Locale.objects.get(language_code="pl")
        translation = Translation.objects.create(source=source, target_locale=polish)
        translation.save_target(publish=False)
        queue = work_queue("pl")
        self.assertIn(page.translation_key, [item.page.translation_key for item in queue.waiting])
        segment = source.stringsegment_set.select_related("string", "context").first()
        StringTranslation.objects.create(
            translation_of=segment.string, context=segment.context, locale=polish, data="X"
        )
        queue = work_queue("pl")
        self.assertIn(
            page.translation_key, [item.page.translation_key for item in queue.in_progress]
        )

    def test_the_queue_is_read_in_the_same_number_of_queries_for_more_pages(self):
        index = release_in("lv").get_parent()
        polish = Locale.objects.get(language_code="pl")

        def add_translated_releases(count):
            for number in range(count):
                page = PressReleasePageFactory(parent=index, lead=f"Ievads {number}.")
                page.save_revision().publish()
                source, _created = TranslationSource.get_or_create_from_instance(page)
                Translation.objects.create(source=source, target_locale=polish).save_target(
                    publish=False
                )

        add_translated_releases(2)
        with self.assertNumQueries(6):
            self.assertEqual(len(work_queue("pl").waiting), 2)
        add_translated_releases(4)
        with self.assertNumQueries(6):
            self.assertEqual(len(work_queue("pl").waiting), 6)


class ChangedTextTests(QueueTestCase):
    def test_a_changed_text_shows_the_change_and_the_earlier_translation(self):
        self.change_the_latvian_release()
        [text] = changed_texts(translation_into("en"))
        self.assertIn(EARLIER_ENGLISH, text.previous_translation)
        self.assertIn("<ins>trīs ", text.diff)
        self.assertIn("<del>reģiona</del>", text.diff)
        self.client.force_login(self.english)
        url = reverse("portal_translation_changes", args=[release_in("en").pk])
        page = self.client.get(url)
        self.assertContains(page, "<ins>trīs ", html=False)
        self.assertContains(page, EARLIER_ENGLISH)
        # The translator edits the earlier translation instead of retyping it.
        revised = "The visit is organised to promote the products of three Latgale municipalities."
        response = self.client.post(url, {"segment": text.segment.pk, "value": revised})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        total, done = translation_into("en").get_progress()
        self.assertEqual(total, done)
        self.assertTrue(StringTranslation.objects.filter(data=revised).exists())

    def test_only_that_languages_translators_may_open_it(self):
        self.change_the_latvian_release()
        url = reverse("portal_translation_changes", args=[release_in("en").pk])
        for user in (self.polish, self.editor):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertIn(self.client.get(url).status_code, (302, 403))
                segment = changed_texts(translation_into("en"))[0].segment
                self.client.post(url, {"segment": segment.pk, "value": "Hijacked"})
                self.assertFalse(StringTranslation.objects.filter(data="Hijacked").exists())

    def test_an_empty_translation_is_a_form_error_and_nothing_is_stored(self):
        self.change_the_latvian_release()
        self.client.force_login(self.english)
        url = reverse("portal_translation_changes", args=[release_in("en").pk])
        segment = changed_texts(translation_into("en"))[0].segment
        response = self.client.post(url, {"segment": segment.pk, "value": "  "})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        total, done = translation_into("en").get_progress()
        self.assertEqual(done, total - 1)


class ReadyForReviewTests(QueueTestCase):
    def ready(self, page):
        return self.client.post(reverse("portal_translation_ready", args=[page.pk]), follow=True)

    def test_an_incomplete_translation_is_not_ready(self):
        self.change_the_latvian_release()
        self.client.force_login(self.polish)
        response = self.ready(release_in("pl"))
        self.assertContains(response, "1 tekst nie jest jeszcze przetłumaczony")  # her Polish
        self.assertFalse(WorkflowState.objects.filter(status="in_progress").exists())

    def test_a_complete_translation_goes_to_its_reviewers_without_going_live(self):
        self.change_the_latvian_release()
        polish = release_in("pl")
        text = changed_texts(translation_into("pl"))[0]
        StringTranslation.objects.create(
            translation_of=text.segment.string,
            context=text.segment.context,
            locale=polish.locale,
            data="Wizyta ma promować produkty trzech gmin Łatgalii.",
        )
        live_body = str(polish.body)
        mail.outbox.clear()
        self.client.force_login(self.polish)
        self.ready(polish)
        polish.refresh_from_db()
        self.assertTrue(polish.workflow_in_progress)
        self.assertEqual(str(polish.body), live_body)  # the live page waits for the reviewer
        self.assertIn(self.polish_reviewer.email, [m.to[0] for m in mail.outbox])
        self.assertEqual([item.page.pk for item in work_queue("pl").ready_for_review], [polish.pk])
        # The reviewer approves: the translation goes live with the new text.
        self.client.force_login(self.polish_reviewer)
        state = polish.current_workflow_state.current_task_state
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse(
                    "wagtailadmin_pages:workflow_action", args=[polish.pk, "approve", state.pk]
                ),
                {"comment": ""},
            )
        self.assertContains(self.client.get(release_in("pl").url), "trzech gmin")

    def test_a_translator_of_another_language_cannot_mark_it(self):
        self.client.force_login(self.english)
        response = self.client.post(reverse("portal_translation_ready", args=[release_in("pl").pk]))
        self.assertIn(response.status_code, (302, 403))  # Wagtail's refusal, or a 403
        self.assertFalse(WorkflowState.objects.filter(status="in_progress").exists())
