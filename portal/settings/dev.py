"""Local development: debug on, a fixed throwaway key, e-mail to the console."""

from .base import *  # noqa: F403 (settings layering)

if not os.environ.get("REDIS_URL"):  # noqa: F405
    # django-ratelimit wants a cache every process shares; here (one process) the local-memory
    # cache counts well enough. production.py refuses it (portal/settings/production.py).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key")  # noqa: F405
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# `make run` prints a password that signs the seeded administrator straight in, with no phone at
# hand; two-factor sign-in can still be tried from Account, and is required in production.
TWO_FACTOR_REQUIRED_GROUPS = []
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False
