"""wagtail-localize's translation editor, offering only what the user may do, its dates in the
admin's language."""

import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format

from portal.translation_guards import offered_editor_props

register = template.Library()
register.filter("offered_to", offered_editor_props)

# wagtail-localize 1.14.5 writes the last publishing date with strftime, so in English
# ("1 December 2026") whatever the admin's language (wagtail_localize/compat.py).
ENGLISH_DATE = "%d %B %Y"


@register.filter
def dates_in_admin_language(props):
    data = json.loads(props)
    written = (data.get("object") or {}).get("lastPublishedDate")
    if written:
        try:
            day = datetime.datetime.strptime(written, ENGLISH_DATE).date()
        except ValueError:
            return props
        data["object"]["lastPublishedDate"] = date_format(day, "DATE_FORMAT")
    return json.dumps(data, cls=DjangoJSONEncoder)
