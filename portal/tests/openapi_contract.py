"""Checks a real API response against the OpenAPI document the portal serves."""

import json

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from portal.api.openapi import build_document

DOCUMENT_URI = "urn:portal:openapi"


def escape(segment):
    return segment.replace("~", "~0").replace("/", "~1")


def assert_matches_contract(response, path, component=None):
    """`path` is the document's path template (/api/v2/pages/{id}/); `component` narrows the
    check to one schema (PressRelease) where the document offers several."""
    document = build_document()
    operation = document["paths"][path]["get"]
    status = str(response.status_code)
    assert status in operation["responses"], f"{status} is not documented for {path}"
    documented = operation["responses"][status]
    if "content" not in documented:
        return
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    pointer = "/".join(
        ["#/paths", escape(path), "get/responses", status, "content/application~1json/schema"]
    )
    if component is not None:
        pointer = f"#/components/schemas/{component}"
    registry = Registry().with_resource(
        DOCUMENT_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    validator = Draft202012Validator(
        {"$ref": f"{DOCUMENT_URI}{pointer}"}, registry=registry, format_checker=FormatChecker()
    )
    errors = sorted(validator.iter_errors(json.loads(response.content)), key=str)
    assert not errors, "\n".join(
        f"{list(error.absolute_path)}: {error.message}" for error in errors[:5]
    )
