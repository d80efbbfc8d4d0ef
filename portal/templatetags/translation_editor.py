"""wagtail-localize's translation editor, offering only what the user may do, its dates in the
admin's language."""

import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format

from portal.editorial.translation_guards import offered_editor_props
from portal.editorial.untranslated_labels import WAGTAIL_LOCALIZE_DATE

register = template.Library()
register.filter("offered_to", offered_editor_props)


@register.filter
def dates_in_admin_language(props):
    """The last publishing date, which wagtail-localize writes with strftime in the form the portal
    sets (portal/editorial/untranslated_labels.py), in the admin's own format."""
    data = json.loads(props)
    written = (data.get("object") or {}).get("lastPublishedDate")
    if written:
        try:
            day = datetime.datetime.strptime(written, WAGTAIL_LOCALIZE_DATE).date()
        except ValueError:
            return props
        data["object"]["lastPublishedDate"] = date_format(day, "DATE_FORMAT")
    return json.dumps(data, cls=DjangoJSONEncoder)
