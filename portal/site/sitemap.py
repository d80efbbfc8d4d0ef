"""The sitemap: an index (sitemap.xml) of pages of at most LIMIT addresses (sitemap-pages.xml,
?p=2 and on), every language, each page with hreflang alternates to its translations.

Built for 100,000 releases in three languages: the pages are read as rows (no page objects),
their addresses from their language tree's home address (what Wagtail's get_url_parts does for
a page under a site root, without its reverse() per page; test_findable checks that both give
the same), the translations of a sitemap page's pages in one query, and the index's dates with
one aggregate instead of reading every page (Django's get_latest_lastmod())."""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from portal.core.links import absolute_url
from portal.core.visibility import visible

LIMIT = 5000
FIELDS = ("url_path", "translation_key", "locale_id")


class MultilingualSitemap(Sitemap):
    limit = LIMIT

    def homes(self):
        """[(tree path, url_path, full address)] of the site's home page in every language."""
        if not hasattr(self, "_homes"):
            root = self.get_wagtail_site().root_page
            self._homes = [
                (home.path, home.url_path, home.get_full_url(self.request))
                for home in root.get_translations(inclusive=True)
            ]
        return self._homes

    def pages(self):
        in_a_language_tree = Q(pk__in=[])
        for path, _url_path, _address in self.homes():
            in_a_language_tree |= Q(path__startswith=path)
        return visible(Page.objects.filter(in_a_language_tree), getattr(self, "request", None))

    def items(self):
        return (
            self.pages()
            .order_by("path")
            .annotate(modified=Coalesce("last_published_at", "latest_revision_created_at"))
            .values("pk", "modified", *FIELDS)
        )

    def get_latest_lastmod(self):
        modified = Coalesce("last_published_at", "latest_revision_created_at")
        return self.pages().aggregate(latest=Max(modified))["latest"]

    def address(self, row):
        for _path, url_path, home in self.homes():
            if row["url_path"].startswith(url_path):
                return home + row["url_path"][len(url_path) :]
        return None

    def _urls(self, page, protocol, domain):
        rows = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        keys = {row["translation_key"] for row in rows}
        translations = defaultdict(list)
        for other in self.pages().filter(translation_key__in=keys).values(*FIELDS):
            translations[other["translation_key"]].append(other)
        urls, last_mods = [], set()
        for row in rows:
            urls.append(
                {
                    "item": row,
                    "location": self.address(row),
                    "lastmod": row["modified"],
                    "changefreq": None,
                    "priority": None,
                    "alternates": self.alternates(translations[row["translation_key"]], languages),
                }
            )
            last_mods.add(row["modified"])
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, siblings, languages):
        if len(siblings) < 2:
            return []
        found = [
            {"lang_code": languages[other["locale_id"]], "location": self.address(other)}
            for other in siblings
        ]
        source = next((item for item in found if item["lang_code"] == settings.LANGUAGE_CODE), None)
        if source is not None:
            found.append({"lang_code": "x-default", "location": source["location"]})
        return found


SITEMAPS = {"pages": MultilingualSitemap}


def index(request):
    """sitemap.xml: the pages of sitemap-pages.xml at the site's configured address (Django's
    index view writes the request's Host header, which a client chooses, into an answer the
    caches keep), each dated by the newest page."""
    sitemap = MultilingualSitemap(request)
    address = absolute_url(reverse("sitemap", kwargs={"section": "pages"}), request)
    latest = sitemap.get_latest_lastmod()
    parts = [
        SitemapIndexItem(address if number == 1 else f"{address}?p={number}", latest)
        for number in sitemap.paginator.page_range
    ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": parts}, content_type="application/xml"
    )
