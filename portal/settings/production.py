"""Production: refuses to start without a secret key or a shared cache; passes
`manage.py check --deploy`."""

from .base import *  # noqa: F403 (settings layering)

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):  # noqa: F405
    raise ImproperlyConfigured(  # noqa: F405
        "Set SECRET_KEY in the environment to a random string of at least 50 characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# The cache must be one that every process shares: the password reset limit (django-ratelimit)
# counts in it, and a publish bumps the content generation in it
# (portal/core/content_cache.py), which a process with a cache of its own would never see.
# SINGLE_PROCESS=true says the site runs in one process only (one gunicorn worker, no second
# server): then `check` warns (portal.W001 and django-ratelimit's W001) instead of refusing.
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", False)  # noqa: F405
# Whole anonymous answers kept by the app servers too (portal/ops/response_cache.py).
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", True)  # noqa: F405
if not os.environ.get("REDIS_URL"):  # noqa: F405
    if not SINGLE_PROCESS:
        raise ImproperlyConfigured(  # noqa: F405
            "Set REDIS_URL (redis://host:6379/0): the cache must be shared by every process (the "
            "password reset limit counts in it; a publish clears rendered pages through it). "
            "Only for a single-process deployment (one gunicorn worker), set SINGLE_PROCESS=true."
        )
    # An error stops every manage.py command (migrate, publish_scheduled): django-ratelimit's
    # "not a shared cache" error is reported as portal.W001 instead (portal/ops/checks.py).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003"]

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)

# HTTPS everywhere; behind a proxy that terminates TLS, it must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS_ONLY=false only for trying the stack on loopback over plain HTTP (bin/prod): no
# redirect, no HSTS, cookies without the Secure flag. `check --deploy` says so.
HTTPS_ONLY = env_bool("HTTPS_ONLY", True)  # noqa: F405
SECURE_SSL_REDIRECT = HTTPS_ONLY and env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
if HTTPS_ONLY:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))  # noqa: F405
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"  # only over HTTPS, only for this host
    CSRF_COOKIE_NAME = "__Host-csrftoken"
