"""Every page type in every language, in headless Chromium: axe finds nothing, and the things
a reader does (switch language, filter, page through, follow a feed) work."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "lv": {
        "home": "/lv/",
        "news": "/lv/jaunumi/",
        "release": "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/",
        "projects": "/lv/projekti/",
        "project": "/lv/projekti/regionalas-politikas-aktivitasu-istenosana-latvija/",
        "partners": "/lv/partneri/",
        "partner": "/lv/partneri/latgales-planosanas-regions/",
        "not-found": "/lv/nav-tadas-lapas/",
        "search": "/lv/search/?q=Rezekne",
        "statement": "/lv/pieklustamibas-pazinojums/",
    },
    "en": {
        "home": "/en/",
        "news": "/en/news/",
        "release": "/en/news/visit-to-krakow-to-promote-business/",
        "projects": "/en/projects/",
        "project": "/en/projects/implementation-of-regional-policy-activities-in-latvia/",
        "partners": "/en/partners/",
        "partner": "/en/partners/latgale-planning-region/",
        "not-found": "/en/no-such-page/",
        "search": "/en/search/?q=krakow",
        "statement": "/en/accessibility-statement/",
    },
    "pl": {
        "home": "/pl/",
        "news": "/pl/aktualnosci/",
        "release": "/pl/aktualnosci/wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci/",
        "projects": "/pl/projekty/",
        "project": "/pl/projekty/realizacja-dzialan-polityki-regionalnej-na-lotwie/",
        "partners": "/pl/partnerzy/",
        "partner": "/pl/partnerzy/region-planowania-latgalii/",
        "not-found": "/pl/nie-ma-takiej-strony/",
        "search": "/pl/search/?q=Krakow",
        "statement": "/pl/deklaracja-dostepnosci/",
    },
}
WIDTHS = {"phone": 320, "desktop": 1280}
PROJECT_SLUG = "implementation-of-regional-policy-activities-in-latvia"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", PAGES)
@pytest.mark.parametrize("kind", PAGES["lv"])
def test_page_passes_axe_in_each_language_at_each_width(
    page, portal_url, screenshots, language, kind
):
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(portal_url + PAGES[language][kind])
        assert response.status == (404 if kind == "not-found" else 200)
        assert page.locator("html").get_attribute("lang") == language
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.screenshot(path=screenshots / f"{language}-{kind}-{width_name}.png", full_page=True)


def test_an_outdated_translation_says_so_in_a_note_that_passes_axe(page, portal_url):
    # conftest.py re-extracts the Latvian source of this partner after its English page.
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(portal_url + PAGES["en"]["partner"])
        note = page.get_by_role("note")
        assert "The Latvian original was updated on" in note.inner_text()
        link = note.get_by_role("link", name="Read the Latvian original")
        assert link.get_attribute("hreflang") == "lv"
        assert link.get_attribute("href") == PAGES["lv"]["partner"]
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    page.goto(portal_url + PAGES["pl"]["partner"])  # published again since: up to date
    assert page.get_by_role("note").count() == 0


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page, portal_url):
    page.goto(portal_url + PAGES["en"]["release"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_alone_reaches_the_menu_and_switches_language(page, portal_url):
    page.goto(portal_url + PAGES["lv"]["release"])
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        if reached[-1] == "English":
            break
    assert "Jaunumi" in reached  # the main menu comes before the switcher
    page.keyboard.press("Enter")
    page.wait_for_url(portal_url + PAGES["en"]["release"])
    assert page.locator("html").get_attribute("lang") == "en"


def test_language_switcher_leads_to_the_same_release_in_polish(page, portal_url):
    page.goto(portal_url + PAGES["en"]["release"])
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Polski").click()
    assert page.url == portal_url + PAGES["pl"]["release"]
    assert (
        page.locator("h1").inner_text()
        == "Wizyta w Krakowie na rzecz wspierania przedsiębiorczości"
    )


def test_news_index_filter_by_project_is_kept_in_the_url(page, portal_url):
    page.goto(portal_url + PAGES["en"]["news"])
    page.get_by_label("Project").select_option(value=PROJECT_SLUG)
    page.get_by_role("button", name="Show").click()
    assert f"project={PROJECT_SLUG}" in page.url
    assert page.get_by_role("link", name="Visit to Kraków to promote business").is_visible()


def test_search_from_the_header_keeps_the_query_and_finds_without_diacritics(page, portal_url):
    page.goto(portal_url + PAGES["lv"]["home"])
    page.get_by_role("search").first.get_by_label("Meklēt").fill("Rezekne")
    page.get_by_role("search").first.get_by_role("button", name="Meklēt").click()
    assert page.locator("#search-query").input_value() == "Rezekne"
    assert page.get_by_role("link", name="Rēzeknes uzņēmēju biedrība").is_visible()


def test_news_index_pages_through_older_releases(page, portal_url):
    page.goto(portal_url + PAGES["lv"]["news"])
    pages = page.get_by_role("navigation", name="Lapas")
    assert pages.get_by_text("1. lapa no 2").is_visible()
    pages.get_by_role("link", name="Vecākas").click()
    assert page.url.endswith("?page=2")
    assert page.get_by_role("link", name="Arhīva ziņa 1", exact=True).is_visible()
    assert not page.get_by_role(
        "link", name="Vizīte uz Krakovu uzņēmējdarbības veicināšanai"
    ).count()


def test_feed_link_serves_a_feed(page, portal_url):
    page.goto(portal_url + PAGES["pl"]["news"])
    href = page.get_by_role("link", name="RSS").get_attribute("href")
    response = page.request.get(portal_url + href)
    assert response.ok
    assert "Wizyta w Krakowie" in response.text()


def test_release_prints_without_navigation_and_with_link_addresses(page, portal_url):
    page.goto(portal_url + PAGES["lv"]["release"])
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('main .body a'), '::after').content"
    )
    assert "/lv/partneri/latgales-planosanas-regions/" in after
