"""The admin from the keyboard alone (issue 16): an editor signs in, opens a Latvian release,
changes its lead, chooses its project in the chooser and submits it for moderation; a Polish
translator opens the translation, edits a text and saves it. Nothing is clicked: every step is
reached with Tab and done with Enter or typing, and each element the keyboard stops on shows
that it has the focus."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RELEASE = "Arhīva ziņa 7"  # conftest.py's ARCHIVE: a Latvian release no other test changes
PROJECT = "Reģionālās politikas aktivitāšu īstenošana"
LEAD_ADDITION = " Papildināts no tastatūras."
PLACE = "Krakowie i okolicach"

# Whether the focused element shows it: an outline or a focus ring (box shadow) of its own, or
# of the box that draws its focus (a rich text editor's, a checkbox's label).
FOCUS_SHOWN = """() => {
    const shown = (element) => {
        const style = getComputedStyle(element);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none";
    };
    let element = document.activeElement;
    for (let depth = 0; element && depth < 3; depth += 1, element = element.parentElement) {
        if (shown(element)) return true;
    }
    return false;
}"""
DESCRIBE_FOCUS = """() => {
    const element = document.activeElement;
    return element.tagName + " " + (element.getAttribute("aria-label")
        || element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60)
        || element.getAttribute("name") || "");
}"""


# Whether an element is in the event place's segment of wagtail-localize's editor (the segment
# is the list item headed by its field's name).
IN_SEGMENT = """element => {
    for (let item = element.closest("li"); item; item = item.parentElement.closest("li")) {
        const heading = item.querySelector(":scope > h3");
        if (heading) return heading.textContent === "Miejsce wydarzenia";
    }
    return false;
}"""


class Keyboard:
    """One person's keyboard on one page; remembers every stop where focus was not shown."""

    def __init__(self, page):
        self.page = page
        self.unseen = []

    def tab_to(self, condition, limit=400, backwards=False):
        """Press Tab (or Shift+Tab) until `condition`, a JavaScript function of the focused
        element, holds; fail after `limit` presses."""
        key = "Shift+Tab" if backwards else "Tab"
        for _press in range(limit):
            self.page.keyboard.press(key)
            focused = self.page.evaluate("() => document.activeElement !== document.body")
            if focused and not self.page.evaluate(FOCUS_SHOWN):
                self.unseen.append(self.page.evaluate(DESCRIBE_FOCUS))
            if self.page.evaluate(f"() => ({condition})(document.activeElement)"):
                return
        pytest.fail(f"{condition} not reached in {limit} presses of {key}")

    def press(self, key):
        self.page.keyboard.press(key)

    def type(self, text):
        self.page.keyboard.type(text)


def fresh_page(browser, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    return context, context.new_page()


def sign_in_from_the_keyboard(keys, portal_url, username, password):
    keys.page.goto(portal_url + "/admin/login/")
    keys.tab_to("element => element.name === 'username'")
    keys.type(username)
    keys.tab_to("element => element.name === 'password'")
    keys.type(password)
    keys.press("Enter")
    keys.page.wait_for_url(re.compile(r"/admin/$"))


def test_an_editor_works_on_a_release_from_the_keyboard_alone(browser, portal_url, screenshots):
    context, page = fresh_page(browser, "lv-LV")
    keys = Keyboard(page)
    sign_in_from_the_keyboard(keys, portal_url, "redaktors", "Redaktors-2026-parole")

    # The admin's search, from the sidebar, finds the release; its title opens its edit form.
    keys.tab_to("element => element.name === 'q'")
    keys.type(RELEASE)
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/admin/pages/search/"))
    keys.tab_to(f"element => element.tagName === 'A' && element.textContent.trim() === '{RELEASE}'")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.wait_for_load_state("networkidle")
    edit_url = page.url

    keys.tab_to("element => element.id === 'id_lead'")
    keys.press("End")
    keys.type(LEAD_ADDITION)

    # The project: a new row of the projects panel, its chooser, the project in the dialog.
    keys.tab_to("element => element.matches('[id$=project_links-ADD]')")
    keys.press("Enter")
    keys.tab_to(
        "element => element.matches('[id*=project_links-] .unchosen [data-chooser-action-choose]')"
    )
    keys.press("Enter")
    page.wait_for_selector(".modal-content .modal-body h1")
    # The chooser's search box, then the project among what it finds.
    keys.tab_to("element => element.matches('.modal input[name=q]')")
    keys.type(PROJECT.split()[0])
    page.wait_for_selector(f".modal a:has-text('{PROJECT}')")
    keys.tab_to(
        f"element => element.tagName === 'A' && element.textContent.includes('{PROJECT}')"
        " && element.closest('.modal')"
    )
    keys.press("Enter")
    chosen = page.locator("[id*=project_links-] .chooser:not(.blank) [data-chooser-title]")
    expect(chosen.first).to_contain_text(PROJECT)
    expect(page.locator(".modal")).to_have_count(0)
    # The focus stays with the chooser (its menu), not back at the top of the page.
    for _wait in range(20):  # once the dialog has gone and the chosen project is drawn
        if page.evaluate("() => !!document.activeElement.closest('[id*=project_links-]')"):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail(f"focus went to {page.evaluate(DESCRIBE_FOCUS)}")

    # Submit for moderation: the footer's menu, then its item.
    keys.tab_to("element => element.matches('footer .w-dropdown__toggle')")
    keys.press("Enter")
    keys.tab_to("element => element.name === 'action-submit'")
    keys.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(RELEASE)
    page.screenshot(path=screenshots / "keyboard-editor-submitted.png", full_page=True)

    # Wagtail returns to the news list: the release is in moderation, with the new lead and the
    # project in the version submitted.
    row = page.locator("tr", has_text=RELEASE)
    expect(row).to_contain_text("MODERĒŠANĀ", ignore_case=True)
    page.goto(edit_url)
    assert page.locator("#id_lead").input_value().endswith(LEAD_ADDITION)
    expect(chosen.first).to_contain_text(PROJECT)
    context.close()
    assert not keys.unseen, f"focus not shown on {keys.unseen}"


def test_a_translator_edits_a_text_from_the_keyboard_alone(browser, portal_url, screenshots):
    context, page = fresh_page(browser, "pl-PL")
    keys = Keyboard(page)
    sign_in_from_the_keyboard(keys, portal_url, "tlumacz", "Tlumacz-2026-haslo")

    keys.tab_to("element => element.name === 'q'")
    keys.type("Wizyta")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/admin/pages/search/"))
    keys.tab_to("element => element.tagName === 'A' && element.textContent.includes('Wizyta w')")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.wait_for_load_state("networkidle")

    # The event's place: its "Edit" button, its text box, its "Save" button.
    place = page.locator(".js-translation-editor li", has_text="Miejsce wydarzenia").last
    keys.tab_to(f"element => element.tagName === 'BUTTON' && ({IN_SEGMENT})(element)")
    keys.press("Enter")
    if not page.evaluate("() => document.activeElement.tagName === 'TEXTAREA'"):
        keys.tab_to("element => element.tagName === 'TEXTAREA'", limit=5, backwards=True)
    keys.press("Control+A")
    keys.type(PLACE)
    keys.tab_to("element => element.tagName === 'BUTTON' && element.textContent === 'Zapisz'")
    keys.press("Enter")
    expect(place).to_contain_text(PLACE)
    expect(place.locator("textarea")).to_have_count(0)
    page.screenshot(path=screenshots / "keyboard-translator-saved.png", full_page=True)

    page.reload()
    expect(
        page.locator(".js-translation-editor li", has_text="Miejsce wydarzenia").last
    ).to_contain_text(PLACE)
    context.close()
    assert not keys.unseen, f"focus not shown on {keys.unseen}"


def test_a_focus_that_is_not_shown_is_noticed(browser, portal_url):
    # The journeys' check, on a sign-in form whose fields have lost their focus outline.
    context, page = fresh_page(browser, "lv-LV")
    page.goto(portal_url + "/admin/login/")
    page.evaluate(
        """() => document.querySelectorAll("input").forEach((input) => {
            input.style.setProperty("outline", "none", "important");
            input.style.setProperty("box-shadow", "none", "important");
        })"""
    )
    keys = Keyboard(page)
    keys.tab_to("element => element.name === 'password'")
    context.close()
    assert any(stop.startswith("INPUT") for stop in keys.unseen), keys.unseen
