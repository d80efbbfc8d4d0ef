"""The admin as accessible as the public site (issue 16): what Wagtail and wagtail-localize draw
without a name, a heading or enough contrast, put right from the project.

Python where the cause is a widget's options (the rich text editor's name), templates under
templates/ where it is markup, and for what only exists once a script has drawn it (chooser
dialogs, tooltips, tag-it's text box) static/js/admin/accessibility.js with its stylesheet. The
README lists each with its upstream cause, so each can go when upstream fixes it.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


def name_rich_text_editor(widget, label):
    """Draftail draws its text box (role="textbox") with no name: its field's label becomes its
    aria-label. `widget.options` is shared by every copy of a form's widget, so it is replaced,
    not changed."""
    # Imported here: the rich text module needs the models, and blocks import this module.
    from wagtail.admin.rich_text import DraftailRichTextArea

    if isinstance(widget, DraftailRichTextArea):
        widget.options = {**widget.options, "ariaLabel": label}


def name_rich_text_fields(form):
    for field in form.fields.values():
        name_rich_text_editor(field.widget, str(field.label))


@hooks.register("insert_global_admin_js")
def accessibility_script():
    return format_html('<script src="{}"></script>', static("js/admin/accessibility.js"))


@hooks.register("insert_global_admin_css")
def accessibility_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/accessibility.css"))
