"""Editors and Moderators manage embargo preview links."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
CODENAMES = [
    "add_embargopreview",
    "change_embargopreview",
    "delete_embargopreview",
    "view_embargopreview",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; we need them now.
    app_config = apps.get_app_config("news")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="news", codename__in=CODENAMES
    )
    for name in GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_embargo_preview"),
        ("portal", "0007_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
