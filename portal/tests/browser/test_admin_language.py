"""The admin in Latvian and in Polish, as each role sees it (issue 15): every screen they use,
with content in it (a draft in moderation, a comment, a translation waiting for work), and how
much of its interface text is still the English message id. At most 1 % of its words may be.

The table of every screen is written to test-artifacts/admin-language.md (the README shows it).
"""

import os
from pathlib import Path

import pytest

from portal.tests.browser.conftest import (
    BASE_DIR,
    SHARED_ADMIN_SCREENS,
    SIGNED_OUT_SCREENS,
    sign_in,
)
from portal.tests.browser.interface_text import VISIBLE_TEXTS, measure

pytestmark = pytest.mark.browser

LIMIT = 0.01
REPORT = Path(
    os.environ.get("ADMIN_LANGUAGE_REPORT", BASE_DIR / "test-artifacts" / "admin-language.md")
)

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
    "redaktors": SHARED_ADMIN_SCREENS + SOURCE_SIDE,
    "moderatore": [
        ("dashboard", "/admin/"),
        ("release edit form", "{release}"),
        ("workflow history", "{workflow_history}"),
        ("sync translations form", "{sync}"),
        ("aging pages report", "/admin/reports/aging-pages/"),
    ],
    "tlumacz": SHARED_ADMIN_SCREENS + TRANSLATION_SIDE,
    "recenzent": [("dashboard", "/admin/"), *TRANSLATION_SIDE],
}
ROLES = {
    "redaktors": "editor",
    "moderatore": "moderator",
    "tlumacz": "Polish translator",
    "recenzent": "Polish reviewer",
}
BROWSER_LOCALES = {"lv": "lv-LV", "pl": "pl-PL"}


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


def test_every_screen_of_every_role_is_in_the_admin_language(browser, admin_portal):
    portal_url, urls = admin_portal
    rows, failures = [], []
    for language, browser_locale in BROWSER_LOCALES.items():
        # Before signing in: the sign-in and password reset screens.
        context = browser.new_context(locale=browser_locale)
        page = context.new_page()
        for screen, path in SIGNED_OUT_SCREENS:
            page.goto(portal_url + path)
            rows.append(("anyone", screen, language, *measure(texts_of(page), language)))
        sign_in(page, portal_url, "redaktors", "wrong")
        rows.append(("anyone", "sign-in error", language, *measure(texts_of(page), language)))
        context.close()

        for username, screens in SCREENS.items():
            context = browser.new_context(
                viewport={"width": 1280, "height": 1000}, locale=browser_locale
            )
            page = context.new_page()
            sign_in(page, portal_url, username)
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
