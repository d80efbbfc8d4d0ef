"""The test suite: fast hashing, in-memory e-mail, media in a throwaway folder."""

import tempfile

from .base import *  # noqa: F403 (settings layering)

if not os.environ.get("REDIS_URL"):  # noqa: F405
    # django-ratelimit wants a cache every process shares; here (one process) the local-memory
    # cache counts well enough. production.py refuses it (portal/settings/production.py).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A served test portal (portal/tests/browser/conftest.py) names one folder for all its processes.
MEDIA_ROOT = Path(  # noqa: F405
    os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="portal-test-media-")  # noqa: F405
)
WAGTAILADMIN_BASE_URL = "http://testserver"
# Machine translation without a network: wagtail-localize's dummy translator.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Webhook retries without the waiting.
WEBHOOK_RETRY_DELAYS = [0.05, 0.05]
# Django's test client logs in without a request, which django-axes refuses; the lockout tests
# turn it back on (portal/tests/test_login_security.py).
AXES_ENABLED = False
# Two-factor sign-in is nobody's duty here, so force_login'd clients reach the admin as before;
# the two-factor tests require it (portal/tests/test_two_factor.py, override_settings).
TWO_FACTOR_REQUIRED_GROUPS = []
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False
