"""Every page tells search engines and social sites what it is, in its language."""

import json
import re

from django.test import TestCase
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory
from portal.tests.seed import load_seed

RELEASE_EN = "/en/news/visit-to-krakow-to-promote-business/"
PROJECT_PL = "/pl/projekty/realizacja-dzialan-polityki-regionalnej-na-lotwie/"
PARTNER_LV = "/lv/partneri/vides-aizsardzibas-un-regionalas-attistibas-ministrija/"


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1)) if match else None


class MetadataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_release_has_description_canonical_open_graph_and_news_article(self):
        response = self.client.get(RELEASE_EN)
        self.assertContains(
            response,
            "<title>Visit to Kraków to promote business | Latgale Planning Region news</title>",
        )
        self.assertContains(
            response, '<meta name="description" content="From 2 to 4 December this year'
        )
        self.assertContains(response, f'<link rel="canonical" href="http://localhost{RELEASE_EN}">')
        self.assertContains(response, '<meta property="og:type" content="article">')
        self.assertContains(response, '<meta property="og:locale" content="en_GB">')
        self.assertContains(response, '<meta property="og:locale:alternate" content="pl_PL">')
        self.assertContains(response, '<meta name="twitter:card" content="summary">')
        data = json_ld(response)
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], "Visit to Kraków to promote business")
        self.assertEqual(data["datePublished"], "2014-12-01")
        self.assertEqual(data["inLanguage"], "en")
        self.assertEqual(data["publisher"]["name"], "Latgale Planning Region")
        self.assertEqual(data["about"]["startDate"], "2014-12-02")
        self.assertEqual(data["about"]["location"]["address"]["addressCountry"], "PL")

    def test_project_is_a_schema_org_project_with_its_grant(self):
        data = json_ld(self.client.get(PROJECT_PL))
        self.assertEqual(data["@type"], "Project")
        self.assertEqual(data["inLanguage"], "pl")
        self.assertEqual(
            data["funding"]["amount"],
            {"@type": "MonetaryAmount", "currency": "EUR", "value": "1172029.00"},
        )

    def test_partner_is_a_schema_org_organization(self):
        data = json_ld(self.client.get(PARTNER_LV))
        self.assertEqual(data["@type"], "Organization")
        self.assertEqual(data["alternateName"], "VARAM")
        self.assertEqual(data["url"], "http://www.varam.gov.lv/")
        self.assertEqual(data["address"]["addressCountry"], "LV")

    def test_release_with_an_image_shares_it(self):
        index = PressReleasePage.objects.get(locale__language_code="lv").get_parent()
        image = ImageFactory(file=get_test_image_file(size=(1400, 900)))
        release = PressReleasePageFactory(
            parent=index,
            body=[
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": "Krakovas tirgus laukums",
                        "caption": "",
                        "credit": "",
                    },
                )
            ],
        )
        response = self.client.get(release.url, HTTP_HOST="localhost:6666")
        self.assertContains(response, '<meta name="twitter:card" content="summary_large_image">')
        self.assertContains(
            response, '<meta property="og:image:alt" content="Krakovas tirgus laukums">'
        )
        self.assertRegex(
            json_ld(response)["image"][0], r"^http://localhost/media/images/.*\.fill-1200x630"
        )

    def test_json_ld_cannot_break_out_of_its_script(self):
        index = PressReleasePage.objects.get(locale__language_code="lv").get_parent()
        release = PressReleasePageFactory(parent=index, title="</script><script>alert(1)</script>")
        content = self.client.get(release.url).content.decode()
        self.assertNotIn("</script><script>alert(1)", content)
        self.assertEqual(
            json_ld(self.client.get(release.url))["headline"], "</script><script>alert(1)</script>"
        )
