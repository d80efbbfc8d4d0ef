"""Feeds carry a release's title and lead as the plain text they are: escaped once, by the XML
writer, so that a feed reader shows `<svg onload=…>` as those characters, never as markup or as
`&lt;`."""

from xml.etree import ElementTree

import feedparser
from django.test import TestCase

from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE = "<svg onload=alert(1)> & „Rēzekne”"
LEAD = 'Vadītājs teica: "<b>Sveiki</b>" & paldies <img src=x onerror=alert(1)>.'


class FeedTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        release = PressReleasePageFactory(parent=cls.tree.news_index, title=TITLE, lead=LEAD)
        release.save_revision().publish()

    def feed(self, kind):
        response = self.client.get(f"{self.tree.news_index.url}feed/{kind}/")
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_rss_items_hold_the_plain_title_and_lead(self):
        xml = self.feed("rss")
        item = ElementTree.fromstring(xml).find("channel/item")
        self.assertEqual(item.findtext("title"), TITLE)
        self.assertEqual(item.findtext("description"), LEAD)
        for twice_escaped in (b"&amp;lt;", b"&amp;amp;", b"&amp;quot;", b"&amp;#x27;"):
            self.assertNotIn(twice_escaped, xml)
        self.assertEqual(feedparser.parse(xml).entries[0].title, TITLE)

    def test_atom_entries_say_their_title_and_summary_are_text(self):
        xml = self.feed("atom")
        entry = ElementTree.fromstring(xml).find(f"{ATOM}entry")
        title, summary = entry.find(f"{ATOM}title"), entry.find(f"{ATOM}summary")
        self.assertEqual(title.text, TITLE)
        self.assertIn(title.get("type", "text"), "text")
        self.assertEqual(summary.text, LEAD)
        self.assertEqual(summary.get("type"), "text")
        self.assertNotIn(b"&amp;lt;", xml)
        # A reader takes them as text: nothing to render, nothing to strip.
        parsed = feedparser.parse(xml).entries[0]
        self.assertEqual((parsed.title, parsed.title_detail.type), (TITLE, "text/plain"))
        self.assertEqual((parsed.summary, parsed.summary_detail.type), (LEAD, "text/plain"))
