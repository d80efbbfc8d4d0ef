"""Uploaded files that a collection's privacy covers: documents and original images.

Under MEDIA_ROOT, `documents/` and `original_images/` hold the uploads as they came, under
names anyone can guess; a collection with a view restriction (a password, signed-in users,
groups) must keep them to the people it lets in. So neither folder is ever served as a plain
file (deploy/nginx/portal.conf, and media_urls() for the development server): documents go
through Wagtail's serve view (/documents/<id>/<name>), which checks the collection; an original
image goes through original_image() below, which checks it the same way. Renditions
(`images/`) are what pages show, and are served as plain files, fast.

Behind nginx the app only decides, and nginx sends the bytes: SENDFILE_BACKEND (this module's
sendfile) and original_image() answer with `X-Accel-Redirect` to an internal location
(MEDIA_ACCEL_REDIRECT_URL, e.g. /internal-media/) that only such an answer can reach.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import re_path
from django.views.static import serve
from wagtail.images import get_image_model

SERVED_AS_FILES = "images"  # renditions: public, the folder under MEDIA_ROOT served as it is


def accelerated(relative_path, content_type):
    """An empty answer telling nginx to send MEDIA_ROOT/relative_path itself."""
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_URL + quote(relative_path)
    return response


def sendfile(request, filename, mimetype=None, **_kwargs):
    """A SENDFILE_BACKEND for Wagtail's document serve view: nginx sends the file."""
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    return accelerated(relative.as_posix(), mimetype or "application/octet-stream")


def collection_lets_in(request, collection):
    """Every view restriction on the collection and the collections above it accepts the
    request (the rule Wagtail's document serve view applies)."""
    return all(
        restriction.accept_request(request) for restriction in collection.get_view_restrictions()
    )


def original_image(request, name):
    """An uploaded image as it came, unless its collection keeps it from this visitor (then
    404, as if it did not exist: the name says nothing)."""
    path = posixpath.normpath("original_images/" + name)
    if not path.startswith("original_images/"):
        raise Http404
    image = get_image_model().objects.filter(file=path).select_related("collection").first()
    if image is None or not collection_lets_in(request, image.collection):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT_URL:
        response = accelerated(path, content_type)
    else:
        try:
            response = FileResponse(image.file.open("rb"), content_type=content_type)
        except FileNotFoundError as missing:
            raise Http404 from missing
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"  # the collection may become private
    return response


def media_urls():
    """The addresses under MEDIA_URL the app answers: original images always (nginx passes
    them on), renditions only on the development server (nginx serves them in production)."""
    prefix = settings.MEDIA_URL.lstrip("/")
    urls = [re_path(rf"^{prefix}original_images/(?P<name>.+)$", original_image)]
    if settings.DEBUG:
        urls.append(
            re_path(
                rf"^{prefix}{SERVED_AS_FILES}/(?P<path>.+)$",
                serve,
                {"document_root": Path(settings.MEDIA_ROOT) / SERVED_AS_FILES},
            )
        )
    return urls
