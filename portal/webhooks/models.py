"""The addresses told about published pages, and each event on its way to one of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class WebhookEndpoint(models.Model):
    """An address told about published and unpublished pages (portal/webhooks/delivery.py)."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        help_text=_("The receiver checks each event's X-Portal-Signature with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("url"), FieldPanel("secret"), FieldPanel("is_active")]

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event on its way to one address; kept until delivered or given up, so that an event
    survives a failed attempt or a restart (`manage.py deliver_webhooks` retries)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("webhook"),
    )
    url = models.URLField(_("address"), max_length=500)
    event = models.JSONField(_("event"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["delivered_at", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event.get('type')} {self.url}"
