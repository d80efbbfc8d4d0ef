"""Links to pages inside rich text, as the public (and the API) may see them."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from portal.core import content_cache
from portal.core.references import link_targets


class PublicPageLinkHandler(PageLinkHandler):
    """Wagtail's page link, except that a link to a draft, private, expired or deleted page
    loses its address (its slug would leak), the address is that of the translation in the
    reader's language where readers see one, and it is absolute, so that text read through the
    API works on any other site. Pages are looked up once per request (portal/core/references.py),
    not once per block."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        found = link_targets({int(pk) for pk in ids if pk.isascii() and pk.isdigit()})
        return [found.get(int(pk)) if pk.isascii() and pk.isdigit() else None for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        request = content_cache.current_request()
        return [
            f'<a href="{escape(page.get_full_url(request))}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]
