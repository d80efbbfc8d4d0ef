"""Site search: per language, insensitive to diacritics, newest first, paginated, safe with any
input, and costing the same however many pages match."""

import datetime
from unittest import mock, skipUnless

from django.db import connection
from django.db.models.signals import post_init
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from news.tests.factories import PressReleasePageFactory
from portal.core.search import fold
from portal.site.search_backend import ids_of
from portal.tests.factories import SiteTree
from portal.tests.seed import load_seed

CACHES_OFF = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


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


def published(days):
    """A first publication `days` days into 2020: a bigger number is newer."""
    return timezone.make_aware(datetime.datetime(2020, 1, 1) + datetime.timedelta(days=days))


class SearchResultIdsTests(TestCase):
    """ids_of() reads modelsearch's internal get_queryset() (portal/site/search_backend.py):
    if a new version changes it, these fail."""

    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        for number in range(6):
            PressReleasePageFactory(
                parent=tree.news_index,
                title=f"Zvirbuks {number}",
                first_published_at=published(number),
            )

    def pages(self):
        return Page.objects.live().order_by("-first_published_at", "-id")

    def test_the_ids_are_those_of_the_results_in_their_order_and_slice(self):
        searches = {
            "full text": self.pages().search("zvirbuks", order_by_relevance=False)[1:4],
            "word beginnings": self.pages().autocomplete("zvirb", order_by_relevance=False)[1:4],
        }
        for name, results in searches.items():
            with self.subTest(name):
                expected = [page.pk for page in results]
                self.assertEqual(len(expected), 3)
                self.assertEqual(ids_of(results), expected)

    def test_the_ids_take_one_query_and_build_no_page(self):
        results = self.pages().search("zvirbuks", order_by_relevance=False)[:500]
        built = []

        def count(sender, instance, **kwargs):
            built.append(instance)

        post_init.connect(count)
        try:
            with self.assertNumQueries(1):
                ids = ids_of(results)
        finally:
            post_init.disconnect(count)
        self.assertEqual(len(ids), 6)
        self.assertEqual(built, [])

    @skipUnless(connection.vendor == "postgresql", "the index is PostgreSQL's")
    def test_postgresql_finds_the_page_of_an_index_entry_by_index(self):
        # portal/migrations/0011 indexes the page's id as modelsearch's join writes it (as
        # text, object_id's type). Were the join to change, PostgreSQL would read every page
        # for a rare word.
        with CaptureQueriesContext(connection) as ran:
            ids_of(self.pages().search("zvirbuks", order_by_relevance=False)[:500])
        page_id_as_text = '("wagtailcore_page"."id")::varchar(50)'
        self.assertIn(f'"object_id" = {page_id_as_text}', ran.captured_queries[-1]["sql"])
        with connection.cursor() as cursor:
            # With the statistics migration 0012 gathers (without them the planner's choice
            # on a table of a few test pages is a guess).
            cursor.execute("ANALYZE wagtailcore_page")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                f"EXPLAIN SELECT 1 FROM wagtailcore_page WHERE {page_id_as_text} = %s", ["1"]
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("portal_page_id_as_text", plan)


@override_settings(CACHES=CACHES_OFF)
@mock.patch("portal.site.views.RESULTS_PER_PAGE", 3)
class SearchResultsOrderAndCostTests(TestCase):
    """Three results to a page here; "zvirbuks" in the titles of some releases."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.count = 0
        # Newest: a page with a word that only begins with the query.
        cls.beginning = cls.release("Zvirbuksmilts", days=1000)

    @classmethod
    def release(cls, title, days):
        return PressReleasePageFactory(
            parent=cls.tree.news_index, title=title, first_published_at=published(days)
        )

    def add_matches(self, total):
        while self.count < total:
            self.count += 1
            self.release(f"Zvirbuks {self.count}", days=self.count)

    def search(self, query, page=None):
        return self.client.get("/lv/search/", {"q": query, **({"page": page} if page else {})})

    def titles(self, response):
        return [item["page"].title for item in response.context["items"]]

    def all_titles(self, query):
        titles, number = [], 1
        while True:
            response = self.search(query, page=str(number))
            titles += self.titles(response)
            if not response.context["results"].has_next():
                return titles
            number += 1

    def test_whole_words_come_newest_first_then_word_beginnings_over_every_page(self):
        self.add_matches(7)
        expected = [f"Zvirbuks {number}" for number in range(7, 0, -1)] + ["Zvirbuksmilts"]
        self.assertEqual(self.all_titles("zvirbuks"), expected)
        self.assertEqual(self.search("zvirbuks").context["results"].paginator.count, 8)
        self.assertEqual(
            self.titles(self.search("zvirbuks", page="3")), ["Zvirbuks 1", "Zvirbuksmilts"]
        )

    def cost(self, query, page=None):
        """Queries, and objects built of the matching pages, for one results page."""
        built = []

        def count(sender, instance, **kwargs):
            if isinstance(instance, Page) and instance.title.startswith("Zvirbuks"):
                built.append(instance)

        self.search(query, page)  # what a process keeps for good: content types, URL resolvers
        post_init.connect(count)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = self.search(query, page)
        finally:
            post_init.disconnect(count)
        self.assertEqual(len(response.context["items"]), 3)
        return {"queries": len(queries), "pages built": len(built)}

    def test_a_results_page_costs_the_same_for_6_and_30_matches(self):
        self.add_matches(5)
        few = self.cost("zvirbuks"), self.cost("zvirbuks", page="2")
        self.add_matches(29)
        many = self.cost("zvirbuks"), self.cost("zvirbuks", page="2")
        self.assertEqual(many, few)
        # Of the matches, the three shown only: the ids come from the search query.
        self.assertEqual(few[0]["pages built"], 3)

    def test_past_the_most_results_the_newest_are_listed_and_the_reader_told(self):
        from unittest import mock

        self.add_matches(5)
        with mock.patch("portal.site.views.MAX_RESULTS", 4):
            response = self.search("zvirbuks")
            self.assertEqual(response.context["results"].paginator.count, 5)  # 4 words + 1 start
            self.assertContains(response, "Vairāk nekā 4 rezultātu vaicājumam “zvirbuks”")
            self.assertEqual(self.all_titles("zvirbuks")[0], "Zvirbuks 5")
        with mock.patch("portal.site.views.MAX_RESULTS", 6):
            response = self.search("zvirbuks")
            self.assertContains(response, "6 rezultāti vaicājumam “zvirbuks”")
