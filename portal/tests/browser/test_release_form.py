"""The new release form in Chromium: the event's place is as wide as the country beside it in
every admin language, and autosave leaves no draft for a release that never got past its title
(portal/editorial/editor_menus.py, static/css/admin/editor.css)."""

import re
import time

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(browser, portal_url, request):
    """An editor (portal/tests/browser/conftest.py) in Chromium, asking for the admin in
    `request.param` (the browser's Accept-Language: he has set no language of his own)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, locale=getattr(request, "param", "lv-LV")
    )
    page = context.new_page()
    page.goto(portal_url + "/admin/login/")
    page.fill("#id_username", "redaktors")
    page.fill("#id_password", "Redaktors-2026-parole")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    yield page
    context.close()


def new_release_form(page, portal_url):
    news = page.request.get(portal_url + "/api/v2/pages/?type=news.NewsIndexPage&locale=lv")
    [index] = news.json()["items"]
    page.goto(f"{portal_url}/admin/pages/add/news/pressreleasepage/{index['id']}/")
    page.wait_for_load_state("networkidle")
    return index["id"]


@pytest.mark.parametrize("editor", ["lv-LV", "pl-PL", "en-GB"], indirect=True)
def test_the_event_place_is_as_wide_as_the_country_beside_it(editor, portal_url):
    new_release_form(editor, portal_url)
    place = editor.locator("[name=event_place]").bounding_box()
    country = editor.locator("[name=event_country]").bounding_box()
    # In Latvian the country list's longest name took the row: the place was 80 px wide.
    assert place["width"] >= 0.9 * country["width"], (place, country)
    assert place["width"] >= 300, place
    # Side by side, their boxes on one line.
    assert abs(place["y"] + place["height"] - country["y"] - country["height"]) < 4


def latest_drafts(page, portal_url, index_id):
    """The news index's pages in the admin, the latest edited first (drafts included)."""
    return page.request.get(
        f"{portal_url}/admin/pages/{index_id}/?ordering=-latest_revision_created_at"
    ).text()


def autosave_state(page):
    return page.locator("#w-autosave-indicator").get_attribute("data-w-autosave-state-value")


def test_autosave_waits_for_more_than_a_title(editor, portal_url):
    index_id = new_release_form(editor, portal_url)
    # Wagtail notes the form's first state two seconds after loading; edits count from there.
    editor.wait_for_timeout(2500)
    title = f"Pamests mēģinājums {time.time_ns()}"
    editor.locator("#id_title").fill(title)
    editor.locator("#id_title").press("Tab")
    # The autosave is refused: "Autosave is paused", with why, and nothing is saved.
    editor.locator("#w-autosave-indicator[data-w-autosave-state-value=paused]").wait_for(
        state="attached", timeout=15000
    )
    footer = editor.locator("footer [data-w-messages-target=container]")
    assert re.search("vairāk nekā virsraksts|more than a title", footer.inner_text())
    assert "/add/" in editor.url
    assert title not in latest_drafts(editor, portal_url, index_id)

    # With a lead the draft is saved, and the editor goes on in it.
    editor.locator("[name=lead]").fill("Ievads, kas ir vērts saglabāt.")
    editor.locator("[name=lead]").press("Tab")
    editor.locator("#w-autosave-indicator[data-w-autosave-state-value=saved]").wait_for(
        state="attached", timeout=15000
    )
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15000)
    assert autosave_state(editor) == "saved"
    assert title in latest_drafts(editor, portal_url, index_id)
