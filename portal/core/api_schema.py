"""The pieces the API's OpenAPI document is written with (portal/api/openapi.py), for it and for
the content apps that describe their own page types in their api.py (news/api.py,
projects/api.py)."""

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties, required=None):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


def array(items):
    return {"type": "array", "items": items}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
ID = {"type": "integer", "minimum": 1}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
LOCALE = {"type": "string", "enum": LANGUAGE_CODES}


def query(name, schema, description, deprecated=False):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        **({"deprecated": True} if deprecated else {}),
    }


STREAM = array(obj({"type": STRING, "value": {}, "id": STRING}))


def summary(extra=None):
    return obj(
        {
            "id": ID,
            "type": STRING,
            "title": STRING,
            "html_url": URL,
            "locale": LOCALE,
            **(extra or {}),
        }
    )
