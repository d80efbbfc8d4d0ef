"""Site search: text folded to plain letters, so Rezekne finds Rēzekne and Krakow finds Kraków.

Each page type indexes `search_text()`: its readable text, folded. The query is folded the same
way and matched as word beginnings (Wagtail's autocomplete), so "Rezekne" also finds
"Rēzeknes" and "projekt" finds "projekti". The query as written is also searched in full
text: on PostgreSQL through the "portal" configuration with Latvian and Polish hunspell
dictionaries (portal/site/search_config.py), so "projektu" finds "projekta" and "projektów" finds
"projektu".
"""

import re
import unicodedata

from django.utils.html import strip_tags

# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss"}
)
MAX_QUERY_LENGTH = 200


def fold(text):
    """Lower case without diacritics: "Kraków, Rēzekne" -> "krakow, rezekne"."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_UNDECOMPOSABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def clean_query(raw):
    """A user's query as shown back to them: printable characters only, at most 200."""
    text = "".join(c if c.isprintable() else " " for c in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def words(query):
    """The words of a query as written (diacritics kept), for the stemming search."""
    return " ".join(re.findall(r"\w+", query.lower()))


def search_terms(query):
    """The words of a query, folded; punctuation dropped, since SQLite's full-text syntax
    gives quotes, stars and brackets a meaning of their own."""
    return " ".join(re.findall(r"\w+", fold(query)))


def page_text(page, attributes):
    """The readable text of `attributes` of `page` (StreamFields and rich text rendered)."""
    parts = [page.title]
    for attribute in attributes:
        value = getattr(page, attribute, None)
        if value:
            parts.append(strip_tags(str(value)))
    return fold(" ".join(parts))
