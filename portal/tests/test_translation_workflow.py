"""Translators and editors in the admin: who may do what, syncing and PO files."""

import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import polib
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from news.models import PressReleasePage
from portal.core.roles import EDITORS, REVIEWERS, TRANSLATORS
from portal.tests.seed import load_seed

CHANGED_PARAGRAPH = "Vizīte tiek organizēta, lai popularizētu Latgales ražotāju produkciju."


def make_user(name, group):
    user = get_user_model().objects.create_user(username=name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def release_in(language):
    return PressReleasePage.objects.get(locale__language_code=language)


def translation_of(page):
    return Translation.objects.get(
        source=TranslationSource.objects.get(
            object_id=page.translation_key, locale__language_code="lv"
        ),
        target_locale=page.locale,
    )


class WorkflowTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.editor = make_user("redaktore", EDITORS)
        cls.english = make_user("translator-en", TRANSLATORS["en"])
        # The English translator reads the admin in English (Wagtail's account setting).
        profile = UserProfile.get_for_user(cls.english)
        profile.preferred_language = "en"
        profile.save()
        cls.polish = make_user("tlumacz-pl", TRANSLATORS["pl"])
        cls.english_reviewer = make_user("reviewer-en", REVIEWERS["en"])
        profile = UserProfile.get_for_user(cls.english_reviewer)
        profile.preferred_language = "en"
        profile.save()
        cls.polish_reviewer = make_user("recenzent-pl", REVIEWERS["pl"])

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def put_string(self, page, segment, text):
        translation = translation_of(page)
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        return self.client.put(
            url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded"
        )

    def assertRefused(self, response):
        """Wagtail's refusal: back to the dashboard, saying "you do not have permission"."""
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)

    def lead_segment(self, page):
        return StringSegment.objects.get(
            source__object_id=page.translation_key, context__path="lead"
        )


class TranslatorPermissionTests(WorkflowTestCase):
    def test_translator_opens_only_their_own_languages_pages(self):
        cases = [
            (self.english, "en", 200),
            (self.english, "pl", 403),
            (self.english, "lv", 403),
            (self.polish, "pl", 200),
            (self.polish, "en", 403),
            (self.polish, "lv", 403),
            (self.editor, "lv", 200),
            (self.editor, "en", 403),
        ]
        for user, language, status in cases:
            with self.subTest(user=user.username, language=language):
                self.client.force_login(user)
                response = self.client.get(self.edit_url(release_in(language)))
                if status == 200:
                    self.assertEqual(response.status_code, 200)
                else:
                    self.assertRefused(response)

    def test_translator_cannot_change_or_publish_the_latvian_source(self):
        self.client.force_login(self.polish)
        source = release_in("lv")
        response = self.client.post(
            self.edit_url(source), {"title": "Pārrakstīts", "action-publish": "1"}
        )
        self.assertRefused(response)
        source.refresh_from_db()
        self.assertEqual(source.title, "Vizīte uz Krakovu uzņēmējdarbības veicināšanai")
        self.assertFalse(source.has_unpublished_changes)

    def test_translator_cannot_translate_another_languages_segments(self):
        self.client.force_login(self.english)
        polish = release_in("pl")
        response = self.put_string(polish, self.lead_segment(polish), "English words")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(StringTranslation.objects.filter(data="English words").exists())

    def test_only_editors_start_translations(self):
        url = reverse("wagtail_localize:submit_page_translation", args=[release_in("lv").pk])
        self.client.force_login(self.english)
        self.assertEqual(
            self.client.get(url).status_code, 302
        )  # Wagtail's refusal: to the dashboard
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_polish_translator_revises_and_a_polish_reviewer_publishes(self):
        self.client.force_login(self.polish)
        polish = release_in("pl")
        revised = "W dniach 2–4 grudnia przedsiębiorcy z Łatgalii odwiedzą Kraków."
        response = self.put_string(polish, self.lead_segment(polish), revised)
        self.assertEqual(response.status_code, 200)
        # The translator saves a draft; publishing is the reviewer's.
        self.assertRefused(self.client.post(self.edit_url(polish), {"action": "publish"}))
        # The translator's text is kept (wagtail-localize stores it per segment) for review.
        self.assertTrue(
            StringTranslation.objects.filter(
                data=revised, locale=polish.locale, last_translated_by=self.polish
            ).exists()
        )
        self.assertNotContains(self.client.get(polish.url), revised)
        self.client.force_login(self.polish_reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.edit_url(polish), {"action": "publish"})
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.client.get(polish.url), revised)
        self.assertEqual(release_in("lv").lead[:15], "No šī gada 2. d")

    def test_translator_downloads_and_uploads_a_po_file_in_the_editor(self):
        polish = release_in("pl")
        translation = translation_of(polish)
        download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
        upload = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
        self.client.force_login(self.english)
        self.assertRefused(self.client.get(download))
        self.client.force_login(self.polish)
        response = self.client.get(download)
        self.assertEqual(response.status_code, 200)
        po = polib.pofile(response.content.decode())
        lead = next(entry for entry in po if entry.msgctxt == "lead")
        lead.msgstr = "Poprawiony wstęp."
        file = SimpleUploadedFile("release.po", str(po).encode(), "text/x-gettext-translation")
        response = self.client.post(upload, {"file": file, "next": self.edit_url(polish)})
        self.assertRedirects(response, self.edit_url(polish), fetch_redirect_response=False)
        exported = {entry.msgctxt: entry.msgstr for entry in translation.export_po()}
        self.assertEqual(exported["lead"], "Poprawiony wstęp.")

    def test_uploading_a_file_that_is_not_a_portal_po_file_is_refused_with_a_message(self):
        polish = release_in("pl")
        upload = reverse("wagtail_localize:upload_pofile", args=[translation_of(polish).pk])
        self.client.force_login(self.polish)
        for content in [b"not a po file at all", b'msgid ""\nmsgstr ""\n', b"\xff\xfe"]:
            with self.subTest(content=content):
                file = SimpleUploadedFile("x.po", content, "text/plain")
                response = self.client.post(
                    upload, {"file": file, "next": self.edit_url(polish)}, follow=True
                )
                self.assertEqual(response.status_code, 200)
                self.assertTrue(list(response.context["messages"]))

    def test_a_translation_with_untranslated_text_is_not_published(self):
        english = release_in("en")
        StringTranslation.objects.filter(
            translation_of=self.lead_segment(english).string, locale=english.locale
        ).delete()
        self.client.force_login(self.english_reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.edit_url(english), {"action": "publish"}, follow=True)
        self.assertContains(response, "Not published: 1 text is not translated yet.")
        english.refresh_from_db()
        self.assertFalse(english.has_unpublished_changes)
        self.assertIn("From 2 to 4 December", english.lead)


class SourceChangeTests(WorkflowTestCase):
    def change_and_sync_the_source(self):
        source = release_in("lv")
        body = source.body.raw_data
        body[0]["value"] = f"<p>{CHANGED_PARAGRAPH}</p>"
        source.body = body
        source.save_revision(user=self.editor).publish()
        self.client.force_login(self.editor)
        url = reverse(
            "wagtail_localize:update_translations",
            args=[
                TranslationSource.objects.get(
                    object_id=source.translation_key, locale=source.locale
                ).pk
            ],
        )
        form = self.client.get(url).context["form"]
        self.assertNotIn("publish_translations", form.fields)  # publishing comes after translating
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"publish_translations": "on"})
        self.assertEqual(response.status_code, 302)

    def test_sync_keeps_the_translators_work_and_leaves_only_the_change_to_translate(self):
        before = translation_of(release_in("en")).get_progress()
        self.change_and_sync_the_source()
        total, done = translation_of(release_in("en")).get_progress()
        self.assertEqual(total, before[0])
        self.assertEqual(done, total - 1)
        # The live English page is untouched until a translator publishes it.
        english = release_in("en")
        self.assertFalse(english.has_unpublished_changes)
        self.assertContains(self.client.get(english.url), "The visit is organised to promote")

    def test_a_translators_unpublished_work_survives_a_source_change_and_sync(self):
        polish = release_in("pl")
        revised = "Wstęp poprawiony przez tłumacza, jeszcze nieopublikowany."
        self.client.force_login(self.polish)
        self.assertEqual(
            self.put_string(polish, self.lead_segment(polish), revised).status_code, 200
        )
        self.change_and_sync_the_source()
        self.assertTrue(
            StringTranslation.objects.filter(
                data=revised, locale=polish.locale, last_translated_by=self.polish
            ).exists()
        )
        exported = {entry.msgctxt: entry.msgstr for entry in translation_of(polish).export_po()}
        self.assertEqual(exported["lead"], revised)

    def test_po_round_trip_for_a_translation_agency(self):
        self.change_and_sync_the_source()
        with tempfile.TemporaryDirectory() as directory:
            call_command(
                "translation_files",
                "export",
                "--language",
                "pl",
                "--directory",
                directory,
                stdout=StringIO(),
            )
            files = sorted(Path(directory).glob("*.po"))
            self.assertEqual(len(files), 1)  # only the release has something left to translate
            check = subprocess.run(
                ["msgfmt", "--check", "-o", os.devnull, str(files[0])],
                capture_output=True,
                text=True,
            )
            self.assertEqual(check.returncode, 0, check.stderr)
            self.assertEqual(check.stderr, "")
            po = polib.pofile(str(files[0]))
            untranslated = [entry for entry in po if not entry.msgstr]
            self.assertEqual([entry.msgid for entry in untranslated], [CHANGED_PARAGRAPH])
            untranslated[0].msgstr = "Wizyta ma promować produkty wytwórców z Łatgalii."
            translated_before = {entry.msgid: entry.msgstr for entry in po if entry.msgstr}
            po.save()
            out = StringIO()
            call_command("translation_files", "import", *map(str, files), "--publish", stdout=out)
        translation = translation_of(release_in("pl"))
        self.assertEqual(translation.get_progress()[0], translation.get_progress()[1])
        exported_again = {entry.msgid: entry.msgstr for entry in translation.export_po()}
        for msgid, msgstr in translated_before.items():
            self.assertEqual(exported_again[msgid], msgstr)  # nothing lost
        self.assertContains(self.client.get(release_in("pl").url), "Wizyta ma promować produkty")
        self.assertIn("published", out.getvalue())

    def test_import_of_a_foreign_file_is_a_clear_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".po") as stray:
            stray.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
            stray.flush()
            with self.assertRaisesMessage(Exception, "not a PO file of this portal's translations"):
                call_command("translation_files", "import", stray.name, stdout=StringIO())


class MachineTranslationSettingTests(TestCase):
    def machine_translator(self, **env):
        code = (
            "from portal.settings import base; "
            "print(getattr(base, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS', 'none'))"
        )
        environment = {k: v for k, v in os.environ.items() if k != "DEEPL_API_KEY"}
        environment.update(env)
        return subprocess.run(
            [sys.executable, "-c", code],
            env=environment,
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[2],
        ).stdout.strip()

    def test_deepl_only_when_a_key_is_set(self):
        self.assertEqual(self.machine_translator(), "none")
        self.assertEqual(
            self.machine_translator(DEEPL_API_KEY="abc:fx"),
            "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        )

    def test_tests_use_the_dummy_translator(self):
        from django.conf import settings

        self.assertIn("DummyTranslator", settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"])
