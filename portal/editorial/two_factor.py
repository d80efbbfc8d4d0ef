"""Two-factor sign-in for the admin: a code from an authenticator app (TOTP) after the password.

django-otp keeps the devices (a TOTP device for the app, a static device for the recovery codes)
and marks a session verified once a code is accepted (its OTPMiddleware). Here:

- Anyone with admin access may set up an app from *Account* (a QR code and the key in text),
  confirm it with a code, and gets ten one-time recovery codes; they may make new recovery
  codes or remove the app, giving their password or a current code.
- A session that has passed the password of a user with an app gets nothing of the admin (pages,
  the admin API, any POST) until the code: only the code page and signing out. Elsewhere on the
  site it counts as signed out (private pages and documents stay closed).
- Superusers and the groups in TWO_FACTOR_REQUIRED_GROUPS must set one up before anything else.
- A wrong code is a failed login for django-axes (user_login_failed with the username), so the
  password and the code share one count and one lockout; a locked-out user's code is refused
  unchecked. A password alone no longer resets that count for a user with an app (django-axes'
  AXES_RESET_ON_SUCCESS is off): the accepted code does, so a stolen password cannot buy more
  guesses at the code by signing in again. django-otp's own delay after wrong codes stays on.
"""

import re
import secrets
from base64 import b32encode

import django_otp
import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_credentials, get_lockout_response
from axes.utils import reset as reset_failed_attempts
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponseForbidden
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# What a session still lacks: the code of the user's app, or an app at all (required roles).
VERIFY = "verify"
ENROL = "enrol"
STEP_VIEWS = {VERIFY: "portal_two_factor_verify", ENROL: "portal_two_factor_setup"}
STEP_REFUSALS = {
    VERIFY: _("Enter the code from your authenticator app first."),
    ENROL: _("Set up two-factor sign-in first."),
}
# Admin views a session in either step may still reach: signing in (as someone else) and out,
# and what the sign-in pages themselves load.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_DIGITS = 10  # longer than an app's code (6), so the length tells them apart
APP_CODE = re.compile(r"\d{6}")
NEW_CODES_SESSION_KEY = "portal_two_factor_new_codes"
SET_UP_SESSION_KEY = "portal_two_factor_set_up_device"


# Who needs what -----------------------------------------------------------------------------


def authenticator_of(user):
    """The user's confirmed authenticator app (a TOTP device), or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required_for(user):
    if user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS:
        return True
    groups = settings.TWO_FACTOR_REQUIRED_GROUPS
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def pending_step(user):
    """VERIFY or ENROL when `user`'s session has passed the password but may not use the admin
    yet; None when it may (or nobody is signed in)."""
    if not user.is_authenticated or user.is_verified():
        return None
    if has_authenticator(user):
        return VERIFY
    if is_required_for(user):
        return ENROL
    return None


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a session part-way through signing in reaches only the
    step it is at (the code page or setting up an app) and signing out; any other admin page
    sends it there, and the admin API and other methods than GET are refused (403). Outside the
    admin such a session is anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # nobody signed in; the session stays untouched
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        user = request.user
        if not request.path_info.startswith(self.admin_prefix):
            # Asked only when something reads request.user, as Django's own is.
            request.user = SimpleLazyObject(lambda: AnonymousUser() if pending_step(user) else user)
            return self.get_response(request)
        step = pending_step(user)
        if step is None:
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and match.url_name in OPEN_VIEWS | {STEP_VIEWS[step]}:
            return self.get_response(request)
        is_api = match is not None and "wagtailadmin_api" in match.namespaces
        if request.method in ("GET", "HEAD") and not is_api:
            return redirect_to_login(request.get_full_path(), reverse(STEP_VIEWS[step]))
        return HttpResponseForbidden(STEP_REFUSALS[step], content_type="text/plain; charset=utf-8")


# The login lockout (django-axes) -------------------------------------------------------------


def lockout_response(request, user):
    """django-axes' lockout page (429) when `user` is locked out from this address, else None."""
    if not settings.AXES_ENABLED:
        return None
    credentials = get_credentials(user.get_username())
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return get_lockout_response(request, None, credentials)


def count_failed_attempt(request, user):
    """A wrong code counts as a failed login (django-axes locks out after AXES_FAILURE_LIMIT;
    its middleware then answers this request with the lockout page)."""
    user_login_failed.send(
        sender=__name__, credentials=get_credentials(user.get_username()), request=request
    )


def forget_failed_attempts(request, user):
    if settings.AXES_ENABLED:
        reset_failed_attempts(ip=get_client_ip_address(request), username=user.get_username())


@receiver(user_logged_in)
def forget_failures_after_the_password_alone(sender, request, user, **kwargs):
    """A password completes the sign-in of a user without an app: that resets the count (as
    AXES_RESET_ON_SUCCESS did). With an app, only the accepted code does (VerifyView)."""
    if settings.AXES_ENABLED and request is not None and not has_authenticator(user):
        forget_failed_attempts(request, user)


# Codes ---------------------------------------------------------------------------------------


def normalised(code):
    return re.sub(r"[\s-]", "", code).lower()


def device_for_code(user, code):
    """The device to check `code` against: the app for six digits, the recovery codes for
    anything else."""
    if APP_CODE.fullmatch(code):
        return authenticator_of(user)
    devices = StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk")
    return devices.filter(token_set__token=code).first() or devices.first()


def check_code(user, device, code):
    """The device that accepted `code`, or None; django-otp's checks run in a transaction with
    the device locked, so a code is accepted once."""
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, code)


def replace_recovery_codes(user):
    """New recovery codes for `user`, the old ones gone; returns them to be shown once."""
    codes = [
        f"{secrets.randbelow(10**RECOVERY_CODE_DIGITS):0{RECOVERY_CODE_DIGITS}d}"
        for _number in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        # The same device, its codes replaced: a session that signed in with one of the old
        # codes stays signed in (django-otp remembers the device, not the code).
        device = StaticDevice.objects.filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_key(device):
    """The device's key as an app takes it typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode("ascii")
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def qr_code(device):
    """The app's set-up address as a QR code, an SVG data URI (the admin's CSP allows data:
    images and no other host)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, dark="#000", light="#fff")


# Forms ---------------------------------------------------------------------------------------


class TwoFactorForm(forms.Form):
    """Errors are tied to their input (aria-invalid, aria-describedby), for screen readers,
    and the page opens with the focus on it (on a phone the error is below the fold)."""

    def add_error(self, field, error):
        super().add_error(field, error)  # also the fields' own validation errors
        for name in self._errors:
            if name not in self.fields:
                continue
            field = self[name]
            described_by = [f"{field.auto_id}-error"]
            if field.help_text:
                described_by.append(f"{field.auto_id}-helptext")
            field.field.widget.attrs.update(
                {
                    "aria-invalid": "true",
                    "aria-describedby": " ".join(described_by),
                    "autofocus": True,
                }
            )


def code_input(**attrs):
    return forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        | attrs
    )


class SignInCodeForm(TwoFactorForm):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code."),
        max_length=32,
        widget=code_input(autofocus=True),
    )

    def clean_code(self):
        return normalised(self.cleaned_data["code"])


class SetUpCodeForm(TwoFactorForm):
    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_("The 6-digit code the app shows for this account."),
        max_length=32,
        widget=code_input(),
    )

    def clean_code(self):
        return normalised(self.cleaned_data["code"])


class ConfirmationForm(TwoFactorForm):
    confirmation = forms.CharField(
        label=_("Your password, or the code your authenticator app shows now"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
