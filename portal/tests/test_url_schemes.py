"""Link addresses: only http, https, mailto and tel, wherever they are entered (the editor's
forms, the translator's overrides, PO files) and wherever they are shown (the page, the API),
old data included; and in translations the addresses of links, embeds and websites stay the
source page's (portal/core/links.py, portal/editorial/url_guards.py)."""

import json
import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringTranslation,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue

# Loaded by portal/wagtail_hooks.py; imported here too, so that these tests check the guards
# themselves (RegistrationTests checks that the admin loads them).
import portal.editorial.url_guards  # noqa: F401
from news.tests.factories import release_form_data
from portal.core.blocks import LinkBlock
from portal.core.links import LINK_ADDRESS_MESSAGE, WEB_ADDRESS_MESSAGE
from portal.core.roles import EDITORS, REVIEWERS, TRANSLATORS
from portal.editorial.url_guards import (
    KEPT_FROM_SOURCE_MESSAGE,
    PO_UPLOAD_URL_NAME,
    forget_address_overrides,
)
from portal.tests.seed import load_seed
from portal.tests.test_translation_workflow import make_user, release_in, translation_of
from projects.models import OrganisationPage, ProjectPage

HOSTILE = ["javascript:alert(document.domain)", " JavaScript:alert(1)", "data:text/html,x"]
OTHER_SITE = "https://evil.example/"


def block_messages(error):
    """The messages of a StreamField's error, down to its blocks' fields."""
    nested = getattr(error, "block_errors", None)
    if nested:
        children = nested.values() if isinstance(nested, dict) else nested
        return [message for child in children for message in block_messages(child)]
    return list(error.messages)


def active_addresses(html):
    """The href and src values in `html` with a scheme other than http, https, mailto, tel."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        value
        for tag in soup.find_all(True)
        for name, value in tag.attrs.items()
        if name in ("href", "src", "action")
        and ":" in value.split("/")[0]
        and not value.strip().lower().startswith(("http:", "https:", "mailto:", "tel:"))
    ]


def in_language(language, message):
    with translation.override(language):
        return str(message)


def organisation_in(language):
    """The seed's Latgale Planning Region, which has a website."""
    source = OrganisationPage.objects.get(slug="latgales-planosanas-regions")
    return source.get_translations(inclusive=True).get(locale__language_code=language).specific


class UrlSchemeTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.editor = make_user("redaktore", EDITORS)
        cls.polish = make_user("tlumacz-pl", TRANSLATORS["pl"])
        cls.polish_reviewer = make_user("recenzent-pl", REVIEWERS["pl"])
        # Each reads the admin in their language (Wagtail's account setting).
        for user, language in [(cls.editor, "lv"), (cls.polish, "pl"), (cls.polish_reviewer, "pl")]:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])


class EditorFormTests(UrlSchemeTestCase):
    """The Latvian source pages, as an editor saves them in the admin."""

    def setUp(self):
        self.client.force_login(self.editor)

    def link(self, url):
        return streamfield([("link", {"page": "", "url": url, "text": "Vairāk"})])

    def post_release(self, **fields):
        source = release_in("lv")
        return self.client.post(
            self.edit_url(source), release_form_data(slug=source.slug, **fields)
        )

    def assertLinkRefused(self, response, field, message=None):
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertIn(field, errors)
        if message is not None:
            found = [text for error in errors[field].as_data() for text in block_messages(error)]
            self.assertIn(in_language("lv", message), found)

    def test_a_release_link_takes_only_a_web_address(self):
        before = release_in("lv").get_latest_revision().pk
        for field in ("further_information", "body"):
            for url in [*HOSTILE, "ftp://files.example/release.pdf", "mailto:x@example.lv"]:
                with self.subTest(field=field, url=url):
                    response = self.post_release(**{field: self.link(url)})
                    message = WEB_ADDRESS_MESSAGE if url.startswith("ftp") else None
                    self.assertLinkRefused(response, field, message)
        self.assertEqual(release_in("lv").get_latest_revision().pk, before)  # nothing saved
        response = self.post_release(further_information=self.link("https://latgale.lv/"))
        self.assertEqual(response.status_code, 302)

    def test_a_project_link_takes_only_a_web_address(self):
        project = ProjectPage.objects.get(locale__language_code="lv")
        data = {
            "title": project.title,
            "slug": project.slug,
            "financial_instrument": project.financial_instrument,
            "total_cost": "1172029.00",
            "currency": "EUR",
            "status": "ongoing",
            "description": rich_text("<p>Apraksts.</p>"),
            "partners": inline_formset([]),
            "comments": inline_formset([]),
        }
        url = self.edit_url(project)
        for address in ["ftp://files.example/", "javascript:alert(1)"]:
            with self.subTest(address=address):
                response = self.client.post(
                    url, nested_form_data({**data, "external_links": self.link(address)})
                )
                self.assertLinkRefused(response, "external_links")
        response = self.client.post(
            url, nested_form_data({**data, "external_links": self.link("https://latgale.lv/")})
        )
        self.assertEqual(response.status_code, 302)

    def test_an_organisations_website_takes_only_a_web_address(self):
        organisation = organisation_in("lv")
        data = {
            "title": organisation.title,
            "slug": organisation.slug,
            "kind": organisation.kind,
            "country": "LV",
            "region": organisation.region,
            "description": organisation.description,
            "comments": inline_formset([]),
        }
        url = self.edit_url(organisation)
        for website in ["ftp://latgale.lv/", "javascript:alert(document.domain)"]:
            with self.subTest(website=website):
                response = self.client.post(url, nested_form_data({**data, "website": website}))
                self.assertEqual(response.status_code, 200)
                errors = response.context["form"].errors["website"]
                if website.startswith("ftp"):  # javascript: is not a URL to Django's form field
                    self.assertEqual(errors, [in_language("lv", WEB_ADDRESS_MESSAGE)])
        response = self.client.post(
            url, nested_form_data({**data, "website": "https://latgale.lv/"})
        )
        self.assertEqual(response.status_code, 302)


class TranslatorOverrideTests(UrlSchemeTestCase):
    """The Polish translator in wagtail-localize's editor, and the reviewer who publishes."""

    def setUp(self):
        self.client.force_login(self.polish)

    def source_of(self, page):
        return TranslationSource.objects.get(
            object_id=page.translation_key, locale__language_code="lv"
        )

    def offered_before_this_change(self, source_page, path, value):
        """A value wagtail-localize offered to override before addresses followed the source
        (old data: a translation started earlier keeps it until its source is synced)."""
        source = self.source_of(source_page)
        offered = OverridableSegment.objects.filter(source=source, context__path=path).first()
        return offered or OverridableSegment.from_value(
            source, OverridableSegmentValue(path, value)
        )

    def website_segment(self):
        source = organisation_in("lv")
        return self.offered_before_this_change(source, "website", source.website)

    def link_segment(self):
        """The release's first further-information link, as offered before this change."""
        source = release_in("lv")
        block = source.further_information[0]
        path = f"further_information.{block.id}.url"
        return self.offered_before_this_change(source, path, block.value["url"]), block

    def override_stored_before_this_change(self, segment, value, language="pl"):
        """An override as saved before the checks (bulk_create: no pre_save signal)."""
        SegmentOverride.objects.bulk_create(
            [
                SegmentOverride(
                    locale=Locale.objects.get(language_code=language),
                    context=segment.context,
                    data_json=json.dumps(value),
                )
            ]
        )

    def put_override(self, page, segment, value):
        """What the translation editor sends when the translator saves a value."""
        url = reverse("wagtail_localize:edit_override", args=[translation_of(page).pk, segment.pk])
        body = urlencode({"value": value})
        return self.client.put(url, body, content_type="application/x-www-form-urlencoded")

    def publish_as_reviewer(self, page):
        self.client.force_login(self.polish_reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.edit_url(page), {"action": "publish"})
        self.assertEqual(response.status_code, 302)

    def offered_values(self, page):
        response = self.client.get(self.edit_url(page))
        self.assertEqual(response.status_code, 200)
        segments = json.loads(response.context["props"])["segments"]
        return [s["contentPath"] for s in segments if s["type"] == "synchronised_value"]

    def test_the_translator_is_not_offered_link_addresses_or_websites(self):
        pages = [
            release_in("pl"),
            organisation_in("pl"),
            ProjectPage.objects.get(locale__language_code="pl"),
        ]
        for page in pages:
            with self.subTest(page=page.title):
                addresses = [
                    path
                    for path in self.offered_values(page)
                    if path == "website" or path.endswith((".url", ".page", ".embed"))
                ]
                self.assertEqual(addresses, [])

    def test_an_address_offered_before_this_change_cannot_be_overridden(self):
        polish = release_in("pl")
        segment, block = self.link_segment()
        for value in [*HOSTILE, OTHER_SITE]:
            with self.subTest(value=value):
                response = self.put_override(polish, segment, value)
                self.assertEqual(response.status_code, 403)
                self.assertEqual(
                    response.json()["detail"], in_language("pl", KEPT_FROM_SOURCE_MESSAGE)
                )
        self.assertFalse(SegmentOverride.objects.exists())
        response = self.put_override(organisation_in("pl"), self.website_segment(), OTHER_SITE)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(SegmentOverride.objects.exists())

    def test_overrides_saved_before_this_change_are_not_published(self):
        """The issue's case: a translator's overrides of the release's further-information
        links, stored earlier, then published by the reviewer."""
        polish = release_in("pl")
        source_links = release_in("lv").further_information
        for block, value in zip(source_links, [HOSTILE[0], OTHER_SITE], strict=True):
            path = f"further_information.{block.id}.url"
            segment = self.offered_before_this_change(release_in("lv"), path, block.value["url"])
            self.override_stored_before_this_change(segment, value)
        self.publish_as_reviewer(polish)
        polish = release_in("pl")
        self.assertFalse(polish.has_unpublished_changes)
        self.assertEqual(
            [block.value["url"] for block in polish.further_information],
            [block.value["url"] for block in source_links],
        )
        html = self.client.get(polish.url).content.decode()
        api = self.client.get(f"/api/v2/pages/{polish.pk}/").json()
        self.assertEqual(
            [block["value"]["url"] for block in api["further_information"]],
            [block.value["url"] for block in source_links],
        )
        for value in (HOSTILE[0], OTHER_SITE):
            self.assertNotIn(value, html)

    def add_link_to_the_source_text(self, address):
        """A link in the Latvian body's first paragraph, synced to the translations."""
        source = release_in("lv")
        body = source.body.raw_data
        body[0]["value"] = f'<p>Sīkāk: <a href="{address}">reģiona lapa</a>.</p>'
        source.body = body
        source.save_revision(user=self.editor).publish()
        translation_source = self.source_of(source)
        translation_source.update_from_db()
        return OverridableSegment.objects.get(
            source=translation_source, context__path__endswith=f"'{address}'"
        )

    def test_a_link_in_translated_text_may_change_only_to_an_allowed_address(self):
        polish = release_in("pl")
        segment = self.add_link_to_the_source_text("https://latgale.lv/")
        for value in [*HOSTILE, "//evil.example/", "vbscript:msgbox(1)"]:
            with self.subTest(value=value):
                response = self.put_override(polish, segment, value)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(
                    response.json()["value"], [in_language("pl", LINK_ADDRESS_MESSAGE)]
                )
        self.assertFalse(SegmentOverride.objects.exists())
        for value in ["https://latgale.lv/pl/", "mailto:info@latgale.lv", "/pl/"]:
            with self.subTest(value=value):
                self.assertIn(self.put_override(polish, segment, value).status_code, (200, 201))

    def test_another_languages_translator_is_refused_before_any_check(self):
        segment = self.add_link_to_the_source_text("https://latgale.lv/")
        english = make_user("translator-en", TRANSLATORS["en"])
        self.client.force_login(english)
        response = self.put_override(release_in("pl"), segment, "javascript:alert(1)")
        self.assertEqual(response.status_code, 403)  # wagtail-localize's own refusal, not a 400
        self.assertFalse(SegmentOverride.objects.exists())

    def test_overrides_saved_before_this_change_are_forgotten_once(self):
        text_link = self.add_link_to_the_source_text("https://latgale.lv/")
        segment, _block = self.link_segment()
        website = self.website_segment()
        for old, value in [(segment, OTHER_SITE), (website, OTHER_SITE), (text_link, HOSTILE[0])]:
            self.override_stored_before_this_change(old, value)
        self.override_stored_before_this_change(text_link, "https://latgale.lv/en/", "en")
        forgotten = forget_address_overrides()
        self.assertEqual(
            sorted((language, path, value) for _key, language, path, value in forgotten),
            sorted(
                [
                    ("pl", segment.context.path, OTHER_SITE),
                    ("pl", "website", OTHER_SITE),
                    ("pl", text_link.context.path, HOSTILE[0]),
                ]
            ),
        )
        self.assertEqual(  # an allowed change of a link in the text stays
            list(SegmentOverride.objects.values_list("data_json", flat=True)),
            [json.dumps("https://latgale.lv/en/")],
        )
        self.assertFalse(OverridableSegment.objects.filter(pk__in=[segment.pk, website.pk]))


class TranslationFileTests(UrlSchemeTestCase):
    """PO files: the translator's upload in the editor and the agency's command."""

    def po_with_a_link_in_the_lead(self, page):
        po = translation_of(page).export_po()
        po.metadata["X-WagtailLocalize-TranslationID"] = str(translation_of(page).uuid)
        lead = next(entry for entry in po if entry.msgctxt == "lead")
        lead.msgstr = 'Wstęp z <a id="a1" href="javascript:alert(document.domain)">linkiem</a>.'
        return po

    def test_uploading_a_po_file_that_changes_a_link_is_refused_with_a_message(self):
        polish = release_in("pl")
        po = self.po_with_a_link_in_the_lead(polish)
        upload = reverse("wagtail_localize:upload_pofile", args=[translation_of(polish).pk])
        self.client.force_login(self.polish)
        file = SimpleUploadedFile("release.po", str(po).encode(), "text/x-gettext-translation")
        response = self.client.post(upload, {"file": file, "next": self.edit_url(polish)})
        self.assertRedirects(response, self.edit_url(polish), fetch_redirect_response=False)
        shown = list(get_messages(response.wsgi_request))
        self.assertEqual([message.level for message in shown], [messages.ERROR])
        self.assertIn("(lead)", str(shown[0]))  # which text to fix
        self.assertFalse(StringTranslation.objects.filter(data__contains="javascript:").exists())

    def test_the_agencys_files_with_a_changed_link_are_refused_and_nothing_is_imported(self):
        polish = release_in("pl")
        organisation = organisation_in("pl")
        with tempfile.TemporaryDirectory() as directory:
            good = translation_of(organisation).export_po()
            good.metadata["X-WagtailLocalize-TranslationID"] = str(
                translation_of(organisation).uuid
            )
            region = next(entry for entry in good if entry.msgctxt == "region")
            region.msgstr = "Łatgalia (poprawione)"
            good.save(str(Path(directory) / "good.po"))
            self.po_with_a_link_in_the_lead(polish).save(str(Path(directory) / "bad.po"))
            files = [str(Path(directory) / name) for name in ("good.po", "bad.po")]
            with self.assertRaisesMessage(CommandError, "bad.po: lead"):
                call_command("translation_files", "import", *files, stdout=StringIO())
        self.assertFalse(StringTranslation.objects.filter(data__contains="javascript:").exists())
        self.assertFalse(StringTranslation.objects.filter(data="Łatgalia (poprawione)").exists())


class ShownAddressTests(UrlSchemeTestCase):
    """What is already stored, whatever it is, comes out of the page and the API clean."""

    def store_old_links(self, page, *urls):
        # Stored as old data was, without the checks (Page.save(clean=False)).
        page.further_information = [
            {"type": "link", "value": {"page": None, "url": url, "text": ""}, "id": f"old-{n}"}
            for n, url in enumerate(urls)
        ]
        page.body = [
            *page.body.raw_data,
            {"type": "embed", "value": {"embed": HOSTILE[0], "caption": "Video"}, "id": "old-e"},
        ]
        page.save(clean=False)
        return page

    def test_a_stored_link_with_another_scheme_is_dropped_from_the_page_and_the_api(self):
        polish = self.store_old_links(
            release_in("pl"), *HOSTILE, "vbscript:msgbox(1)", "https://latgale.lv/", "tel:+371"
        )
        html = self.client.get(polish.url).content.decode()
        self.assertEqual(active_addresses(html), [])
        self.assertNotIn("alert(", html)
        self.assertIn('href="https://latgale.lv/"', html)
        api = self.client.get(f"/api/v2/pages/{polish.pk}/")
        self.assertEqual(api.status_code, 200)
        urls = [block["value"]["url"] for block in api.json()["further_information"]]
        self.assertEqual(urls, [None, None, None, None, "https://latgale.lv/", "tel:+371"])
        embeds = [
            block["value"]["embed"] for block in api.json()["body"] if block["type"] == "embed"
        ]
        self.assertEqual(embeds, [""])
        self.assertNotIn(b"alert(", api.content)

    def test_a_stored_website_with_another_scheme_is_dropped_from_the_page_and_the_api(self):
        polish = organisation_in("pl")
        OrganisationPage.objects.filter(pk=polish.pk).update(website=HOSTILE[0])
        html = self.client.get(polish.url).content.decode()
        self.assertEqual(active_addresses(html), [])
        self.assertNotIn("alert(", html)
        api = self.client.get(f"/api/v2/pages/{polish.pk}/")
        self.assertEqual(api.json()["website"], "")
        self.assertNotIn(b"alert(", api.content)


class TranslatorsChangeAddressesTests(TestCase):
    """The per-field switch: LinkBlock(translators_change_addresses=True) in a model's
    StreamField offers that field's addresses to translators again (still scheme-checked)."""

    def value(self, block):
        return block.to_python({"page": None, "url": "https://latgale.lv/", "text": "Latgale"})

    def translated(self, block):
        segments = [
            OverridableSegmentValue("url", OTHER_SITE),
            StringSegmentValue("text", "Łatgalia"),
        ]
        value = block.restore_translated_segments(self.value(block), segments)
        return value["url"], value["text"]

    def test_by_default_only_the_text_is_translated(self):
        block = LinkBlock()
        self.assertEqual(
            [s.path for s in block.get_translatable_segments(self.value(block))], ["text"]
        )
        self.assertEqual(self.translated(block), ("https://latgale.lv/", "Łatgalia"))

    def test_a_field_may_let_translators_change_its_addresses(self):
        block = LinkBlock(translators_change_addresses=True)
        segments = block.get_translatable_segments(self.value(block))
        self.assertEqual(sorted(s.path for s in segments), ["text", "url"])
        self.assertEqual(self.translated(block), (OTHER_SITE, "Łatgalia"))


class RegistrationTests(TestCase):
    def test_the_admin_loads_the_guards(self):
        """portal/wagtail_hooks.py imports portal.editorial.url_guards. Run apart, as this module
        imports the guards itself."""
        code = (
            "import sys, django; django.setup(); from django.urls import resolve; "
            "print(resolve('/admin/localize/translate/1/pofile/upload/').url_name, "
            "'portal.editorial.url_guards' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        self.assertEqual(result.stdout.split(), [PO_UPLOAD_URL_NAME, "True"], result.stderr)


class RichTextLinkChooserTests(TestCase):
    """Links inside rich text, as an editor makes them: Wagtail's external link chooser."""

    def setUp(self):
        editor = get_user_model().objects.create_user("link-editor", password="pw")
        editor.groups.add(Group.objects.get(name="Editors"))
        self.client.force_login(editor)

    def choose(self, address):
        return self.client.post(
            reverse("wagtailadmin_choose_page_external_link"),
            {"external-link-chooser-url": address, "external-link-chooser-link_text": "Saite"},
        ).json()

    def test_only_web_mail_phone_and_site_addresses_are_taken(self):
        for address in ("https://example.lv/", "http://example.lv/", "/lv/jaunumi/"):
            with self.subTest(address=address):
                self.assertEqual(self.choose(address)["step"], "external_link_chosen")
        for address in ("ftp://example.org/file", "FTP://example.org/", "gopher://x"):
            with self.subTest(address=address):
                answer = self.choose(address)
                self.assertEqual(answer["step"], "external_link")
                # The form again, with its error.
                self.assertIn('aria-invalid="true"', answer["html"])
