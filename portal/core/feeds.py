"""RSS 2.0 and Atom feeds of press releases: a language's releases, or a project's."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from portal.core.links import absolute_url

FEED_LENGTH = 20


class ReleaseFeed(Feed):
    """Feed(page, releases)(request): `releases` are the release pages to list, newest first."""

    feed_type = Rss201rev2Feed

    def __init__(self, page, releases):
        super().__init__()
        self.page = page
        self.releases = releases
        # Django reads `language` as a plain attribute, not through a method.
        self.language = page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.page.title} | {settings.WAGTAIL_SITE_NAME}"

    def link(self):
        return self.page.get_full_url(self.request)

    def description(self):
        return _("Press releases: %(title)s") % {"title": self.page.title}

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return absolute_url(self.request.get_full_path(), self.request)

    def items(self):
        return list(self.releases[:FEED_LENGTH])

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        # Plain text, as the title: the XML writer escapes it once. Escaped here as well, it
        # reached readers as "&quot;" and "&lt;b&gt;".
        return release.lead

    def item_link(self, release):
        return release.get_full_url(self.request)

    def item_guid(self, release):
        return f"urn:uuid:{release.translation_key}:{self.page.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, release):
        return timezone.make_aware(
            datetime.datetime.combine(release.release_date, datetime.time(9))
        )

    def item_updateddate(self, release):
        return release.last_published_at or self.item_pubdate(release)


class PlainTextAtom1Feed(Atom1Feed):
    """Django's Atom feed, whose summary says it is text: Django marks it as HTML, which would
    turn a `<` in a lead into markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class AtomReleaseFeed(ReleaseFeed):
    feed_type = PlainTextAtom1Feed


class ReleaseFeedsMixin(RoutablePageMixin):
    """A page with feed/rss/ and feed/atom/ of the releases that its releases() returns."""

    def releases(self):
        raise NotImplementedError

    def get_cached_paths(self):
        # Purged with the page (portal/ops/frontend_cache.py).
        return ["/", "feed/rss/", "feed/atom/"]

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/rss/")
    def rss_feed(self, request):
        return ReleaseFeed(self, self.releases())(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        return AtomReleaseFeed(self, self.releases())(request)
