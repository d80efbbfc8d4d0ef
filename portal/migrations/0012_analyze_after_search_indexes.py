"""Statistics for the expression index of 0011 (a page's id as text): PostgreSQL gathers them
only with ANALYZE, and without them it guesses that each id matches 151 pages, joins a rare
word's few search entries to every page by hash (a sequential read of all pages: 127 ms a search
at 100,000 releases) instead of one index look-up each (0.3 ms). Autovacuum analyses a table
only after many changes; the benchmark's data and an upgraded site may wait a long time."""

from django.db import migrations


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE wagtailcore_page")
        schema_editor.execute("ANALYZE wagtailsearch_indexentry")


class Migration(migrations.Migration):
    dependencies = [("portal", "0011_search_join_indexes")]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop)]
