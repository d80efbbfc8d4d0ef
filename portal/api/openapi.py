"""The API's contract: an OpenAPI 3.1 document, served at /api/v2/openapi.json.

Written down rather than generated: Wagtail's v2 serializers are built per request from
`?type=` and `?fields=`, which no generator can see. Each content app describes its own page
types, fields, filters and nested summaries in the OPENAPI of its api.py (news/api.py,
projects/api.py; listed in API_CONTENT_MODULES); this module puts them together with what every
page, image and document has. The suite keeps it true: real responses are validated against it
(portal/tests/test_api.py, with portal/tests/openapi_contract.py) and schemathesis fuzzes
every operation on a live server against it.
"""

from django.conf import settings
from django.http import JsonResponse

from portal.api.views import CONTENT_APIS, MAX_OFFSET, MAX_SEARCH_LENGTH, RENAMED_TYPES
from portal.core.api_fields import RENDITIONS
from portal.core.api_input import OLD_NAMES_UNTIL
from portal.core.api_schema import (
    DATETIME,
    ID,
    INTEGER,
    LOCALE,
    STRING,
    URL,
    array,
    nullable,
    obj,
    query,
    ref,
)

# What each content app says of its page types (OPENAPI in its api.py: API_CONTENT_MODULES).
PAGE_TYPES = {name: fields for api in CONTENT_APIS for name, fields in api["page_types"].items()}
CONTENT_SCHEMAS = {name: schema for api in CONTENT_APIS for name, schema in api["schemas"].items()}
CONTENT_PARAMETERS = [parameter for api in CONTENT_APIS for parameter in api["parameters"]]

COMMON_PARAMETERS = [
    query(
        "limit",
        {"type": "integer", "minimum": 0, "maximum": settings.WAGTAILAPI_LIMIT_MAX},
        "Items per response (20 unless given).",
    ),
    query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}, "Items to skip."),
    query(
        "fields",
        STRING,
        "Fields to add or (with a leading -) remove: fields=lead,projects; * for all; _ for none.",
    ),
    query("order", STRING, "Field to order by, - for descending: order=-release_date."),
    query(
        "search",
        {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
        "Full-text search (in the language chosen with locale).",
    ),
    query("search_operator", {"type": "string", "enum": ["and", "or"]}, "How words combine."),
    query(
        "rich_text_format",
        {"type": "string", "enum": ["html"]},
        "Rich text as HTML with public links (the default and the only format offered).",
    ),
]

PAGE_PARAMETERS = [
    query(
        "type",
        STRING,
        "Page type(s), comma separated: news.PressReleasePage, projects.ProjectPage, "
        "projects.OrganisationPage. Needed for the type's own fields and filters. "
        f"Until {OLD_NAMES_UNTIL} also the old names (deprecated): "
        + ", ".join(f"{old} (now {new})" for old, new in RENAMED_TYPES.items())
        + ".",
    ),
    query("locale", LOCALE, "Only pages in this language."),
    query("translation_of", ID, "Only translations of this page (use with locale)."),
    query("child_of", {"anyOf": [ID, {"const": "root"}]}, "Only children of this page (or root)."),
    query(
        "descendant_of",
        {"anyOf": [ID, {"const": "root"}]},
        "Only pages below this page (or root).",
    ),
    query("ancestor_of", ID, "Only ancestors of this page."),
    *CONTENT_PARAMETERS,
    query("site", STRING, "Host name of a site, when the portal serves several."),
]

PATH_ID = {"name": "id", "in": "path", "required": True, "schema": ID}
FIND_ID = query("id", ID, "The object's id.")
FIND_PATH = query("html_path", STRING, "The page's path on the site: /en/news/visit-to-krakow/.")


def json_content(schema):
    return {"application/json": {"schema": schema}}


def errors():
    return {
        "400": {"description": "A parameter is wrong", "content": json_content(ref("Error"))},
        "404": {"description": "Not found", "content": json_content(ref("Error"))},
    }


def ok(description, schema):
    return {
        "200": {
            "description": description,
            "headers": {
                "ETag": {"schema": STRING, "description": "Send it back in If-None-Match."},
                "Cache-Control": {"schema": STRING},
            },
            "content": json_content(schema),
        },
        "304": {"description": "Not modified since the ETag in If-None-Match"},
    }


def listing(item):
    return obj({"meta": obj({"total_count": INTEGER}), "items": array(item)})


def endpoint(name, listing_item, detail, parameters):
    return {
        f"/api/v2/{name}/": {
            "get": {
                "operationId": f"list_{name}",
                "summary": f"List {name}",
                "parameters": parameters,
                "responses": {**ok(f"A page of {name}", listing(listing_item)), **errors()},
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "operationId": f"get_{name[:-1]}",
                "summary": f"One of the {name} by id",
                "parameters": [PATH_ID, *COMMON_PARAMETERS[2:3], COMMON_PARAMETERS[6]],
                "responses": {**ok("Found", detail), **errors()},
            }
        },
        f"/api/v2/{name}/find/": {
            "get": {
                "operationId": f"find_{name[:-1]}",
                "summary": f"Redirect to one of the {name}",
                "parameters": [FIND_ID, *([FIND_PATH] if name == "pages" else [])],
                "responses": {
                    "302": {
                        "description": "Redirect to its detail address",
                        "headers": {"Location": {"schema": STRING}},
                    },
                    **ok("Found (after the redirect)", detail),
                    **errors(),
                },
            }
        },
    }


PAGE_META = {
    "type": STRING,
    "detail_url": URL,
    "html_url": nullable(URL),
    "slug": STRING,
    "first_published_at": nullable(DATETIME),
    "last_published_at": nullable(DATETIME),
    "locale": LOCALE,
    "translations": array(ref("Translation")),
    "translation_original": {
        **nullable(ref("Translation")),
        "description": "A translation's live Latvian original; null on a Latvian page.",
    },
    "translation_outdated_since": {
        **nullable(DATETIME),
        "description": (
            "When the Latvian original changed, if that was after this translation was last "
            "published: the translation may be out of date. Null while it is up to date."
        ),
    },
    "show_in_menus": {"type": "boolean"},
    "seo_title": STRING,
    "search_description": STRING,
    "alias_of": nullable(ref("NestedPage")),
    "parent": nullable(ref("NestedPage")),
}


def page_schema(fields, required):
    """A page's JSON: id, meta, title and the type's own fields."""
    return obj(
        {
            "id": ID,
            "meta": obj(
                PAGE_META,
                required=[
                    "type",
                    "detail_url",
                    "html_url",
                    "locale",
                    "translation_original",
                    "translation_outdated_since",
                ],
            ),
            "title": STRING,
            **fields,
        },
        required=["id", "meta", "title", *required],
    )


RENDITION = obj({"url": URL, "width": INTEGER, "height": INTEGER})
SCHEMAS = {
    "Error": obj({"message": STRING}),
    "Translation": obj({"id": ID, "locale": LOCALE, "title": STRING, "html_url": URL}),
    "NestedPage": obj(
        {
            "id": ID,
            "meta": obj({"type": STRING, "detail_url": URL, "html_url": nullable(URL)}, []),
            "title": STRING,
        },
        required=["id"],
    ),
    "Renditions": obj(dict.fromkeys(RENDITIONS, RENDITION)),
    "Image": obj(
        {
            "id": ID,
            "title": STRING,
            "alt": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "renditions": ref("Renditions"),
        }
    ),
    "PageListItem": obj(
        {
            "id": ID,
            "meta": obj(PAGE_META, required=[]),
            "title": STRING,
            **{name: {} for fields in PAGE_TYPES.values() for name in fields},
        },
        required=[],
    ),
    **{name: page_schema(fields, list(fields)) for name, fields in PAGE_TYPES.items()},
    **CONTENT_SCHEMAS,
    "OtherPage": page_schema({}, []),
    "PageDetail": {"anyOf": [*(ref(name) for name in PAGE_TYPES), ref("OtherPage")]},
    "ImageListItem": obj(
        {
            "id": ID,
            "meta": obj(
                {"type": STRING, "detail_url": URL, "tags": array(STRING), "download_url": STRING},
                required=[],
            ),
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "alt": STRING,
            "renditions": ref("Renditions"),
        },
        required=[],
    ),
    "ImageDetail": obj(
        {
            "id": ID,
            "meta": obj(
                {"type": STRING, "detail_url": URL, "tags": array(STRING), "download_url": STRING}
            ),
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "alt": STRING,
            "renditions": ref("Renditions"),
        }
    ),
    "DocumentListItem": obj(
        {
            "id": ID,
            "meta": obj(
                {"type": STRING, "detail_url": URL, "tags": array(STRING), "download_url": URL},
                required=[],
            ),
            "title": STRING,
        },
        required=[],
    ),
    "DocumentDetail": obj(
        {
            "id": ID,
            "meta": obj(
                {"type": STRING, "detail_url": URL, "tags": array(STRING), "download_url": URL}
            ),
            "title": STRING,
        }
    ),
}


def build_document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Latgale Planning Region news API",
            "version": "2.0.0",
            "description": (
                "Wagtail's API v2 with the portal's fields and filters. Read only, public "
                "content only; every language through ?locale=. See the project's README."
            ),
        },
        "paths": {
            **endpoint(
                "pages",
                ref("PageListItem"),
                ref("PageDetail"),
                [*COMMON_PARAMETERS, *PAGE_PARAMETERS],
            ),
            **endpoint("images", ref("ImageListItem"), ref("ImageDetail"), COMMON_PARAMETERS),
            **endpoint(
                "documents", ref("DocumentListItem"), ref("DocumentDetail"), COMMON_PARAMETERS
            ),
        },
        "components": {"schemas": SCHEMAS},
    }


def openapi_document(request):
    return JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})
