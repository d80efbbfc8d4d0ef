"""The editorial groups. Their page permissions are granted on each language's home page when
it is created (portal.core.roles.grant_tree_permissions)."""

from django.db import migrations

GROUPS = {
    "Editors": [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        ("news", "topic", "add_topic"),
        ("news", "topic", "change_topic"),
        ("news", "topic", "delete_topic"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    "Translators (English)": [
        ("wagtailadmin", "admin", "access_admin"),
        ("news", "topic", "change_topic"),
    ],
    "Translators (Polish)": [
        ("wagtailadmin", "admin", "access_admin"),
        ("news", "topic", "change_topic"),
    ],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; we need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root_collection = Collection.objects.filter(depth=1).first()
    # Wagtail's own initial "Editors" group may edit every page from the root down, every
    # language included; ours edits the Latvian tree only (granted on its home page).
    GroupPagePermission.objects.filter(group__name="Editors", page__depth=1).delete()
    for name, permissions in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, codename in permissions:
            permission = Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
            if app_label in ("wagtailimages", "wagtaildocs") and root_collection:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
            else:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_create_locales"),
        ("news", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
