"""The portal in Latvian, English and Polish: the seed's translations, links, formats, URLs."""

import re

from django.test import TestCase
from wagtail.models import PageViewRestriction
from wagtail_localize.models import Translation

from news.models import PressReleasePage
from portal.tests.seed import load_seed
from projects.models import OrganisationPage, ProjectPage

RELEASE_URLS = {
    "lv": "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/",
    "en": "/en/news/visit-to-krakow-to-promote-business/",
    "pl": "/pl/aktualnosci/wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci/",
}
PROJECT_URLS = {
    "lv": "/lv/projekti/regionalas-politikas-aktivitasu-istenosana-latvija/",
    "en": "/en/projects/implementation-of-regional-policy-activities-in-latvia/",
    "pl": "/pl/projekty/realizacja-dzialan-polityki-regionalnej-na-lotwie/",
}
TITLES = {
    "lv": "Vizīte uz Krakovu uzņēmējdarbības veicināšanai",
    "en": "Visit to Kraków to promote business",
    "pl": "Wizyta w Krakowie na rzecz wspierania przedsiębiorczości",
}


def page_in(model, language, **filters):
    return model.objects.get(locale__language_code=language, **filters)


class SeedTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.releases = {code: page_in(PressReleasePage, code) for code in TITLES}

    def test_every_seed_page_is_a_complete_published_wagtail_localize_translation(self):
        translations = Translation.objects.select_related("target_locale")
        # 23 pages and 3 topics, into two languages.
        self.assertEqual(translations.count(), 2 * (23 + 3))
        for translation in translations:
            total, done = translation.get_progress()
            with self.subTest(translation=str(translation)):
                self.assertEqual(done, total)
                self.assertTrue(translation.enabled)
        for language in ("en", "pl"):
            self.assertEqual(
                OrganisationPage.objects.live().filter(locale__language_code=language).count(),
                16,
            )

    def test_release_is_served_in_each_language_with_its_alternates(self):
        for language, url in RELEASE_URLS.items():
            with self.subTest(language=language):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f'<html lang="{language}">')
                self.assertContains(response, f"<h1>{TITLES[language]}</h1>", html=True)
                for code, other in RELEASE_URLS.items():
                    self.assertContains(
                        response,
                        f'<link rel="alternate" hreflang="{code}" href="http://localhost{other}">',
                    )
                self.assertContains(
                    response,
                    f'<link rel="alternate" hreflang="x-default" href="http://localhost{RELEASE_URLS["lv"]}">',
                )

    def test_switcher_links_to_the_same_page_in_the_other_languages(self):
        response = self.client.get(RELEASE_URLS["en"])
        switcher = (
            response.content.decode().split('class="language-switcher"')[1].split("</nav>")[0]
        )
        self.assertIn(f'href="{RELEASE_URLS["lv"]}"', switcher)
        self.assertIn(f'href="{RELEASE_URLS["pl"]}"', switcher)
        self.assertIn('aria-current="true" lang="en"', switcher)

    def test_a_private_translation_is_named_by_no_public_page(self):
        # The Latvian release behind a password, its English translation public: the English
        # page's hreflang links and language switcher do not give the private address away.
        PageViewRestriction.objects.create(
            page=self.releases["lv"], restriction_type="password", password="slepens"
        )
        html = self.client.get(RELEASE_URLS["en"]).content.decode()
        self.assertIn(RELEASE_URLS["pl"], html)
        self.assertNotIn(RELEASE_URLS["lv"], html)

    def test_switcher_says_when_a_translation_is_missing(self):
        self.releases["pl"].unpublish()
        response = self.client.get(RELEASE_URLS["en"])
        switcher = (
            response.content.decode().split('class="language-switcher"')[1].split("</nav>")[0]
        )
        self.assertIn('href="/pl/"', switcher)
        self.assertIn("brak tłumaczenia: strona główna", switcher)
        self.assertNotContains(
            response, f'hreflang="pl" href="http://localhost{RELEASE_URLS["pl"]}"'
        )

    def test_links_between_pages_stay_in_the_readers_language(self):
        for language in ("lv", "en", "pl"):
            with self.subTest(language=language):
                content = self.client.get(RELEASE_URLS[language]).content.decode()
                main = content.split('<main id="main"')[1]
                page_links = re.findall(r'href="(/[a-z]{2}/[^"]*)"', main)
                self.assertTrue(page_links)
                self.assertEqual({link[1:3] for link in page_links}, {language})
                self.assertIn(PROJECT_URLS[language], main)

    def test_link_to_an_untranslated_page_falls_back_to_latvian_and_says_so(self):
        page_in(OrganisationPage, "en", slug="lesser-poland-region").unpublish()
        response = self.client.get(RELEASE_URLS["en"])
        self.assertContains(
            response, 'href="/lv/partneri/mazpolijas-regions/" lang="lv" hreflang="lv"'
        )
        self.assertContains(response, "(available in Latvian only)")

    def test_dates_and_money_are_written_the_way_each_language_writes_them(self):
        expected = {
            "lv": ("2014. gada 2. decembris", "1\xa0172\xa0029,00\xa0€"),
            "en": ("2 December 2014", "€1,172,029.00"),
            "pl": ("2 grudnia 2014", "1\xa0172\xa0029,00\xa0€"),
        }
        for language, (date, money) in expected.items():
            with self.subTest(language=language):
                response = self.client.get(RELEASE_URLS[language])
                self.assertContains(response, date)
                self.assertContains(response, money)

    def test_translated_fields_are_translated_and_synchronised_ones_copied(self):
        source = self.releases["lv"]
        for language in ("en", "pl"):
            release = self.releases[language]
            with self.subTest(language=language):
                # Synchronised: dates, country, contact, relations.
                for field in ["release_date", "event_start", "event_end", "event_country"]:
                    self.assertEqual(getattr(release, field), getattr(source, field), field)
                self.assertEqual(
                    list(release.project_links.values_list("project_id", flat=True)),
                    list(source.project_links.values_list("project_id", flat=True)),
                )
                self.assertEqual(
                    list(release.organisation_links.values_list("organisation_id", "role")),
                    list(source.organisation_links.values_list("organisation_id", "role")),
                )
                # Translated: title, lead, place, body.
                self.assertEqual(release.title, TITLES[language])
                self.assertNotEqual(release.lead, source.lead)
                self.assertEqual(release.event_place, "Kraków")
                self.assertNotIn("Vizīte", str(release.body))
        project = {code: page_in(ProjectPage, code) for code in ("lv", "en")}
        self.assertEqual(project["en"].total_cost, project["lv"].total_cost)
        self.assertEqual(project["en"].currency, "EUR")
        self.assertEqual(project["en"].financial_instrument, project["lv"].financial_instrument)
        self.assertTrue(project["en"].programme.startswith("Capacity-building"))
        organisation = page_in(OrganisationPage, "pl", slug="wojewodztwo-malopolskie")
        self.assertEqual(
            (organisation.title, organisation.region), ("Województwo Małopolskie", "Małopolska")
        )
        self.assertEqual(organisation.country.code, "PL")

    def test_project_page_acknowledges_its_funding_in_each_language(self):
        expected = {
            "lv": "Projektu līdzfinansē Norvēģijas finanšu instruments 2009.–2014. gadam.",
            "en": "The project is co-financed by the Norwegian Financial Mechanism 2009–2014.",
            "pl": "Projekt jest współfinansowany ze środków Norweskiego Mechanizmu Finansowego",
        }
        for language, sentence in expected.items():
            with self.subTest(language=language):
                self.assertContains(self.client.get(PROJECT_URLS[language]), sentence)

    def test_project_page_in_english_lists_the_english_release(self):
        response = self.client.get(PROJECT_URLS["en"])
        self.assertContains(response, f'href="{RELEASE_URLS["en"]}"')
        self.assertNotContains(response, RELEASE_URLS["lv"].split("/")[-2])

    def test_unknown_language_prefix_is_a_404_in_the_visitors_language(self):
        for path in ["/xx/", "/lv-LV/", "/de/jaunumi/"]:
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_ACCEPT_LANGUAGE="pl")
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, '<html lang="pl">', status_code=404)
                self.assertContains(response, "Nie znaleziono strony", status_code=404)

    def test_unknown_page_in_a_language_is_a_404_in_that_language(self):
        response = self.client.get("/en/no-such-page/", HTTP_ACCEPT_LANGUAGE="lv")
        self.assertContains(response, "Page not found", status_code=404)


class AccessibilityStatementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_statement_is_published_in_three_languages_and_linked_from_every_page(self):
        expected = {
            "lv": ("/lv/pieklustamibas-pazinojums/", "Šī tīmekļvietne daļēji atbilst standartam"),
            "en": ("/en/accessibility-statement/", "This website is partially compliant with"),
            "pl": ("/pl/deklaracja-dostepnosci/", "Ta strona internetowa jest częściowo zgodna ze"),
        }
        for language, (url, sentence) in expected.items():
            with self.subTest(language=language):
                response = self.client.get(url)
                self.assertContains(response, sentence)
                self.assertContains(response, '<time datetime="2026-11-23">')
                self.assertContains(self.client.get(RELEASE_URLS[language]), f'href="{url}"')


class ServerErrorPageTests(TestCase):
    def test_500_page_needs_no_database_and_speaks_all_three_languages(self):
        from django.template.loader import render_to_string

        with self.assertNumQueries(0):
            html = render_to_string("500.html")
        for sentence in ["Kļūda servera pusē", "Server error", "Błąd serwera"]:
            self.assertIn(sentence, html)
        self.assertIn('<html lang="lv">', html)
