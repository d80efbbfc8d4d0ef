"""The benchmark's settings: the stock production.py with this copy's database, hosts and secret
key (files beside manage.py, written by bench/peer.py), the news app, and Wagtail's API v2 as
its configuration guide sets it up. No cache, no extra middleware."""

import dj_database_url

from .production import *  # noqa: F403
from .production import BASE_DIR, INSTALLED_APPS

SECRET_KEY = (BASE_DIR / "secret_key").read_text().strip()
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Persistent connections, as the portal's production environment keeps them (CONN_MAX_AGE=600
# in bin/prod): without them each request would also pay for a new PostgreSQL connection.
DATABASES = {
    "default": dj_database_url.parse(
        (BASE_DIR / "database_url").read_text().strip(),
        conn_max_age=600,
        conn_health_checks=True,
    )
}

INSTALLED_APPS = ["news", *INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
ROOT_URLCONF = "peer.bench_urls"
# The benchmark asks the API for 50 releases at once; Wagtail's default ceiling is 20.
WAGTAILAPI_LIMIT_MAX = 50

# Errors on the console (gunicorn's log): Django shows them there only with DEBUG on.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "ERROR"}},
}
