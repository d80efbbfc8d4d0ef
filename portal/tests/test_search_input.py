"""Any search text gets an answer, never a 500: the API's pages, images and documents, the site
search and the admin's searches, on SQLite (whose full-text syntax gives quotes, stars,
brackets, colons and a few words a meaning) and on PostgreSQL."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail_factories import ImageFactory

from news.tests.factories import PressReleasePageFactory
from portal.core.roles import EDITORS
from portal.tests.factories import SiteTree

HOSTILE = [
    '"',
    '""',
    '"""',
    'a"b',
    '"Norway',
    'Norway"',
    "*",
    "a*",
    "(",
    ")",
    "(Norway",
    "-",
    "-Norway",
    "NEAR(",
    "NEAR(Norway visit)",
    "AND",
    "OR",
    "NOT",
    "Norway AND",
    "OR Norway",
    ":",
    "title:Norway",
    'title:"Norway',
    "^Norway",
    "+",
    "'",
    "\\",
    "{",
    "[",
    "Norway; DROP TABLE",
]

SEARCHES = {
    "api pages": "/api/v2/pages/",
    "api releases": "/api/v2/pages/?type=news.PressReleasePage",
    "api images": "/api/v2/images/",
    "api documents": "/api/v2/documents/",
}
ADMIN_SEARCHES = [
    "/admin/pages/search/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/news/topic/",
    "/admin/choose-page/search/",
    "/admin/images/chooser/results/",
    "/admin/documents/chooser/results/",
]


class SearchInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        cls.release = PressReleasePageFactory(
            parent=tree.news_index, title="Norway visit of the planning region"
        )
        ImageFactory(title="Norway visit photo")
        get_document_model().objects.create(
            title="Norway visit programme", file=ContentFile(b"text", name="programme.txt")
        )
        cls.editor = get_user_model().objects.create_user("redaktors", password="pw")
        cls.editor.groups.add(Group.objects.get(name=EDITORS))

    def get_api(self, url, text):
        path, _, query = url.partition("?")
        params = dict(part.split("=") for part in query.split("&") if part)
        return self.client.get(path, {**params, "search": text})

    def test_the_api_answers_any_search_text_with_results_or_a_json_400(self):
        for name, url in SEARCHES.items():
            for text in HOSTILE:
                with self.subTest(endpoint=name, search=text):
                    response = self.get_api(url, text)
                    self.assertIn(response.status_code, (200, 400))
                    self.assertTrue(response["Content-Type"].startswith("application/json"))
                    if response.status_code == 400:
                        self.assertTrue(response.json()["message"])
                    else:
                        self.assertIsInstance(response.json()["items"], list)

    def test_the_api_still_finds_words_and_phrases_around_the_punctuation(self):
        for name, url in SEARCHES.items():
            for text in ["Norway", '"Norway visit"', "Norway*", "(Norway)", "norway:"]:
                with self.subTest(endpoint=name, search=text):
                    response = self.get_api(url, text)
                    self.assertEqual(response.status_code, 200)
                    titles = [item.get("title") for item in response.json()["items"]]
                    self.assertTrue(titles, f"{text!r} found nothing")
                    self.assertTrue(all("Norway" in title for title in titles if title))

    def test_the_site_search_answers_any_search_text(self):
        for text in HOSTILE:
            with self.subTest(search=text):
                response = self.client.get("/lv/search/", {"q": text})
                self.assertEqual(response.status_code, 200)
        response = self.client.get("/lv/search/", {"q": '"Norway visit"'})
        self.assertContains(response, self.release.title)

    def test_the_admin_searches_answer_any_search_text(self):
        self.client.force_login(self.editor)
        for url in ADMIN_SEARCHES:
            for text in HOSTILE:
                with self.subTest(url=url, search=text):
                    response = self.client.get(url, {"q": text})
                    self.assertEqual(response.status_code, 200)
