"""Feeds, sitemap, robots.txt and the news index's filters."""

import datetime
import xml.etree.ElementTree as ElementTree

import feedparser
from django.test import TestCase

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory
from portal.tests.seed import load_seed

NEWS = {"lv": "/lv/jaunumi/", "en": "/en/news/", "pl": "/pl/aktualnosci/"}
EN_PROJECT = "/en/projects/implementation-of-regional-policy-activities-in-latvia/"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


class FindableTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.lv_release = PressReleasePage.objects.get(locale__language_code="lv")
        cls.news_index = cls.lv_release.get_parent().specific
        # An older Latvian release on no project, to filter out.
        cls.other = PressReleasePageFactory(
            parent=cls.news_index, title="Cita ziņa", release_date=datetime.date(2013, 5, 1)
        )

    def parse_feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return feed

    def test_each_language_has_valid_rss_and_atom_feeds_of_its_releases(self):
        titles = {
            "lv": "Vizīte uz Krakovu uzņēmējdarbības veicināšanai",
            "en": "Visit to Kraków to promote business",
            "pl": "Wizyta w Krakowie na rzecz wspierania przedsiębiorczości",
        }
        for language, url in NEWS.items():
            for kind, version in [("rss", "rss20"), ("atom", "atom10")]:
                with self.subTest(language=language, kind=kind):
                    feed = self.parse_feed(f"{url}feed/{kind}/")
                    self.assertEqual(feed.version, version)
                    self.assertEqual(feed.entries[0].title, titles[language])
                    self.assertTrue(
                        feed.entries[0].link.endswith(
                            url.rstrip("/") + "/" + feed.entries[0].link.split("/")[-2] + "/"
                        )
                    )
                    self.assertIn(language, feed.feed.get("language", language))

    def test_project_feed_lists_only_the_projects_releases(self):
        feed = self.parse_feed(f"{EN_PROJECT}feed/rss/")
        self.assertEqual(
            [entry.title for entry in feed.entries], ["Visit to Kraków to promote business"]
        )

    def test_pages_link_to_their_feeds(self):
        response = self.client.get(EN_PROJECT)
        self.assertContains(
            response, f'type="application/rss+xml" title="News (RSS)" href="{NEWS["en"]}feed/rss/"'
        )
        self.assertContains(response, 'type="application/atom+xml"')
        self.assertContains(response, f'href="{EN_PROJECT}feed/rss/"')

    def test_sitemap_lists_every_language_with_hreflang_alternates(self):
        response = self.client.get("/sitemap-pages.xml")
        self.assertEqual(response.status_code, 200)
        root = ElementTree.fromstring(response.content)
        urls = root.findall("s:url", SITEMAP_NS)
        locations = [url.find("s:loc", SITEMAP_NS).text for url in urls]
        self.assertEqual(len([loc for loc in locations if "/lv/" in loc]), 24)  # 23 + "Cita ziņa"
        self.assertEqual(len([loc for loc in locations if "/en/" in loc]), 23)
        self.assertEqual(len([loc for loc in locations if "/pl/" in loc]), 23)
        release = next(
            url
            for url in urls
            if url.find("s:loc", SITEMAP_NS).text.endswith("/visit-to-krakow-to-promote-business/")
        )
        alternates = {
            link.get("hreflang"): link.get("href") for link in release.findall("x:link", SITEMAP_NS)
        }
        self.assertEqual(set(alternates), {"lv", "en", "pl", "x-default"})
        self.assertTrue(
            alternates["pl"].endswith(
                "/pl/aktualnosci/wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci/"
            )
        )

    def test_sitemap_leaves_out_drafts_and_private_pages(self):
        self.other.unpublish()
        self.lv_release.view_restrictions.create(restriction_type="password", password="x")
        content = self.client.get("/sitemap-pages.xml").content.decode()
        self.assertNotIn(self.other.slug, content)
        self.assertNotIn(self.lv_release.slug, content)

    def test_the_sitemap_index_lists_pages_of_addresses_that_hold_every_page_once(self):
        from unittest import mock

        from portal.site import sitemap

        with mock.patch.object(sitemap.MultilingualSitemap, "limit", 10):
            index = ElementTree.fromstring(self.client.get("/sitemap.xml").content)
            parts = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
            self.assertEqual(len(parts), 7)  # 70 addresses, 10 to a page
            self.assertTrue(parts[1].endswith("/sitemap-pages.xml?p=2"))
            locations = []
            for part in parts:
                response = self.client.get(part.removeprefix("http://localhost"))
                root = ElementTree.fromstring(response.content)
                locations += [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
        self.assertEqual(len(locations), 70)
        self.assertEqual(len(set(locations)), 70)

    def test_sitemap_addresses_are_wagtails_own(self):
        from wagtail.models import Page

        content = self.client.get("/sitemap-pages.xml").content.decode()
        pages = Page.objects.live().filter(depth__gt=1)
        self.assertGreater(pages.count(), 60)
        for page in pages:
            self.assertIn(f"<loc>{page.get_full_url()}</loc>", content)

    def test_the_sitemap_index_is_dated_by_its_newest_page(self):
        from django.db.models import Max

        index = self.client.get("/sitemap.xml").content.decode()
        newest = PressReleasePage.objects.live().aggregate(Max("last_published_at"))
        self.assertIn(newest["last_published_at__max"].date().isoformat(), index)

    def test_robots_txt_points_to_the_sitemap_at_the_sites_own_address(self):
        response = self.client.get("/robots.txt", HTTP_HOST="localhost:6666")
        self.assertEqual(response["Content-Type"], "text/plain")
        self.assertContains(response, "Sitemap: http://localhost/sitemap.xml")
        self.assertContains(response, "Disallow: /admin/")

    def test_news_index_filters_by_year_project_and_topic(self):
        cases = [
            ({"year": "2014"}, ["Vizīte uz Krakovu"], ["Cita ziņa"]),
            ({"year": "2013"}, ["Cita ziņa"], ["Vizīte uz Krakovu"]),
            (
                {"project": "regionalas-politikas-aktivitasu-istenosana-latvija"},
                ["Vizīte uz Krakovu"],
                ["Cita ziņa"],
            ),
            ({"topic": "uznemejdarbiba"}, ["Vizīte uz Krakovu"], ["Cita ziņa"]),
            ({}, ["Vizīte uz Krakovu", "Cita ziņa"], []),
        ]
        for params, present, absent in cases:
            with self.subTest(params=params):
                response = self.client.get(NEWS["lv"], params)
                self.assertEqual(response.status_code, 200)
                for title in present:
                    self.assertContains(response, title)
                for title in absent:
                    self.assertNotContains(response, f">{title}<")

    def test_translated_index_filters_by_the_translated_project(self):
        response = self.client.get(
            NEWS["en"], {"project": EN_PROJECT.split("/")[-2], "topic": "business"}
        )
        self.assertContains(response, "Visit to Kraków to promote business")

    def test_invalid_filters_are_a_404_never_a_500(self):
        for params in [
            {"year": "abc"},
            {"year": "1999"},
            {"year": "9" * 30},
            {"project": "nope"},
            {"topic": "%00"},
            {"project": "x" * 5000},
        ]:
            with self.subTest(params=params):
                self.assertEqual(self.client.get(NEWS["lv"], params).status_code, 404)

    def test_pagination_keeps_the_filters_in_its_links(self):
        for number in range(12):
            PressReleasePageFactory(
                parent=self.news_index,
                release_date=datetime.date(2013, 1, 1) + datetime.timedelta(number),
            )
        response = self.client.get(NEWS["lv"], {"year": "2013"})
        self.assertContains(response, 'href="?year=2013&amp;page=2" rel="next"')
        second = self.client.get(NEWS["lv"], {"year": "2013", "page": "2"})
        self.assertEqual(len(second.context["releases"]), 3)
