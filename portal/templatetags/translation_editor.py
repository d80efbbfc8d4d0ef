"""wagtail-localize's translation editor, offering only what the user may do."""

from django import template

from portal.translation_guards import offered_editor_props

register = template.Library()
register.filter("offered_to", offered_editor_props)
