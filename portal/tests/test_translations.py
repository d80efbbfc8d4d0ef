"""Every user-visible string of the portal is translated into lv, en and pl."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["lv", "en", "pl"]
# Copies of Wagtail's templates: their messages are in locale-upstream/ (the Makefile's
# UPSTREAM_COPIES).
UPSTREAM_COPIES = [
    "templates/wagtailadmin/pages/listing/*",
    "templates/wagtailadmin/shared/user_avatar.html",
    "templates/wagtailadmin/pages/search_results.html",
    "templates/wagtailadmin/reports/workflow_results.html",
    "templates/wagtailadmin/shared/search_other.html",
    "templates/wagtailadmin/shared/editing_sessions/list.html",
    "templates/wagtailadmin/shared/workflow_action_modal.html",
    "templates/wagtailadmin/tables/column_header.html",
    "templates/wagtailimages/chooser/results.html",
]


def catalogue(language, root=LOCALE_DIR):
    return polib.pofile(str(root / language / "LC_MESSAGES" / "django.po"))


def translation_of(entry):
    plural = tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items()))
    return entry.msgstr, plural


class TranslationCatalogueTests(SimpleTestCase):
    def test_every_entry_is_translated_and_none_is_fuzzy(self):
        for language in LANGUAGES:
            po = catalogue(language)
            with self.subTest(language=language):
                self.assertGreater(len(po), 100)
                self.assertEqual([e.msgid for e in po.untranslated_entries()], [])
                self.assertEqual([e.msgid for e in po.fuzzy_entries()], [])

    def test_compiled_catalogues_match_their_sources(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                mo = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))
                compiled = {(e.msgctxt, e.msgid): translation_of(e) for e in mo}
                source = {(e.msgctxt, e.msgid): translation_of(e) for e in catalogue(language)}
                self.assertEqual(compiled, source, "run `make messages` to recompile")

    def test_catalogues_pass_msgfmt_check(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                result = subprocess.run(
                    [
                        "msgfmt",
                        "--check",
                        "-o",
                        os.devnull,
                        str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"),
                    ],
                    capture_output=True,
                    text=True,
                )
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_no_string_in_the_code_is_missing_from_the_catalogues(self):
        # makemessages writes next to the code it reads, so it runs on a copy of the project.
        base = Path(settings.BASE_DIR)
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch)
            for name in ["portal", "news", "projects", "templates", "locale"]:
                shutil.copytree(base / name, copy / name, ignore=shutil.ignore_patterns("tests"))
            shutil.copy(base / "manage.py", copy)
            result = subprocess.run(
                [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
                + [f"--locale={code}" for code in LANGUAGES]
                + [f"--ignore={path}" for path in UPSTREAM_COPIES],
                cwd=copy,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
                capture_output=True,
                text=True,
                timeout=300,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            for language in LANGUAGES:
                with self.subTest(language=language):
                    fresh = {(e.msgctxt, e.msgid) for e in catalogue(language, copy / "locale")}
                    known = {(e.msgctxt, e.msgid) for e in catalogue(language)}
                    self.assertEqual(fresh - known, set(), "run `make messages` and translate")

    def test_public_pages_speak_the_active_language(self):
        expectations = {
            "lv": "Pāriet uz saturu",
            "en": "Skip to content",
            "pl": "Przejdź do treści",
        }
        for language, text in expectations.items():
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(translation.gettext("Skip to content"), text)
