"""Settings shared by every environment, safe to run in production as they are.

Every secret and host comes from the environment; dev.py and test.py only override.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# production.py refuses to start without one; dev.py and test.py set their own.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "news",
    "projects",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_filters",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "wagtail.api.v2",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # The request known to rich text and blocks, which look things up once per request.
    "portal.core.content_cache.RequestScopeMiddleware",
    # Whole anonymous answers kept in the cache too, compressed as asked (RESPONSE_CACHE,
    # portal/ops/response_cache.py): outside the compression and the cache-control marking.
    "portal.ops.response_cache.ResponseCacheMiddleware",
    # Compresses what the others made, for clients that ask (nginx always asks, and keeps the
    # compressed copy in its cache: deploy/nginx/portal.conf). Django's BREACH mitigation is on.
    "portal.ops.middleware.PageGZipMiddleware",
    # Outside the rest, so it sees every cookie they set (portal/ops/frontend_cache.py).
    "portal.ops.frontend_cache.FrontendCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Another spelling of an address is redirected to the app's own (portal/ops/frontend_cache.py).
    "portal.ops.frontend_cache.CanonicalAddressMiddleware",
    "portal.ops.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "portal.ops.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in: the device that verified the session (django-otp), then the admin
    # closed to a session that has the password but not yet the code
    # (portal/editorial/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "portal.editorial.two_factor.SecondFactorMiddleware",
    # An admin save's stale check and the save itself in one transaction (portal/core/forms.py).
    "portal.ops.middleware.AdminSaveTransactionMiddleware",
    # A save from an editor whose session ended keeps its input (portal/editorial/kept_input.py).
    "portal.editorial.kept_input.KeepInputOnSignedOutSaveMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Answers a rate limit (django-ratelimit's Ratelimited) with RATELIMIT_VIEW.
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Security headers, the Content-Security-Policy, sign-in and its limits: security.py.
from portal.settings.security import *  # noqa: E402, F403 (settings layering)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # What the templates' cached fragments vary on (portal/core/content_cache.py).
                "portal.core.content_cache.template_context",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise
# (postgres://user:password@host:port/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes SQLite's write lock when it starts, so two saves wait for each other
    # instead of one failing with "database is locked" halfway (portal/core/forms.py).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis for the cache and the sessions when REDIS_URL is set (redis://127.0.0.1:6379/0), so
# every app server shares them; otherwise each process keeps its own cache in memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis keeps one client per process; Django's own Redis backend builds
            # a new one for every cache call (2 ms of a 15 ms page, measured).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            "TIMEOUT": 60 * 60,
            # Redis gone is not the site gone: a read finds nothing and a write is dropped
            # (DJANGO_REDIS_IGNORE_EXCEPTIONS), so pages are rendered from the database,
            # sessions read from it too; within half a second, even if Redis hangs.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # in the log, for whoever runs the server
    # Read from Redis, kept in the database: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Without REDIS_URL each process has its own cache: production.py refuses that (unless
# SINGLE_PROCESS=true); dev.py and test.py (one process) silence django-ratelimit's checks.

# Wagtail's background work (search index and reference index updates after a save): in the
# request by default; with BACKGROUND_TASKS=true, queued in the database for `manage.py
# db_worker` (bin/prod runs one), so publishing does not wait for them. Purges never queue
# (portal/ops/frontend_cache.py sends them once the change is committed).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if env_bool("BACKGROUND_TASKS", False)
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# The cache in front (nginx or a CDN, portal/ops/frontend_cache.py): how long it keeps anonymous
# pages (purged on publish anyway), and addresses with a query string (not purged by prefix).
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", 60 * 60))
FRONTEND_CACHE_QUERY_SECONDS = int(os.environ.get("FRONTEND_CACHE_QUERY_SECONDS", 60))
# The app servers keep the same answers in the cache (portal/ops/response_cache.py): on in
# production, where the cache is Redis shared by every app server.
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", False)
# Where to send purges: nginx's purge server (deploy/nginx/portal.conf), e.g.
# FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:8081
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "portal.ops.frontend_cache.NginxPurgeBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
# Each translation has its own slug: portal/ops/frontend_cache.py purges every language itself.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Languages: Latvian is the source language; English and Polish are translations.
LANGUAGE_CODE = "lv"
LANGUAGES = [
    ("lv", "Latviešu"),
    ("en", "English"),
    ("pl", "Polski"),
]
# Ours first, then our catalogues of the installed packages' messages (Wagtail's Latvian is a
# third done): both win over the packages' own. manage.py upstream_messages makes the second.
UPSTREAM_LOCALE_DIR = BASE_DIR / "locale-upstream"
LOCALE_PATHS = [BASE_DIR / "locale", UPSTREAM_LOCALE_DIR]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Riga"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# ASCII slugs: "vizite-uz-krakovu" reads and shares better than percent-encoded "vizīte".
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Dates in each language's own way (2. decembris, 2 December, 2 grudnia): Django's formats,
# with English in day-month order (portal/formats/en).
FORMAT_MODULE_PATH = ["portal.formats"]

# wagtail-localize: a new translation starts as a draft (its default would publish the
# untranslated copy at once if the source is live); translators publish it when translated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation (DeepL) only when a key is configured.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media in S3-compatible object storage (django-storages) when a bucket is named, so several
# app servers share the uploads; credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "region_name": os.environ.get("AWS_S3_REGION_NAME"),
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
            "default_acl": None,
            "querystring_auth": False,  # public media, addressed without signatures
            "file_overwrite": False,
        },
    }

# Complex page forms exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Latgale Planning Region news")


def OTP_TOTP_ISSUER(device):  # noqa: N802 (a setting, which django-otp calls)
    """The account's name in an authenticator app: the site's name, in the admin's language."""
    return str(WAGTAIL_SITE_NAME)


WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's sign-in form with its password field labelled in the admin's language.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.editorial.login_form.LoginForm"
# Wagtail's database backend, with search text that SQLite's full-text syntax cannot misread
# (portal/site/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.site.search_backend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Latvian and Polish word forms (portal/site/search_config.py, created by a migration).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portal"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always through Wagtail's serve view, which checks their collection's privacy
# (portal/ops/private_media.py). Behind nginx, MEDIA_ACCEL_REDIRECT_URL names its internal location
# for uploads (deploy/nginx/portal.conf): the app decides, nginx sends the bytes.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
MEDIA_ACCEL_REDIRECT_URL = os.environ.get("MEDIA_ACCEL_REDIRECT_URL", "")
if MEDIA_ACCEL_REDIRECT_URL:
    SENDFILE_BACKEND = "portal.ops.private_media"
# Every document is downloaded, never opened in the site's origin (a PDF or HTML file with
# script in it cannot run as the portal).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # 8000 × 5000; a decoded image stays < 200 MB
WAGTAILIMAGES_IMAGE_FORM_BASE = (
    "portal.editorial.images.PortalImageForm"  # images decode to the end
)

# The headless API (portal/api/): Wagtail's API v2 at /api/v2/, see the README.
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # internal links resolved to public addresses
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
# How long browsers, proxies and the cache in front may reuse an API response (seconds).
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
# Other sites' JavaScript may read the API from these origins (https://partner.example).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# What a front end on another origin may read: the ETag for If-None-Match, and the notice that
# it used a renamed parameter or type (portal/core/api_input.py).
CORS_EXPOSE_HEADERS = ["ETag", "Deprecation", "Sunset", "Link", "X-Deprecated-Names"]
# The content apps' parts of the API (their OPENAPI: page types, filters of the pages' listing
# such as ?project=, ?partner=, ?topic=, dates, and their description in the OpenAPI document).
API_CONTENT_MODULES = ["projects.api", "news.api"]

# Webhooks (portal/webhooks/delivery.py): the admin's Settings > Webhooks, and these from the
# environment: WEBHOOK_URLS=https://a.example/hook,https://b.example/hook WEBHOOK_SECRET=...
PORTAL_WEBHOOKS = [
    {"url": url, "secret": os.environ.get("WEBHOOK_SECRET", "")} for url in env_list("WEBHOOK_URLS")
]
if PORTAL_WEBHOOKS and not os.environ.get("WEBHOOK_SECRET"):
    raise ImproperlyConfigured("WEBHOOK_URLS needs a WEBHOOK_SECRET to sign the events with")
WEBHOOK_TIMEOUT = 5  # seconds a receiver may take
# Seconds after a failed post before the task tries again, then 1, 2, 4... minutes
# (portal/webhooks/delivery.py).
WEBHOOK_RETRY_DELAYS = [2, 10, 60]
WEBHOOK_MAX_ATTEMPTS = 8  # then deliver_webhooks stops trying

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
