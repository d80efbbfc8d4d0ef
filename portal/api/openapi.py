"""The API's contract: an OpenAPI 3.1 document, served at /api/v2/openapi.json.

Written down rather than generated: Wagtail's v2 serializers are built per request from
`?type=` and `?fields=`, which no generator can see. The suite keeps it true: real responses
are validated against it (portal/tests/test_api.py, with portal/tests/openapi_contract.py)
and schemathesis fuzzes every
operation on a live server against it.
"""

from django.conf import settings
from django.http import JsonResponse

from portal.api.views import MAX_OFFSET, MAX_SEARCH_LENGTH
from portal.core.api_fields import NESTED_RELEASES, RENDITIONS

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


def query(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


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
        {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]},
        "Rich text as HTML with public links (the default) or Markdown.",
    ),
]

PAGE_PARAMETERS = [
    query(
        "type",
        STRING,
        "Page type(s), comma separated: news.PressReleasePage, projects.ProjectPage, "
        "projects.PartnerOrganisationPage. Needed for the type's own fields and filters.",
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
    query("project", ID, "Releases of this project (the id of any of its translations)."),
    query("partner", ID, "Releases naming this organisation (any translation's id)."),
    query("topic", STRING, "Releases filed under this topic (slug or id)."),
    query("date_from", DATE, "Releases dated on or after this day."),
    query("date_to", DATE, "Releases dated on or before this day."),
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


PROJECT_SUMMARY = {
    "short_name": STRING,
    "programme": STRING,
    "financial_instrument": STRING,
    "financial_instrument_name": STRING,
}
ORGANISATION_SUMMARY = {"short_name": STRING, "country": STRING}
STREAM = array(obj({"type": STRING, "value": {}, "id": STRING}))
RELEASE_FIELDS = {
    "release_date": DATE,
    "lead": STRING,
    "body": STREAM,
    "event_start": nullable(DATE),
    "event_end": nullable(DATE),
    "event_place": STRING,
    "event_country": STRING,
    "further_information": STREAM,
    "contact_name": STRING,
    "contact_email": STRING,
    "contact_phone": STRING,
    "projects": array(ref("ProjectSummary")),
    "organisations": array(ref("OrganisationInRelease")),
    "topics": array(obj({"id": ID, "name": STRING, "slug": STRING, "locale": LOCALE})),
    "corrections": STREAM,
    "withdrawn_on": nullable(DATE),
    "withdrawal_notice": STRING,
}
PROJECT_FIELDS = {
    "short_name": STRING,
    "financial_instrument": STRING,
    "programme": STRING,
    "project_code": STRING,
    "total_cost": nullable({"type": "string", "pattern": r"^-?\d+\.\d{2}$"}),
    "currency": {"type": "string", "enum": ["EUR", "NOK", "PLN"]},
    "start_date": nullable(DATE),
    "end_date": nullable(DATE),
    "status": {"type": "string", "enum": ["planned", "ongoing", "completed"]},
    "description": STRING,
    "external_links": STREAM,
    "funder_name": STRING,
    "funder_logo": nullable(ref("Image")),
    "acknowledgement": STRING,
    "implementer": nullable(ref("OrganisationSummary")),
    "partners": array(ref("Partner")),
    "releases": {**array(ref("ReleaseSummary")), "maxItems": NESTED_RELEASES},
}
PARTNER_FIELDS = {
    "short_name": STRING,
    "kind": STRING,
    "country": STRING,
    "region": STRING,
    "website": STRING,
    "logo": nullable(ref("Image")),
    "description": STRING,
    "projects": array(ref("ProjectRole")),
    "releases": {**array(ref("ReleaseSummary")), "maxItems": NESTED_RELEASES},
}

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
    "ProjectSummary": summary(PROJECT_SUMMARY),
    "ProjectRole": summary({**PROJECT_SUMMARY, "role": STRING}),
    "OrganisationSummary": summary(ORGANISATION_SUMMARY),
    "OrganisationInRelease": summary(
        {
            **ORGANISATION_SUMMARY,
            "role": {"type": "string", "enum": ["organiser", "participant", "named"]},
        }
    ),
    "Partner": summary(
        {
            **ORGANISATION_SUMMARY,
            "role": {
                "type": "string",
                "enum": ["implementer", "partner", "donor-partner", "cooperation-partner"],
            },
        }
    ),
    "ReleaseSummary": summary({"release_date": DATE}),
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
            **{name: {} for name in [*RELEASE_FIELDS, *PROJECT_FIELDS, *PARTNER_FIELDS]},
        },
        required=[],
    ),
    "PressRelease": page_schema(RELEASE_FIELDS, list(RELEASE_FIELDS)),
    "Project": page_schema(PROJECT_FIELDS, list(PROJECT_FIELDS)),
    "PartnerOrganisation": page_schema(PARTNER_FIELDS, list(PARTNER_FIELDS)),
    "OtherPage": page_schema({}, []),
    "PageDetail": {
        "anyOf": [
            ref("PressRelease"),
            ref("Project"),
            ref("PartnerOrganisation"),
            ref("OtherPage"),
        ]
    },
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
