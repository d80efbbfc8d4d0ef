"""Indexes for the join of Wagtail's PostgreSQL search between a page and its index entry,
`object_id = page.id::varchar(50)` (modelsearch's TextIDGenericRelation; object_id is text, as
ids need not be numbers):

- from the entry to its page, for a rare word: the entries come from the GIN index on the search
  vector (0009), and each finds its page by its id written as text, not by reading every page
  (10 ms at 10,000 releases, growing with the site; 0.1 ms with the index);
- from a page to its entry, for a common word: the pages are read newest first and each finds
  its entry by object_id in one look-up; the unique (content_type_id, object_id) index takes one
  per page type (nine).

The page index serves only the expression modelsearch writes: portal/tests/test_search.py
checks that the search's SQL still has it and that PostgreSQL uses the index for it.
"""

from django.db import migrations

PAGE_ID_AS_TEXT = "portal_page_id_as_text"
ENTRY_OBJECT_ID = "portal_search_entry_object_id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PAGE_ID_AS_TEXT} ON wagtailcore_page "
            "(((id)::varchar(50)))"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {ENTRY_OBJECT_ID} ON wagtailsearch_indexentry (object_id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PAGE_ID_AS_TEXT}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {ENTRY_OBJECT_ID}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_reviewers_approval_tasks"),
        ("wagtailcore", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
