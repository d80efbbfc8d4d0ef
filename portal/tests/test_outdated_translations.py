"""A translation whose Latvian original changed after it was published says so, on its page (in
its language, linking to the original) and in the API, until it is published again."""

import re
from datetime import datetime
from pathlib import Path

import polib
from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from news.models import PressReleasePage
from portal.models import HomePage
from portal.tests.openapi_contract import assert_matches_contract
from portal.tests.seed import load_seed
from portal.tests.test_frontend_cache import PurgeServer
from portal.tests.test_multilingual import page_in
from projects.models import OrganisationPage

NOTICE = re.compile(r'<div class="notice outdated-translation" role="note">(.*?)</div>', re.S)
CHANGED_LEAD = "Latgales uzņēmēji dodas uz Krakovu; vizītes programma ir papildināta."
TRANSLATED_LEAD = {
    "en": "Latgale's entrepreneurs go to Kraków; the programme of the visit has been extended.",
    "pl": "Przedsiębiorcy z Łatgalii jadą do Krakowa; program wizyty został rozszerzony.",
}
NOTICE_TEXT = "The Latvian original was updated on %(date)s; this translation may be out of date."
PAGES = "/api/v2/pages/"


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def notice_on(response):
    """The notice's content on a rendered page, or None; there is never more than one."""
    found = NOTICE.findall(response.content.decode())
    assert len(found) <= 1, found
    return found[0] if found else None


class OutdatedTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def setUp(self):
        self.releases = {code: page_in(PressReleasePage, code) for code in ("lv", "en", "pl")}

    def change_the_original(self):
        """Publish a changed Latvian release, then re-extract its source (as the publish does
        once committed; called here as well, so that this does not depend on it)."""
        original = self.releases["lv"]
        original.lead = CHANGED_LEAD
        with self.captureOnCommitCallbacks(execute=True):
            original.save_revision().publish()
        TranslationSource.update_or_create_from_instance(original)
        return source_of(original).last_updated_at

    def republish(self, language):
        """The translator translates the changed lead and publishes the translation."""
        page = self.releases[language]
        source = source_of(self.releases["lv"])
        segment = StringSegment.objects.get(source=source, context__path="lead")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=page.locale,
            context=segment.context,
            defaults={"data": TRANSLATED_LEAD[language]},
        )
        with self.captureOnCommitCallbacks(execute=True):
            Translation.objects.get(source=source, target_locale=page.locale).save_target(
                publish=True
            )
        self.releases[language].refresh_from_db()

    def detail(self, page):
        response = self.client.get(f"{PAGES}{page.pk}/")
        self.assertEqual(response.status_code, 200)
        assert_matches_contract(response, PAGES + "{id}/", "PressRelease")
        return response.json()["meta"]

    # The public pages ---------------------------------------------------------------------

    def test_the_seeds_translations_are_up_to_date_and_say_nothing(self):
        for page in self.releases.values():
            with self.subTest(language=page.locale.language_code):
                self.assertIsNone(notice_on(self.client.get(page.url)))

    def test_an_english_translation_says_when_the_latvian_original_changed(self):
        since = timezone.localtime(self.change_the_original())
        notice = notice_on(self.client.get(self.releases["en"].url))
        self.assertIsNotNone(notice)
        day = f"{since.day} {since:%B} {since.year}"  # the English format: 2 December 2014
        self.assertIn(
            f'The Latvian original was updated on <time datetime="{since.isoformat()}">{day}'
            "</time>; this translation may be out of date.",
            notice,
        )
        original = self.releases["lv"]
        self.assertIn(
            f'<a href="{original.url}" hreflang="lv">Read the Latvian original: '
            f'<span lang="lv">{escape(original.title)}</span></a>',
            notice,
        )

    def test_a_polish_translation_says_it_in_polish_with_a_polish_date(self):
        since = timezone.localtime(self.change_the_original())
        notice = notice_on(self.client.get(self.releases["pl"].url))
        with translation.override("pl"):
            day = date_format(since, "DATE_FORMAT")  # 2 grudnia 2014
            time = f'<time datetime="{since.isoformat()}">{day}</time>'
            self.assertIn(translation.gettext(NOTICE_TEXT) % {"date": time}, notice)
            self.assertIn(translation.gettext("Read the Latvian original"), notice)
        self.assertIn(f'href="{self.releases["lv"].url}" hreflang="lv"', notice)

    def test_the_notice_is_translated_in_every_catalogue(self):
        expected = {
            "lv": ("Latviešu oriģināls atjaunināts", "Lasīt latviešu oriģinālu"),
            "en": ("The Latvian original was updated on", "Read the Latvian original"),
            "pl": ("Łotewski oryginał został zaktualizowany", "Przeczytaj łotewski oryginał"),
        }
        for language, (notice, link) in expected.items():
            with self.subTest(language=language):
                catalogue = polib.pofile(
                    str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
                )
                self.assertTrue(catalogue.find(NOTICE_TEXT).msgstr.startswith(notice))
                self.assertIn("%(date)s", catalogue.find(NOTICE_TEXT).msgstr)
                self.assertEqual(catalogue.find("Read the Latvian original").msgstr, link)

    def test_the_latvian_original_itself_says_nothing(self):
        self.change_the_original()
        self.assertIsNone(notice_on(self.client.get(self.releases["lv"].url)))

    def test_a_republished_translation_drops_the_notice_and_the_other_keeps_it(self):
        self.change_the_original()
        self.republish("en")
        english = self.client.get(self.releases["en"].url)
        self.assertContains(english, TRANSLATED_LEAD["en"])
        self.assertIsNone(notice_on(english))
        self.assertIsNotNone(notice_on(self.client.get(self.releases["pl"].url)))

    def test_a_cached_translation_shows_the_notice_once_the_source_is_re_extracted(self):
        # The source is re-extracted after the publish is committed: a reader in between puts
        # the page, without the notice, in the cache of the new content generation.
        english = self.releases["en"].url
        self.assertIsNone(notice_on(self.client.get(english)))
        original = self.releases["lv"]
        original.lead = CHANGED_LEAD
        original.save_revision().publish()  # its on-commit re-extraction does not run here
        self.assertIsNone(notice_on(self.client.get(english)))
        TranslationSource.update_or_create_from_instance(original)
        self.assertIsNotNone(notice_on(self.client.get(english)))

    def test_re_extracting_the_source_purges_its_translations_from_the_cache_in_front(self):
        original = self.releases["lv"]
        original.lead = CHANGED_LEAD
        original.save_revision().publish()
        with PurgeServer() as server, self.captureOnCommitCallbacks(execute=True):
            TranslationSource.update_or_create_from_instance(original)
        base = "http://localhost"
        for language in ("en", "pl"):
            page = self.releases[language]
            self.assertIn(f"{base}{page.url}", server.purged)
            self.assertIn(f"{base}{PAGES}{page.pk}/", server.purged)
        self.assertNotIn(f"{base}{original.url}", server.purged)  # it has not changed

    def test_every_translated_page_type_says_so(self):
        home = page_in(HomePage, "lv")
        one_of_each = {type(page): page for page in home.get_descendants(inclusive=True).specific()}
        self.assertGreaterEqual(len(one_of_each), 8)
        for page in one_of_each.values():
            with self.captureOnCommitCallbacks(execute=True):
                page.save_revision().publish()
            TranslationSource.update_or_create_from_instance(page)
            for language in ("en", "pl"):
                translated = page.get_translation(Locale.objects.get(language_code=language))
                with self.subTest(type=type(page).__name__, language=language):
                    notice = notice_on(self.client.get(translated.url))
                    self.assertIsNotNone(notice)
                    self.assertIn(f'href="{page.url}" hreflang="lv"', notice)

    def test_the_notice_costs_one_query_on_a_translation_then_none_and_none_in_latvian(self):
        self.change_the_original()

        def asked(url):
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            return [query for query in queries if "translationsource" in query["sql"]]

        self.assertEqual(len(asked(self.releases["en"].url)), 1)
        self.assertEqual(len(asked(self.releases["en"].url)), 0)  # the fragment, from the cache
        self.assertEqual(len(asked(self.releases["lv"].url)), 0)

    # The API ------------------------------------------------------------------------------

    def test_the_api_says_the_same_before_and_after(self):
        original = self.releases["lv"]
        self.assertEqual(self.detail(original)["translation_original"], None)
        before = self.detail(self.releases["en"])
        self.assertEqual(before["translation_original"]["id"], original.pk)
        self.assertEqual(before["translation_original"]["locale"], "lv")
        self.assertIsNone(before["translation_outdated_since"])

        since = self.change_the_original()
        for language in ("en", "pl"):
            with self.subTest(language=language):
                meta = self.detail(self.releases[language])
                self.assertEqual(datetime.fromisoformat(meta["translation_outdated_since"]), since)
                self.assertEqual(meta["translation_original"]["id"], original.pk)
                self.assertTrue(meta["translation_original"]["html_url"].endswith(original.url))
        self.assertIsNone(self.detail(original)["translation_outdated_since"])

        self.republish("en")
        self.assertIsNone(self.detail(self.releases["en"])["translation_outdated_since"])
        self.assertIsNotNone(self.detail(self.releases["pl"])["translation_outdated_since"])

    def test_listings_with_every_field_carry_it(self):
        since = self.change_the_original()
        response = self.client.get(f"{PAGES}?type=news.PressReleasePage&fields=*&locale=pl")
        assert_matches_contract(response, PAGES)
        [item] = response.json()["items"]
        self.assertEqual(datetime.fromisoformat(item["meta"]["translation_outdated_since"]), since)
        self.assertEqual(item["meta"]["translation_original"]["id"], self.releases["lv"].pk)

    def test_a_listing_asks_the_same_number_of_queries_for_3_and_15_translations(self):
        for organisation in OrganisationPage.objects.filter(locale__language_code="lv"):
            organisation.save_revision().publish()
            TranslationSource.update_or_create_from_instance(organisation)
        url = f"{PAGES}?type=projects.OrganisationPage&locale=en&fields=*&limit="
        counts = {}
        for limit in (3, 15):
            self.client.get(f"{url}{limit}")  # the total count, kept in the cache
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(f"{url}{limit}")
            items = response.json()["items"]
            self.assertEqual(len(items), limit)
            self.assertTrue(all(item["meta"]["translation_outdated_since"] for item in items))
            counts[limit] = len(queries)
        self.assertEqual(counts[3], counts[15])
