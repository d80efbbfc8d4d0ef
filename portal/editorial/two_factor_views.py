"""The admin's two-factor screens: the code after the password, setting up an app, the recovery
codes, making new ones and removing the app (rules and forms: portal/editorial/two_factor.py)."""

from urllib.parse import urlencode

import django_otp
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal.editorial.two_factor import (
    APP_CODE,
    ENROL,
    NEW_CODES_SESSION_KEY,
    SET_UP_SESSION_KEY,
    VERIFY,
    ConfirmationForm,
    SetUpCodeForm,
    SignInCodeForm,
    app_key,
    authenticator_of,
    check_code,
    count_failed_attempt,
    device_for_code,
    forget_failed_attempts,
    has_authenticator,
    is_required_for,
    lockout_response,
    pending_step,
    qr_code,
    recovery_codes_left,
    replace_recovery_codes,
)

WRONG_CODE = _("That code is not right, or it has been used already.")
WRONG_SET_UP_CODE = _(
    "That code does not match. Check that the time on your phone is right, and enter the code "
    "the app shows now."
)
WRONG_CONFIRMATION = _("That is neither your password nor the code your app shows now.")
WAIT = _("Too many wrong codes in a row: wait a minute, then try again.")


# Views ---------------------------------------------------------------------------------------


class TwoFactorView(WagtailAdminTemplateMixin):
    header_icon = "key"
    # Pages of a signed-in user are in the admin's frame; the sign-in steps look like the login.
    admin_layout = "portal/two_factor/admin_page.html"
    sign_in_layout = "portal/two_factor/sign_in_page.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_home")

    def layout(self):
        return self.admin_layout

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            layout=self.layout(), next=get_valid_next_url_from_request(self.request), **kwargs
        )


class VerifyView(TwoFactorView, FormView):
    """The second step of signing in: a code from the app, or a recovery code."""

    template_name = "portal/two_factor/verify.html"
    form_class = SignInCodeForm
    page_title = _("Enter your code")

    def layout(self):
        return self.sign_in_layout

    def dispatch(self, request, *args, **kwargs):
        if pending_step(request.user) != VERIFY:
            return redirect(self.next_url())
        return lockout_response(request, request.user) or super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        code = form.cleaned_data["code"]
        device = device_for_code(user, code)
        if device is not None and not device.verify_is_allowed()[0]:
            form.add_error("code", WAIT)  # django-otp's delay: the code was not even checked
            return self.form_invalid(form)
        accepted = check_code(user, device, code)
        if accepted is None:
            count_failed_attempt(self.request, user)
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        django_otp.login(self.request, accepted)
        forget_failed_attempts(self.request, user)
        if isinstance(accepted, StaticDevice):
            left = recovery_codes_left(user)
            messages.warning(
                self.request,
                ngettext(
                    "You signed in with a recovery code. %(count)d recovery code is left: "
                    "make new ones under Account.",
                    "You signed in with a recovery code. %(count)d recovery codes are left: "
                    "make new ones under Account.",
                    left,
                )
                % {"count": left},
            )
        return redirect(self.next_url())


class SetUpView(TwoFactorView, FormView):
    """Adding an authenticator app: its QR code and key, then a code from it to confirm."""

    template_name = "portal/two_factor/set_up.html"
    form_class = SetUpCodeForm
    page_title = _("Set up two-factor sign-in")

    def layout(self):
        signing_in = pending_step(self.request.user) == ENROL
        return self.sign_in_layout if signing_in else self.admin_layout

    def dispatch(self, request, *args, **kwargs):
        if has_authenticator(request.user):
            messages.info(request, _("Two-factor sign-in is already on."))
            return redirect("wagtailadmin_account")
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        """The app being set up in this session: the same key until it is confirmed, so a
        reload changes nothing the user has already scanned; another session (someone else who
        has the password) gets a key of its own, never the one the user will confirm."""
        session, user = self.request.session, self.request.user
        unconfirmed = TOTPDevice.objects.filter(user=user, confirmed=False)
        device = unconfirmed.filter(pk=session.get(SET_UP_SESSION_KEY)).first()
        if device is None:
            device = unconfirmed.create(user=user, name="Authenticator app", confirmed=False)
            session[SET_UP_SESSION_KEY] = device.pk
        return device

    def get_context_data(self, **kwargs):
        device = self.device()
        return super().get_context_data(
            qr_code=qr_code(device),
            key=app_key(device),
            required=is_required_for(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        device = self.device()
        if not device.verify_is_allowed()[0]:
            form.add_error("code", WAIT)
            return self.form_invalid(form)
        accepted = check_code(user, device, form.cleaned_data["code"])
        if accepted is None:
            form.add_error("code", WRONG_SET_UP_CODE)
            return self.form_invalid(form)
        with transaction.atomic():
            accepted.confirmed = True
            accepted.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=accepted.pk).delete()
            codes = replace_recovery_codes(user)
        django_otp.login(self.request, accepted)
        self.request.session[NEW_CODES_SESSION_KEY] = codes
        messages.success(self.request, _("Two-factor sign-in is on."))
        return redirect_with_next(self.request, "portal_two_factor_recovery_codes")


def redirect_with_next(request, view_name):
    """To `view_name`, passing on where the user was going."""
    next_url = get_valid_next_url_from_request(request)
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return redirect(reverse(view_name) + query)


class RecoveryCodesView(TwoFactorView, TemplateView):
    """The new recovery codes, shown once."""

    template_name = "portal/two_factor/recovery_codes.html"
    page_title = _("Your recovery codes")

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
        if not codes:
            return redirect("wagtailadmin_account")
        return self.render_to_response(self.get_context_data(codes=codes))

    def get_context_data(self, **kwargs):
        continue_url = get_valid_next_url_from_request(self.request)
        return super().get_context_data(
            continue_url=continue_url or reverse("wagtailadmin_account"), **kwargs
        )


class ConfirmedChangeView(TwoFactorView, FormView):
    """A change to a user's two-factor sign-in, confirmed with their password or a code; a
    wrong one counts as a failed login."""

    template_name = "portal/two_factor/confirm.html"
    form_class = ConfirmationForm
    is_removal = False

    def dispatch(self, request, *args, **kwargs):
        if not has_authenticator(request.user):
            return redirect("wagtailadmin_account")
        return lockout_response(request, request.user) or super().dispatch(request, *args, **kwargs)

    def confirmed(self, text):
        user = self.request.user
        if APP_CODE.fullmatch(text.strip()):  # passwords are at least 12 characters
            device = authenticator_of(user)
            return device.verify_is_allowed()[0] and check_code(user, device, text.strip())
        return user.check_password(text)

    def form_valid(self, form):
        if not self.confirmed(form.cleaned_data["confirmation"]):
            count_failed_attempt(self.request, self.request.user)
            form.add_error("confirmation", WRONG_CONFIRMATION)
            return self.form_invalid(form)
        return self.change()


class NewRecoveryCodesView(ConfirmedChangeView):
    page_title = _("New recovery codes")
    introduction = _(
        "New recovery codes replace the ones you have: those stop working. Use this when you "
        "have used most of them, or fear someone else has seen them."
    )
    submit_label = _("Make new recovery codes")

    def change(self):
        self.request.session[NEW_CODES_SESSION_KEY] = replace_recovery_codes(self.request.user)
        return redirect("portal_two_factor_recovery_codes")


class RemoveView(ConfirmedChangeView):
    page_title = _("Remove the authenticator app")
    introduction = _(
        "Signing in will then need your password only, and your recovery codes stop working. "
        "To move to a new phone, remove the app here and set it up again."
    )
    submit_label = _("Remove the authenticator app")
    is_removal = True

    def get_context_data(self, **kwargs):
        required = is_required_for(self.request.user)
        return super().get_context_data(required=required, **kwargs)

    def change(self):
        user = self.request.user
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
        messages.success(self.request, _("Two-factor sign-in is off."))
        return redirect("wagtailadmin_account")


# In the admin --------------------------------------------------------------------------------


class NothingToSaveForm(forms.Form):
    """The account page saves each panel's form; this panel's actions have pages of their own."""

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)

    def save(self):
        return None


class TwoFactorSettingsPanel(BaseSettingsPanel):
    name = "two_factor"
    title = _("Two-factor sign-in")
    order = 600  # after the password
    template_name = "portal/two_factor/settings_panel.html"
    form_class = NothingToSaveForm

    def get_context_data(self):
        device = authenticator_of(self.user)
        return {
            **super().get_context_data(),
            "device": device,
            "codes_left": recovery_codes_left(self.user) if device else 0,
            "required": is_required_for(self.user),
        }


@hooks.register("register_account_settings_panel")
def two_factor_settings_panel(request, user, profile):
    return TwoFactorSettingsPanel(request, user, profile)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/code/", VerifyView.as_view(), name="portal_two_factor_verify"),
        path("two-factor/set-up/", SetUpView.as_view(), name="portal_two_factor_setup"),
        path(
            "two-factor/recovery-codes/",
            RecoveryCodesView.as_view(),
            name="portal_two_factor_recovery_codes",
        ),
        path(
            "two-factor/recovery-codes/new/",
            NewRecoveryCodesView.as_view(),
            name="portal_two_factor_new_recovery_codes",
        ),
        path("two-factor/remove/", RemoveView.as_view(), name="portal_two_factor_remove"),
    ]
