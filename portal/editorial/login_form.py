"""The admin's sign-in form, with its password field labelled in the admin's language.

Wagtail 8.0.1's LoginForm declares `password` without a label, so Django names it from the
field ("Password"), which no catalogue can translate. Remove when Wagtail labels it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
