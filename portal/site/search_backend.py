"""Wagtail's database search backend, with the search text escaped on SQLite.

Wagtail's SQLite backend (modelsearch) puts each word of the search text between double quotes
in SQLite's full-text (FTS5) query, without escaping a double quote inside it: `"`, `a"b` or
`"two words"` ended the string early and the query failed with "unterminated string", a 500 in
the API, the site search and the admin. Here a double quote in the text is doubled, which is
how FTS5 writes one inside a string: the word is then matched as text (the quote is punctuation
to the tokenizer), and nothing the user types is read as FTS5 syntax. PostgreSQL's backend
needs none of this (its queries are built with to_tsquery from lexemes it quotes itself).

WAGTAILSEARCH_BACKENDS names this module (portal/settings/base.py); Wagtail imports it once the
apps are ready, which modelsearch's SQLite modules need.

ids_of() reads the ids of search results without making an object of each.
"""

from functools import cache

from django.db import connection
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.query import Phrase, PlainText


def fts5_string(text):
    """`text` as the inside of an FTS5 string: a double quote is written twice."""
    return text.replace('"', '""')


@cache
def sqlite_backend_class():
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class EscapedQueryMixin:
        def build_search_query_content(self, query, config=None):
            # And/Or come back here for each of their parts.
            if isinstance(query, PlainText):
                query = PlainText(
                    fts5_string(query.query_string), operator=query.operator, boost=query.boost
                )
            elif isinstance(query, Phrase):
                query = Phrase(fts5_string(query.query_string))
            return super().build_search_query_content(query, config=config)

    class EscapedSearchQueryCompiler(EscapedQueryMixin, SQLiteSearchQueryCompiler):
        pass

    class EscapedAutocompleteQueryCompiler(EscapedQueryMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class EscapedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = EscapedSearchQueryCompiler
        autocomplete_query_compiler_class = EscapedAutocompleteQueryCompiler

    return SQLiteSearchBackend, EscapedSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The database backend Wagtail chooses for the database in use; on SQLite with full-text
    search, the one above."""
    backend = database_backend(params)
    if connection.vendor != "sqlite":
        return backend  # modelsearch's SQLite modules load only on SQLite
    sqlite_class, escaped_class = sqlite_backend_class()
    return escaped_class(params) if type(backend) is sqlite_class else backend


def ids_of(results):
    """The ids of search results (a slice of `.search()` or `.autocomplete()`), in their order,
    from the one SQL query the backend runs for them, without an object built for each.

    modelsearch has no public way to ask for ids: its results build every matching object.
    get_queryset() is internal, but each of its database backends (PostgreSQL, SQLite, MySQL,
    the fallback) builds its query there, with the slice, and runs it as it is; it is not on
    Elasticsearch's results, so this fails loudly with another backend. A test pins it
    (portal/tests/test_search.py, SearchResultIdsTests).
    """
    return list(results.get_queryset().values_list("pk", flat=True))
