"""What readers see of the pages: live ones, in no private section, after their go-live time
and before their expiry.

Every list, feed, search, the sitemap, the API (portal/api/public.py) and the page's own
address (the before_serve_page hook below) ask here, so that a page past
its `expire_at` is gone from all of them at once, also before publish_scheduled has run to
unpublish it. Kept answers follow: the content generation goes up when such a time passes
(next_change(), read by portal/core/content_cache.py).

Times are read to the minute, so that a listing's query, and the count kept for it, stays the
same for a minute; rounded the safe way: a page may show up to a minute late or leave up to a
minute early, never the reverse.
"""

from datetime import timedelta

from django.db.models import Min, Q
from django.http import Http404
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Site

from portal.core import content_cache

MINUTE = timedelta(minutes=1)


def this_minute():
    return timezone.now().replace(second=0, microsecond=0)


def next_minute(moment):
    """The first minute boundary at or after `moment`."""
    start = moment.replace(second=0, microsecond=0)
    return start if start == moment else start + MINUTE


def in_time():
    """Q: neither past the expiry nor before the go-live time, this minute."""
    minute = this_minute()
    return (Q(expire_at__isnull=True) | Q(expire_at__gt=minute + MINUTE)) & (
        Q(go_live_at__isnull=True) | Q(go_live_at__lte=minute)
    )


def is_in_time(page):
    """in_time() for one page."""
    minute = this_minute()
    return (page.expire_at is None or page.expire_at > minute + MINUTE) and (
        page.go_live_at is None or page.go_live_at <= minute
    )


def visible(pages, request=None):
    """The pages of the queryset `pages` that readers see: live, in time, and in no private
    section (whoever asks: private pages are left out even for their members)."""
    return content_cache.public(pages.live().filter(in_time()), request)


def next_change():
    """The first moment at which visible() answers differently without anything being
    published: a live page's expiry or go-live time read as passed. None if none is coming."""
    minute = this_minute()
    found = Page.objects.live().aggregate(
        expiry=Min("expire_at", filter=Q(expire_at__gt=minute + MINUTE)),
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=minute)),
    )
    moments = []
    if found["expiry"] is not None:
        # Hidden from the minute whose next minute reaches the expiry (in_time()).
        moments.append(next_minute(found["expiry"] - MINUTE))
    if found["go_live"] is not None:
        moments.append(next_minute(found["go_live"]))
    return min(moments, default=None)


@hooks.register("before_serve_page")
def refuse_pages_out_of_time(page, request, serve_args, serve_kwargs):
    """A page's address is a 404 once the page is past its expiry (or before its go-live
    time), as in every list. Wagtail's routing asks only whether it is live, which it stays
    until publish_scheduled runs. Previews, Wagtail's and the embargo links, do not come here."""
    if not is_in_time(page):
        raise Http404


def public_pages(request, model=Page):
    """The pages readers see (portal/core/visibility.py: live, public, in time; to the minute, so
    that the count kept for a listing, ListingQuerySet in views.py, stays the same for a
    minute), in the requested site's language trees."""
    request = content_cache.django_request(request)
    pages = visible(model._default_manager.all(), request)
    site = Site.find_for_request(request)
    if site is None:
        return pages.none()
    home_paths = content_cache.per_request(
        request,
        "site-home-paths",
        lambda: list(
            site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
        ),
    )
    in_site = Q()
    for path in home_paths:
        in_site |= Q(path__startswith=path)
    return pages.filter(in_site)
