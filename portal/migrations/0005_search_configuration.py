from django.db import migrations


def create_configuration(apps, schema_editor):
    from portal.site.search_config import ensure_search_configuration

    ensure_search_configuration(schema_editor.connection)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("portal", "0004_accessibilitystatementpage")]

    operations = [migrations.RunPython(create_configuration, migrations.RunPython.noop)]
