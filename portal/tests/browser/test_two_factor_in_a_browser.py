"""Two-factor sign-in in Chromium, on a portal of its own that requires it as production does:
an editor sets up an app from Account (reading the key off the page, as an app would take it
typed in), signs out, and signs in with the password and a code; a moderator is sent to set one
up and can reach nothing else. axe checks the set-up, recovery code and code pages."""

import time
from base64 import b32decode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP

from portal.tests.browser.conftest import served_portal
from portal.tests.browser.test_admin_in_a_browser import log_in

pytestmark = pytest.mark.browser

USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
for name, group in [("redaktore", "Editors"), ("moderatore", "Moderators")]:
    user = get_user_model().objects.create_user(name, password=f"{name.title()}-2026-parole")
    user.groups.add(Group.objects.get(name=group))
"""


@pytest.fixture(scope="module")
def two_factor_portal():
    """A portal with an empty site and two users, under the two-factor settings."""
    with served_portal("portal.tests.browser.two_factor_settings", USERS, load_seed=False) as url:
        yield url


class Phone:
    """The authenticator app: the code for now, or for the next time step when the code for
    now was used already (the portal takes each step's code once, and one step ahead)."""

    def __init__(self, key):
        self.key = b32decode(key.replace(" ", ""))
        self.last_step = -1

    def code(self):
        self.last_step = max(int(time.time()) // 30, self.last_step + 1)
        return self.code_at(self.last_step)

    def code_at(self, step):
        app = TOTP(self.key)
        app.time = step * 30
        return f"{app.token():06d}"

    def wrong_code(self):
        """A code the app shows at no time near now."""
        now = int(time.time()) // 30
        near = {self.code_at(step) for step in range(now - 2, now + 4)}
        return next(code for code in ("000000", "111111", "222222") if code not in near)


def assert_axe_passes(page):
    page.wait_for_timeout(800)  # Wagtail's messages fade in: checked once they have
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_editor_sets_up_an_app_and_then_signs_in_with_a_code(
    browser, two_factor_portal, screenshots
):
    context, page = log_in(browser, two_factor_portal, "redaktore", "Redaktore-2026-parole")
    page.goto(two_factor_portal + "/admin/account/")
    page.get_by_role("link", name="Set up an authenticator app").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Set up two-factor sign-in").is_visible()
    qr_code = page.get_by_role("img", name="QR code that adds your account")
    assert qr_code.get_attribute("src").startswith("data:image/svg+xml")
    assert qr_code.evaluate("image => image.naturalWidth") > 100  # drawn, CSP and all
    assert_axe_passes(page)
    page.screenshot(path=screenshots / "two-factor-set-up.png", full_page=True)

    phone = Phone(page.locator("#two-factor-key").inner_text())
    code_field = page.get_by_label("Code from the app")
    assert code_field.get_attribute("autocomplete") == "one-time-code"
    assert code_field.get_attribute("inputmode") == "numeric"
    code_field.fill(phone.code())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert_axe_passes(page)
    page.screenshot(path=screenshots / "two-factor-recovery-codes.png", full_page=True)
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/account/")
    panel = page.locator("#two_factor-section")
    assert "10 recovery codes left." in panel.inner_text()
    panel.screenshot(path=screenshots / "two-factor-account-panel.png")
    context.close()

    # Signing in again: the password, then the code page, which lets nothing else through.
    context, page = log_in(browser, two_factor_portal, "redaktore", "Redaktore-2026-parole")
    assert "/admin/two-factor/code/" in page.url
    page.goto(two_factor_portal + "/admin/account/")
    assert "/admin/two-factor/code/" in page.url
    code_field = page.get_by_label("Code")
    assert code_field.evaluate("field => field === document.activeElement")

    code_field.fill(phone.wrong_code())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    error = page.locator("#id_code-error")
    assert error.is_visible()
    assert "That code is not right" in error.inner_text()
    assert page.get_by_label("Code").get_attribute("aria-invalid") == "true"
    assert "id_code-error" in page.get_by_label("Code").get_attribute("aria-describedby")
    assert_axe_passes(page)
    page.screenshot(path=screenshots / "two-factor-code.png", full_page=True)

    page.wait_for_timeout(1100)  # django-otp's delay after a wrong code
    page.get_by_label("Code").fill(phone.code())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/account/")  # where the editor was going
    context.close()


def test_a_moderator_without_an_app_is_sent_to_set_one_up(browser, two_factor_portal, screenshots):
    context, page = log_in(browser, two_factor_portal, "moderatore", "Moderatore-2026-parole")
    assert "/admin/two-factor/set-up/" in page.url
    assert "Your role in the portal requires two-factor sign-in" in page.content()
    for elsewhere in ("/admin/", "/admin/pages/", "/admin/account/"):
        page.goto(two_factor_portal + elsewhere)
        assert "/admin/two-factor/set-up/" in page.url
    assert_axe_passes(page)
    page.screenshot(path=screenshots / "two-factor-required.png", full_page=True)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "/admin/login/" in page.url
    context.close()
