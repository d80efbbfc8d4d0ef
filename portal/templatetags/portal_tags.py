"""Site-wide template pieces: navigation and the language switcher."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

register = template.Library()


def _localized_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


@register.inclusion_tag("components/site_navigation.html", takes_context=True)
def site_navigation(context):
    request = context["request"]
    home = _localized_home(request)
    items = home.get_children().live().public().in_menu() if home else []
    return {"home": home, "items": items, "current": context.get("page"), "request": request}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language: to this page's live translation, else to that language's home."""
    request = context["request"]
    page = context.get("page")
    translations = {}
    if page is not None and getattr(page, "pk", None):
        for translation_page in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            translations[translation_page.locale.language_code] = translation_page
    home = _localized_home(request)
    homes = {}
    if home is not None:
        for home_page in home.get_translations(inclusive=True).live().select_related("locale"):
            homes[home_page.locale.language_code] = home_page
    current = translation.get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        with translation.override(code):
            url = target.get_url(request) if target else None
            if url is None and code in homes:
                url = homes[code].get_url(request)
            if url is None:
                url = f"/{code}/"
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "has_translation": target is not None,
            }
        )
    return {"languages": languages}
