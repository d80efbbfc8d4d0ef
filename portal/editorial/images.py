"""The admin's image upload form: Wagtail's checks (type, size, pixels, decompression bombs),
with a damaged file a form error rather than a 500."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = _("This image is damaged or incomplete and cannot be used.")


class SafeImageField(WagtailImageField):
    """Wagtail's image field, except that an image that fails while its size is read (a
    truncated JPEG does) is a form error; Wagtail lets that OSError through as a 500."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError) as error:
            raise ValidationError(DAMAGED, code="damaged_image") from error


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The multiple upload's edit form (after the upload) has no file field.
        if type(self.fields.get("file")) is WagtailImageField:
            # Wagtail builds the field for us; keep its settings, add the safety.
            self.fields["file"].__class__ = SafeImageField
