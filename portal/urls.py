from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import PasswordResetView
from wagtail.contrib.sitemaps import views as sitemaps
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_views

from news.views import embargo_preview
from portal.api import views as api_views
from portal.api.openapi import openapi_document
from portal.editorial import staff_visibility
from portal.ops.private_media import media_urls
from portal.ops.throttle import limit_posts_per_address
from portal.site import views as portal_views
from portal.site.sitemap import SITEMAPS
from portal.site.sitemap import index as sitemap_index

urlpatterns = [
    # Wagtail's password reset form, limited per address (login lockout is django-axes').
    path(
        "admin/password_reset/",
        limit_posts_per_address(PasswordResetView.as_view()),
        name="wagtailadmin_password_reset",
    ),
    # Wagtail's external link chooser for rich text, taking only the schemes the portal allows
    # (portal/editorial/url_guards.py) and naming only pages the user may see.
    path(
        "admin/choose-external-link/",
        require_admin_access(staff_visibility.ExternalLinkView.as_view()),
        name="wagtailadmin_choose_page_external_link",
    ),
    # Wagtail's page choosers and reports, showing staff only the pages they may see.
    path("admin/", include(staff_visibility.admin_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    # The password of a private collection, limited per address like the login.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limit_posts_per_address(
            document_views.authenticate_with_password, settings.VIEW_PASSWORD_RATE
        ),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # The headless API, outside the language prefixes: ?locale= chooses the language.
    path("api/v2/openapi.json", api_views.cacheable(openapi_document), name="openapi"),
    path("api/v2/", api_views.api_router.urls),
    re_path(r"^api/", api_views.not_found),
    path("health/", portal_views.health, name="health"),
    # Read-only previews of embargoed releases for journalists, by signed link.
    path("embargo/<str:token>/", embargo_preview, name="embargo_preview"),
    # Outside the language prefixes: one sitemap for every language (an index of pages of
    # addresses: portal/site/sitemap.py), and robots.txt.
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploads a collection may keep private are never served as plain files
# (portal/ops/private_media.py).
urlpatterns += media_urls()

# Every public page carries its language: /lv/..., /en/..., /pl/...
urlpatterns += i18n_patterns(
    path("search/", portal_views.search, name="search"),
    # The password of a private page, limited per address like the login.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_posts_per_address(
            wagtail_views.authenticate_with_password, settings.VIEW_PASSWORD_RATE
        ),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler500 = "portal.site.views.server_error"
