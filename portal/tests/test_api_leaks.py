"""Nothing unpublished ever comes out of the API: marker text planted in every kind of hidden
content is searched for in every endpoint's answers, in every language."""

import datetime
from urllib.parse import quote

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
)

from news.tests.factories import PressReleasePageFactory, PressReleaseProjectFactory
from portal.tests.factories import SiteTree
from projects.tests.factories import ProjectPageFactory

MARKER = "zzleakmarker"
LANGUAGES = ("lv", "en", "pl")


def release(parent, name, live=True, **fields):
    return PressReleasePageFactory(
        parent=parent,
        title=f"{MARKER} {name}",
        slug=f"{MARKER}-{name}",
        lead=f"{MARKER} lead",
        live=live,
        **fields,
    )


class NothingUnpublishedLeaksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = SiteTree()
        cls.hidden = []
        indexes = {"lv": tree.news_index}
        for code in ("en", "pl"):
            index = tree.news_index.copy_for_translation(
                Locale.objects.get(language_code=code), copy_parents=True
            )
            index.save_revision().publish()
            indexes[code] = index
        project_in_draft = ProjectPageFactory(
            parent=tree.project_index,
            title=f"{MARKER} draft project",
            slug=f"{MARKER}-draft-project",
            live=False,
        )
        for code, index in indexes.items():
            # A draft that was never published.
            cls.hidden.append(release(index, f"draft-{code}", live=False))
            # A live release with unpublished changes: its public version is clean.
            changed = PressReleasePageFactory(parent=index, title=f"Clean release {code}")
            changed.lead = f"{MARKER} unpublished change"
            changed.title = f"{MARKER} unpublished title"
            changed.save_revision()
            # Password- and group-restricted releases, and a page below a private one.
            protected = release(index, f"password-{code}")
            PageViewRestriction.objects.create(
                page=protected, restriction_type="password", password="secret"
            )
            members = release(index, f"group-{code}")
            restriction = PageViewRestriction.objects.create(
                page=members, restriction_type="groups"
            )
            restriction.groups.set([Group.objects.get(name="Editors")])
            cls.hidden += [protected, members]
            # Scheduled for later: saved with a go-live date, approved, not yet live.
            scheduled = release(index, f"scheduled-{code}", live=False)
            scheduled.go_live_at = timezone.now() + datetime.timedelta(days=7)
            scheduled.save_revision().publish()
            # Past its expiry but not yet unpublished by publish_scheduled.
            expired = release(index, f"expired-{code}")
            expired.expire_at = timezone.now() - datetime.timedelta(hours=1)
            expired.save()
            cls.hidden += [scheduled, expired]
            # A live release that links to a draft project, with the draft in its body text.
            linking = PressReleasePageFactory(
                parent=index,
                title=f"Linking release {code}",
                body=[
                    (
                        "paragraph",
                        f'<p>See <a linktype="page" id="{project_in_draft.pk}">this</a>.</p>',
                    ),
                    ("link", {"page": project_in_draft, "url": "", "text": ""}),
                ],
            )
            PressReleaseProjectFactory(page=linking, project=project_in_draft)
        cls.hidden.append(project_in_draft)

        private = Collection.get_first_root_node().add_child(name="Embargoed material")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type="password", password="secret"
        )
        below = private.add_child(name="Below the embargoed collection")
        cls.private_image = Image.objects.create(
            title=f"{MARKER} image", file=get_test_image_file(), collection=below
        )
        cls.private_document = Document.objects.create(
            title=f"{MARKER} document",
            file=ContentFile(b"embargoed", name="embargoed.txt"),
            collection=private,
        )
        cls.public_image = Image.objects.create(title="Public image", file=get_test_image_file())

    def assert_no_marker(self, url, statuses=(200, 404)):
        response = self.client.get(url)
        self.assertIn(response.status_code, statuses, url)
        body = response.content.decode().lower()
        self.assertNotIn(MARKER, body, f"{url} shows hidden content")
        return response

    def test_the_hidden_pages_exist_with_their_marker(self):
        # The test would pass vacuously if the planted content were not there.
        self.assertEqual(Page.objects.filter(title__contains=MARKER).count(), len(self.hidden))
        self.assertEqual(
            Page.objects.filter(live=True, title__contains=MARKER).count(), 3 * 3
        )  # password, group, expired in each language

    def test_listings_with_every_field_in_every_language_show_no_marker(self):
        types = [
            "news.PressReleasePage",
            "projects.ProjectPage",
            "projects.OrganisationPage",
        ]
        for code in LANGUAGES:
            for page_type in types:
                self.assert_no_marker(
                    f"/api/v2/pages/?type={page_type}&locale={code}&fields=*&limit=50"
                )
            self.assert_no_marker(f"/api/v2/pages/?locale={code}&limit=50&fields=*")
            self.assert_no_marker(f"/api/v2/pages/?search={MARKER}&locale={code}")
            self.assert_no_marker(
                f"/api/v2/pages/?type=news.PressReleasePage&search={MARKER}&locale={code}&fields=*"
            )

    def test_no_rich_text_format_shows_a_draft_address(self):
        # Markdown and database HTML are converted outside the portal's link handler: only
        # HTML, whose links to hidden pages lose their address, is offered.
        listing = "/api/v2/pages/?type=news.PressReleasePage&fields=body&rich_text_format="
        for rich_text_format in ("html", "db_html", "markdown", "db_markdown"):
            with self.subTest(rich_text_format=rich_text_format):
                response = self.assert_no_marker(listing + rich_text_format, (200, 400))
                if rich_text_format != "html":
                    self.assertEqual(response.status_code, 400)
                    self.assertIn("rich_text_format", response.json()["message"])

    def test_filters_do_not_reveal_hidden_pages(self):
        project = self.hidden[-1]
        response = self.assert_no_marker(
            f"/api/v2/pages/?type=news.PressReleasePage&project={project.pk}&fields=*"
        )
        self.assertTrue(response.json()["items"])  # the linking releases, without the draft
        for page in self.hidden:
            for filter_name in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
                # 400: "parent page doesn't exist", as for any unknown page.
                self.assert_no_marker(f"/api/v2/pages/?{filter_name}={page.pk}", (200, 400))
        self.assert_no_marker(
            "/api/v2/pages/?type=news.PressReleasePage&order=-release_date&fields=*"
        )

    def test_hidden_pages_are_not_found_by_id_or_path(self):
        for page in self.hidden:
            response = self.assert_no_marker(f"/api/v2/pages/{page.pk}/")
            self.assertEqual(response.status_code, 404)
            response = self.assert_no_marker(f"/api/v2/pages/find/?id={page.pk}")
            self.assertEqual(response.status_code, 404)
            path = quote(page.url or f"/lv/jaunumi/{page.slug}/")
            self.assertEqual(
                self.assert_no_marker(f"/api/v2/pages/find/?html_path={path}").status_code, 404
            )
        last = Page.objects.order_by("-pk").first().pk
        for pk in range(1, last + 1):
            self.assert_no_marker(f"/api/v2/pages/{pk}/?fields=*")

    def test_private_collections_are_invisible(self):
        for endpoint, item in (
            ("images", self.private_image),
            ("documents", self.private_document),
        ):
            self.assert_no_marker(f"/api/v2/{endpoint}/?limit=50&fields=*")
            self.assert_no_marker(f"/api/v2/{endpoint}/?search={MARKER}")
            self.assertEqual(
                self.assert_no_marker(f"/api/v2/{endpoint}/{item.pk}/").status_code, 404
            )
            self.assertEqual(
                self.assert_no_marker(f"/api/v2/{endpoint}/find/?id={item.pk}").status_code, 404
            )
        listing = self.client.get("/api/v2/images/").json()
        self.assertEqual([entry["id"] for entry in listing["items"]], [self.public_image.pk])
