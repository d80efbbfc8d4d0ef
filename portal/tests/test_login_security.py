"""Login lockout (django-axes), a limit on password reset requests, strong passwords."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

LOGIN = "/admin/login/"
PASSWORD = "Latgale-portal-2026"


@override_settings(AXES_ENABLED=True)
class LoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_superuser("redaktore", "r@example.com", PASSWORD)

    def log_in(self, password, address="192.0.2.1"):
        return self.client.post(
            LOGIN, {"username": "redaktore", "password": password}, REMOTE_ADDR=address
        )

    def test_five_failures_lock_the_login_out_even_with_the_right_password(self):
        for _attempt in range(4):
            self.assertEqual(self.log_in("wrong").status_code, 200)  # the form, with an error
        self.assertEqual(self.log_in("wrong").status_code, 429)  # the fifth failure locks
        response = self.log_in(PASSWORD)
        self.assertEqual(response.status_code, 429)
        with translation.override("lv"):
            heading = translation.gettext("Too many attempts")
        self.assertContains(response, heading, status_code=429)  # the locked-out page
        self.assertNotIn("_auth_user_id", self.client.session)
        # Another address is not locked out by these failures.
        response = self.log_in(PASSWORD, address="198.51.100.7")
        self.assertEqual(response.status_code, 302)

    def test_a_successful_login_resets_the_count(self):
        for _attempt in range(4):
            self.log_in("wrong")
        self.assertEqual(self.log_in(PASSWORD).status_code, 302)
        self.client.logout()
        for _attempt in range(4):
            self.log_in("wrong")
        self.assertEqual(self.log_in(PASSWORD).status_code, 302)


class PasswordResetLimitTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_password_reset_requests_are_limited_per_address(self):
        url = reverse("wagtailadmin_password_reset")
        self.assertEqual(url, "/admin/password_reset/")
        for _attempt in range(5):
            response = self.client.post(url, {"email": "someone@example.com"})
            self.assertEqual(response.status_code, 302)
        response = self.client.post(url, {"email": "someone@example.com"})
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "3600")
        other = self.client.post(url, {"email": "x@example.com"}, REMOTE_ADDR="198.51.100.7")
        self.assertEqual(other.status_code, 302)


class PasswordStrengthTests(TestCase):
    def test_weak_passwords_are_refused(self):
        user = get_user_model()(username="janis.berzins", email="janis@example.com")
        for weak in ["Latgale2026", "123456789012345", "administrator", "janis.berzins1"]:
            with self.subTest(password=weak), self.assertRaises(ValidationError):
                validate_password(weak, user)
        validate_password("Rēzekne-ziemā-2026", user)  # a long passphrase is fine
