"""Local development: debug on, a fixed throwaway key, e-mail to the console."""

from .base import *  # noqa: F403 (settings layering)

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key")  # noqa: F405
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
