"""Hostile markup posted straight to the admin's endpoints (not typed in the editor) comes out
stripped or escaped: on the public page, in the API, in the admin's history and compare views."""

import json
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.tests.factories import SiteTree

SCRIPT = '<script>alert("x")</script>'
HANDLER = '<img src=x onerror="alert(1)">'


def contentstate(text, *urls):
    """Draftail's format, hand-made, with links to `urls` (what a forged POST can send)."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "b1",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [
                        {"offset": 5 * index, "length": 4, "key": index}
                        for index in range(len(urls))
                    ],
                    "data": {},
                }
            ],
            "entityMap": {
                str(index): {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": url, "onclick": "alert(1)"},
                }
                for index, url in enumerate(urls)
            },
        }
    )


def active_markup(html):
    """What of the payload a browser would run in `html`: scripts calling alert, event-handler
    attributes, javascript: and data: addresses. Escaped text is harmless and not listed."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        data_block = tag.get("type") in ("application/ld+json", "application/json")
        if tag.name == "script" and not data_block and "alert(" in (tag.string or ""):
            found.append(str(tag))
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"{tag.name} {name}")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                ("javascript:", "data:")
            ):
                found.append(f"{tag.name} {name}={value}")
    return found


class HostileInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, slug="relize")
        cls.release.save_revision().publish()
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def post(self, **fields):
        self.client.force_login(self.admin)
        data = {
            **release_form_data(slug="relize", **fields),
            "action-publish": "1",
        }
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[self.release.pk]), data)

    def test_hostile_text_and_rich_text_are_escaped_or_stripped_everywhere(self):
        body = contentstate(
            f"link data {SCRIPT} {HANDLER}",
            "javascript:alert(1)",
            "data:text/html,<script>x</script>",
        )
        response = self.post(
            title=f"Virsraksts {SCRIPT}",
            lead=f"Ievads {HANDLER}",
            event_place=SCRIPT,
            event_start="2026-12-01",
            contact_name=HANDLER,
            body=streamfield([("paragraph", body)]),
        )
        self.assertEqual(response.status_code, 302)
        release = PressReleasePage.objects.get(pk=self.release.pk)
        self.assertIn("Virsraksts", release.title)
        html = {
            "public page": self.client.get(release.url).content.decode(),
            "news index": self.client.get(self.tree.news_index.url).content.decode(),
            "history": self.client.get(
                reverse("wagtailadmin_pages:history", args=[release.pk])
            ).content.decode(),
        }
        revisions = list(release.revisions.order_by("created_at"))
        html["compare"] = self.client.get(
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[release.pk, revisions[0].pk, revisions[-1].pk],
            )
        ).content.decode()
        # The feed carries the lead as text, as the API does: escaped once, by the XML writer
        # (Atom says type="text": portal/tests/test_feeds.py).
        feed = ElementTree.fromstring(
            self.client.get(self.tree.news_index.url + "feed/rss/").content
        )
        self.assertEqual(feed.findtext("channel/item/description"), release.lead)
        api = self.client.get(f"/api/v2/pages/{release.pk}/")
        # Text fields are text (a client escapes them); rich text is HTML and must be clean.
        html["api rich text"] = " ".join(
            block["value"] for block in api.json()["body"] if block["type"] == "paragraph"
        )
        self.assertNotIn(b"<script", api.content)  # the JSON itself is safe inside HTML too
        self.assertIn("Virsraksts", html["public page"])
        self.assertIn("<a>link</a> <a>data</a>", html["api rich text"])  # links without address
        for where, content in html.items():
            with self.subTest(where=where):
                self.assertEqual(active_markup(content), [])
