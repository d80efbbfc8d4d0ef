"""JSON that is safe inside HTML: <, > and & written as \\u escapes, the same data to a JSON
reader. For the API's answers (a client may put them straight into a page or a <script>) and
the pages' schema.org block (Django's json_script cannot write type="application/ld+json")."""

import json

from django.core.serializers.json import DjangoJSONEncoder

HTML_SIGNIFICANT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def escape_for_html(text):
    """`text` (JSON, as str or bytes) with the HTML-significant characters escaped."""
    for character, escape in HTML_SIGNIFICANT.items():
        if isinstance(text, bytes):
            text = text.replace(character.encode(), escape.encode())
        else:
            text = text.replace(character, escape)
    return text


def dumps_for_html(data):
    return escape_for_html(json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder))
