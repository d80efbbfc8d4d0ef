"""Public corrections and withdrawal: a release changed in substance says so, with the date; a
withdrawn release stays at its address under a notice."""

import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation
from django.utils.formats import date_format

from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree


class CorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(
            parent=cls.tree.news_index,
            corrections=[
                (
                    "correction",
                    {"date": datetime.date(2026, 12, 5), "note": "Precizēts vizītes datums."},
                )
            ],
        )

    def test_a_correction_is_shown_with_its_date(self):
        response = self.client.get(self.release.url)
        with translation.override("lv"):
            updated = translation.gettext("Updated %(date)s:") % {
                "date": date_format(datetime.date(2026, 12, 5), "DATE_FORMAT")
            }
        self.assertContains(response, f"<strong>{updated}</strong> Precizēts vizītes datums.")
        api = self.client.get(f"/api/v2/pages/{self.release.pk}/").json()
        self.assertEqual(api["corrections"][0]["value"]["date"], "2026-12-05")

    def test_a_withdrawn_release_stays_at_its_address_under_a_notice(self):
        self.release.withdrawn_on = datetime.date(2026, 12, 6)
        self.release.withdrawal_notice = "Vizīte atcelta."
        self.release.save_revision().publish()
        response = self.client.get(self.release.url)
        self.assertEqual(response.status_code, 200)
        with translation.override("lv"):
            withdrawn = translation.gettext("Withdrawn on %(date)s.") % {
                "date": date_format(datetime.date(2026, 12, 6), "DATE_FORMAT")
            }
            label = translation.gettext("Withdrawn")
        self.assertContains(response, f"<strong>{withdrawn}</strong> Vizīte atcelta.")
        self.assertContains(self.client.get(self.tree.news_index.url), label)
        api = self.client.get(f"/api/v2/pages/{self.release.pk}/").json()
        self.assertEqual(api["withdrawn_on"], "2026-12-06")
        self.assertEqual(api["withdrawal_notice"], "Vizīte atcelta.")

    def test_a_withdrawal_needs_a_notice(self):
        self.release.withdrawn_on = datetime.date(2026, 12, 6)
        with self.assertRaises(ValidationError) as raised:
            self.release.full_clean()
        self.assertIn("withdrawal_notice", raised.exception.message_dict)
