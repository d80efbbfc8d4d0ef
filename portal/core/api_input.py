"""The API's parameters checked before they reach a query (a 400 with a message, never a 500),
for the API's views and the filters content apps add to it. Not imported by models: Wagtail's
API utilities load models when imported."""

from datetime import date

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
