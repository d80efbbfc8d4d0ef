"""Bad input on public URLs: every one of these gets a 4xx (or a normal page), never a 5xx."""

import unicodedata

from django.contrib.auth import get_user_model
from django.test import Client, TestCase

from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree

LONG = "a" * 5000


def bad_requests():
    paths = [
        # Unknown or malformed language prefixes.
        "/xx/",
        "/zz/jaunumi/",
        "/lv-LV/",
        "/LV/",
        "/Lv/jaunumi/",
        "/en-GB/news/",
        "/lv_LV/",
        "/pl-PL/aktualnosci/",
        "/-/",
        "/./",
        "/lv/../en/",
        "/%2e%2e/",
        "/lv//jaunumi//",
        # Malformed percent-encoding and control characters.
        "/lv/%",
        "/lv/%zz/",
        "/lv/%E0%A4%A/",
        "/lv/%00/",
        "/lv/%ff%fe/",
        "/lv/jaunumi/%C0%AF/",
        "/lv/%0d%0aSet-Cookie:x=1/",
        "/lv/%u0041/",
        "/%/",
        "/lv/jaunumi/%25%32%35/",
        # Overlong paths.
        f"/lv/{LONG}/",
        "/lv/" + "a/" * 1500,
        f"/lv/jaunumi/{LONG}/",
        f"/{LONG}",
        f"/api/{LONG}/",
        # Latvian and Polish letters in slugs (slugs are ASCII), in NFC and NFD, any case.
        "/lv/jaunumi/vizīte/",
        "/lv/jaunumi/VIZĪTE/",
        "/lv/ziņas/",
        "/lv/ZIŅAS/",
        "/pl/aktualności/",
        "/pl/AKTUALNOŚCI/",
        "/pl/aktualnosci/wizyta-w-krakowie-żółć/",
        "/lv/jaunumi/" + unicodedata.normalize("NFD", "vizīte-uz-krakovu") + "/",
        "/pl/" + unicodedata.normalize("NFD", "aktualności") + "/",
        "/lv/jaunumi/" + unicodedata.normalize("NFD", "ĢĶĻŅŠŽ") + "/",
        "/lv/jaunumi/%C4%AB/",
        "/lv/jaunumi/i%CC%84/",
        "/pl/%C5%BC%C3%B3%C5%82%C4%87/",
        # Every page type's address with nonsense after it.
        "/lv/jaunumi/relize-1/extra/",
        "/lv/jaunumi/feed/",
        "/lv/jaunumi/feed/rss/extra/",
        "/lv/jaunumi/feed/xml/",
        "/lv/projekti/nav/",
        "/lv/partneri/nav/",
        "/lv/search/extra/",
        "/sitemap.xml/extra",
        "/robots.txt/x",
        "/documents/abc/x.pdf",
        "/documents/999999/x.pdf",
        "/embargo/garbage/",
        "/embargo/%00/",
        f"/embargo/{LONG}/",
        "/media/../settings.py",
        "/static/../portal/settings/base.py",
    ]
    queries = [
        # Page numbers.
        "page=abc",
        "page=-1",
        "page=0",
        "page=1.5",
        "page=1e9",
        "page=99999999999999999999",
        "page=%00",
        "page=",
        "page=1&page=2",
        f"page={LONG}",
        # The news filters.
        "year=abc",
        "year=99999",
        "year=-2014",
        "year=2014.0",
        "year=%00",
        "year=2014&year=2015",
        "project=nope",
        "project=%00",
        f"project={LONG}",
        "topic=nope",
        "topic=%ff",
        "topic[]=1",
        "year=2014&project=nope&topic=nope&page=abc",
        # Search queries.
        f"q={'a' * 20_000}",
        "q=%00",
        "q=' OR 1=1--",
        "q=<script>alert(1)</script>",
        "q=%ff%fe",
        "q=\\",
        "q=*",
        "q=a&page=abc",
        "q=&page=999",
        "q=" + "%C4%AB" * 500,
        "q=a:b",
        "q=(",
        'q="',
        "q=a&q=b",
    ]
    requests = list(paths)
    for base in ("/lv/jaunumi/", "/en/news/", "/pl/aktualnosci/", "/lv/search/"):
        requests += [f"{base}?{query}" for query in queries]
    requests += [
        "/lv/jaunumi/feed/rss/?page=abc",
        "/sitemap-pages.xml?p=abc",
        "/sitemap-nothing.xml",
        "/sitemap-pages.xml?p=-1",
        "/sitemap-pages.xml?p=99999999999999999999",
        "/admin/login/?next=//evil.example/",
        "/admin/login/?next=javascript:alert(1)",
        "/admin/password_reset/?x=%00",
    ]
    return requests


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        PressReleasePageFactory(parent=tree.news_index, slug="relize-1")

    def test_at_least_a_hundred_bad_requests_never_get_a_server_error(self):
        requests = bad_requests()
        self.assertGreaterEqual(len(requests), 100)
        client = Client(raise_request_exception=False)
        for url in requests:
            with self.subTest(url=url[:100]):
                response = client.get(url)
                self.assertLess(response.status_code, 500)
                if response.status_code >= 400:
                    self.assertNotIn(b"Traceback", response.content)

    def test_logging_in_never_redirects_to_another_site(self):
        get_user_model().objects.create_superuser("admin", "a@example.com", "A-long-pass-2026")
        for target in ("//evil.example/", "https://evil.example/", "javascript:alert(1)"):
            with self.subTest(next=target):
                response = self.client.post(
                    f"/admin/login/?next={target}",
                    {"username": "admin", "password": "A-long-pass-2026", "next": target},
                )
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/admin/"), response["Location"])
                self.client.logout()
