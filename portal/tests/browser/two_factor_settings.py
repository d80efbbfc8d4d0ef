"""The browser tests' settings with two-factor sign-in as in production: required of Moderators
and superusers, and the login lockout on (portal/tests/browser/test_two_factor_in_a_browser.py)."""

from portal.settings.test import *  # noqa: F403 (settings layering)

TWO_FACTOR_REQUIRED_GROUPS = ["Moderators"]
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
AXES_ENABLED = True
