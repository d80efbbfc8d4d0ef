"""In the real admin, the Polish translator is offered nothing on the Polish release but
translating it: no Delete, Convert to alias page, Move, Copy, Unpublish, privacy or Stop Synced
translation, in the page listing, the editor's header, its footer menu or its status panel. The
Polish reviewer, on the same screens, is offered Unpublish and Change privacy: the screens are
read right."""

import re

import pytest

from portal.tests.browser.test_admin_in_a_browser import log_in

pytestmark = pytest.mark.browser

REFUSED = {
    "Delete",
    "Convert to alias page",
    "Move",
    "Copy",
    "Unpublish",
    "Change privacy",
    "Stop Synced translation",
}
# The addresses of those actions, offered in a menu whether open or not.
REFUSED_ADDRESS = re.compile(r"/admin/pages/\d+/(delete|move|copy|unpublish)/|/convert_to_alias/")


def visible_controls(page):
    return {
        " ".join(control.inner_text().split())
        for control in page.locator("a:visible, button:visible").all()
    }


def controls_offered(page):
    """Every link and button the user can see, with each menu of the page opened in turn."""
    offered = visible_controls(page)
    for toggle in page.locator(
        "main .w-dropdown__toggle:visible, footer .w-dropdown__toggle:visible"
    ).all():
        toggle.click()
        page.wait_for_timeout(300)
        offered |= visible_controls(page)
        page.keyboard.press("Escape")
    return offered


def addresses(page):
    return [
        href
        for href in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        if REFUSED_ADDRESS.search(href)
    ]


def screens_of_the_polish_release(page, portal_url, name, screenshots):
    """What `page`'s user is offered in the page listing (search results) and the editor."""
    page.goto(portal_url + "/admin/pages/search/?q=Wizyta")
    listing = controls_offered(page)
    listing_addresses = addresses(page)
    page.get_by_role("link", name=re.compile("Wizyta w Krakowie")).first.click()
    page.wait_for_load_state()
    page.locator(".js-translation-editor footer").wait_for()
    page.get_by_role("button", name=re.compile("status", re.IGNORECASE)).first.click()
    editor = controls_offered(page)
    page.screenshot(path=screenshots / f"translation-editor-{name}.png")
    editor_addresses = addresses(page)
    privacy = page.locator('[data-a11y-dialog-show="set-privacy"]').count()
    return listing | editor, listing_addresses + editor_addresses, privacy


def test_the_polish_translator_sees_no_structural_action_on_the_polish_release(
    browser, portal_url, screenshots
):
    context, page = log_in(browser, portal_url, "tlumacz", "Tlumacz-2026-haslo")
    offered, refused_addresses, privacy = screens_of_the_polish_release(
        page, portal_url, "translator", screenshots
    )
    context.close()
    assert {"Edit", "Download PO file", "Preview"} <= offered  # the screens are there
    assert offered & REFUSED == set()
    assert refused_addresses == []
    assert privacy == 0

    # The reviewer, on the same screens, is offered what is theirs: they are read right.
    context, page = log_in(browser, portal_url, "recenzent", "Recenzent-2026-haslo")
    offered, _addresses, privacy = screens_of_the_polish_release(
        page, portal_url, "reviewer", screenshots
    )
    context.close()
    assert {"Unpublish", "Change privacy", "Publish in Polski"} <= offered
    assert privacy > 0
    assert offered & {"Delete", "Move", "Copy"} == set()
