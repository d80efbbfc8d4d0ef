"""Embargoed releases shown ahead of time to chosen journalists, through signed links."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

SALT = "news.embargo-preview"
# A link never lives longer than this, whatever its expiry says.
MAX_LINK_AGE = timedelta(days=60)
RELEASE_IS_FIXED = _(
    "A link cannot be moved to another release: the address already sent names this one. "
    "Make a new link for the other release."
)


class EmbargoPreview(models.Model):
    """A read-only preview link to a release that is not yet public.

    The link is a signed token of this row's id and of its release's id; it works until it
    expires, is revoked, or the release goes live (when the embargo is over and the public page
    takes its place). The release cannot be changed after the link is made: a token already
    sent names it, so another release needs a new link.
    """

    release = models.ForeignKey(
        "news.PressReleasePage",
        on_delete=models.CASCADE,
        related_name="embargo_previews",
        verbose_name=_("press release"),
    )
    recipient = models.CharField(
        _("for"), max_length=200, help_text=_("The journalist or newsroom the link is for.")
    )
    expires_at = models.DateTimeField(
        _("link expires"),
        null=True,
        blank=True,
        help_text=_("Leave empty to end it with the embargo (or in a week if none is set)."),
    )
    revoked = models.BooleanField(
        _("revoked"), default=False, help_text=_("A revoked link stops working at once.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("release"),
        FieldPanel("recipient"),
        FieldPanel("expires_at"),
        FieldPanel("revoked"),
    ]
    # Editing a link: its release is shown, not offered for change (news/wagtail_hooks.py).
    edit_panels = [
        FieldPanel("release", read_only=True),
        FieldPanel("recipient"),
        FieldPanel("expires_at"),
        FieldPanel("revoked"),
    ]

    class Meta:
        verbose_name = _("embargo preview link")
        verbose_name_plural = _("embargo preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.release} – {self.recipient}"

    def save(self, *args, **kwargs):
        # Whatever the form: a link sent for one release never opens another.
        if self.release_changed():
            raise ValidationError({"release": RELEASE_IS_FIXED})
        super().save(*args, **kwargs)

    @property
    def embargo_ends_at(self):
        """When the release is scheduled to go live, if it is."""
        revision = self.release.scheduled_revision
        return revision.approved_go_live_at if revision else self.release.go_live_at

    def stored_release_id(self):
        """The release this link was saved with; None for a new link."""
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("release_id", flat=True).first()

    def release_changed(self):
        stored = self.stored_release_id()
        return stored is not None and stored != self.release_id

    def clean(self):
        super().clean()
        if self.release_id is None:
            return
        if self.release_changed():
            raise ValidationError({"release": RELEASE_IS_FIXED})
        if self.release.live:
            raise ValidationError(
                {"release": _("This release is already public; share its address instead.")}
            )
        ends = self.embargo_ends_at
        if self.expires_at is None:
            self.expires_at = ends or timezone.now() + timedelta(days=7)
        if ends and self.expires_at > ends:
            raise ValidationError({"expires_at": _("The link cannot outlive the embargo.")})
        if self.expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("Choose a time in the future.")})

    @property
    def token(self):
        return signing.dumps([self.pk, self.release_id], salt=SALT)

    @property
    def url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "embargo_preview", args=[self.token]
        )

    def is_open(self):
        if self.revoked or self.release.live:
            return False
        ends = self.embargo_ends_at
        now = timezone.now()
        return (self.expires_at is None or now < self.expires_at) and (ends is None or now < ends)

    @classmethod
    def from_token(cls, token):
        """The link a token names, or None when the token is forged, garbled or too old, or
        names another release than the link's. Tokens of the first kind, which named the link
        alone (before links were bound to their release), open nothing: the link they name may
        have been pointed at another release since they were sent."""
        try:
            value = signing.loads(token, salt=SALT, max_age=MAX_LINK_AGE)
        except signing.BadSignature:
            return None
        if not (
            isinstance(value, list) and len(value) == 2 and all(type(part) is int for part in value)
        ):
            return None
        pk, release_id = value
        return cls.objects.select_related("release").filter(pk=pk, release_id=release_id).first()
