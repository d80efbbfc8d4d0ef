"""Labels Wagtail and wagtail-localize write in English outside gettext, so that no catalogue
can translate them, given the admin's language in the browser (static/js/admin/
untranslated-labels.js). Each is an upstream defect; remove its line when upstream fixes it.

- Wagtail 8.0.1: the dashboard's and the headers' search forms have a hidden submit button
  `value="Search"` (home.html, shared/header.html); the header's action bar is
  `aria-label="Actions"` (shared/headers/_actions.html); the date picker's range button says
  "Save Selected" (vendor/jquery.datetimepicker.js).
- wagtail-localize 1.14.5: its translation editor's action menu has the screen-reader label
  "More actions", and its heading is "<source> to <target> translation" (wagtail-localize.js);
  it writes dates with strftime("%-d %B %Y"), English month names in every language ("Translated
  manually on 2 December 2026"): here in ISO form, the same in every language
  (use_iso_dates_in_wagtail_localize, called when the portal starts).
"""

import json

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

TRANSLATION_HEADING = _("Translation: %(source)s → %(target)s")
WAGTAIL_LOCALIZE_DATE = "%Y-%m-%d"


def use_iso_dates_in_wagtail_localize():
    from wagtail_localize import models
    from wagtail_localize.views import edit_translation

    for module in (models, edit_translation):
        module.DATE_FORMAT = WAGTAIL_LOCALIZE_DATE


def translate_chooser_search_tabs():
    """Wagtail names its choosers' search tab with gettext at import (in the default language,
    Latvian, for everyone): lazily instead, before the URLs hand it to the views."""
    from django.utils.translation import gettext_lazy
    from wagtail.admin.views.generic.chooser import ChooseViewMixin
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    for owner in (ChooserViewSet, ChooseViewMixin):
        owner.search_tab_label = gettext_lazy(SEARCH_TAB)


SEARCH_TAB = "Search"  # Wagtail's message id (a variable: its catalogue, not ours, has it)


# English as the page shows it → Wagtail's message id, translated by its catalogue (ours in
# locale-upstream/). Variables, not literals, so that makemessages leaves them to that catalogue.
TEXTS = {"More actions": "More actions", "Save Selected": "Save"}
VALUES = {"Search": "Search"}
ARIA_LABELS = {"Actions": "Actions"}


def labels():
    """English label → the admin's translation (the editor's heading: its pattern)."""

    def translated(table):
        return {shown: gettext(message) for shown, message in table.items()}

    return {
        "texts": translated(TEXTS),
        "values": translated(VALUES),
        "ariaLabels": translated(ARIA_LABELS),
        "translationHeading": str(TRANSLATION_HEADING),
    }


@hooks.register("insert_global_admin_js")
def translate_the_untranslatable():
    return format_html(
        '<script src="{}" data-labels="{}"></script>',
        static("js/admin/untranslated-labels.js"),
        json.dumps(labels()),
    )
