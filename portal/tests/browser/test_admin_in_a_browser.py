"""In the real admin: a Polish translator revises the Polish release in wagtail-localize's
editor but may not publish it, a Polish reviewer revises and publishes it, and the translator is
refused the Latvian source."""

import re

import pytest

pytestmark = pytest.mark.browser

POLISH_RELEASE = "/pl/aktualnosci/wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci/"
LATVIAN_RELEASE = "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/"
REVISED = "W dniach 2–4 grudnia przedsiębiorcy z Łatgalii odwiedzą Kraków."


def log_in(browser, portal_url, username, password, locale=None):
    """A browser of its own, logged in to the admin; the admin follows the browser's
    language (`locale`, e.g. "pl-PL") for users who chose none."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale=locale)
    page = context.new_page()
    page.goto(portal_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return context, page


@pytest.fixture
def translator(browser, portal_url):
    context, page = log_in(browser, portal_url, "tlumacz", "Tlumacz-2026-haslo")
    yield page
    context.close()


@pytest.fixture
def reviewer(browser, portal_url):
    context, page = log_in(browser, portal_url, "recenzent", "Recenzent-2026-haslo")
    yield page
    context.close()


def revise_the_polish_lead(user, portal_url, text):
    user.goto(portal_url + "/admin/pages/search/?q=Wizyta")
    user.get_by_role("link", name=re.compile("Wizyta w Krakowie")).first.click()
    user.wait_for_load_state()
    assert "/edit/" in user.url
    # The lead as seeded, or as the translator left it (the tests share one portal).
    lead = user.locator(
        "li", has_text=re.compile("W dniach od 2 do 4 grudnia|Wersja tłumacza")
    ).last
    lead.get_by_role("button", name="Edit").click()
    user.locator("textarea").first.fill(text)
    user.get_by_role("button", name="Save").first.click()
    user.wait_for_timeout(1000)


def test_polish_translator_revises_but_may_not_publish(translator, portal_url):
    revise_the_polish_lead(translator, portal_url, "Wersja tłumacza do przeglądu.")
    translator.reload()
    assert "Wersja tłumacza do przeglądu." in translator.content()
    assert translator.get_by_role("button", name="Publish in Polski").count() == 0
    public = translator.request.get(portal_url + POLISH_RELEASE)
    assert "Wersja tłumacza do przeglądu." not in public.text()


def test_polish_reviewer_revises_and_publishes_the_polish_release(reviewer, portal_url):
    revise_the_polish_lead(reviewer, portal_url, REVISED)
    reviewer.get_by_role("button", name="Publish in Polski").click()
    reviewer.wait_for_load_state()
    public = reviewer.request.get(portal_url + POLISH_RELEASE)
    assert REVISED in public.text()


def test_polish_translator_cannot_open_the_latvian_source(translator, portal_url):
    translator.goto(portal_url + "/admin/pages/search/?q=Wizyta")
    translator.get_by_role("link", name=re.compile("Wizyta w Krakowie")).first.click()
    translator.wait_for_load_state()
    # The editor links to the Latvian source it translates; following it is refused.
    source_edit = translator.get_by_role("link", name="Latviešu").first.get_attribute("href")
    assert re.search(r"/admin/pages/\d+/edit/", source_edit)
    translator.goto(portal_url + source_edit)
    assert "/edit/" not in translator.url
    assert "permission" in translator.content()
