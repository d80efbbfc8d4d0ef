"""An organisation's page is an OrganisationPage under an OrganisationIndexPage (they were
PartnerOrganisationPage and PartnerIndexPage; "partner" is an organisation's role in a project,
ProjectPartner). Renamed, not re-created: the pages, their content type ids, revisions and
translations stay as they are, and Django renames the content types with the models. The
models' permissions are renamed here (Django leaves them under the old names and adds new ones)."""

from django.conf import settings
from django.db import migrations


# old codename part: (new codename part, new name, old name)
RENAMED = {
    "partnerorganisationpage": ("organisationpage", "organisation", "partner organisation"),
    "partnerindexpage": ("organisationindexpage", "organisation index", "partner index"),
}
ACTIONS = ["add", "change", "delete", "view"]


def rename_permissions(apps, schema_editor, backwards=False):
    Permission = apps.get_model("auth", "Permission")
    for old, (new, verbose, old_verbose) in RENAMED.items():
        if backwards:
            old, new, verbose = new, old, old_verbose
        for action in ACTIONS:
            Permission.objects.filter(
                content_type__app_label="projects", codename=f"{action}_{old}"
            ).update(codename=f"{action}_{new}", name=f"Can {action} {verbose}")


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0008_chooser_blocks_read_prefetched'),
        ('projects', '0004_link_block_reads_prefetched'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RenameModel(
            old_name='PartnerIndexPage',
            new_name='OrganisationIndexPage',
        ),
        migrations.RenameModel(
            old_name='PartnerOrganisationPage',
            new_name='OrganisationPage',
        ),
        migrations.AlterModelOptions(
            name='organisationindexpage',
            options={'verbose_name': 'organisation index', 'verbose_name_plural': 'organisation indexes'},
        ),
        migrations.AlterModelOptions(
            name='organisationpage',
            options={'verbose_name': 'organisation', 'verbose_name_plural': 'organisations'},
        ),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
