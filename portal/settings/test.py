"""The test suite: fast hashing, in-memory e-mail, media in a throwaway folder."""

import tempfile

from .base import *  # noqa: F403 (settings layering)

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))  # noqa: F405
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
