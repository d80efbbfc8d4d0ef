from django.core.exceptions import ValidationError
from django.test import TestCase

from portal.core.blocks import LinkBlock
from portal.tests.factories import SiteTree


class LinkBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()

    def value(self, **data):
        return LinkBlock().to_python({"page": None, "url": "", "text": "", **data})

    def test_link_needs_exactly_one_target(self):
        block = LinkBlock()
        for data in [{}, {"page": self.tree.home.pk, "url": "https://latgale.lv/"}]:
            with self.subTest(data=data), self.assertRaises(ValidationError):
                block.clean(self.value(**data))

    def test_link_to_a_page_shows_its_title_and_url(self):
        value = LinkBlock().clean(self.value(page=self.tree.news_index.pk))
        self.assertEqual((value.href(), value.label()), ("/lv/jaunumi/", "Jaunumi"))

    def test_link_to_another_site_shows_its_text_or_its_address(self):
        value = LinkBlock().clean(self.value(url="https://latgale.lv/"))
        self.assertEqual(
            (value.href(), value.label()), ("https://latgale.lv/", "https://latgale.lv/")
        )
        value = LinkBlock().clean(self.value(url="https://latgale.lv/", text="Latgale"))
        self.assertEqual(value.label(), "Latgale")
