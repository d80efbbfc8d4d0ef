"""The headless API on the seed: every field, every language, filters, caching, bad input."""

import re
from unittest import mock

from django.test import TestCase, override_settings
from openapi_spec_validator import validate
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from news.models import PressReleasePage
from portal.tests.openapi_contract import assert_matches_contract
from portal.tests.seed import load_seed
from portal.tests.test_multilingual import page_in
from projects.models import OrganisationPage, ProjectPage

PAGES = "/api/v2/pages/"
RELEASES = PAGES + "?type=news.PressReleasePage"


class SeedAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.releases = {code: page_in(PressReleasePage, code) for code in ("lv", "en", "pl")}
        cls.projects = {code: page_in(ProjectPage, code) for code in ("lv", "en", "pl")}
        cls.lesser_poland_in_english = OrganisationPage.objects.get(
            locale__language_code="en", title="Lesser Poland Region"
        )

    def get(self, url, path=PAGES, component=None, **headers):
        response = self.client.get(url, **headers)
        assert_matches_contract(response, path, component)
        return response

    def detail(self, page, component, query=""):
        response = self.get(f"{PAGES}{page.pk}/{query}", PAGES + "{id}/", component)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_a_polish_release_nests_its_polish_project_and_organisations(self):
        data = self.detail(self.releases["pl"], "PressRelease")
        self.assertEqual(data["meta"]["locale"], "pl")
        [project] = data["projects"]
        self.assertEqual(project["id"], self.projects["pl"].pk)
        self.assertEqual(project["locale"], "pl")
        self.assertTrue(project["title"].startswith("Realizacja działań polityki regionalnej"))
        self.assertEqual(project["financial_instrument"], "nfm-2009-2014")
        self.assertEqual(
            project["financial_instrument_name"], "Norweski Mechanizm Finansowy 2009–2014"
        )
        self.assertTrue(project["programme"].startswith("Budowanie potencjału"))
        self.assertIn("/pl/projekty/", project["html_url"])
        organisations = data["organisations"]
        self.assertGreaterEqual(len(organisations), 8)
        self.assertEqual({entry["locale"] for entry in organisations}, {"pl"})
        names = {entry["title"]: entry["role"] for entry in organisations}
        self.assertEqual(names["Region Planowania Łatgalii"], "organiser")
        self.assertEqual(names["Województwo Małopolskie"], "named")
        for entry in organisations:
            self.assertIn("/pl/partnerzy/", entry["html_url"])

    def test_a_release_has_its_dates_lead_typed_body_event_box_and_topics(self):
        data = self.detail(self.releases["en"], "PressRelease")
        self.assertEqual(data["release_date"], "2014-12-01")
        self.assertEqual((data["event_start"], data["event_end"]), ("2014-12-02", "2014-12-04"))
        self.assertEqual((data["event_place"], data["event_country"]), ("Kraków", "PL"))
        self.assertTrue(data["lead"])
        self.assertEqual({block["type"] for block in data["body"]}, {"paragraph"})
        self.assertEqual(
            {topic["locale"] for topic in data["topics"]}, {"en"} if data["topics"] else set()
        )
        # Rich text comes as HTML whose links to pages are public, absolute, in English.
        links = re.findall(r'href="([^"]+)"', " ".join(block["value"] for block in data["body"]))
        self.assertTrue(links)
        for link in links:
            self.assertRegex(link, r"^https?://[^/]+/en/")
        self.assertNotIn("linktype", str(data["body"]))

    def test_a_project_has_its_facts_partners_and_releases(self):
        data = self.detail(self.projects["en"], "Project")
        self.assertEqual(data["total_cost"], "1172029.00")
        self.assertEqual(data["currency"], "EUR")
        self.assertEqual(data["status"], "completed")
        self.assertEqual(data["financial_instrument"], "nfm-2009-2014")
        self.assertEqual(data["implementer"]["short_name"], "MEPRD")
        roles = {partner["role"] for partner in data["partners"]}
        self.assertIn("implementer", roles)
        self.assertIn("donor-partner", roles)
        self.assertEqual({partner["locale"] for partner in data["partners"]}, {"en"})
        self.assertIn("NO", {partner["country"] for partner in data["partners"]})
        self.assertEqual([release["id"] for release in data["releases"]], [self.releases["en"].pk])

    def test_an_organisation_has_its_projects_and_releases(self):
        organisation = OrganisationPage.objects.get(
            locale__language_code="pl", title="Województwo Małopolskie"
        )
        data = self.detail(organisation, "Organisation")
        self.assertEqual(data["country"], "PL")
        self.assertEqual([release["id"] for release in data["releases"]], [self.releases["pl"].pk])
        # Translated projects keep pointing at the Latvian organisations (a synced relation).
        implementer = OrganisationPage.objects.get(
            locale__language_code="pl",
            translation_key=OrganisationPage.objects.filter(project_roles__role="implementer")
            .first()
            .translation_key,
        )
        data = self.detail(implementer, "Organisation")
        self.assertEqual(
            [(project["id"], project["role"]) for project in data["projects"]],
            [(self.projects["pl"].pk, "implementer")],
        )

    def test_every_page_carries_its_language_and_its_translations(self):
        data = self.detail(self.releases["lv"], "PressRelease")
        translations = {entry["locale"]: entry for entry in data["meta"]["translations"]}
        self.assertEqual(set(translations), {"en", "pl"})
        self.assertEqual(translations["pl"]["id"], self.releases["pl"].pk)
        self.assertIn("/pl/aktualnosci/", translations["pl"]["html_url"])

    def test_locale_and_translation_of_filter(self):
        response = self.get(f"{RELEASES}&locale=en")
        self.assertEqual(
            [item["id"] for item in response.json()["items"]], [self.releases["en"].pk]
        )
        response = self.get(f"{PAGES}?translation_of={self.releases['lv'].pk}&locale=pl")
        self.assertEqual(
            [item["id"] for item in response.json()["items"]], [self.releases["pl"].pk]
        )

    def test_releases_filter_by_project_and_organisation_given_any_translation(self):
        for query in (
            f"&locale=pl&project={self.projects['en'].pk}",
            f"&locale=pl&project={self.projects['lv'].pk}",
            f"&locale=pl&organisation={self.lesser_poland_in_english.pk}",
        ):
            with self.subTest(query=query):
                response = self.get(RELEASES + query)
                self.assertEqual(
                    [item["id"] for item in response.json()["items"]], [self.releases["pl"].pk]
                )
                self.assertNotIn("Deprecation", response)

    def test_the_old_names_still_answer_and_say_they_are_deprecated(self):
        organisation = self.lesser_poland_in_english.pk
        for old, new in [
            (
                f"{RELEASES}&locale=pl&partner={organisation}",
                f"{RELEASES}&locale=pl&organisation={organisation}",
            ),
            (
                f"{PAGES}?type=projects.PartnerOrganisationPage&fields=*&locale=en",
                f"{PAGES}?type=projects.OrganisationPage&fields=*&locale=en",
            ),
            (  # any case, as Wagtail reads types; the old index type too
                f"{PAGES}?type=projects.partnerorganisationpage,projects.PartnerIndexPage",
                f"{PAGES}?type=projects.OrganisationPage,projects.OrganisationIndexPage",
            ),
        ]:
            with self.subTest(old=old):
                response, current = self.get(old), self.get(new)
                self.assertEqual(response.json(), current.json())
                self.assertEqual(response["Deprecation"], "@1796169600")  # 2 December 2026
                self.assertEqual(response["Sunset"], "Wed, 30 Jun 2027 23:59:59 GMT")
                self.assertIn('rel="deprecation"', response["Link"])
                self.assertNotIn("Deprecation", current)
                # Asked again with its ETag: a 304, still with the notice.
                again = self.client.get(old, HTTP_IF_NONE_MATCH=response["ETag"])
                self.assertEqual(again.status_code, 304)
                self.assertEqual(again["Deprecation"], "@1796169600")
        with self.settings(CORS_ALLOWED_ORIGINS=["https://front.example"]):
            response = self.client.get(old, HTTP_ORIGIN="https://front.example")
        self.assertIn("deprecation", response["Access-Control-Expose-Headers"].lower())
        # Given twice, an old name is refused like a new one, with the name the client used.
        twice = self.client.get(f"{RELEASES}&partner={organisation}&partner={organisation}")
        self.assertEqual(twice.status_code, 400)
        self.assertIn("partner is given more than once", twice.json()["message"])
        document = self.client.get("/api/v2/openapi.json").json()
        parameters = {
            p["name"]: p for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]
        }
        self.assertTrue(parameters["partner"]["deprecated"])
        self.assertNotIn("deprecated", parameters["organisation"])

    def test_releases_filter_by_topic_and_dates(self):
        # Translated releases file under the Latvian topics; any translation's slug finds them.
        cases = {
            "&topic=rozwoj-regionalny&locale=pl": [self.releases["pl"].pk],
            "&topic=regionala-attistiba&locale=en": [self.releases["en"].pk],
            "&date_from=2014-12-01&date_to=2014-12-01&locale=lv": [self.releases["lv"].pk],
            "&date_from=2014-12-02": [],
            "&date_to=2014-11-30": [],
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                response = self.get(RELEASES + query)
                self.assertEqual([item["id"] for item in response.json()["items"]], expected)
        response = self.get(f"{RELEASES}&topic=no-such-topic")
        self.assertEqual(response.status_code, 400)

    def test_search_in_a_language_and_ordering_by_date(self):
        response = self.get(f"{RELEASES}&locale=pl&search=wspierania")
        self.assertEqual(
            [item["id"] for item in response.json()["items"]], [self.releases["pl"].pk]
        )
        response = self.get(f"{RELEASES}&locale=en&search=wspierania")
        self.assertEqual(response.json()["items"], [])
        # Without a type, across every page type.
        response = self.get(f"{PAGES}?locale=lv&search=Krakovu")
        self.assertEqual(response.status_code, 200)
        ids = [item["id"] for item in response.json()["items"]]
        self.assertIn(self.releases["lv"].pk, ids)
        response = self.get(f"{RELEASES}&order=-release_date&fields=release_date")
        dates = [item["release_date"] for item in response.json()["items"]]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_a_deep_page_lists_the_same_pages_in_the_same_order(self):
        # From DEEP_OFFSET on, a page's ids are read before their rows (ListingQuerySet).
        for listing in (f"{PAGES}?order=-first_published_at", f"{PAGES}?locale=pl"):
            everything = [item["id"] for item in self.get(f"{listing}&limit=50").json()["items"]]
            self.assertGreater(len(everything), 8, listing)
            for deep_offset in (1_000_000, 3):  # the usual slice, then ids first
                with mock.patch("portal.api.views.DEEP_OFFSET", deep_offset):
                    response = self.get(f"{listing}&offset=3&limit=5")
                    pages = [item["id"] for item in response.json()["items"]]
                    self.assertEqual(pages, everything[3:8], (listing, deep_offset))
                    self.assertIn("title", response.json()["items"][0])

    def test_limit_is_capped(self):
        response = self.get(f"{PAGES}?limit=50")
        self.assertEqual(response.status_code, 200)
        response = self.get(f"{PAGES}?limit=51")
        self.assertEqual(response.status_code, 400)
        self.assertIn("50", response.json()["message"])

    def test_conditional_requests_get_a_304_and_public_responses_are_cacheable(self):
        url = f"{PAGES}{self.releases['pl'].pk}/"
        response = self.client.get(url)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("max-age=60", response["Cache-Control"])
        self.assertNotIn("Cookie", response.get("Vary", ""))
        etag = response["ETag"]
        again = self.client.get(url, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        # Compressed (as nginx asks), the ETag is weak, and sent back it still means "unchanged".
        compressed = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        self.assertTrue(compressed["ETag"].startswith('W/"'))
        again = self.client.get(
            url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"]
        )
        self.assertEqual(again.status_code, 304)
        # A change to the page changes the ETag.
        page = self.releases["pl"]
        page.lead = "Zmieniony wstęp."
        page.save_revision().publish()
        changed = self.client.get(url, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(changed.status_code, 200)
        self.assertNotEqual(changed["ETag"], etag)

    def test_the_browsers_language_does_not_change_an_answer(self):
        url = f"{RELEASES}&locale=en&fields=*"
        answers = [self.client.get(url, HTTP_ACCEPT_LANGUAGE=code) for code in ("pl", "lv", "en")]
        self.assertEqual(len({answer.content for answer in answers}), 1)
        for answer in answers:
            self.assertNotIn("Accept-Language", answer.get("Vary", ""))
            self.assertNotIn("Content-Language", answer)

    @override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example"])
    def test_cors_allows_only_the_configured_origins(self):
        allowed = self.client.get(PAGES, HTTP_ORIGIN="https://partner.example")
        self.assertEqual(allowed["Access-Control-Allow-Origin"], "https://partner.example")
        other = self.client.get(PAGES, HTTP_ORIGIN="https://elsewhere.example")
        self.assertNotIn("Access-Control-Allow-Origin", other)
        page = self.client.get("/lv/", HTTP_ORIGIN="https://partner.example")
        self.assertNotIn("Access-Control-Allow-Origin", page)

    def test_the_openapi_document_is_served_and_valid(self):
        response = self.client.get("/api/v2/openapi.json")
        self.assertEqual(response.status_code, 200)
        document = response.json()
        validate(document)
        self.assertEqual(
            set(document["paths"]),
            {
                f"/api/v2/{name}/{suffix}"
                for name in ("pages", "images", "documents")
                for suffix in ("", "{id}/", "find/")
            },
        )

    def test_find_redirects_to_the_detail(self):
        response = self.client.get(
            f"{PAGES}find/?html_path=/pl/aktualnosci/{self.releases['pl'].slug}/"
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn(f"/api/v2/pages/{self.releases['pl'].pk}/", response["Location"])


class ImagesAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = Image.objects.create(
            title="Kraków", description="Krakow old town square", file=get_test_image_file()
        )

    def test_images_come_with_alt_text_and_renditions(self):
        # A Host of the client's choosing does not make the addresses (a cache would keep them).
        response = self.client.get(f"/api/v2/images/{self.image.pk}/", HTTP_HOST="localhost:6666")
        assert_matches_contract(response, "/api/v2/images/{id}/")
        data = response.json()
        self.assertEqual(data["alt"], "Krakow old town square")
        self.assertEqual(set(data["renditions"]), {"thumbnail", "medium", "large"})
        for rendition in data["renditions"].values():
            self.assertRegex(rendition["url"], r"^http://localhost/media/images/")
        listing = self.client.get("/api/v2/images/?fields=alt,renditions")
        assert_matches_contract(listing, "/api/v2/images/")
        self.assertEqual(listing.json()["items"][0]["alt"], "Krakow old town square")
