"""The portal app's models, each in the package of its concern (Django finds a model by the
app it is defined in; this module imports them so that they are loaded with the app)."""

from portal.site.models import AccessibilityStatementPage, ComplianceStatus, HomePage
from portal.webhooks.models import WebhookDelivery, WebhookEndpoint

__all__ = [
    "AccessibilityStatementPage",
    "ComplianceStatus",
    "HomePage",
    "WebhookDelivery",
    "WebhookEndpoint",
]
