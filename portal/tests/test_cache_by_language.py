"""The cache in front keys an answer by its address alone (nginx ignores Vary): what the app
marks cacheable must be the same answer whatever the visitor's Accept-Language or language
cookie; an answer chosen by those (a 404 outside the language prefixes) is never kept."""

import re

from django.conf import settings
from django.test import Client, TestCase

from portal.tests.factories import SiteTree

VISITORS = {
    "Polish browser": {"HTTP_ACCEPT_LANGUAGE": "pl"},
    "English browser": {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"},
    "Latvian browser": {"HTTP_ACCEPT_LANGUAGE": "lv"},
    "English cookie": {"cookie": "en"},
}
PATHS = [
    "/de/nothing/",
    "/xx/",
    "/lv-LV/",
    "/nothing/",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/lv/",
    "/lv/nothing/",
    "/en/nothing/",
    "/api/v2/pages/",
]


def answer(path, visitor):
    headers = dict(visitor)
    client = Client()
    if "cookie" in headers:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = headers.pop("cookie")
    response = client.get(path, **headers)
    body = re.sub(r'nonce="[^"]*"', "", response.content.decode())  # one per response (CSP)
    return response, (response.status_code, response.get("Content-Language"), body)


class CacheByLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        SiteTree()

    def test_what_is_kept_for_everyone_is_the_same_for_every_visitor(self):
        for path in PATHS:
            with self.subTest(path=path):
                kept = set()
                for visitor in VISITORS.values():
                    response, content = answer(path, visitor)
                    if int(response["X-Accel-Expires"]):
                        kept.add(content)
                        self.assertNotIn("Accept-Language", response.get("Vary", ""))
                self.assertLessEqual(len(kept), 1, f"{path} is kept in {len(kept)} versions")

    def test_a_404_outside_the_language_prefixes_stays_in_the_visitors_language(self):
        response, _content = answer("/de/nothing/", VISITORS["Polish browser"])
        self.assertContains(response, "Nie znaleziono strony", status_code=404)
        self.assertEqual(response["X-Accel-Expires"], "0")
        self.assertIn("private", response["Cache-Control"])
