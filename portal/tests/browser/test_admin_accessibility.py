"""The admin screens that editors, moderators, translators and reviewers use pass axe, in Latvian
and in Polish, with content in them and with their parts open: every collapsed panel, the side
panels, the block picker, each chooser, the moderation dialog, the translation editor with a
segment being edited (issue 16).

The table of every screen and state is written to test-artifacts/admin-accessibility.md (the
README shows it).
"""

import contextlib
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.tests.browser.conftest import (
    BASE_DIR,
    SHARED_ADMIN_SCREENS,
    SIGNED_OUT_SCREENS,
    sign_in,
)

pytestmark = pytest.mark.browser

REPORT = Path(
    os.environ.get(
        "ADMIN_ACCESSIBILITY_REPORT", BASE_DIR / "test-artifacts" / "admin-accessibility.md"
    )
)
BROWSER_LOCALES = {"lv": "lv-LV", "pl": "pl-PL"}

SCREENS = {
    "redaktors": SHARED_ADMIN_SCREENS
    + [
        ("explorer", "{explorer}"),
        ("release edit form", "{release}"),
        ("new release form", "{new_release}"),
        ("release history", "{history}"),
        ("compare revisions", "{compare}"),
        ("workflow history", "{workflow_history}"),
        ("project edit form", "{project}"),
        ("organisation edit form", "{organisation}"),
        ("image edit form", "{image}"),
        ("images found", "/admin/images/?q=karte"),
        ("images upload", "/admin/images/multiple/add/"),
        ("documents upload", "/admin/documents/multiple/add/"),
        ("document edit form", "{document}"),
        ("topics", "/admin/snippets/news/topic/"),
        ("topic edit form", "{topic}"),
        ("embargo previews", "/admin/embargo_previews/"),
        ("embargo preview form", "/admin/embargo_previews/new/"),
    ],
    "moderatore": [
        ("dashboard", "/admin/"),
        # The editor's states of this form are measured above; the moderator's own are these.
        (
            "release edit form",
            "{release}",
            {"every panel open", "status side panel", "action menu", "request changes dialog"},
        ),
        ("workflow history", "{workflow_history}"),
        ("sync translations form", "{sync}"),
    ],
    # The screens every role shares are measured once, for the editor; the translator's
    # dashboard has her work queue.
    "tlumacz": [
        ("dashboard", "/admin/"),
        ("account settings", "/admin/account/"),
        ("Polish explorer", "{polish_explorer}"),
        ("translation editor", "{translation}"),
        ("translation editor of a topic", "{topic_translation}"),
        ("what changed in the source", "{changes}"),
        ("translation history", "{polish_history}"),
    ],
    "recenzent": [
        ("dashboard", "/admin/"),
        ("translation editor", "{translation}"),
        ("translation history", "{polish_history}"),
    ],
}
ROLES = {
    "redaktors": "editor",
    "moderatore": "moderator",
    "tlumacz": "Polish translator",
    "recenzent": "Polish reviewer",
}


def axe(page):
    """The violations axe finds on what the page shows now, as (rule, impact, nodes, targets)."""
    results = Axe().run(page)
    return [
        (
            violation["id"],
            violation["impact"],
            len(violation["nodes"]),
            [" ".join(map(str, node["target"])) for node in violation["nodes"]][:3],
        )
        for violation in results.response["violations"]
    ]


def settle(page, milliseconds=300):
    page.wait_for_timeout(milliseconds)  # transitions and Wagtail's messages fade in


def press(page, locator):
    locator.focus()
    page.keyboard.press("Enter")


def open_every_panel(page):
    """Expand every collapsed panel of an edit form (a form 'with every panel open')."""
    for _round in range(3):
        toggles = page.locator("[data-panel-toggle][aria-expanded=false]:visible")
        if not toggles.count():
            return
        for index in reversed(range(toggles.count())):
            press(page, toggles.nth(index))
    settle(page)


def edit_form_states(page):
    """An edit form as its user works in it: yields the name of each state once it shows."""
    open_every_panel(page)
    yield "every panel open"
    toggles = page.locator("[data-side-panel-toggle]:visible")
    for index in range(toggles.count()):
        toggle = toggles.nth(index)
        name = toggle.get_attribute("data-side-panel-toggle")
        press(page, toggle)
        settle(page, 600)
        yield f"{name} side panel"
        page.keyboard.press("Escape")
        press(page, toggle)
        settle(page)
    add_block = page.locator(".c-sf-add-button:visible")
    if add_block.count():
        press(page, add_block.first)
        settle(page)
        yield "block picker"
        page.keyboard.press("Escape")
        settle(page)
    for address in chooser_addresses(page):
        open_chooser(page, address)
        yield f"chooser {address}"
        search = page.locator(".modal input[name=q]")
        if search.count():
            search.focus()
            page.keyboard.type("Lat")
            page.wait_for_selector(".modal [role=alert]", timeout=10000)
            settle(page, 600)
            yield f"chooser {address}, searched"
        page.keyboard.press("Escape")
        settle(page)
    comment = page.locator(".w-field__comment-button--add:visible")
    if comment.count():
        press(page, comment.first)
        page.wait_for_selector(".comment__input")
        settle(page, 800)  # the button's tooltip fades out
        yield "a comment being written"
        page.keyboard.press("Escape")
    footer_menu = page.locator("footer .w-dropdown__toggle:visible")
    if footer_menu.count():
        press(page, footer_menu.first)
        settle(page)
        yield "action menu"
        # A moderator's "request changes": the dialog that asks for a comment.
        reject = page.locator("footer [data-workflow-action-name=reject]")
        if reject.count():
            press(page, reject.first)
            page.wait_for_selector(".modal-content .modal-body form", timeout=10000)
            settle(page, 600)
            yield "request changes dialog"
        page.keyboard.press("Escape")


def chooser_addresses(page):
    """The address of each kind of chooser the form shows (page, project, image, document)."""
    return list(
        dict.fromkeys(
            page.locator(".chooser[data-chooser-url]:visible").evaluate_all(
                "choosers => choosers.map(chooser => chooser.dataset.chooserUrl)"
            )
        )
    )


def open_chooser(page, address):
    """Open the first chooser for `address` from the keyboard: its "Choose" button, or, once
    something is chosen, "Choose another" from its menu."""
    chooser = page.locator(f'.chooser[data-chooser-url="{address}"]:visible').first
    if "blank" in chooser.get_attribute("class"):
        press(page, chooser.locator(".unchosen [data-chooser-action-choose]"))
    else:
        press(page, chooser.locator(".w-dropdown__toggle"))
        settle(page)
        press(page, chooser.locator(".chosen [data-chooser-action-choose]"))
    page.wait_for_selector(".modal-content .modal-body h1", timeout=10000)
    settle(page, 600)


def translation_editor_states(page):
    yield "as loaded"
    edit = page.locator(".js-translation-editor [role=tabpanel] li button:visible")
    if edit.count():
        press(page, edit.first)
        page.wait_for_selector(".js-translation-editor textarea")
        settle(page)
        yield "a segment being edited"


def states(page, screen):
    if screen.startswith("translation editor"):
        return translation_editor_states(page)
    if screen.endswith("edit form") or screen == "new release form":
        return edit_form_states(page)
    return iter(["as loaded"])


def signed_in(browser, portal_url, username, browser_locale):
    """A browser of `username`'s own, signed in to the admin: its context and page."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale=browser_locale)
    page = context.new_page()
    sign_in(page, portal_url, username)
    return context, page


@contextlib.contextmanager
def viewing(browser, portal_url, username, address):
    """`username` has the screen at `address` open in a browser of their own meanwhile."""
    context, page = signed_in(browser, portal_url, username, "lv-LV")
    page.goto(portal_url + address)
    page.wait_for_load_state("networkidle")
    try:
        yield page
    finally:
        context.close()


def test_every_admin_screen_of_every_role_passes_axe(browser, admin_portal):
    portal_url, urls = admin_portal
    rows = []
    for language, browser_locale in BROWSER_LOCALES.items():
        context = browser.new_context(locale=browser_locale)
        page = context.new_page()
        for screen, path in SIGNED_OUT_SCREENS:
            page.goto(portal_url + path)
            rows.append(("anyone", screen, "as loaded", language, axe(page)))
        sign_in(page, portal_url, "redaktors", "wrong")
        settle(page, 800)
        rows.append(("anyone", "sign-in", "wrong password", language, axe(page)))
        page.goto(portal_url + "/admin/password_reset/")
        page.fill("input[name=email]", "redaktors@example.org")
        page.click("button[type=submit]")
        page.wait_for_url("**/password_reset/done/")
        rows.append(("anyone", "password reset", "asked for", language, axe(page)))
        context.close()

        for username, screens in SCREENS.items():
            context, page = signed_in(browser, portal_url, username, browser_locale)
            for screen, path, *kept in screens:
                address = path.format(**urls)
                with contextlib.ExitStack() as others:
                    if (username, screen) == ("moderatore", "release edit form"):
                        # Two people on one page: the editor has it open too.
                        others.enter_context(viewing(browser, portal_url, "redaktors", address))
                    response = page.goto(portal_url + address)
                    assert response.status == 200, (username, screen, address, response.status)
                    page.wait_for_load_state("networkidle")
                    settle(page, 600)
                    for state in states(page, screen):
                        if not kept or state in kept[0]:
                            rows.append((ROLES[username], screen, state, language, axe(page)))
            context.close()

    REPORT.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "| role | screen | state | admin | violations (nodes) |",
        "|---|---|---|---|---|",
    ]
    failures = []
    for role, screen, state, language, violations in rows:
        found = "; ".join(f"{rule} {impact} ({nodes})" for rule, impact, nodes, _t in violations)
        lines.append(f"| {role} | {screen} | {state} | {language} | {found or 'none'} |")
        if violations:
            failures.append(f"{role}, {screen}, {state} ({language}): {violations}")
    REPORT.write_text("\n".join(lines) + "\n")
    assert len(rows) > 120
    assert not failures, "\n".join(failures)
