"""Checks stacked in front of one of wagtail-localize's admin views.

Several apps put a check in front of the same view by registering their own pattern at its path
earlier (register_admin_urls with a lower order): news (topics in their language), the URL
guards, the segment conflict check. Each hands the request on to what the path reaches after
its own pattern, so the checks stack in the order of their hooks and end at the view itself.
"""

from django.http import Http404
from django.urls import Resolver404, reverse


def view_behind(request, url_name):
    """The match the request's admin path reaches after the pattern named `url_name`."""
    from wagtail.admin.urls import urlpatterns

    admin_path = request.path_info.removeprefix(reverse("wagtailadmin_home"))
    passed = False
    for pattern in urlpatterns:
        try:
            match = pattern.resolve(admin_path)
        except Resolver404:
            continue
        if match is None:
            continue
        if passed:
            return match
        passed = match.url_name == url_name
    raise Http404


def hand_on(request, url_name):
    """The answer of what stands behind the pattern named `url_name`."""
    match = view_behind(request, url_name)
    return match.func(request, *match.args, **match.kwargs)
