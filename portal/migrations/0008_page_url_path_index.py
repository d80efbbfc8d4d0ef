"""An index on Wagtail's url_path: HomePage.route() finds a page by its whole path at once."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_editorial_roles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX portal_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX portal_page_url_path",
        ),
    ]
