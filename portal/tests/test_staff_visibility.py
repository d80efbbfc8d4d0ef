"""Staff see in the admin only the pages they may edit and those readers see: a Polish
translator finds no title or slug of a Latvian draft, a scheduled (embargoed) or a private
page, nor a draft title of a live page, on any admin URL; an Editor still chooses them."""

import datetime
import json

from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from news.tests.factories import PressReleasePageFactory
from news.tests.test_topics import make_user
from portal.core.roles import EDITORS, MODERATORS, TRANSLATORS
from portal.tests.factories import SiteTree

DRAFT = {"title": "Slepens melnraksts", "slug": "slepens-melnraksts"}
SCHEDULED = {"title": "Embargota ziņa", "slug": "embargota-zina"}
PRIVATE = {"title": "Iekšēja ziņa", "slug": "iekseja-zina"}
LIVE = {"title": "Dzīva relīze", "slug": "dziva-relize"}
# A draft saved over the live page, not published yet.
DRAFT_TITLE_OF_LIVE = "Jauns nosaukums melnrakstā"
HIDDEN = [
    *DRAFT.values(),
    *SCHEDULED.values(),
    *PRIVATE.values(),
    DRAFT_TITLE_OF_LIVE,
]


def shown(response):
    """The response's text; a chooser's JSON with its letters as they are, not \\u escapes."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    return response.content.decode()


class StaffVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        news = cls.tree.news_index
        cls.editor = make_user("redaktors", EDITORS)
        cls.moderator = make_user("moderators", MODERATORS)
        cls.translator = make_user("tlumacz", TRANSLATORS["pl"])

        cls.live = PressReleasePageFactory(parent=news, **LIVE)
        cls.live.save_revision().publish()
        cls.live.refresh_from_db()
        cls.polish_live = cls.live.copy_for_translation(
            Locale.objects.get(language_code="pl"), copy_parents=True
        )
        cls.polish_live.save_revision().publish()
        cls.live.title = DRAFT_TITLE_OF_LIVE
        cls.live.save_revision(user=cls.editor, log_action=True)

        cls.draft = PressReleasePageFactory(parent=news, live=False, **DRAFT)
        cls.draft.save_revision(user=cls.editor, log_action=True)
        cls.draft.save_revision(user=cls.editor, log_action=True)
        cls.draft.locked, cls.draft.locked_by = True, cls.editor
        cls.draft.locked_at = timezone.now()
        cls.draft.save()
        Workflow.objects.get(name="Moderators approval").start(cls.draft, cls.editor)
        # An editor starts its English translation: a draft under the Latvian title.
        source, _created = TranslationSource.get_or_create_from_instance(cls.draft)
        Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code="en")
        ).save_target(user=cls.editor)

        cls.scheduled = PressReleasePageFactory(parent=news, live=False, **SCHEDULED)
        cls.scheduled.save_revision(
            user=cls.editor,
            log_action=True,
            approved_go_live_at=timezone.now() + datetime.timedelta(days=2),
        )

        cls.private = PressReleasePageFactory(parent=news, **PRIVATE)
        cls.private.save_revision().publish()
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    def assertHidden(self, response, url):
        text = shown(response)
        for secret in HIDDEN:
            self.assertNotIn(secret, text, f"{url} shows {secret!r}")

    def hidden_ids(self):
        return [self.draft.pk, self.scheduled.pk, self.private.pk]

    def translator_urls(self):
        news, draft = self.tree.news_index.pk, self.draft.pk
        ids = "&".join(f"id={pk}" for pk in self.hidden_ids())
        revision = self.draft.latest_revision_id
        return [
            "/admin/",
            # Page choosers: browsing, a page's children, search, the rich text link chooser.
            "/admin/choose-page/",
            f"/admin/choose-page/{self.tree.home.pk}/",
            f"/admin/choose-page/{news}/",
            f"/admin/choose-page/{draft}/",
            f"/admin/choose-page/{news}/?page_type=news.pressreleasepage",
            "/admin/choose-page/?page_type=news.pressreleasepage",
            f"/admin/choose-page/{news}/?allow_external_link=true&allow_email_link=true"
            "&allow_phone_link=true&allow_anchor_link=true&link_text=x",
            "/admin/choose-page/search/?q=Slepens",
            "/admin/choose-page/search/?q=Embargota",
            "/admin/choose-page/search/?q=Iekšēja",
            "/admin/choose-page/search/?q=Jauns",
            "/admin/choose-page/search/?q=relīze",
            f"/admin/choose-page/search/?q=Slepens&page_type=news.pressreleasepage&{ids}",
            f"/admin/choose-page/chosen-multiple/?{ids}",
            # Bulk action confirmations, for the ids given and for all children of a page.
            *[
                f"/admin/bulk/wagtailcore/page/{action}/?{ids}&id={self.live.pk}"
                for action in ("delete", "move", "publish", "unpublish")
            ],
            f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={news}",
            f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={news}&q=zi",
            # Reports.
            "/admin/reports/page-types-usage/",
            "/admin/reports/page-types-usage/results/",
            "/admin/reports/page-types-usage/results/?page_locale=lv",
            "/admin/reports/page-types-usage/results/?page_locale=en",
            "/admin/reports/locked/",
            "/admin/reports/aging-pages/",
            "/admin/reports/site-history/",
            "/admin/reports/site-history/results/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
            "/admin/localize/reports/translations/",
            "/admin/localize/reports/translations/results/",
            "/admin/localize/reports/translations/results/?source_title=Slepens",
            # The explorer, its search, a page's history and revisions.
            "/admin/pages/",
            f"/admin/pages/{news}/",
            f"/admin/pages/{news}/?q=zi&search_all=1",
            "/admin/pages/search/?q=Slepens",
            "/admin/pages/search/?q=zi",
            "/admin/pages/usage/news/pressreleasepage/",
            f"/admin/pages/{draft}/history/",
            f"/admin/pages/{draft}/revisions/compare/earliest...{revision}/",
            f"/admin/pages/{draft}/workflow_history/",
            f"/admin/pages/{self.live.pk}/history/",
            # The admin API (the explorer menu).
            "/admin/api/main/pages/?child_of=root&for_explorer=1",
            f"/admin/api/main/pages/?child_of={news}",
            "/admin/api/main/pages/?search=Slepens",
            "/admin/api/main/pages/?type=news.PressReleasePage&fields=title,slug",
            f"/admin/api/main/pages/{draft}/",
            f"/admin/api/main/pages/{self.scheduled.pk}/",
        ]

    def test_a_translator_finds_no_hidden_page_on_any_admin_url(self):
        self.client.force_login(self.translator)
        for url in self.translator_urls():
            with self.subTest(url=url):
                self.assertHidden(self.client.get(url), url)

    def test_a_translator_chooses_live_pages_under_their_published_title(self):
        self.client.force_login(self.translator)
        response = self.client.get(f"/admin/choose-page/{self.tree.news_index.pk}/")
        self.assertIn(LIVE["title"], shown(response))
        self.assertNotIn(DRAFT_TITLE_OF_LIVE, shown(response))
        response = self.client.get(
            f"/admin/choose-page/chosen-multiple/?id={self.live.pk}&id={self.draft.pk}"
        )
        result = json.loads(response.content)["result"]
        self.assertEqual(
            [(page["id"], page["adminTitle"]) for page in result], [(self.live.pk, LIVE["title"])]
        )
        # Their own language's pages as they are, with the title of a draft.
        self.polish_live.title = "Nowy tytuł w szkicu"
        self.polish_live.save_revision(user=self.translator)
        text = shown(self.client.get("/admin/choose-page/search/?q=Dzīva"))
        self.assertIn("Nowy tytuł w szkicu", text)
        self.assertIn(LIVE["title"], text)

    def test_an_address_typed_in_the_link_chooser_names_no_hidden_page(self):
        # Wagtail turns an address on this site into a page link when it is in the admin's
        # language (its serving path carries the language prefix), answering with the title.
        profile = UserProfile.get_for_user(self.translator)
        profile.preferred_language = "lv"
        profile.save()
        self.client.force_login(self.translator)

        def typed(page):
            response = self.client.post(
                "/admin/choose-external-link/",
                {"external-link-chooser-url": f"http://localhost{page.url}"},
            )
            return json.loads(response.content)["result"]

        for page, hidden in ((self.private, PRIVATE["title"]), (self.live, DRAFT_TITLE_OF_LIVE)):
            with self.subTest(page=page.slug):
                result = typed(page)
                self.assertNotIn("id", result)
                self.assertNotIn(hidden, json.dumps(result, ensure_ascii=False))
        # A page they see as it is becomes a link to it, as before.
        self.assertEqual(typed(self.tree.news_index)["id"], self.tree.news_index.pk)

    def test_editors_and_moderators_still_choose_latvian_drafts_and_scheduled_pages(self):
        news = self.tree.news_index.pk
        for user in (self.editor, self.moderator):
            self.client.force_login(user)
            for url in (
                f"/admin/choose-page/{news}/",
                # The embargo preview's release field.
                f"/admin/choose-page/{news}/?page_type=news.pressreleasepage",
                "/admin/choose-page/search/?q=zi",
            ):
                with self.subTest(user=user.username, url=url):
                    text = shown(self.client.get(url))
                    self.assertIn(SCHEDULED["title"], text)
                    self.assertIn(PRIVATE["title"], text)
                    if "search" not in url:
                        self.assertIn(DRAFT["title"], text)
            text = shown(self.client.get("/admin/choose-page/search/?q=Slepens"))
            self.assertIn(DRAFT["title"], text)
            text = shown(self.client.get(f"/admin/choose-page/{self.draft.pk}/"))
            self.assertIn(DRAFT["title"], text)
            response = self.client.get(f"/admin/bulk/wagtailcore/page/publish/?id={self.draft.pk}")
            self.assertContains(response, DRAFT["title"])
