"""The admin whole in Latvian and Polish (issue 15): our catalogues of the installed packages'
messages, made by `manage.py upstream_messages`, win over the packages' own; times read
"pirms 3 minūtēm" and "1 minutę temu"; stored English names are shown translated.

The screens themselves, as each role sees them, are measured in Chromium:
portal/tests/browser/test_admin_language.py.
"""

import datetime
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.template import Context, Template
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from portal.core.roles import EDITORS, MODERATORS, WORKFLOWS
from portal.templatetags.translation_editor import dates_in_admin_language

UPSTREAM = Path(settings.UPSTREAM_LOCALE_DIR)
FILES = [
    UPSTREAM / lang / "LC_MESSAGES" / f"{d}.po"
    for lang in ("lv", "pl")
    for d in ("django", "djangojs")
]


def quietly(*args, **options):
    return call_command("upstream_messages", *args, stdout=open(os.devnull, "w"), **options)


class UpstreamCatalogueTests(SimpleTestCase):
    def test_every_message_of_the_installed_packages_is_in_ours_and_translated(self):
        # Fails after an upgrade brings new message ids: `make messages` lists them.
        quietly(check=True)

    def test_catalogues_pass_msgfmt_check_and_are_compiled(self):
        for path in FILES:
            with self.subTest(path=path.name, language=path.parts[-3]):
                result = subprocess.run(
                    ["msgfmt", "--check", "-o", os.devnull, str(path)],
                    capture_output=True,
                    text=True,
                )
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                compiled = {
                    (e.msgctxt, e.msgid) for e in polib.mofile(str(path.with_suffix(".mo")))
                }
                source = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.translated()}
                self.assertEqual(source - compiled, set(), "run `make messages` to recompile")

    def copy(self):
        scratch = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, scratch)
        shutil.copytree(UPSTREAM, scratch, dirs_exist_ok=True)
        return scratch

    def edit(self, root, language, change):
        path = root / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        change(catalogue)
        catalogue.save(str(path))
        return path

    def test_the_check_names_a_package_message_ours_lacks_and_one_left_untranslated(self):
        root = self.copy()
        self.edit(root, "lv", lambda po: po.remove(po.find("show in menus")))
        self.edit(root, "pl", lambda po: setattr(po.find("title tag"), "msgstr", ""))
        with (
            override_settings(UPSTREAM_LOCALE_DIR=root),
            self.assertRaises(CommandError) as refused,
        ):
            quietly(check=True)
        self.assertIn(
            "lv/LC_MESSAGES/django.po: 1 new and 0 removed message ids", str(refused.exception)
        )
        self.assertIn("pl/LC_MESSAGES/django.po: 1 untranslated", str(refused.exception))

    def test_a_merge_keeps_our_translations_and_takes_new_ones_from_the_package(self):
        root = self.copy()

        def lose_three(po):
            po.remove(po.find("Dashboard"))  # Wagtail translates it
            po.remove(po.find("Workflows"))  # Wagtail 8.0.1 does not
            po.remove(po.find("%(num)d minute", msgctxt=None))  # Django's, plurals out of order

        self.edit(root, "lv", lose_three)
        with override_settings(UPSTREAM_LOCALE_DIR=root):
            quietly()
        merged = polib.pofile(str(root / "lv" / "LC_MESSAGES" / "django.po"))
        self.assertEqual(merged.find("Dashboard").msgstr, "Informācijas panelis")
        self.assertEqual(merged.find("Workflows").msgstr, "")
        self.assertTrue(
            merged.find("%(num)d minute", msgctxt=None).fuzzy, "a Latvian plural to put in order"
        )
        # Ours, not Wagtail's wrong "Radīt izvēlnēs" or "Veicināšana":
        self.assertEqual(merged.find("show in menus").msgstr, "rādīt izvēlnēs")
        self.assertEqual(merged.find("Promote").msgstr, "Popularizēšana")


class AdminWordsTests(SimpleTestCase):
    def test_wagtails_wrong_latvian_on_the_promote_tab_is_corrected(self):
        with translation.override("lv"):
            shown = [
                gettext(m)
                for m in [
                    "show in menus",
                    "meta description",
                    "The name of the page displayed on search engine results as the clickable "
                    "headline.",
                    "Whether a link to this page will appear in automatically generated menus",
                ]
            ]
        self.assertEqual(shown[:2], ["rādīt izvēlnēs", "metaapraksts"])
        for text in shown:
            self.assertNotIn("mēklētāj", text)
            self.assertNotIn("aparaksts", text)
            self.assertNotIn("radīt", text.lower())

    def test_times_ago_read_in_each_language_with_the_right_plural(self):
        now = timezone.now()
        expected = {
            "lv": {1: "Pirms 1\xa0minūtes", 3: "Pirms 3\xa0minūtēm", 21: "Pirms 21\xa0minūtes"},
            "pl": {1: "1\xa0minutę temu", 3: "3\xa0minuty temu", 5: "5\xa0minut temu"},
        }
        for language, cases in expected.items():
            for minutes, text in cases.items():
                with self.subTest(language=language, minutes=minutes):
                    with translation.override(language):
                        shown = timesince_simple(
                            now - datetime.timedelta(minutes=minutes, seconds=5)
                        )
                    self.assertEqual(shown[:1].upper() + shown[1:], text)

    def test_latvian_plurals_are_in_the_order_of_the_plural_rule(self):
        with translation.override("lv"):
            forms = [
                ngettext("1 page", "%(counter)s pages", n) % {"counter": n} for n in (1, 2, 0, 21)
            ]
        self.assertEqual(len(set(forms[:3])), 3, forms)
        self.assertEqual(forms[3], forms[0].replace("1", "21"))


class StoredNameTests(TestCase):
    def test_group_workflow_and_task_names_are_shown_in_the_readers_language(self):
        workflow = Workflow.objects.get(name=WORKFLOWS["lv"][0])
        task = workflow.tasks.first()
        group = Group.objects.get(name=MODERATORS)
        template = Template("{{ workflow.name }} / {{ task.name }} / {{ group.name }}")
        context = Context({"workflow": workflow, "task": task, "group": group})
        with translation.override("lv"):
            self.assertEqual(
                template.render(context),
                "Moderatoru apstiprināšana / Moderatoru apstiprināšana / Moderatori",
            )
        with translation.override("pl"):
            self.assertEqual(str(group.name), "Moderatorzy")
        # To code the name is the stored one.
        self.assertEqual(workflow.name, "Moderators approval")

    def test_workflow_history_names_the_workflow_in_the_readers_language(self):
        entry = PageLogEntry(
            action="wagtail.workflow.start",
            data={
                "workflow": {
                    "title": "Moderators approval",
                    "next": {"title": "Moderators approval"},
                }
            },
        )
        for language, name in [
            ("lv", "Moderatoru apstiprināšana"),
            ("pl", "Zatwierdzenie przez moderatorów"),
        ]:
            with self.subTest(language=language), translation.override(language):
                message = log_registry.get_formatter(entry).format_message(entry)
                self.assertEqual(message.count(name), 2, message)
        self.assertEqual(entry.data["workflow"]["title"], "Moderators approval")

    def test_dumps_backups_and_forms_see_the_stored_name(self):
        group = Group.objects.get(name=MODERATORS)
        with translation.override("lv"):
            dumped = json.loads(serializers.serialize("json", [group]))
            self.assertEqual(dumped[0]["fields"]["name"], "Moderators")
            self.assertEqual(model_to_dict(group)["name"], "Moderators")
        # A dump made while names were shown translated loads back in English.
        dumped[0]["fields"]["name"] = "Moderatori"
        group.delete()
        for restored in serializers.deserialize("json", json.dumps(dumped)):
            restored.save()
        self.assertTrue(Group.objects.filter(name=MODERATORS).exists())

    def test_a_name_saved_in_a_language_is_stored_as_its_english_original(self):
        group = Group.objects.get(name=EDITORS)
        group.name = "Redaktori"
        group.save()
        workflow = Workflow.objects.get(name=WORKFLOWS["lv"][0])
        workflow.name = "Zatwierdzenie przez moderatorów"
        workflow.save()
        self.assertTrue(Group.objects.filter(name=EDITORS).exists())
        self.assertTrue(Workflow.objects.filter(name=WORKFLOWS["lv"][0]).exists())
        # A name of the administrator's own stays as typed.
        custom = Workflow.objects.create(name="Juridiskā pārbaude")
        self.assertEqual(Workflow.objects.get(pk=custom.pk).name, "Juridiskā pārbaude")


class SignInTests(TestCase):
    def test_the_sign_in_form_labels_the_password_in_the_browsers_language(self):
        for language, label in [("lv", "Parole"), ("pl", "Hasło"), ("en", "Password")]:
            with self.subTest(language=language):
                response = self.client.get(
                    reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=language
                )
                self.assertContains(response, f"{label}<span")

    def test_the_admins_javascript_catalogue_is_ours(self):
        user = get_user_model().objects.create_superuser("admin", password="pw")
        profile = UserProfile.get_for_user(user)
        for language, saved in [("lv", "Ievietot bloku"), ("pl", "Dodaj blok")]:
            profile.preferred_language = language
            profile.save()
            self.client.force_login(user)
            with self.subTest(language=language):
                response = self.client.get(reverse("wagtailadmin_javascript_catalog"))
                self.assertContains(response, saved)


class UntranslatableLabelTests(TestCase):
    def test_english_labels_outside_gettext_are_given_their_translation(self):
        user = get_user_model().objects.create_superuser("admin", password="pw")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "lv"
        profile.save()
        self.client.force_login(user)
        page = self.client.get(reverse("wagtailadmin_home")).content.decode()
        labels = json.loads(
            html.unescape(re.search(r'untranslated-labels[^"]*" data-labels="([^"]+)"', page)[1])
        )
        self.assertEqual(labels["texts"]["More actions"], "Citas darbības")
        self.assertEqual(labels["values"]["Search"], "Meklēt")
        self.assertEqual(labels["translationHeading"], "Tulkojums: %(source)s → %(target)s")
        self.assertNotEqual(labels["ariaLabels"]["Actions"], "Actions")

    def test_the_translation_editors_date_is_in_the_admins_language(self):
        props = json.dumps({"object": {"lastPublishedDate": "2026-12-01"}})
        for language, shown in [("lv", "2026. gada 1. decembris"), ("pl", "1 grudnia 2026")]:
            with self.subTest(language=language), translation.override(language):
                data = json.loads(dates_in_admin_language(props))
                self.assertEqual(data["object"]["lastPublishedDate"], shown)

    def test_wagtail_localizes_segment_dates_have_no_english_month(self):
        translated = StringTranslation(
            tool_name="DeepL", updated_at=datetime.datetime(2026, 12, 2, 10, 0)
        )
        with translation.override("pl"):
            self.assertEqual(
                translated.get_comment(), "Przetłumaczono z użyciem DeepL dnia 2026-12-02"
            )
