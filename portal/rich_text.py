"""Links to pages inside rich text, as the public (and the API) may see them."""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from portal.visibility import visible


class PublicPageLinkHandler(PageLinkHandler):
    """Wagtail's page link, except that a link to a draft, private or deleted page loses its
    address (its slug would leak), and the address is absolute, so that text read through the
    API works on any other site."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = (
            visible(Page.objects.filter(id__in=[pk for pk in ids if pk.isdigit()]))
            .defer_streamfields()
            .specific()
        )
        by_id = {str(page.pk): page for page in pages}
        return [by_id.get(pk) for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for page in cls.get_many(attrs_list):
            page = page.localized if page else None
            tags.append(f'<a href="{escape(page.full_url)}">' if page and page.live else "<a>")
        return tags
