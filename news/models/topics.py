"""The topics releases are filed under."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, Revision, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import TranslatableField


class TopicForm(WagtailAdminModelForm):
    """Refuses to save a form opened on an older version of the topic.

    The same check as the pages' form (portal/admin_forms.py, PortalPageForm), kept here while
    that form is being rewritten; to be unified with it. Wagtail refuses a stale autosave only;
    a plain "Save" or "Publish" from a stale form would silently replace the newer version.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and self.is_out_of_date():
            raise ValidationError(
                _(
                    "Someone else saved this topic after you opened it. Your changes are not "
                    "saved and are still in the form: see the newer version under History, "
                    "then save again to replace it."
                ),
                code="stale",
            )
        return cleaned_data

    def is_out_of_date(self):
        """The same test Wagtail makes for autosaves (EditView.is_out_of_date), against the
        latest revision as it is now: read afresh, its row locked inside a transaction."""
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        latest_id = rows.values_list("latest_revision_id", flat=True).first()
        latest = Revision.objects.filter(pk=latest_id).first()
        if latest is None:
            return False
        if overwritten := self.data.get("overwrite_revision_id"):
            return overwritten != str(latest.pk)
        loaded = self.data.get("loaded_revision_id")
        if not loaded:
            return False
        if loaded != str(latest.pk):
            return True
        loaded_at = self.data.get("loaded_revision_created_at")
        return bool(loaded_at) and loaded_at != latest.created_at.isoformat()


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
        """The topics in `locale_id` where a live translation exists, else as they are; one
        query."""
        translations = {
            topic.translation_key: topic
            for topic in cls.objects.live().filter(
                locale_id=locale_id, translation_key__in={topic.translation_key for topic in topics}
            )
        }
        return [translations.get(topic.translation_key, topic) for topic in topics]
