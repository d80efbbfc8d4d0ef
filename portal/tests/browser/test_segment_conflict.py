"""Two people on one text of the Polish release, each in their own browser: the reviewer saves
it first; the translator, whose editor was opened before that, is told that her save was
refused and why, and her text stays on her screen; after reloading she sees the reviewer's
text and saves hers over it."""

import re

import pytest
from django.utils import translation as languages
from playwright.sync_api import expect

from portal.editorial.segment_edits import NOT_SAVED_MESSAGE
from portal.tests.browser.test_admin_in_a_browser import log_in

pytestmark = pytest.mark.browser

# The Latvian text of the paragraph both translate (other browser tests revise the lead).
SOURCE = "Vizīte tiek organizēta ar mērķi popularizēt"
REVIEWERS_TEXT = "Wizyta ma promować produkty z Łatgalii (wersja recenzenta)."
TRANSLATORS_TEXT = "Wizyta ma promować wyroby z Łatgalii (wersja tłumaczki)."


def sign_in(browser, portal_url, username, secret):
    # The admin follows the browser's language: English here.
    return log_in(browser, portal_url, username, secret, locale="en-GB")


@pytest.fixture
def translator(browser, portal_url):
    context, page = sign_in(browser, portal_url, "tlumacz", "Tlumacz-2026-haslo")
    yield page
    context.close()


@pytest.fixture
def reviewer(browser, portal_url):
    context, page = sign_in(browser, portal_url, "recenzent", "Recenzent-2026-haslo")
    yield page
    context.close()


def open_the_polish_release(page, portal_url):
    page.goto(portal_url + "/admin/pages/search/?q=Wizyta")
    page.get_by_role("link", name=re.compile("Wizyta w Krakowie")).first.click()
    page.wait_for_load_state()
    assert "/edit/" in page.url


def paragraph(page):
    """The paragraph's row in wagtail-localize's editor: the source, its translation, buttons."""
    return page.locator("li", has_text=SOURCE).last


def save(page, text):
    row = paragraph(page)
    row.get_by_role("button", name="Edit").click()
    row.locator("textarea").fill(text)
    row.get_by_role("button", name="Save").click()
    expect(row).not_to_contain_text("Saving")


def test_the_second_save_of_a_text_is_refused_with_a_message_and_kept_on_screen(
    translator, reviewer, portal_url, screenshots
):
    with languages.override("en"):
        message = str(NOT_SAVED_MESSAGE % {"name": "recenzent"})
    open_the_polish_release(translator, portal_url)
    open_the_polish_release(reviewer, portal_url)
    save(reviewer, REVIEWERS_TEXT)
    expect(paragraph(reviewer)).to_contain_text(REVIEWERS_TEXT)

    save(translator, TRANSLATORS_TEXT)

    row = paragraph(translator)
    expect(row).to_contain_text(message)
    expect(row).to_contain_text(TRANSLATORS_TEXT)  # her text, still on her screen
    expect(row).to_have_class(re.compile("errored"))
    expect(translator.locator(".messages")).to_contain_text(message)
    translator.screenshot(path=str(screenshots / "segment-conflict.png"), full_page=True)
    # Nothing was saved: the reviewer's text stands.
    reviewer.reload()
    expect(paragraph(reviewer)).to_contain_text(REVIEWERS_TEXT)

    # Reloaded, she sees the reviewer's text, and may replace it.
    translator.reload()
    expect(paragraph(translator)).to_contain_text(REVIEWERS_TEXT)
    save(translator, TRANSLATORS_TEXT)
    expect(paragraph(translator)).not_to_contain_text(message)
    translator.reload()
    expect(paragraph(translator)).to_contain_text(TRANSLATORS_TEXT)
    # Both texts, and the one refused, are in the page's History.
    translator.goto(translator.url.replace("/edit/", "/history/"))
    history = translator.locator("main")
    expect(history).to_contain_text(REVIEWERS_TEXT)
    expect(history).to_contain_text(TRANSLATORS_TEXT)
    expect(history).to_contain_text("Not saved, as recenzent had changed it")
