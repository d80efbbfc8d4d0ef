"""Security settings shared by every environment (base.py imports them): headers, the
Content-Security-Policy, the client's address behind the proxy, sign-in, lockout and limits.
production.py adds HTTPS (HSTS, secure cookies)."""

import os

from django.core.exceptions import ImproperlyConfigured

# Security headers on every response (production.py adds HTTPS: HSTS, secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's own preview views allow the admin's frame (SAMEORIGIN); nothing else is framed.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # Wagtail's admin reads the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"
# No Gravatar: editors' e-mail hashes are not sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp). The public site runs no script at all; embedded videos
# come from the providers EmbedBlock allows.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin still has inline scripts and styles, and shows images it fetches as blobs.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "frame-ancestors": ["'self'"],  # the preview panel
    }
}

# Behind nginx, the client's address is in a header nginx always overwrites with the address it
# saw (deploy/nginx/portal-proxy.conf: X-Real-IP $remote_addr), so the login lockout and the
# password reset limit count per client, and a header the client sends is ignored. Unset: the
# connection's own address (the development server). Behind a load balancer as well, let nginx
# take the client's address from it (real_ip module, docs/deployment.md).
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "").strip()
CLIENT_ADDRESS_META_KEY = (
    "HTTP_" + CLIENT_ADDRESS_HEADER.upper().replace("-", "_") if CLIENT_ADDRESS_HEADER else ""
)
if os.environ.get("TRUSTED_PROXY_COUNT"):
    # It read X-Forwarded-For, whose first entries the client writes.
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is gone: set CLIENT_ADDRESS_HEADER=X-Real-IP and have the proxy "
        "set that header to the client's address (deploy/nginx/portal-proxy.conf)"
    )
AXES_CLIENT_IP_CALLABLE = "portal.ops.throttle.client_address"
RATELIMIT_IP_META_KEY = "portal.ops.throttle.client_address"

# Django's model backend, refusing locked-out logins (django-axes) before checking them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (django-axes): 5 failed logins for a username from one address lock that pair
# out for an hour; a wrong two-factor code counts too. A complete sign-in resets the count:
# the password of a user without an authenticator app, otherwise the code after it
# (portal/editorial/two_factor.py), so signing in again with a stolen password buys no more guesses.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
# Never written to django-axes' records of failed attempts (it masks "password" itself).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "confirmation"]
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
# Two-factor sign-in (portal/editorial/two_factor.py): anyone may set up an authenticator app under
# Account; superusers and these groups (portal/core/roles.py) must, before anything else.
TWO_FACTOR_REQUIRED_GROUPS = ["Moderators"]
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
# The account's name in the app: OTP_TOTP_ISSUER, the site's name (base.py).
# Password reset requests: at most this many an hour from one address (django-ratelimit,
# portal/ops/throttle.py).
PASSWORD_RESET_RATE = 5
# Guesses at the password of a private page or collection: this many an hour from one address.
VIEW_PASSWORD_RATE = 10
RATELIMIT_VIEW = "portal.ops.throttle.too_many_requests"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
