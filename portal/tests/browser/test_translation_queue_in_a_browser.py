"""The translator's and reviewer's day in the real admin (in Polish): a moderator publishes a
change to the Latvian release; the Polish translator finds it on her dashboard, sees what
changed beside her earlier translation, edits it and marks it ready; the Polish reviewer finds
it waiting for review. Screenshots for the README go to docs/screenshots/."""

import re
from pathlib import Path

import pytest

from portal.tests.browser.conftest import BASE_DIR
from portal.tests.browser.test_admin_in_a_browser import log_in
from portal.tests.browser.test_autosave_in_a_browser import (
    footer_button,
    password,
    type_into,
    wait_until_watched,
)

pytestmark = pytest.mark.browser

DOCS = Path(BASE_DIR) / "docs" / "screenshots"
LATVIAN_TITLE = "Vizīte uz Krakovu uzņēmējdarbības veicināšanai"
POLISH_LEAD = "Przez trzy dni w grudniu przedsiębiorcy z Łatgalii odwiedzą Kraków."


def count(page, part):
    return int(page.locator(f"[data-translation-queue] [data-count={part}]").first.inner_text())


def test_a_latvian_change_reaches_the_polish_translator_and_then_the_reviewer(browser, portal_url):
    DOCS.mkdir(parents=True, exist_ok=True)
    contexts = []
    try:
        # The moderator changes the Latvian lead and publishes.
        context, moderator = log_in(
            browser, portal_url, "moderatore", password("moderatore"), "lv-LV"
        )
        contexts.append(context)
        moderator.goto(portal_url + "/admin/pages/search/?q=Krakovu")
        moderator.get_by_role("link", name=re.compile(LATVIAN_TITLE)).first.click()
        moderator.wait_for_load_state()
        wait_until_watched(moderator)
        # One date changes, as in a real correction: "2." becomes "3.".
        lead = moderator.locator("[name=lead]").input_value()
        changed_lead = lead.replace("2.", "3.", 1)
        assert changed_lead != lead
        type_into(moderator, "[name=lead]", changed_lead)
        footer_button(moderator, "action-publish").click()
        moderator.wait_for_load_state()
        public = moderator.request.get(
            portal_url + "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/"
        )
        assert changed_lead in public.text()

        # The Polish translator's dashboard, in Polish.
        context, translator = log_in(browser, portal_url, "tlumacz", "Tlumacz-2026-haslo", "pl-PL")
        contexts.append(context)
        translator.goto(portal_url + "/admin/")
        queue = translator.locator("[data-translation-queue]")
        assert queue.is_visible()
        assert translator.locator("html").get_attribute("lang") == "pl"
        assert count(translator, "out_of_date") >= 1
        queue.screenshot(path=str(DOCS / "work-queue-translator.png"))

        # What changed, beside the earlier Polish lead; she edits it instead of retyping.
        translator.locator("[data-part=out_of_date] a[href*='/translation-queue/']").first.click()
        translator.wait_for_load_state()
        assert translator.locator(".translation-changes__diff ins").count() >= 1
        textarea = translator.locator("textarea[name=value]").first
        assert textarea.input_value().strip()  # the earlier translation, to start from
        translator.screenshot(path=str(DOCS / "translation-changes.png"), full_page=True)
        textarea.fill(POLISH_LEAD)
        translator.locator(".translation-changes form button[type=submit]").first.click()
        translator.wait_for_load_state()

        # Ready for review: the button on her dashboard.
        translator.goto(portal_url + "/admin/")
        translator.locator("[data-part=out_of_date] form[action*='/ready/'] button").first.click()
        translator.wait_for_load_state()
        assert count(translator, "ready_for_review") >= 1
        public = translator.request.get(
            portal_url + "/pl/aktualnosci/wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci/"
        )
        assert POLISH_LEAD not in public.text()  # not live before the review

        # The Polish reviewer finds it waiting for her.
        context, reviewer = log_in(
            browser, portal_url, "recenzent", "Recenzent-2026-haslo", "pl-PL"
        )
        contexts.append(context)
        reviewer.goto(portal_url + "/admin/")
        assert count(reviewer, "ready_for_review") >= 1
        reviewer.locator("[data-translation-queue]").screenshot(
            path=str(DOCS / "work-queue-reviewer.png")
        )
    finally:
        for context in contexts:
            context.close()
