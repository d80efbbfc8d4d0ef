"""The journalists' read-only preview of an embargoed release."""

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from news.models import EmbargoPreview


def no_trace(response):
    """Never cached, indexed, or passed on in a Referer (the token is in the address)."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def embargo_preview(request, token):
    link = EmbargoPreview.from_token(token)
    if link is None:
        return no_trace(render(request, "news/embargo_unavailable.html", status=404))
    release = link.release.specific
    language = release.locale.language_code
    translation.activate(language)
    request.LANGUAGE_CODE = language
    if not link.is_open():
        # Expired, revoked, or the embargo is over: then the public page is the place to go.
        return no_trace(
            render(
                request,
                "news/embargo_unavailable.html",
                {"public_url": release.url if release.live else None},
                status=410,
            )
        )
    revision = release.scheduled_revision or release.latest_revision
    preview = revision.as_object() if revision else release
    request.embargo = {"until": link.embargo_ends_at, "recipient": link.recipient}
    # A draft: read and written by no cache (Wagtail's {% wagtailcache %} asks this).
    request.is_preview = True
    return no_trace(preview.serve_preview(request, preview.default_preview_mode))
