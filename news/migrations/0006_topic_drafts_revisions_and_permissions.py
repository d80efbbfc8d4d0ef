"""Topics get drafts and history (Wagtail's DraftStateMixin and RevisionMixin): the topics
there are stay live, each with its present state as its first, published revision. Then the
groups get the topic permissions of their role; the permission policy (news/permissions.py)
limits each group to its language's topics.

| group                  | topics                               |
| Editors                | add, change (drafts), delete drafts  |
| Moderators             | add, change, publish, delete         |
| Translators (language) | change (drafts)                      |
| Reviewers (language)   | change, publish                      |
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

from portal.core.roles import EDITORS, MODERATORS, REVIEWERS, TRANSLATORS

GRANTS = {
    EDITORS: ["add_topic", "change_topic", "delete_topic"],
    MODERATORS: ["add_topic", "change_topic", "delete_topic", "publish_topic"],
    **{name: ["change_topic"] for name in TRANSLATORS.values()},
    **{name: ["change_topic", "publish_topic"] for name in REVIEWERS.values()},
}


def start_history(apps, schema_editor):
    """Each existing topic's present state as its first revision, live."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Topic = apps.get_model("news", "Topic")
    content_type, _created = ContentType.objects.get_or_create(app_label="news", model="topic")
    now = timezone.now()
    for topic in Topic.objects.filter(latest_revision__isnull=True):
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(topic.pk),
            created_at=now,
            object_str=topic.name,
            content=get_serializable_data_for_fields(topic),
        )
        Topic.objects.filter(pk=topic.pk).update(
            latest_revision=revision, live_revision=revision, live=True
        )


def grant(apps, schema_editor):
    """Each group gets exactly the topic permissions its role lists."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; we need them now. Wagtail adds
    # "publish" for draftable snippets after migrating too: made here the way it makes it.
    app_config = apps.get_app_config("news")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="news", model="topic")
    Permission.objects.get_or_create(
        content_type=content_type, codename="publish_topic", defaults={"name": "Can publish topic"}
    )
    topic_permissions = Permission.objects.filter(content_type=content_type)
    for name, codenames in GRANTS.items():
        group = Group.objects.get_or_create(name=name)[0]
        group.permissions.remove(*topic_permissions.exclude(codename__in=codenames))
        group.permissions.add(*topic_permissions.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_release_date_page_index"),
        ("wagtailcore", "0098_apitoken"),
        ("portal", "0007_editorial_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="topic",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="has_unpublished_changes",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="has unpublished changes"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="topic",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="topic",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.RunPython(start_history, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
