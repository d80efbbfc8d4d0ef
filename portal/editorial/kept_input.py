"""An editor whose session ended keeps what they typed.

Wagtail answers a save from a signed-out editor with the login page and drops the form. Here
the form's input is kept in the (new, anonymous) session, which Django carries over the login;
after logging in the editor lands on a page that sends it back to where it was going, as a
draft only, through the same stale-save check as any save (portal/core/forms.py).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SESSION_KEY = "portal_kept_input"
# Who last worked in the admin in this browser (a signed cookie): kept input is offered back
# to that person only, not to whoever logs in next on a shared computer.
EDITOR_COOKIE = "portal_editor"
EDITOR_COOKIE_SALT = "portal.editorial.kept_input"
EDITOR_COOKIE_AGE = 60 * 60 * 24 * 30
# The admin forms whose input is worth keeping: page and snippet editors, new and existing.
FORM_VIEWS = {"edit", "add", "add_subpage", "create"}
NOT_KEPT = {"csrfmiddlewaretoken"}


def is_admin_form_post(request):
    if request.method != "POST" or not request.path_info.startswith("/admin/"):
        return False
    try:
        return resolve(request.path_info).url_name in FORM_VIEWS
    except Resolver404:
        return False


class KeepInputOnSignedOutSaveMiddleware:
    """After authentication: a signed-out POST to an admin form keeps its input and goes to
    the login page, which then leads to `kept_input_view`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: reading request.user touches the session (and adds Vary: Cookie).
        if not request.path_info.startswith("/admin/"):
            return self.get_response(request)
        if not is_admin_form_post(request) or request.user.is_authenticated:
            response = self.get_response(request)
            if request.user.is_authenticated:
                response.set_signed_cookie(
                    EDITOR_COOKIE,
                    str(request.user.pk),
                    salt=EDITOR_COOKIE_SALT,
                    max_age=EDITOR_COOKIE_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        editor = request.get_signed_cookie(
            EDITOR_COOKIE, default=None, salt=EDITOR_COOKIE_SALT, max_age=EDITOR_COOKIE_AGE
        )
        if editor is None or CsrfViewMiddleware(self.get_response).process_view(
            request, None, (), {}
        ):
            # Not an editor's browser, or not the admin's own form (another site's, a script's):
            # nothing to keep, and no session is made for it (Wagtail's answer: the login page,
            # or the CSRF refusal).
            return self.get_response(request)
        request.session[SESSION_KEY] = {
            "user": editor,
            "path": request.get_full_path(),
            "data": [
                [key, value]
                for key, values in request.POST.lists()
                if key not in NOT_KEPT and not key.startswith("action-")
                for value in values
            ],
            "kept_at": timezone.now().isoformat(),
        }
        message = _("Your session has ended. Log in again: what you typed is kept.")
        if "application/json" in request.headers.get("Accept", ""):
            # Wagtail's autosave shows this and stops; the editor's next Save keeps the input.
            return JsonResponse(
                {"success": False, "error_code": "invalid_revision", "error_message": message},
                status=403,
            )
        return redirect_to_login(reverse("portal_kept_input"), reverse("wagtailadmin_login"))


def kept_input_view(request):
    """The kept input, sent back as a draft with one button, or dropped."""
    kept = request.session.get(SESSION_KEY)
    if kept and kept.get("user") != str(request.user.pk):
        kept = None  # typed by someone else in this browser: not theirs to see or send
    if request.method == "POST" and "discard" in request.POST:
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("Your kept input was discarded."))
        return redirect("wagtailadmin_home")
    if not kept:
        messages.info(request, _("There is no kept input to restore."))
        return redirect("wagtailadmin_home")
    # Kept until discarded or replaced: leaving this page without choosing loses nothing.
    return TemplateResponse(
        request,
        "portal/admin/kept_input.html",
        {
            "kept": kept,
            "title": kept["data"] and dict(kept["data"]).get("title", ""),
            "discard_url": reverse("portal_kept_input"),
        },
    )
