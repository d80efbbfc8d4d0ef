"""Site-wide template pieces: navigation, languages (switcher and alternates), money."""

from babel.numbers import format_currency
from django import template
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Site

from portal.core import content_cache
from portal.core.html_json import dumps_for_html
from portal.core.links import absolute_url
from portal.core.metadata import OG_LOCALES, SHARE_IMAGE, description_of, image_of
from portal.core.translations import originals
from portal.core.visibility import in_time, visible

register = template.Library()


def _localized_home(request):
    """The home page in the request's language; looked up once per request (navigation,
    switcher, feeds and footer all need it)."""
    if not hasattr(request, "_portal_home"):
        site = Site.find_for_request(request)
        request._portal_home = site.root_page.localized.specific if site else None
    return request._portal_home


def _live_translations(page):
    """{language code: live page} for `page` and its translations, none past its expiry; on a
    public page only the public ones (a private translation's address is not to be shown), on
    a private page its private translations too (they are the ones its readers follow). One
    query, kept on the page."""
    if page is None or not getattr(page, "pk", None) or not hasattr(page, "get_translations"):
        return {}
    if not hasattr(page, "_live_translations"):
        shown_private = content_cache.is_private(page)
        page._live_translations = {
            other.locale.language_code: other
            for other in page.get_translations(inclusive=True)
            .live()
            .filter(in_time())
            .select_related("locale")
            if shown_private or not content_cache.is_private(other)
        }
    return page._live_translations


@register.simple_tag(takes_context=True)
def site_url(context, path):
    """An absolute address on this site, from its configured address (portal/core/links.py)."""
    return absolute_url(path, context.get("request"))


@register.inclusion_tag("components/site_navigation.html", takes_context=True)
def site_navigation(context):
    request = context["request"]
    home = _localized_home(request)
    items = visible(home.get_children().in_menu(), request) if home else []
    return {"home": home, "items": items, "current": context.get("page"), "request": request}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language: to this page's live translation, else to that language's home
    page, saying so."""
    request = context["request"]
    translations = _live_translations(context.get("page"))
    homes = _live_translations(_localized_home(request))
    current = translation.get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        fallback = target is None
        target = target or homes.get(code)
        with translation.override(code):
            url = target.get_url(request) if target else f"/{code}/"
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "fallback": fallback,
            }
        )
    return {"languages": languages}


@register.inclusion_tag("components/alternates.html", takes_context=True)
def alternates(context):
    """hreflang links to every live translation of the page, and x-default (the source)."""
    request = context["request"]
    translations = _live_translations(context.get("page"))
    links = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            links.append({"hreflang": code, "href": translations[code].get_full_url(request)})
    if settings.LANGUAGE_CODE in translations and len(links) > 1:
        source = translations[settings.LANGUAGE_CODE]
        links.append({"hreflang": "x-default", "href": source.get_full_url(request)})
    return {"links": links}


@register.inclusion_tag("components/outdated_translation.html", takes_context=True)
def outdated_translation(context):
    """On a translation whose Latvian original has changed since it was published: when, and a
    link to the original. Nothing (and no query) on a Latvian page."""
    request = context["request"]
    page = context.get("page")
    if not getattr(page, "translation_key", None) or language_of(page) == settings.LANGUAGE_CODE:
        return {}
    original = originals([page], request).get(page.pk)
    if original is None or original.outdated_since is None:
        return {}
    since = timezone.localtime(original.outdated_since)
    return {
        "original": original.page,
        "url": original.page.get_url(request),
        # A <time> inside the translated sentence: blocktrans cannot hold the tag itself.
        "updated_on": format_html(
            '<time datetime="{}">{}</time>', since.isoformat(), date_format(since, "DATE_FORMAT")
        ),
    }


@register.inclusion_tag("components/site_footer.html", takes_context=True)
def site_footer(context):
    from portal.models import AccessibilityStatementPage

    home = _localized_home(context["request"])
    statement = visible(AccessibilityStatementPage.objects.child_of(home)).first() if home else None
    return {"statement": statement, "request": context["request"]}


@register.simple_tag
def site_name():
    """The portal's name in the active language, from its one place (WAGTAIL_SITE_NAME)."""
    return settings.WAGTAIL_SITE_NAME


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> to the RSS and Atom feeds of this language's releases, and of the
    pages the page offers the feeds of (PortalPage.feeds: a project its own)."""
    request = context["request"]
    home = _localized_home(request)
    page = context.get("page")
    offered = getattr(home, "feeds", list)()
    if page is not None and getattr(page, "pk", None) != getattr(home, "pk", None):
        offered += getattr(page, "feeds", list)()
    return {"feeds": offered, "request": request}


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical URL, Open Graph, Twitter card and schema.org JSON-LD."""
    request = context["request"]
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return {}
    image, image_alt = image_of(page)
    image_url = absolute_url(image.get_rendition(SHARE_IMAGE).url, request) if image else None
    data = page.structured_data(request, image_url) if hasattr(page, "structured_data") else None
    language = page.locale.language_code
    return {
        "title": page.seo_title or page.title,
        "description": description_of(page),
        "canonical": page.get_full_url(request),
        "og_type": "article" if data and data["@type"] == "NewsArticle" else "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_alternates": [
            OG_LOCALES.get(code, code) for code in _live_translations(page) if code != language
        ],
        "image_url": image_url,
        "image_alt": image_alt,
        "structured_data": _json_for_script(data) if data else None,
    }


def _json_for_script(data):
    # As Django's json_script: no "</script>" or HTML-significant characters inside.
    return mark_safe(dumps_for_html(data))


@register.filter
def money(amount, currency="EUR"):
    """The amount with its currency as the active language writes it (CLDR, via Babel):
    1 172 029,00 € in Latvian and Polish, €1,172,029.00 in English."""
    if amount is None:
        return ""
    locale = translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)
    return format_currency(amount, currency, locale=locale)


@register.filter
def language_of(page):
    """The language code of a page's locale, without a query per page (the locales, kept in
    the cache until the content changes)."""
    codes = content_cache.cached(
        None,
        "locale-codes",
        # A locale added or changed renews everything; a publish does not change them.
        [content_cache.shared_generation()],
        lambda: dict(Locale.objects.values_list("id", "language_code")),
        generation_in_key=False,
    )
    return codes.get(page.locale_id) or page.locale.language_code


@register.filter
def page_version(page):
    """What a page's cached fragments vary on besides the shared generation: the version of the
    page, renewed when a page it shows is published (portal/core/content_cache.py)."""
    if page is None or getattr(page, "pk", None) is None:
        return ""
    return content_cache.page_version(page.pk)
