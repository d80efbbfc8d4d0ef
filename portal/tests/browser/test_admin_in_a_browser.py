"""A Polish translator, in the real admin: revises the Polish release in wagtail-localize's
editor and publishes it, and is refused the Latvian source."""

import re

import pytest

pytestmark = pytest.mark.browser

POLISH_RELEASE = "/pl/aktualnosci/wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci/"
LATVIAN_RELEASE = "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/"
REVISED = "W dniach 2–4 grudnia przedsiębiorcy z Łatgalii odwiedzą Kraków."


@pytest.fixture
def translator(browser, portal_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(portal_url + "/admin/login/")
    page.fill("#id_username", "tlumacz")
    page.fill("#id_password", "Tlumacz-2026-haslo")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    yield page
    context.close()


def test_polish_translator_revises_and_publishes_the_polish_release(translator, portal_url):
    translator.goto(portal_url + "/admin/pages/search/?q=Wizyta")
    translator.get_by_role("link", name=re.compile("Wizyta w Krakowie")).first.click()
    translator.wait_for_load_state()
    assert "/edit/" in translator.url
    lead = translator.locator("li", has_text="W dniach od 2 do 4 grudnia").last
    lead.get_by_role("button", name="Edit").click()
    translator.locator("textarea").first.fill(REVISED)
    translator.get_by_role("button", name="Save").first.click()
    translator.wait_for_timeout(1000)
    translator.get_by_role("button", name="Publish in Polski").click()
    translator.wait_for_load_state()
    public = translator.request.get(portal_url + POLISH_RELEASE)
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
