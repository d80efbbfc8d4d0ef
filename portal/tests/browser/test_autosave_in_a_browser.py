"""Editors in the real admin with autosave on: typing, waiting for the autosave, then saving and
submitting is never refused, even while an autosave is on its way; two people on one page at
once get the conflict, see what changed and overwrite only when they confirm."""

import re

import pytest
from playwright.sync_api import expect

from portal.tests.browser.test_admin_in_a_browser import log_in

pytestmark = pytest.mark.browser

REFUSED = re.compile("saglabāja šo lapu pēc tam|saved this page after you opened it")


def password(name):
    return f"{name.title()}-2026-parole"


@pytest.fixture
def people(browser, portal_url):
    contexts = []

    def sign_in(name):
        context, page = log_in(browser, portal_url, name, password(name))
        contexts.append(context)
        return page

    yield sign_in
    for context in contexts:
        context.close()


def open_release(page, portal_url, title):
    page.goto(portal_url + "/admin/pages/search/?q=" + title.split()[0])
    page.get_by_role("link", name=re.compile(title)).first.click()
    page.wait_for_load_state()
    assert "/edit/" in page.url
    wait_until_watched(page)


def wait_until_watched(page):
    """Wagtail starts watching the form for changes (and so autosaving) 2 s after it loads; a
    person takes longer than that to start typing."""
    page.wait_for_timeout(2500)


def type_into(page, selector, text):
    """As a person types: Wagtail notices changes on key presses, not on a scripted fill."""
    page.locator(selector).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def is_autosave(response):
    return (
        response.request.method == "POST"
        and "/admin/pages/" in response.url
        and "json" in response.headers.get("content-type", "")
    )


def type_and_autosave(page, selector, text):
    """Types, and waits until Wagtail's autosave has saved it."""
    with page.expect_response(is_autosave, timeout=15000) as autosave:
        type_into(page, selector, text)
    result = autosave.value.json()
    assert result["success"], result
    # Wagtail's indicator says "saved" once the answer is handled.
    page.locator("#w-autosave-indicator[data-w-autosave-state-value=saved]").wait_for(
        state="attached", timeout=5000
    )


def footer_button(page, name):
    """A button of the footer's action menu, opening its dropdown when it is there."""
    # "Save draft" is the button with the class, the others have the name.
    button = page.locator(f"footer button[name={name}], footer button.{name}").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    return button


def test_an_editor_saves_and_submits_after_autosave(people, portal_url):
    editor = people("redaktore")
    open_release(editor, portal_url, "Arhīva ziņa 3")
    type_and_autosave(editor, "#id_title", "Arhīva ziņa 3, labota automātiski")
    footer_button(editor, "action-save").click()
    editor.wait_for_load_state()
    assert not REFUSED.search(editor.content())
    assert "labota automātiski" in editor.locator("#id_title").input_value()
    wait_until_watched(editor)
    # Type again, autosave again, and submit for approval.
    type_and_autosave(editor, "#id_title", "Arhīva ziņa 3, iesniegta")
    footer_button(editor, "action-submit").click()
    editor.wait_for_load_state()
    assert not REFUSED.search(editor.content())
    # Submitted: Wagtail leaves the editor for the list, saying what was submitted.
    assert "/edit/" not in editor.url
    assert "Arhīva ziņa 3, iesniegta" in editor.content()


def test_a_save_pressed_while_an_autosave_is_on_its_way_is_not_refused(people, portal_url):
    # The autosave reaches the server, and its answer is held back: a quick editor presses
    # "Save draft" before the form has heard of the revision the autosave made.
    editor = people("redaktore")
    open_release(editor, portal_url, "Arhīva ziņa 9")
    held = []

    def hold_the_answer(route):
        held.append((route, route.fetch()))

    editor.route(
        re.compile(r"/admin/pages/\d+/edit/$"),
        lambda route: (
            hold_the_answer(route)
            if "json" in (route.request.headers.get("accept") or "")
            else route.continue_()
        ),
    )
    type_into(editor, "#id_title", "Arhīva ziņa 9, saglabāta steigā")
    for _wait in range(100):
        if held:
            break
        editor.wait_for_timeout(100)
    assert held, "no autosave"
    footer_button(editor, "action-save").click()
    editor.wait_for_timeout(500)
    route, answer = held[0]
    route.fulfill(response=answer)
    expect(editor.locator(".messages")).not_to_be_empty(timeout=15000)
    assert not REFUSED.search(editor.content())
    editor.reload()
    assert editor.locator("#id_title").input_value() == "Arhīva ziņa 9, saglabāta steigā"


def test_a_new_release_is_saved_after_its_first_autosave(people, portal_url):
    editor = people("redaktore")
    # The news index's id, from the public page's admin link-free API.
    index = editor.request.get(portal_url + "/api/v2/pages/?type=news.NewsIndexPage&locale=lv")
    index_id = index.json()["items"][0]["id"]
    editor.goto(f"{portal_url}/admin/pages/add/news/pressreleasepage/{index_id}/")
    wait_until_watched(editor)
    type_into(editor, "[name=lead]", "Ievads.")
    type_and_autosave(editor, "#id_title", "Pārlūkā rakstīta relīze")
    # The second autosave rewrites the first revision (a new time on the same revision).
    type_and_autosave(editor, "[name=lead]", "Ievads, otrreiz.")
    footer_button(editor, "action-save").click()
    editor.wait_for_load_state()
    assert not REFUSED.search(editor.content())
    assert "/edit/" in editor.url


def test_two_editors_on_one_release(people, portal_url):
    first, second = people("redaktore"), people("redaktors")
    for page in (first, second):
        open_release(page, portal_url, "Arhīva ziņa 5")
    type_and_autosave(first, "#id_title", "Arhīva ziņa 5, pirmās versija")
    # The second editor's autosave is refused (Wagtail), and so is his Save (ours).
    type_into(second, "#id_title", "Arhīva ziņa 5, otrā versija")
    footer_button(second, "action-save").click()
    second.wait_for_load_state()
    assert REFUSED.search(second.content())
    assert second.locator("#id_title").input_value() == "Arhīva ziņa 5, otrā versija"
    compare = second.locator("[data-save-conflict] a").get_attribute("href")
    assert "/revisions/compare/" in compare
    # Saving again without confirming is refused again; with the checkbox it overwrites.
    footer_button(second, "action-save").click()
    second.wait_for_load_state()
    assert REFUSED.search(second.content())
    second.locator("[data-save-conflict] input[type=checkbox]").check()
    footer_button(second, "action-save").click()
    second.wait_for_load_state()
    assert not REFUSED.search(second.content())
    second.reload()
    assert second.locator("#id_title").input_value() == "Arhīva ziņa 5, otrā versija"
