"""The topics releases are filed under."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from portal.core.forms import SaveConflictPanel, StaleSaveCheck


class TopicForm(StaleSaveCheck, WagtailAdminModelForm):
    """Refuses a save that would silently replace someone else's newer version, as the pages'
    form does (portal/core/forms.py): the conflict panel shows the change and asks to confirm."""

    save_conflict = None
    stale_message = _(
        "%(person)s saved this topic after you opened it. Your changes are not saved yet and "
        "are still in the form."
    )

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_stale_save()
        return cleaned_data


class TopicQuerySet(models.QuerySet):
    def live(self):
        """What readers see: published topics, under their published name (a live topic's row
        keeps its published values; drafts are revisions)."""
        return self.filter(live=True)


class Topic(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A subject releases are filed under; translated like pages are. Changes are drafts
    (revisions) until someone who may publish topics in that language publishes them."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    # Revisions go when their topic is deleted.
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="topic",
        for_concrete_model=False,
    )

    objects = TopicQuerySet.as_manager()

    # A translation starts as a copy: not of the source's publishing history (Wagtail leaves
    # these out of a page's copy, not of a snippet's).
    exclude_fields_in_copy = [
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
    ]

    base_form_class = TopicForm
    panels = [SaveConflictPanel(), FieldPanel("name"), FieldPanel("slug")]

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
        """The topics in `locale_id` where a live translation exists, else as they are; one
        query."""
        translations = {
            topic.translation_key: topic
            for topic in cls.objects.live().filter(
                locale_id=locale_id, translation_key__in={topic.translation_key for topic in topics}
            )
        }
        return [translations.get(topic.translation_key, topic) for topic in topics]
