"""Webhooks: tell other sites when a page is published, unpublished or translated.

Each event is written to the database (WebhookDelivery) in the same transaction as the
publication; once that is committed, a django-tasks task posts it (`deliver`). In production
(BACKGROUND_TASKS=true) the task waits in the database for the task worker (`manage.py
db_worker`, which bin/prod and deploy/systemd run), so the editor's request never waits for a
receiver; in `make run` and the tests (Django's immediate backend) it runs right after the
commit. A failed post is tried again by the task itself, after WEBHOOK_RETRY_DELAYS and then 1,
2, 4... minutes, where the backend can defer a task (the database backend), and in any case by
`manage.py deliver_webhooks` (run it from a timer) until WEBHOOK_MAX_ATTEMPTS.

Each post is signed: X-Portal-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">
with the endpoint's secret; receivers recompute it and refuse old timestamps.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from portal.webhooks.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


def endpoints():
    """[(WebhookEndpoint or None, url, secret)]: the admin's active webhooks and settings'."""
    configured = [(None, hook["url"], hook["secret"]) for hook in settings.PORTAL_WEBHOOKS]
    return [
        (endpoint, endpoint.url, endpoint.secret)
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
    ] + configured


def secret_for(delivery):
    if delivery.endpoint_id:
        return delivery.endpoint.secret
    return next(
        (hook["secret"] for hook in settings.PORTAL_WEBHOOKS if hook["url"] == delivery.url), None
    )


def page_event(page, event_type):
    return {
        "id": str(uuid.uuid4()),
        "type": event_type,
        "created_at": timezone.now().isoformat(),
        "page": {
            "id": page.pk,
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "locale": page.locale.language_code,
            "title": page.title,
            "url": page.full_url,
            "api_url": settings.WAGTAILAPI_BASE_URL.rstrip("/")
            + reverse("wagtailapi:pages:detail", args=[page.pk]),
            "translation_key": str(page.translation_key),
        },
    }


def queue(event):
    """Store the event for every endpoint; post it once the transaction commits."""
    deliveries = [
        WebhookDelivery.objects.create(endpoint=endpoint, url=url, event=event)
        for endpoint, url, _secret in endpoints()
    ]
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver.enqueue(pk))
    return deliveries


@task()
def deliver(delivery_id):
    """Post one delivery; if it fails, try again later (where the task backend can wait)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or attempt(delivery):
        return
    if delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS and deliver.get_backend().supports_defer:
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


def retry_delay(attempts):
    """How long after the `attempts`-th failed post the next one is due: WEBHOOK_RETRY_DELAYS
    (seconds), then 1, 2, 4... minutes."""
    delays = settings.WEBHOOK_RETRY_DELAYS
    if attempts <= len(delays):
        return timedelta(seconds=delays[attempts - 1])
    return timedelta(minutes=2 ** (attempts - len(delays) - 1))


def sign(secret, timestamp, body):
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def attempt(delivery):
    """Post once; record the outcome. True when delivered or when there is nothing to do."""
    if delivery.delivered_at or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        return True
    secret = secret_for(delivery)
    if secret is None:
        delivery.last_error = "no secret configured for this address"
        delivery.attempts = settings.WEBHOOK_MAX_ATTEMPTS
        delivery.save(update_fields=["last_error", "attempts"])
        return True
    body = json.dumps(delivery.event, ensure_ascii=False).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        delivery.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "latgale-portal-webhooks/1",
            "X-Portal-Event": delivery.event["type"],
            "X-Portal-Delivery": str(delivery.pk),
            "X-Portal-Signature": sign(secret, timestamp, body),
        },
    )
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            ok = 200 <= response.status < 300
            error = "" if ok else f"HTTP {response.status}"
    except urllib.error.HTTPError as failure:
        ok, error = False, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        ok, error = False, str(getattr(failure, "reason", failure))[:500]
    if ok:
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
        delivery.next_attempt_at = None
    else:
        delivery.last_error = error
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
        logger.warning("webhook %s to %s failed: %s", delivery.pk, delivery.url, error)
    delivery.save(update_fields=["attempts", "delivered_at", "last_error", "next_attempt_at"])
    return ok


def due_deliveries():
    return (
        WebhookDelivery.objects.filter(
            delivered_at__isnull=True, attempts__lt=settings.WEBHOOK_MAX_ATTEMPTS
        )
        .exclude(next_attempt_at__gt=timezone.now())
        .select_related("endpoint")
    )


def on_page_published(sender, instance, **kwargs):
    translated = instance.locale.language_code != settings.LANGUAGE_CODE
    queue(page_event(instance, "translation.published" if translated else "page.published"))


def on_page_unpublished(sender, instance, **kwargs):
    queue(page_event(instance, "page.unpublished"))
