"""The admin in Latvian and in Polish, as each role sees it (issue 15): every screen they use,
with content in it (a draft in moderation, a comment, a translation waiting for work), and how
much of its interface text is still the English message id. At most 1 % of its words may be.

The table of every screen is written to test-artifacts/admin-language.md (the README shows it).
"""

import json
import os
import tempfile
from pathlib import Path

import pytest

from portal.tests.browser.conftest import BASE_DIR, served_portal
from portal.tests.browser.interface_text import VISIBLE_TEXTS, measure

pytestmark = pytest.mark.browser

LIMIT = 0.01
REPORT = Path(
    os.environ.get("ADMIN_LANGUAGE_REPORT", BASE_DIR / "test-artifacts" / "admin-language.md")
)

# A portal in daily use: a Latvian draft in moderation with a comment on it, its Polish
# translation behind the changed source, and one person in each role. Writes the addresses
# of the screens to the file named by URLS.
STATE = """
import json, os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Comment, Page
from wagtail_localize.models import TranslationSource
from news.models import PressReleasePage, Topic
from projects.models import PartnerOrganisationPage, ProjectPage

users = {}
for name, group in [("redaktors", "Editors"), ("moderatore", "Moderators"),
                    ("tlumacz", "Translators (Polish)"), ("recenzent", "Reviewers (Polish)")]:
    users[name] = get_user_model().objects.create_user(
        name, email=name + "@example.org", password=name.title() + "-2026-parole")
    users[name].groups.add(Group.objects.get(name=group))

release = PressReleasePage.objects.get(locale__language_code="lv")
first = release.latest_revision
# A published correction: the Polish translation now waits for the changed lead.
release.lead = release.lead.replace("2.", "3.", 1)
published = release.save_revision(user=users["moderatore"])
published.publish(user=users["moderatore"])
source = TranslationSource.objects.get(object_id=release.translation_key, locale=release.locale)
source.update_from_db()
# A draft by the editor, submitted to the moderators, with a comment on its title.
release = PressReleasePage.objects.get(pk=release.pk)
release.title = release.title + " (labots)"
draft = release.save_revision(user=users["redaktors"])
release.get_workflow().start(release, users["redaktors"])
Comment.objects.create(page=release, user=users["redaktors"], contentpath="title",
                       text="Lūdzu pārbaudīt virsrakstu.", revision_created=draft)
polish = PressReleasePage.objects.get(
    translation_key=release.translation_key, locale__language_code="pl")
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image as Picture
picture = BytesIO()
Picture.new("RGB", (640, 480), "#336699").save(picture, "PNG")
image = Image.objects.create(
    title="Latgales karte", file=ContentFile(picture.getvalue(), name="karte.png"))
document = Document.objects.create(
    title="Preses relīze", file=ContentFile(b"%PDF-1.4", name="relize.pdf"))
topic = Topic.objects.filter(locale__language_code="lv").first()
page = lambda name, *args: reverse("wagtailadmin_pages:" + name, args=args)
json.dump({
    "release": page("edit", release.pk),
    "history": page("history", release.pk),
    "compare": page("revisions_compare", release.pk, first.pk, draft.pk),
    "workflow_history": page("workflow_history", release.pk),
    "explorer": reverse("wagtailadmin_explore", args=[release.get_parent().pk]),
    "polish_explorer": reverse("wagtailadmin_explore", args=[polish.get_parent().pk]),
    "translation": page("edit", polish.pk),
    "polish_history": page("history", polish.pk),
    "sync": reverse("wagtail_localize:update_translations", args=[source.pk]),
    "changes": reverse("portal_translation_changes", args=[polish.pk]),
    "project": page("edit", ProjectPage.objects.filter(locale__language_code="lv").first().pk),
    "organisation": page(
        "edit", PartnerOrganisationPage.objects.filter(locale__language_code="lv").first().pk),
    "image": reverse("wagtailimages:edit", args=[image.pk]),
    "document": reverse("wagtaildocs:edit", args=[document.pk]),
    "topic": reverse("wagtailsnippets_news_topic:edit", args=[topic.pk]),
}, open(os.environ["URLS"], "w"))
"""

COMMON = [
    ("dashboard", "/admin/"),
    ("account settings", "/admin/account/"),
    ("images", "/admin/images/"),
    ("documents", "/admin/documents/"),
    ("search", "/admin/pages/search/?q=Krakov"),
    ("two-factor set-up", "/admin/two-factor/set-up/"),
    ("locked pages report", "/admin/reports/locked/"),
    ("workflows report", "/admin/reports/workflow/"),
    ("workflow tasks report", "/admin/reports/workflow_tasks/"),
    ("site history report", "/admin/reports/site-history/"),
    ("aging pages report", "/admin/reports/aging-pages/"),
    ("page types report", "/admin/reports/page-types-usage/"),
]
SOURCE_SIDE = [
    ("explorer", "{explorer}"),
    ("release edit form", "{release}"),
    ("release history", "{history}"),
    ("compare revisions", "{compare}"),
    ("workflow history", "{workflow_history}"),
    ("image edit form", "{image}"),
    ("document edit form", "{document}"),
    ("topics", "/admin/snippets/news/topic/"),
    ("topic edit form", "{topic}"),
    ("embargo previews", "/admin/embargo_previews/"),
    ("embargo preview form", "/admin/embargo_previews/new/"),
    ("project edit form", "{project}"),
    ("organisation edit form", "{organisation}"),
    ("project edit form with errors", "{project}"),
]
TRANSLATION_SIDE = [
    ("Polish explorer", "{polish_explorer}"),
    ("translation editor", "{translation}"),
    ("what changed in the source", "{changes}"),
    ("translation history", "{polish_history}"),
]
# Each role's own screens; the screens every role shares (reports, images, account) are the
# same for all, so they are measured for one person on each side of the translation.
SCREENS = {
    "redaktors": COMMON + SOURCE_SIDE,
    "moderatore": [
        ("dashboard", "/admin/"),
        ("release edit form", "{release}"),
        ("workflow history", "{workflow_history}"),
        ("sync translations form", "{sync}"),
        ("aging pages report", "/admin/reports/aging-pages/"),
    ],
    "tlumacz": COMMON + TRANSLATION_SIDE,
    "recenzent": [("dashboard", "/admin/"), *TRANSLATION_SIDE],
}
ROLES = {
    "redaktors": "editor",
    "moderatore": "moderator",
    "tlumacz": "Polish translator",
    "recenzent": "Polish reviewer",
}
BROWSER_LOCALES = {"lv": "lv-LV", "pl": "pl-PL"}


@pytest.fixture(scope="module")
def portal_with_work():
    with tempfile.NamedTemporaryFile(suffix=".json") as urls:
        os.environ["URLS"] = urls.name
        try:
            with served_portal("portal.settings.test", STATE) as url:
                yield url, json.loads(Path(urls.name).read_text())
        finally:
            del os.environ["URLS"]


def texts_of(page):
    return page.evaluate(VISIBLE_TEXTS)


def press(page, locator):
    """Open what `locator` opens, from the keyboard, and return what the screen shows then."""
    locator.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(150)
    texts = texts_of(page)
    page.keyboard.press("Escape")
    return texts


def open_menus(page):
    """The first row's menu of a listing, the page's header menu and the editor's action menu."""
    texts = []
    for menu in [
        "main table .w-dropdown__toggle",
        "header .w-dropdown__toggle",
        "footer .w-dropdown__toggle",
    ]:
        toggle = page.locator(f"{menu}:visible")
        if toggle.count():
            texts += press(page, toggle.first)
    return texts


def with_errors(page):
    """The edit form once saved with no title: its validation messages."""
    title = page.locator("[name=title]")
    title.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.locator("footer button.action-save").first.click()
    page.wait_for_load_state()
    return texts_of(page)


def open_panels(page):
    """What an edit form shows once its user opens its parts: the side panels (status,
    comments, preview), the block picker and a chooser."""
    texts = []
    toggles = page.locator("[data-side-panel-toggle]")
    for index in range(toggles.count()):
        toggles.nth(index).click()
        page.wait_for_timeout(150)
        texts += texts_of(page)
    add_block = page.locator(".c-sf-add-button:visible")
    if add_block.count():
        texts += press(page, add_block.first)
    choose = page.locator("[data-chooser-action-choose]:visible")
    if choose.count():
        choose.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".modal-content", timeout=10000)
        page.wait_for_timeout(200)
        texts += texts_of(page)
        page.keyboard.press("Escape")
    return texts


def test_every_screen_of_every_role_is_in_the_admin_language(browser, portal_with_work):
    portal_url, urls = portal_with_work
    rows, failures = [], []
    for language, browser_locale in BROWSER_LOCALES.items():
        # Before signing in: the sign-in and password reset screens.
        context = browser.new_context(locale=browser_locale)
        page = context.new_page()
        for screen, path in [
            ("sign-in", "/admin/login/"),
            ("password reset", "/admin/password_reset/"),
        ]:
            page.goto(portal_url + path)
            rows.append(("anyone", screen, language, *measure(texts_of(page), language)))
        page.goto(portal_url + "/admin/login/")
        page.fill("input[name=username]", "redaktors")
        page.fill("input[name=password]", "wrong")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        rows.append(("anyone", "sign-in error", language, *measure(texts_of(page), language)))
        context.close()

        for username, screens in SCREENS.items():
            context = browser.new_context(
                viewport={"width": 1280, "height": 1000}, locale=browser_locale
            )
            page = context.new_page()
            page.goto(portal_url + "/admin/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", username.title() + "-2026-parole")
            page.click("button[type=submit]")
            page.wait_for_load_state()
            for screen, path in screens:
                address = path.format(**urls)
                response = page.goto(portal_url + address)
                assert response.status == 200, (username, screen, address, response.status)
                # wagtail-localize's editor is drawn by React once its data has loaded.
                page.wait_for_load_state("networkidle" if "translation" in screen else "load")
                texts = texts_of(page) + open_menus(page)
                if screen.endswith("edit form") or screen == "translation editor":
                    texts += open_panels(page)
                if screen.endswith("with errors"):
                    page.wait_for_timeout(2500)  # Wagtail watches the form from 2 s on
                    texts = with_errors(page)
                rows.append((ROLES[username], screen, language, *measure(texts, language)))
            context.close()

    REPORT.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "| role | screen | admin | interface words | English words | English texts |",
        "|---|---|---|---:|---:|---|",
    ]
    for role, screen, language, total, english, found in rows:
        share = english / total if total else 0
        lines.append(
            f"| {role} | {screen} | {language} | {total} | {english} ({share:.1%}) | "
            + "; ".join(sorted(set(found)))[:300].replace("|", "/")
            + " |"
        )
        if share > LIMIT:
            failures.append(f"{role}, {screen} ({language}): {share:.1%} {sorted(set(found))}")
    REPORT.write_text("\n".join(lines) + "\n")
    assert all(total > 0 for *_, total, _e, _f in rows), "a screen with no interface text"
    assert not failures, "\n".join(failures)
