"""Two-factor sign-in (portal/editorial/two_factor.py): setting up an app, the code after the
password, recovery codes, the roles that must have it, and the login lockout counting wrong
codes."""

import os
import re
from base64 import b32decode
from io import StringIO
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.core.roles import EDITORS, MODERATORS
from portal.editorial.two_factor import replace_recovery_codes
from portal.settings import base as base_settings
from portal.tests.factories import SiteTree

PASSWORD = "Rēzekne-ziemā-2026"
LOGIN = "/admin/login/"
HOME = "/admin/"
PAGES_API = "/admin/api/main/pages/"
REQUIRED = override_settings(
    TWO_FACTOR_REQUIRED_GROUPS=[MODERATORS], TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=True
)
NO_DELAY = override_settings(OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)


def make_user(name, group=None, superuser=False):
    users = get_user_model().objects
    create = users.create_superuser if superuser else users.create_user
    user = create(username=name, email=f"{name}@example.lv", password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    # The admin in English: messages read the same before and after the catalogues compile
    # (portal/tests/test_translations.py checks they are translated).
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


class PhoneClock:
    """The clock django-otp checks codes by, and the authenticator app on the user's phone: each
    code is the next one the app shows, as if the user had waited for it."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now

    def code(self, key, step=30):
        self.now += step
        app = TOTP(key, step=step)
        app.time = self.now
        return f"{app.token():06d}"


@NO_DELAY
class TwoFactorTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.release = PressReleasePageFactory(parent=cls.tree.news_index, title="Dzīva relīze")
        cls.release.save_revision().publish()
        cls.editor = make_user("redaktore", EDITORS)
        cls.moderator = make_user("moderatore", MODERATORS)
        cls.administrator = make_user("administrators", superuser=True)

    def setUp(self):
        self.clock = PhoneClock()
        patcher = mock.patch("django_otp.plugins.otp_totp.models.time", self.clock)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.verify_url = reverse("portal_two_factor_verify")
        self.setup_url = reverse("portal_two_factor_setup")

    def with_app(self, user):
        """`user` with an authenticator app set up; returns the app's device and the
        recovery codes."""
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        return device, replace_recovery_codes(user)

    def sign_in(self, user, client=None, password=PASSWORD):
        return (client or self.client).post(
            LOGIN, {"username": user.get_username(), "password": password}
        )

    def enter(self, code, client=None, **data):
        return (client or self.client).post(self.verify_url, {"code": code, **data})

    def sign_in_with_code(self, user, device):
        self.assertEqual(self.sign_in(user).status_code, 302)
        self.assertEqual(self.enter(self.clock.code(device.bin_key)).status_code, 302)
        self.assertEqual(self.client.get(HOME).status_code, 200)

    def wrong_code(self, device):
        """A code the app shows at no time near now."""
        near = set()
        for offset in range(-90, 120, 30):
            app = TOTP(device.bin_key)
            app.time = self.clock.now + offset
            near.add(f"{app.token():06d}")
        return next(code for code in ("000000", "111111", "222222") if code not in near)

    def edit_release(self, title):
        """The editor's save of the release's draft with a new title."""
        url = reverse("wagtailadmin_pages:edit", args=[self.release.pk])
        form = release_form_data(title=title, slug=self.release.slug, release_date="2014-12-01")
        return self.client.post(url, form)

    def draft_title(self):
        return (
            PressReleasePage.objects.get(pk=self.release.pk).get_latest_revision_as_object().title
        )

    def assertSentTo(self, response, url, next_url=None):
        self.assertEqual(response.status_code, 302)
        location = urlsplit(response["Location"])
        self.assertEqual(location.path, url)
        if next_url:
            self.assertEqual(parse_qs(location.query)["next"], [next_url])

    def assertNothingOfTheAdmin(self, step_url):
        """The admin refused to a session part-way through signing in: pages lead to the step,
        the admin API and POSTs are 403s and change nothing."""
        for url in (HOME, "/admin/pages/", reverse("wagtailadmin_account")):
            with self.subTest(url=url):
                self.assertSentTo(self.client.get(url), step_url, next_url=url)
        self.assertEqual(self.client.get(PAGES_API).status_code, 403)
        self.assertEqual(self.edit_release("Pārrakstīta relīze").status_code, 403)
        self.assertEqual(self.draft_title(), "Dzīva relīze")


class SettingsTests(TestCase):
    def test_production_requires_it_of_moderators_and_superusers_by_their_group_names(self):
        self.assertEqual(base_settings.TWO_FACTOR_REQUIRED_GROUPS, [MODERATORS])
        self.assertTrue(base_settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS)
        self.assertTrue(Group.objects.filter(name=MODERATORS).exists())
        self.assertFalse(base_settings.AXES_RESET_ON_SUCCESS)

    def test_the_app_names_the_account_by_the_sites_name_in_the_admins_language(self):
        user = get_user_model().objects.create_user("issuer", password=PASSWORD)
        device = TOTPDevice(user=user, name="Authenticator app")
        for language, name in [
            ("lv", "Latgales plānošanas reģiona jaunumi"),
            ("en", "Latgale Planning Region news"),
        ]:
            with self.subTest(language=language), translation.override(language):
                issuer = parse_qs(urlsplit(device.config_url).query)["issuer"]
                self.assertEqual(issuer, [name])

    def test_force_logged_in_clients_reach_the_admin_where_nothing_is_required(self):
        for user in (
            make_user("moderatore", MODERATORS),
            get_user_model().objects.create_superuser("root", "r@example.lv", PASSWORD),
        ):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(HOME).status_code, 200)


class SetUpTests(TwoFactorTestCase):
    def key_on(self, client):
        page = client.get(self.setup_url).content.decode()
        return re.search(r'id="two-factor-key"[^>]*>([A-Z2-7 ]+)<', page).group(1)

    def test_someone_else_with_the_password_never_sees_the_key_the_user_confirms(self):
        """The hostile try: an attacker who has a moderator's password opened set-up first,
        the moderator then scanned the same key, and the attacker had a second factor."""
        attacker, moderator = self.client_class(), self.client_class()
        for client in (attacker, moderator):
            self.assertEqual(self.sign_in(self.moderator, client=client).status_code, 302)
        attackers_key = self.key_on(attacker)
        key = self.key_on(moderator)
        self.assertNotEqual(key, attackers_key)
        self.assertEqual(key, self.key_on(moderator))  # a reload keeps it
        secret = b32decode(key.replace(" ", ""))
        response = moderator.post(self.setup_url, {"code": self.clock.code(secret)})
        self.assertSentTo(response, reverse("portal_two_factor_recovery_codes"))
        self.assertEqual(TOTPDevice.objects.filter(user=self.moderator).count(), 1)
        # The attacker's key opens nothing.
        self.assertEqual(self.sign_in(self.moderator, client=attacker).status_code, 302)
        attackers_code = self.clock.code(b32decode(attackers_key.replace(" ", "")))
        self.assertEqual(self.enter(attackers_code, client=attacker).status_code, 200)
        self.assertSentTo(attacker.get(HOME), self.verify_url)

    def test_an_editor_sets_up_an_app_from_account_and_sees_ten_recovery_codes_once(self):
        self.client.force_login(self.editor)
        account = self.client.get(reverse("wagtailadmin_account")).content.decode()
        self.assertIn("Two-factor sign-in", account)
        self.assertIn(f'href="{self.setup_url}"', account)

        page = self.client.get(self.setup_url).content.decode()
        self.assertIn('src="data:image/svg+xml', page)  # the QR code, inline
        key = re.search(r'id="two-factor-key"[^>]*>([A-Z2-7 ]+)<', page).group(1)
        self.assertIn(key, self.client.get(self.setup_url).content.decode())  # a reload keeps it
        secret = b32decode(key.replace(" ", ""))
        field = re.search(r"<input[^>]*name=\"code\"[^>]*>", page).group(0)
        for attribute in ('autocomplete="one-time-code"', 'inputmode="numeric"', 'id="id_code"'):
            self.assertIn(attribute, field)
        self.assertIn('<label class="w-field__label" for="id_code"', page)

        wrong = self.client.post(self.setup_url, {"code": "000000"})
        self.assertContains(wrong, "That code does not match")
        field = re.search(r"<input[^>]*name=\"code\"[^>]*>", wrong.content.decode()).group(0)
        self.assertIn('aria-invalid="true"', field)
        self.assertIn('aria-describedby="id_code-error id_code-helptext"', field)
        self.assertIn("autofocus", field)  # the page opens on the field with the error
        self.assertContains(wrong, 'id="id_code-error"')
        self.assertFalse(TOTPDevice.objects.filter(user=self.editor, confirmed=True).exists())

        response = self.client.post(self.setup_url, {"code": self.clock.code(secret)})
        self.assertSentTo(response, reverse("portal_two_factor_recovery_codes"))
        device = TOTPDevice.objects.get(user=self.editor)
        self.assertTrue(device.confirmed)
        self.assertEqual(device.bin_key, secret)
        shown = self.client.get(response["Location"]).content.decode()
        codes = re.findall(r"<code>(\d{5}-\d{5})</code>", shown)
        self.assertEqual(len(set(codes)), 10)
        # Shown once only.
        self.assertSentTo(self.client.get(response["Location"]), reverse("wagtailadmin_account"))
        account = self.client.get(reverse("wagtailadmin_account"))
        self.assertContains(account, "10 recovery codes left.")
        self.assertContains(account, reverse("portal_two_factor_remove"))
        self.assertEqual(self.client.get(HOME).status_code, 200)  # this session has the code

        # The next sign-in asks for it.
        self.client.logout()
        self.sign_in(self.editor)
        self.assertSentTo(self.client.get(HOME), self.verify_url)

    def test_the_account_page_still_saves_with_the_panel_on_it(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_account"),
            {
                "name_email-first_name": "Anna",
                "name_email-last_name": "Bērziņa",
                "name_email-email": "anna@example.lv",
                "locale-preferred_language": "en",
                "theme-theme": "system",
                "theme-density": "default",
                "theme-contrast": "system",
            },
        )
        self.assertSentTo(response, reverse("wagtailadmin_account"))
        self.editor.refresh_from_db()
        self.assertEqual(self.editor.first_name, "Anna")


class SignInTests(TwoFactorTestCase):
    def test_the_password_alone_opens_nothing_of_the_admin_until_the_code(self):
        device, _codes = self.with_app(self.editor)
        response = self.sign_in(self.editor)
        self.assertEqual(response.status_code, 302)
        self.assertSentTo(self.client.get(response["Location"]), self.verify_url)
        self.assertNothingOfTheAdmin(self.verify_url)

        page = self.client.get(self.verify_url)
        self.assertContains(page, "You are signing in as redaktore.")
        field = re.search(r"<input[^>]*name=\"code\"[^>]*>", page.content.decode()).group(0)
        for attribute in ('autocomplete="one-time-code"', 'inputmode="numeric"', 'id="id_code"'):
            self.assertIn(attribute, field)

        response = self.enter(self.clock.code(device.bin_key), next="/admin/pages/")
        self.assertSentTo(response, "/admin/pages/")
        self.assertEqual(self.client.get(HOME).status_code, 200)
        self.assertEqual(self.client.get(PAGES_API).status_code, 200)
        self.assertEqual(self.edit_release("Labota relīze").status_code, 302)
        self.assertEqual(self.draft_title(), "Labota relīze")

    def test_a_wrong_code_is_refused_and_a_code_counts_once(self):
        device, _codes = self.with_app(self.editor)
        self.sign_in(self.editor)
        wrong = self.enter(self.wrong_code(device))
        self.assertContains(wrong, "That code is not right")
        self.assertSentTo(self.client.get(HOME), self.verify_url)

        code = self.clock.code(device.bin_key)
        self.assertEqual(self.enter(code).status_code, 302)
        self.client.logout()
        self.sign_in(self.editor)
        self.assertContains(self.enter(code), "That code is not right")  # seen once already
        self.assertSentTo(self.client.get(HOME), self.verify_url)

    def test_a_recovery_code_signs_in_once(self):
        _device, codes = self.with_app(self.editor)
        self.sign_in(self.editor)
        response = self.enter(codes[0])
        self.assertSentTo(response, HOME)
        self.assertContains(self.client.get(HOME), "9 recovery codes are left")
        self.client.logout()

        self.sign_in(self.editor)
        self.assertContains(self.enter(codes[0]), "That code is not right")
        self.assertSentTo(self.client.get(HOME), self.verify_url)
        self.assertEqual(self.enter(codes[1].replace("-", " ")).status_code, 302)
        self.assertEqual(self.client.get(HOME).status_code, 200)

    def test_signed_in_with_a_recovery_code_new_codes_are_shown_without_the_phone(self):
        """The independent try: new recovery codes deleted the code the session had signed in
        with, sent the user to the code page and showed the new codes only for the phone's."""
        _device, codes = self.with_app(self.editor)
        self.sign_in(self.editor)
        self.assertSentTo(self.enter(codes[0]), HOME)
        url = reverse("portal_two_factor_new_recovery_codes")
        response = self.client.post(url, {"confirmation": PASSWORD})
        self.assertSentTo(response, reverse("portal_two_factor_recovery_codes"))
        shown = self.client.get(response["Location"]).content.decode()
        new_codes = re.findall(r"<code>(\d{5}-\d{5})</code>", shown)
        self.assertEqual(len(set(new_codes)), 10)
        self.assertEqual(self.client.get(HOME).status_code, 200)  # still signed in
        self.client.logout()
        self.sign_in(self.editor)
        self.assertContains(self.enter(codes[1]), "That code is not right")  # the old ones: gone
        self.assertSentTo(self.enter(new_codes[0]), HOME)

    def test_an_administrator_without_the_phone_gets_a_one_time_code_from_the_server(self):
        self.with_app(self.administrator)
        printed = StringIO()
        with mock.patch.dict(os.environ, {"ADMIN_PASSWORD": PASSWORD}):
            call_command("ensure_admin", "--username", "administrators", stdout=printed)
        self.assertIn("manage.py addstatictoken administrators", printed.getvalue())
        printed = StringIO()
        call_command("addstatictoken", "administrators", stdout=printed)
        self.sign_in(self.administrator)
        self.assertSentTo(self.enter(printed.getvalue().strip()), HOME)
        self.assertEqual(self.client.get(HOME).status_code, 200)

    def test_part_way_through_the_site_treats_the_session_as_signed_out(self):
        device, _codes = self.with_app(self.editor)
        PageViewRestriction.objects.create(
            page=self.release, restriction_type=PageViewRestriction.LOGIN
        )
        self.sign_in(self.editor)
        private = self.client.get(self.release.url)
        self.assertEqual(private.status_code, 302)  # to the login page, as for anyone
        self.enter(self.clock.code(device.bin_key))
        self.assertEqual(self.client.get(self.release.url).status_code, 200)

    def test_signing_out_part_way(self):
        self.with_app(self.editor)
        self.sign_in(self.editor)
        response = self.client.post(reverse("wagtailadmin_logout"))
        self.assertSentTo(response, LOGIN)
        self.assertNotIn("_auth_user_id", self.client.session)

    @REQUIRED
    def test_the_password_is_enough_for_a_role_that_need_not_and_has_no_app(self):
        self.sign_in(self.editor)
        self.assertEqual(self.client.get(HOME).status_code, 200)


@REQUIRED
class RequiredTests(TwoFactorTestCase):
    def test_a_moderator_without_an_app_must_set_one_up_before_anything_else(self):
        self.sign_in(self.moderator)
        self.assertNothingOfTheAdmin(self.setup_url)
        self.assertSentTo(self.client.get(self.verify_url), self.setup_url)

        account = reverse("wagtailadmin_account")
        page = self.client.get(self.setup_url, {"next": account}).content.decode()
        self.assertIn("You are signing in as moderatore.", page)
        self.assertIn("Your role in the portal requires two-factor sign-in", page)
        key = re.search(r'id="two-factor-key"[^>]*>([A-Z2-7 ]+)<', page).group(1)
        code = self.clock.code(b32decode(key.replace(" ", "")))
        response = self.client.post(self.setup_url, {"code": code, "next": account})
        codes_url = reverse("portal_two_factor_recovery_codes")
        self.assertSentTo(response, codes_url, next_url=account)
        self.assertContains(self.client.get(response["Location"]), f'href="{account}"')
        self.assertEqual(self.client.get(account).status_code, 200)

    def test_a_superuser_without_an_app_must_set_one_up(self):
        self.sign_in(self.administrator)
        self.assertSentTo(self.client.get(HOME), self.setup_url, next_url=HOME)
        self.assertEqual(self.client.get(PAGES_API).status_code, 403)

    def test_a_moderator_with_an_app_gives_its_code(self):
        device, _codes = self.with_app(self.moderator)
        self.sign_in(self.moderator)
        self.assertSentTo(self.client.get(HOME), self.verify_url)
        self.assertSentTo(self.client.get(self.setup_url), self.verify_url)
        self.enter(self.clock.code(device.bin_key))
        self.assertEqual(self.client.get(HOME).status_code, 200)

    def test_a_moderator_who_removes_the_app_must_set_up_another(self):
        device, _codes = self.with_app(self.moderator)
        self.sign_in_with_code(self.moderator, device)
        remove = reverse("portal_two_factor_remove")
        self.assertContains(self.client.get(remove), "you will be asked to set up an app again")
        self.client.post(remove, {"confirmation": PASSWORD})
        self.assertFalse(TOTPDevice.objects.filter(user=self.moderator).exists())
        self.assertSentTo(self.client.get(HOME), self.setup_url)


class ChangeTests(TwoFactorTestCase):
    def test_new_recovery_codes_need_the_password_or_a_code_and_replace_the_old_ones(self):
        device, old_codes = self.with_app(self.editor)
        self.sign_in_with_code(self.editor, device)
        url = reverse("portal_two_factor_new_recovery_codes")
        wrong = self.client.post(url, {"confirmation": "not my password"})
        self.assertContains(wrong, "That is neither your password nor the code")
        self.assertContains(wrong, 'aria-describedby="id_confirmation-error"')
        response = self.client.post(url, {"confirmation": self.clock.code(device.bin_key)})
        self.assertSentTo(response, reverse("portal_two_factor_recovery_codes"))
        new_codes = re.findall(
            r"<code>(\d{5}-\d{5})</code>", self.client.get(response["Location"]).content.decode()
        )
        self.assertEqual(len(new_codes), 10)
        self.assertFalse(set(new_codes) & set(old_codes))

        self.client.logout()
        self.sign_in(self.editor)
        self.assertContains(self.enter(old_codes[0]), "That code is not right")
        self.assertEqual(self.enter(new_codes[0]).status_code, 302)

    def test_removing_the_app_needs_the_password_and_turns_the_code_off(self):
        device, _codes = self.with_app(self.editor)
        self.sign_in_with_code(self.editor, device)
        url = reverse("portal_two_factor_remove")
        self.assertContains(self.client.post(url, {"confirmation": "wrong"}), "neither")
        self.assertTrue(TOTPDevice.objects.filter(user=self.editor).exists())
        self.assertSentTo(
            self.client.post(url, {"confirmation": PASSWORD}), reverse("wagtailadmin_account")
        )
        self.assertFalse(TOTPDevice.objects.filter(user=self.editor).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.editor).exists())
        self.client.logout()
        self.sign_in(self.editor)
        self.assertEqual(self.client.get(HOME).status_code, 200)  # the password alone again


@override_settings(AXES_ENABLED=True)
class LockoutTests(TwoFactorTestCase):
    def test_wrong_codes_lock_the_user_out_and_then_the_right_code_is_refused(self):
        device, codes = self.with_app(self.editor)
        self.assertEqual(self.sign_in(self.editor).status_code, 302)
        for _attempt in range(4):
            self.assertEqual(self.enter(self.wrong_code(device)).status_code, 200)
        self.assertEqual(self.enter(self.wrong_code(device)).status_code, 429)  # the fifth
        response = self.enter(self.clock.code(device.bin_key))
        self.assertContains(response, "Too many attempts", status_code=429)  # the locked-out page
        self.assertEqual(self.enter(codes[0]).status_code, 429)
        self.assertSentTo(self.client.get(HOME), self.verify_url)
        # The same count as the password's: a new sign-in is locked out too.
        self.assertEqual(self.sign_in(self.editor, client=self.client_class()).status_code, 429)

    def test_signing_in_again_with_the_password_buys_no_more_guesses(self):
        device, _codes = self.with_app(self.editor)
        self.sign_in(self.editor)
        for _attempt in range(3):
            self.enter(self.wrong_code(device))
        self.assertEqual(self.sign_in(self.editor).status_code, 302)  # the password is right
        self.assertEqual(self.enter(self.wrong_code(device)).status_code, 200)
        self.assertEqual(self.enter(self.wrong_code(device)).status_code, 429)

    def test_the_right_code_resets_the_count(self):
        device, _codes = self.with_app(self.editor)
        self.sign_in(self.editor)
        for _attempt in range(4):
            self.enter(self.wrong_code(device))
        self.assertEqual(self.enter(self.clock.code(device.bin_key)).status_code, 302)
        self.assertFalse(AccessAttempt.objects.filter(username="redaktore").exists())
        self.client.logout()
        self.sign_in(self.editor)
        for _attempt in range(4):
            self.assertEqual(self.enter(self.wrong_code(device)).status_code, 200)

    def test_a_wrong_password_to_remove_the_app_counts_as_a_failed_login(self):
        device, _codes = self.with_app(self.editor)
        self.sign_in_with_code(self.editor, device)
        url = reverse("portal_two_factor_remove")
        for _attempt in range(4):
            self.assertEqual(self.client.post(url, {"confirmation": "guess"}).status_code, 200)
        self.assertEqual(self.client.post(url, {"confirmation": "guess"}).status_code, 429)
        self.assertEqual(self.client.post(url, {"confirmation": PASSWORD}).status_code, 429)
        self.assertTrue(TOTPDevice.objects.filter(user=self.editor).exists())

    @override_settings(OTP_TOTP_THROTTLE_FACTOR=1)
    def test_django_otps_delay_after_a_wrong_code_stays_and_is_no_failed_login(self):
        device, _codes = self.with_app(self.editor)
        self.sign_in(self.editor)
        self.enter(self.wrong_code(device))
        response = self.enter(self.clock.code(device.bin_key))  # at once: not even checked
        self.assertContains(response, "wait a minute")
        self.assertEqual(AccessAttempt.objects.get(username="redaktore").failures_since_start, 1)
