import datetime

from django.test import TestCase
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset
from wagtail_factories import DocumentFactory, ImageFactory

from news.models import NewsIndexPage, PressReleasePage
from news.tests.factories import (
    PressReleaseOrganisationFactory,
    PressReleasePageFactory,
    PressReleaseProjectFactory,
    PressReleaseTopicFactory,
    TopicFactory,
    release_form_data,
)
from portal.models import HomePage
from portal.tests.factories import SiteTree
from projects.tests.factories import OrganisationPageFactory, ProjectPageFactory

EMBED_URL = "https://www.youtube.com/watch?v=latgale"


class PressReleasePageRulesTests(WagtailPageTestCase):
    def test_releases_live_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(PressReleasePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(PressReleasePage, {})

    def test_news_index_lives_under_the_home_page_and_holds_releases(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {PressReleasePage})


class PressReleasePageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(parent=cls.tree.project_index, title="Reģionālā politika")
        cls.organiser = OrganisationPageFactory(
            parent=cls.tree.organisation_index, title="Latgales plānošanas reģions"
        )
        cls.participant = OrganisationPageFactory(
            parent=cls.tree.organisation_index, title="Ludzas uzņēmēju asociācija"
        )
        image = ImageFactory(file=get_test_image_file(), title="Krakova")
        document = DocumentFactory(title="Darba kārtība")
        # A stored embed, so that rendering needs no network.
        Embed.objects.create(
            hash=get_embed_hash(EMBED_URL),
            url=EMBED_URL,
            max_width=None,
            type="video",
            html='<iframe title="Vizīte" src="https://www.youtube.com/embed/latgale"></iframe>',
            title="Vizīte",
        )
        cls.release = PressReleasePageFactory(
            parent=cls.tree.news_index,
            title="Vizīte uz Krakovu uzņēmējdarbības veicināšanai",
            release_date=datetime.date(2014, 12, 1),
            lead="No šī gada 2. decembra līdz 4. decembrim uzņēmēji dosies vizītē uz Krakovu.",
            event_start=datetime.date(2014, 12, 2),
            event_end=datetime.date(2014, 12, 4),
            event_place="Krakova",
            event_country="PL",
            contact_name="Anna Bērziņa",
            contact_email="prese@example.lv",
            contact_phone="+371 600 00000",
            body=[
                ("paragraph", RichText("<p>Vizīte tiek organizēta ar mērķi.</p>")),
                ("heading", {"text": "Darba kārtība", "level": "h2"}),
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": "Krakovas tirgus laukums",
                        "caption": "Krakova",
                        "credit": "Foto: LPR",
                    },
                ),
                ("quote", {"quote": "Sadarbība dod rezultātus.", "attribution": "LPR"}),
                ("document", {"document": document, "title": ""}),
                ("embed", {"embed": EMBED_URL, "caption": "Video"}),
                ("link", {"page": cls.project, "url": "", "text": "Par projektu"}),
            ],
            further_information=[
                ("link", {"page": None, "url": "http://latgale.lv/lv/luc/projekti", "text": ""})
            ],
        )
        PressReleaseProjectFactory(page=cls.release, project=cls.project)
        PressReleaseOrganisationFactory(
            page=cls.release, organisation=cls.organiser, role="organiser"
        )
        PressReleaseOrganisationFactory(page=cls.release, organisation=cls.participant)
        PressReleaseTopicFactory(page=cls.release, topic=TopicFactory(name="Uzņēmējdarbība"))

    def test_release_renders_with_every_kind_of_block(self):
        self.assertPageIsRenderable(self.release)
        response = self.client.get(self.release.url)
        self.assertContains(
            response, "<h1>Vizīte uz Krakovu uzņēmējdarbības veicināšanai</h1>", html=True
        )
        self.assertContains(response, "<h2>Darba kārtība</h2>", html=True)
        self.assertContains(response, 'alt="Krakovas tirgus laukums"')
        # Responsive renditions in modern formats, with a fallback.
        self.assertContains(response, 'type="image/avif"')
        self.assertContains(response, 'type="image/webp"')
        self.assertRegex(response.content.decode(), r'srcset="[^"]*\.width-400\.avif 400w')
        self.assertRegex(response.content.decode(), r'<img alt="Krakovas tirgus laukums"[^>]*\.jpg')
        self.assertContains(response, "Foto: LPR")
        self.assertContains(response, "Sadarbība dod rezultātus.")
        self.assertContains(response, "Darba kārtība</a>")
        self.assertContains(response, 'src="https://www.youtube.com/embed/latgale"')
        self.assertContains(response, f'<a href="{self.project.url}">Par projektu</a>', html=True)

    def test_release_opens_in_the_admin_editor(self):
        # StreamFields are built by the editor's JavaScript, so assertPageIsEditable cannot
        # post this form from its HTML; the admin form tests below post it field by field.
        self.login()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.release.pk]))
        self.assertEqual(response.status_code, 200)

    def test_release_shows_event_dates_place_and_country(self):
        response = self.client.get(self.release.url)
        self.assertContains(response, '<time datetime="2014-12-02">')
        self.assertContains(response, '<time datetime="2014-12-04">')
        self.assertContains(response, "Krakova, Polija")

    def test_release_links_to_its_project_and_organisations(self):
        response = self.client.get(self.release.url)
        self.assertContains(response, f'href="{self.project.url}"')
        self.assertContains(response, f'href="{self.organiser.url}"')
        self.assertContains(response, f'href="{self.participant.url}"')
        self.assertContains(response, "1\xa0172\xa0029,00\xa0€")

    def test_release_shows_contact_further_information_and_topics(self):
        response = self.client.get(self.release.url)
        self.assertContains(response, "Anna Bērziņa")
        self.assertContains(response, 'href="mailto:prese@example.lv"')
        self.assertContains(response, 'href="http://latgale.lv/lv/luc/projekti"')
        self.assertContains(response, "Uzņēmējdarbība")

    def test_unpublished_project_is_not_shown_on_the_release(self):
        self.project.unpublish()
        response = self.client.get(self.release.url)
        self.assertNotContains(response, self.project.title)


class PressReleaseAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(parent=cls.tree.project_index, title="Reģionālā politika")
        cls.organisation = OrganisationPageFactory(parent=cls.tree.organisation_index)

    def setUp(self):
        self.login()

    def release_form_data(self, **overrides):
        fields = {
            "event_start": "2014-12-02",
            "event_end": "2014-12-04",
            "event_place": "Krakova",
            "event_country": "PL",
            "project_links": inline_formset([{"project": self.project.pk}]),
            "organisation_links": inline_formset(
                [{"organisation": self.organisation.pk, "role": "participant"}]
            ),
        }
        return release_form_data(**{**fields, **overrides})

    def test_editor_publishes_a_release_linked_to_a_project_and_it_appears_there(self):
        self.assertCanCreate(self.tree.news_index, PressReleasePage, self.release_form_data())
        release = PressReleasePage.objects.get(slug="uznemeji-dodas-uz-krakovu")
        self.assertTrue(release.live)
        self.assertEqual(release.event_country.code, "PL")
        self.assertEqual(
            list(release.project_links.values_list("project", flat=True)), [self.project.pk]
        )

        response = self.client.get(self.project.url)
        self.assertContains(response, f'href="{release.url}"')

    def test_editor_saves_and_previews_an_existing_release(self):
        self.assertCanCreate(self.tree.news_index, PressReleasePage, self.release_form_data())
        release = PressReleasePage.objects.get(slug="uznemeji-dodas-uz-krakovu")
        self.assertPageIsEditable(release, post_data=self.release_form_data())
        self.assertPageIsPreviewable(release, post_data=self.release_form_data())

    def test_release_form_offers_only_topics_in_the_release_language(self):
        latvian = TopicFactory(name="Uzņēmējdarbība")
        english = TopicFactory(name="Business", locale=Locale.objects.get(language_code="en"))
        url = reverse(
            "wagtailadmin_pages:add", args=["news", "pressreleasepage", self.tree.news_index.pk]
        )
        formset = self.client.get(url).context["form"].formsets["topic_links"]
        topics = formset.empty_form.fields["topic"].queryset
        self.assertIn(latvian, topics)
        self.assertNotIn(english, topics)

    def post_release(self, **overrides):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["news", "pressreleasepage", self.tree.news_index.pk],
        )
        data = self.release_form_data(**overrides)
        data["action-publish"] = "action-publish"
        return self.client.post(url, data)

    def test_event_ending_before_it_starts_is_a_form_error(self):
        response = self.post_release(event_start="2014-12-04", event_end="2014-12-02")
        self.assertEqual(response.status_code, 200)
        self.assertIn("event_end", response.context["form"].errors)
        self.assertFalse(PressReleasePage.objects.filter(slug="uznemeji-dodas-uz-krakovu").exists())

    def test_same_project_twice_is_a_form_error_not_a_crash(self):
        response = self.post_release(
            project_links=inline_formset(
                [{"project": self.project.pk}, {"project": self.project.pk}]
            )
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PressReleasePage.objects.filter(slug="uznemeji-dodas-uz-krakovu").exists())
        self.assertTrue(response.context["form"].formsets["project_links"].non_form_errors())

    def test_release_without_a_lead_is_a_form_error(self):
        response = self.post_release(lead="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("lead", response.context["form"].errors)


class NewsIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()

    def test_news_index_lists_live_releases_newest_first_and_hides_drafts(self):
        older = PressReleasePageFactory(
            parent=self.tree.news_index, release_date=datetime.date(2014, 1, 1)
        )
        newer = PressReleasePageFactory(
            parent=self.tree.news_index, release_date=datetime.date(2014, 6, 1)
        )
        draft = PressReleasePageFactory(parent=self.tree.news_index, live=False, title="Melnraksts")
        response = self.client.get(self.tree.news_index.url)
        content = response.content.decode()
        self.assertLess(content.index(newer.title), content.index(older.title))
        self.assertNotIn(draft.title, content)

    def test_news_index_survives_any_page_parameter(self):
        PressReleasePageFactory(parent=self.tree.news_index)
        for value in ["abc", "-1", "0", "999999", "1e9", "%00"]:
            with self.subTest(page=value):
                response = self.client.get(self.tree.news_index.url, {"page": value})
                self.assertEqual(response.status_code, 200)

    def test_news_index_paginates(self):
        for _ in range(12):
            PressReleasePageFactory(parent=self.tree.news_index)
        first = self.client.get(self.tree.news_index.url)
        second = self.client.get(self.tree.news_index.url, {"page": 2})
        self.assertEqual(len(first.context["releases"]), 10)
        self.assertEqual(len(second.context["releases"]), 2)
        self.assertContains(first, 'rel="next"')


class ReleaseVisibilityTests(TestCase):
    """Drafts and private releases never reach the public pages that list releases."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.project = ProjectPageFactory(parent=cls.tree.project_index)
        cls.private = PressReleasePageFactory(parent=cls.tree.news_index, title="Slepena relīze")
        cls.private.view_restrictions.create(restriction_type="password", password="x")
        PressReleaseProjectFactory(page=cls.private, project=cls.project)

    def test_private_release_is_listed_nowhere(self):
        for page in [self.tree.home, self.tree.news_index, self.project]:
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Slepena relīze")

    def test_private_release_itself_asks_for_the_password(self):
        response = self.client.get(self.private.url)
        self.assertNotContains(response, self.private.lead, status_code=200)
        self.assertTrue(Page.objects.filter(pk=self.private.pk).exists())
