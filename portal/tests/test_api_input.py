"""Bad input to the API is a 400 or 404 with a JSON message, never a 500."""

from django.test import TestCase

from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree

BAD_REQUESTS = {
    # The cases stock Wagtail API v2 answers with a 500 are marked.
    "/api/v2/pages/?limit=abc": 400,
    "/api/v2/pages/?limit=-1": 400,
    "/api/v2/pages/?limit=51": 400,
    "/api/v2/pages/?offset=-5": 400,
    "/api/v2/pages/?offset=" + "1" + "0" * 30: 400,  # stock: 500 (integer overflow)
    "/api/v2/pages/?offset=1e3": 400,
    "/api/v2/pages/?fields=password": 400,
    "/api/v2/pages/?fields=body(abc)": 400,
    "/api/v2/pages/?fields=(": 400,
    "/api/v2/pages/?type=auth.User": 400,
    "/api/v2/pages/?type=nonsense": 400,
    "/api/v2/pages/?search=%00": 400,  # stock: 500 on PostgreSQL
    "/api/v2/pages/?search=" + "a" * 20_000: 400,
    "/api/v2/pages/?search=a&search_operator=xor": 400,
    "/api/v2/pages/?child_of=abc": 400,
    "/api/v2/pages/?child_of=99999999999999999999": 400,
    "/api/v2/pages/?descendant_of=-1": 400,
    "/api/v2/pages/?ancestor_of=abc": 400,
    "/api/v2/pages/?translation_of=abc": 400,
    "/api/v2/pages/?locale=xx": 400,
    "/api/v2/pages/?locale=%00": 400,
    "/api/v2/pages/?site=%00": 400,
    "/api/v2/pages/?order=password": 400,
    "/api/v2/pages/?order=random&offset=1": 400,
    "/api/v2/pages/?rich_text_format=docx": 400,
    "/api/v2/pages/?unknown=1": 400,
    "/api/v2/pages/?limit=1&limit=2": 400,
    "/api/v2/pages/?type=news.PressReleasePage&release_date=abc": 400,  # stock: 500
    "/api/v2/pages/?type=news.PressReleasePage&release_date=2014-13-45": 400,  # stock: 500
    "/api/v2/pages/?type=projects.ProjectPage&total_cost=abc": 400,  # stock: 500
    "/api/v2/pages/?type=news.PressReleasePage&date_from=2014-13-01": 400,
    "/api/v2/pages/?type=news.PressReleasePage&date_from=2015-01-01&date_to=2014-01-01": 400,
    "/api/v2/pages/?type=news.PressReleasePage&project=abc": 400,
    "/api/v2/pages/?type=news.PressReleasePage&project=99999": 400,
    "/api/v2/pages/?type=news.PressReleasePage&organisation=1.5": 400,
    "/api/v2/pages/?type=news.PressReleasePage&partner=1.5": 400,
    "/api/v2/pages/?type=news.PressReleasePage&partner=1&organisation=1": 400,
    "/api/v2/pages/?type=news.PressReleasePage&topic=no-such-topic": 400,
    "/api/v2/pages/?project=1": 400,  # release filters need the release type
    "/api/v2/pages/find/?id=abc": 400,  # stock: 500
    "/api/v2/pages/find/?id=99999999999999999999999": 400,
    "/api/v2/pages/find/?html_path=/xx/%ff/": 404,
    "/api/v2/pages/find/?html_path=/lv/does-not-exist/": 404,
    "/api/v2/pages/find/": 404,
    "/api/v2/pages/99999999999999999999999/": 404,  # stock: 500 on SQLite
    "/api/v2/pages/999999/": 404,
    "/api/v2/images/?limit=abc": 400,
    "/api/v2/images/?search=%00": 400,
    "/api/v2/images/find/?id=abc": 400,  # stock: 500
    "/api/v2/images/99999999999999999999999/": 404,
    "/api/v2/documents/?offset=" + "9" * 40: 400,
    "/api/v2/documents/find/?id=%00": 400,
    "/api/v2/documents/?fields=file": 400,
    "/api/v2/nothing/": 404,
    "/api/v3/pages/": 404,
}


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        PressReleasePageFactory(parent=tree.news_index)

    def test_each_bad_request_gets_a_clear_json_error(self):
        for url, status in BAD_REQUESTS.items():
            with self.subTest(url=url[:120]):
                response = self.client.get(url)
                self.assertEqual(response.status_code, status)
                self.assertTrue(response["Content-Type"].startswith("application/json"))
                self.assertTrue(response.json()["message"])

    def test_writing_is_not_allowed(self):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(self.client, method)("/api/v2/pages/")
            self.assertEqual(response.status_code, 405)
            self.assertEqual(response.json()["message"], f'Method "{method.upper()}" not allowed.')
