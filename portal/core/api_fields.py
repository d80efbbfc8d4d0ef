"""Serializer fields the page models declare in their api_fields."""

from django.db.models import Prefetch
from rest_framework.fields import Field
from wagtail.images import get_image_model

from portal.core.links import absolute_url

# Ready-made sizes for clients: a square thumbnail, a medium and a large picture.
RENDITIONS = {
    "thumbnail": "fill-320x320",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


def image_representation(image, request=None):
    """An image as a client needs it: alt text and renditions in a few sizes."""
    if image is None:
        return None
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "renditions": renditions(image, request),
    }


def renditions(image, request=None):
    """{name: {url, width, height}} for each of RENDITIONS, created once and then reused."""
    made = image.get_renditions(*RENDITIONS.values())
    return {
        name: {
            "url": absolute(made[spec].url, request),
            "width": made[spec].width,
            "height": made[spec].height,
        }
        for name, spec in RENDITIONS.items()
    }


def absolute(url, request):
    return url if request is None else absolute_url(url, request)


def prefetch_images(field_name):
    """Prefetch for an image foreign key with the API's renditions."""
    return Prefetch(
        field_name,
        queryset=get_image_model().objects.prefetch_renditions(*RENDITIONS.values()),
    )


class ImageField(Field):
    """An image foreign key: alt text and rendition URLs instead of a bare id."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, image):
        return image_representation(image, self.context.get("request"))


class RenditionsField(Field):
    """An image's renditions, on the images endpoint."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, image):
        return renditions(image, self.context.get("request"))


class RelatedField(Field):
    """Pages, topics or organisations a page links to, in the page's language; loaded for the
    whole response at once by the view (portal.api.related.RelatedContent). `loader`: a
    function (related, pages) -> {page pk: value}, or its dotted path where importing it would
    be circular (the loaders read the models that declare the field)."""

    def __init__(self, loader, many=True, **kwargs):
        self.loader = loader
        self.many = many
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        value = self.context["view"].related.get(self.loader, page)
        if value is None and self.many:
            return []
        return value
