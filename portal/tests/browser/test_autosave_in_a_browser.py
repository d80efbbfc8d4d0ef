"""Editors in the real admin with autosave on: typing, waiting for the autosave, then saving and
submitting is never refused; two people on one page at once get the conflict, see what changed
and overwrite only when they confirm."""

import re

import pytest

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


def wait_for_autosave(page):
    form = page.locator("form[data-edit-form]")
    form.locator("[name=lead]").press("End")
    # Wagtail's autosave indicator says "saved" (the page's CSP allows no evaluated script).
    page.locator("#w-autosave-indicator[data-w-autosave-state-value=saved]").wait_for(
        state="attached", timeout=15000
    )


def footer_button(page, name):
    """A button of the footer's action menu, opening its dropdown when it is there."""
    button = page.locator(f"footer button[name={name}]")
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    return button


def test_an_editor_saves_and_submits_after_autosave(people, portal_url):
    editor = people("redaktore")
    open_release(editor, portal_url, "Arhīva ziņa 3")
    editor.locator("[name=lead]").fill("Rediģēts ievads, ko saglabāja automātiski.")
    wait_for_autosave(editor)
    footer_button(editor, "action-save").click()
    editor.wait_for_load_state()
    assert not REFUSED.search(editor.content())
    assert "Rediģēts ievads" in editor.locator("[name=lead]").input_value()
    # Type again, autosave again, and submit for approval.
    editor.locator("[name=lead]").fill("Otrreiz rediģēts ievads.")
    wait_for_autosave(editor)
    footer_button(editor, "action-submit").click()
    editor.wait_for_load_state()
    assert not REFUSED.search(editor.content())
    assert (
        "/admin/pages/" in editor.url
        and "/edit/" not in editor.url
        or ("Otrreiz" in editor.content())
    )


def test_a_new_release_is_saved_after_its_first_autosave(people, portal_url):
    editor = people("redaktore")
    editor.goto(portal_url + "/admin/pages/search/?q=Jaunumi")
    editor.goto(portal_url + "/admin/pages/")
    news = editor.request.get(portal_url + "/admin/pages/search/?q=Jaunumi").text()
    index_id = re.search(r"/admin/pages/(\d+)/edit/[^>]*>\s*Jaunumi", news)
    assert index_id, "the news index is in the search"
    editor.goto(f"{portal_url}/admin/pages/add/news/pressreleasepage/{index_id.group(1)}/")
    editor.locator("#id_title").fill("Pārlūkā rakstīta relīze")
    editor.locator("[name=lead]").fill("Ievads.")
    wait_for_autosave(editor)
    footer_button(editor, "action-save").click()
    editor.wait_for_load_state()
    assert not REFUSED.search(editor.content())
    assert "/edit/" in editor.url


def test_two_editors_on_one_release(people, portal_url):
    first, second = people("redaktore"), people("redaktors")
    for page in (first, second):
        open_release(page, portal_url, "Arhīva ziņa 5")
    first.locator("[name=lead]").fill("Pirmās redaktores versija.")
    wait_for_autosave(first)
    # The second editor's autosave is refused (Wagtail), and so is his Save (ours).
    second.locator("[name=lead]").fill("Otrā redaktora versija.")
    footer_button(second, "action-save").click()
    second.wait_for_load_state()
    assert REFUSED.search(second.content())
    assert second.locator("[name=lead]").input_value() == "Otrā redaktora versija."
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
    assert second.locator("[name=lead]").input_value() == "Otrā redaktora versija."
