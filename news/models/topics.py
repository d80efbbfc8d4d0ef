"""The topics releases are filed under."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import TranslatableField


class Topic(TranslatableMixin, models.Model):
    """A subject releases are filed under; translated like pages are."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    translatable_fields = [TranslatableField("name"), TranslatableField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def localize_all(cls, topics, locale_id):
        """The topics in `locale_id` where translated, else as they are; one query."""
        translations = {
            topic.translation_key: topic
            for topic in cls.objects.filter(
                locale_id=locale_id, translation_key__in={topic.translation_key for topic in topics}
            )
        }
        return [translations.get(topic.translation_key, topic) for topic in topics]
