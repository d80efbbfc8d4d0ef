"""The API's parameters checked before they reach a query (a 400 with a message, never a 500),
for the API's views and the filters content apps add to it. Not imported by models: Wagtail's
API utilities load models when imported."""

from datetime import UTC, date, datetime

from django.utils.http import http_date
from wagtail.api.v2.utils import BadRequestError

# The largest ids the databases hold: a larger one in a parameter is refused before a query.
MAX_ID = 2**63 - 1
MAX_INT32 = 2**31 - 1


def positive_int(request, name, maximum=None):
    value = request.GET.get(name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit():
        raise BadRequestError(f"{name} must be a positive integer")
    number = int(value)
    if maximum is not None and number > maximum:
        raise BadRequestError(f"{name} cannot be higher than {maximum}")
    return number


def iso_date(request, name):
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a date as YYYY-MM-DD") from error


# Renamed parameters and page types keep working until OLD_NAMES_UNTIL; a response to a request
# that used one says so with the Deprecation (RFC 9745) and Sunset (RFC 8594) headers. Each
# content app lists its renames (OPENAPI["renamed_parameters"] and ["renamed_types"]).
OLD_NAMES_DEPRECATED = datetime(2026, 12, 2, tzinfo=UTC)
OLD_NAMES_UNTIL = date(2027, 6, 30)


def current_names(request, parameters, types):
    """Rewrites the old `parameters` names and `types` names (in any case, as Wagtail reads
    types) in `request`'s query to the current ones ({old: new} each); returns the old names
    it found. Run after the check that each parameter is given once."""
    types = {old.lower(): new for old, new in types.items()}
    query = request._request.GET.copy()
    found = []
    for old, new in parameters.items():
        if old in query:
            if new in query:
                raise BadRequestError(f"{old} is the old name of {new}: give only {new}")
            query.setlist(new, query.pop(old))
            found.append(old)
    if "type" in query:
        names = query["type"].split(",")
        found += [name for name in names if name.lower() in types]
        query["type"] = ",".join(types.get(name.lower(), name) for name in names)
    if found:
        request._request.GET = query
        # Read by portal.api.views.cacheable, which adds the notice to every answer, 304s too.
        request._request.old_api_names = found
    return found


def deprecation_headers(response, old_names):
    response["Deprecation"] = f"@{int(OLD_NAMES_DEPRECATED.timestamp())}"
    response["Sunset"] = http_date(
        datetime.combine(OLD_NAMES_UNTIL, datetime.max.time(), UTC).timestamp()
    )
    response["Link"] = '</api/v2/openapi.json>; rel="deprecation"; type="application/json"'
    response["X-Deprecated-Names"] = ", ".join(old_names)
