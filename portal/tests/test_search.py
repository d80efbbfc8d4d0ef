"""Site search: per language, insensitive to diacritics, paginated, and safe with any input."""

from unittest import mock, skipUnless

from django.db import connection
from django.test import TestCase

from portal.core.search import fold
from portal.tests.seed import load_seed


class FoldTests(TestCase):
    def test_fold_removes_latvian_and_polish_diacritics(self):
        self.assertEqual(
            fold("Rēzeknes Kraków Łatgalia ŽĀČĒĢĪĶĻŅŠŪ"), "rezeknes krakow latgalia zacegiklnsu"
        )


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def search(self, language, query, **extra):
        return self.client.get(f"/{language}/search/", {"q": query, **extra})

    def titles(self, response):
        return [item["page"].title for item in response.context["items"]]

    def test_latvian_search_without_diacritics_finds_rezekne(self):
        response = self.search("lv", "Rezekne")
        self.assertIn("Rēzeknes uzņēmēju biedrība", self.titles(response))
        self.assertIn("Vizīte uz Krakovu uzņēmējdarbības veicināšanai", self.titles(response))

    def test_polish_and_english_search_find_krakow_without_its_accent(self):
        self.assertIn(
            "Wizyta w Krakowie na rzecz wspierania przedsiębiorczości",
            self.titles(self.search("pl", "Krakow")),
        )
        self.assertIn(
            "Visit to Kraków to promote business", self.titles(self.search("en", "krakow"))
        )

    def test_word_beginnings_find_longer_forms(self):
        self.assertIn(
            "Reģionālās politikas aktivitāšu īstenošana Latvijā "
            "un reģionālās attīstības pasākumu izstrāde",
            self.titles(self.search("lv", "projekt")),
        )

    def test_results_are_only_in_the_readers_language(self):
        response = self.search("en", "Latgale")
        self.assertTrue(response.context["items"])
        for item in response.context["items"]:
            self.assertEqual(item["page"].locale.language_code, "en")

    def test_the_query_stays_in_the_box_and_results_are_counted(self):
        response = self.search("pl", "Krakow")
        self.assertContains(response, 'name="q" value="Krakow"')
        self.assertContains(response, 'role="status">1 ')

    @mock.patch("portal.site.views.RESULTS_PER_PAGE", 3)
    def test_results_are_paginated(self):
        response = self.search("lv", "plānošanas")
        self.assertGreater(response.context["results"].paginator.count, 3)
        self.assertEqual(len(response.context["items"]), 3)
        self.assertContains(response, 'href="?q=pl%C4%81no%C5%A1anas&amp;page=2" rel="next"')
        second = self.search("lv", "plānošanas", page="2")
        self.assertTrue(second.context["items"])
        self.assertNotEqual(self.titles(second), self.titles(response))

    def test_unpublished_pages_are_not_found(self):
        from projects.models import OrganisationPage

        OrganisationPage.objects.get(slug="rezeknes-uznemeju-biedriba").unpublish()
        self.assertNotIn("Rēzeknes uzņēmēju biedrība", self.titles(self.search("lv", "Rezekne")))

    def test_bad_input_never_gives_a_500(self):
        for query in ["", " ", "\x00", "a" * 20000, "' OR 1=1 --", '"', "*", "(", "AND", "-"]:
            with self.subTest(query=query[:20]):
                response = self.search("lv", query, page="abc")
                self.assertEqual(response.status_code, 200)


@skipUnless(connection.vendor == "postgresql", "word forms need PostgreSQL's dictionaries")
class WordFormSearchTests(TestCase):
    """On PostgreSQL, Latvian and Polish word forms, from the hunspell dictionaries."""

    @classmethod
    def setUpTestData(cls):
        load_seed()

    def titles(self, language, query):
        response = self.client.get(f"/{language}/search/", {"q": query})
        return [item["page"].title for item in response.context["items"]]

    def test_the_dictionaries_are_in_the_search_configuration(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_lexize('portal_lv', 'projektu'), ts_lexize('portal_pl', 'projektów')"
            )
            self.assertEqual(cursor.fetchone(), (["projekts"], ["projekt"]))

    def test_latvian_projektu_finds_projekta(self):
        # "Projekta mērķis ..." in the release and the project; no word begins with "projektu".
        self.assertIn(
            "Vizīte uz Krakovu uzņēmējdarbības veicināšanai", self.titles("lv", "projektu")
        )

    def test_polish_projektow_finds_projekty(self):
        # The Polish project index is "Projekty"; "projektow" begins no word of it.
        self.assertIn("Projekty", self.titles("pl", "projektów"))
