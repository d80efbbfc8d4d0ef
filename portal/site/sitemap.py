"""sitemap.xml for every language, each page with hreflang alternates to its translations."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from portal.core.visibility import visible


class MultilingualSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_language_tree = Q()
        for home in homes:
            in_a_language_tree |= Q(path__startswith=home.path)
        return (
            visible(Page.objects.filter(in_a_language_tree), getattr(self, "request", None))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        translations = defaultdict(list)
        for item in items:
            translations[item.translation_key].append(item)
        urls, last_mods = [], set()
        for item in items:
            siblings = translations[item.translation_key]
            alternates = []
            if len(siblings) > 1:
                alternates = [
                    {
                        "lang_code": languages[other.locale_id],
                        "location": other.get_full_url(self.request),
                    }
                    for other in siblings
                ]
                source = next(
                    (o for o in siblings if languages[o.locale_id] == settings.LANGUAGE_CODE), None
                )
                if source is not None:
                    alternates.append(
                        {"lang_code": "x-default", "location": source.get_full_url(self.request)}
                    )
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
