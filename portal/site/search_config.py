"""The PostgreSQL text search configuration "portal": Latvian and Polish word forms from
Debian's hunspell dictionaries (installed by bin/install-search-dictionaries), with a plain
fallback for words they do not know. Without the dictionary files it is a plain configuration,
and the site search still works (without word forms)."""

import logging

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

CONFIGURATION = "portal"
DICTIONARIES = {"portal_lv": "portal_lv", "portal_pl": "portal_pl"}
WORD_TYPES = (
    "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, "
    "hword_numpart"
)


def ensure_search_configuration(connection):
    """Create (or recreate) the configuration; returns the dictionaries it uses."""
    if connection.vendor != "postgresql":
        return []
    available = []
    with connection.cursor() as cursor:
        for name, files in DICTIONARIES.items():
            cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = %s", [name])
            if cursor.fetchone():
                available.append(name)
                continue
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute(
                        f"CREATE TEXT SEARCH DICTIONARY {name} "
                        f"(TEMPLATE = ispell, DictFile = {files}, AffFile = {files})"
                    )
                available.append(name)
            except DatabaseError as error:
                logger.warning(
                    "search: no %s dictionary (%s); words in it are not stemmed", name, error
                )
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION}")
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} ALTER MAPPING FOR {WORD_TYPES} "
            f"WITH {', '.join([*available, 'simple'])}"
        )
    return available
