"""Webhooks: tell other sites when a page is published, unpublished or translated.

Each event is written to the database (WebhookDelivery) in the same transaction as the
publication, then posted after the commit by a background thread, so the editor's request never
waits for a receiver. A failed post is retried in the thread after WEBHOOK_RETRY_DELAYS, and
after that by `manage.py deliver_webhooks` (run it from a timer) until WEBHOOK_MAX_ATTEMPTS.

Each post is signed: X-Portal-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">
with the endpoint's secret; receivers recompute it and refuse old timestamps.
"""

import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal.webhooks.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)
_threads = []


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
    if deliveries:
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: start_delivery(ids))
    return deliveries


def start_delivery(ids):
    thread = threading.Thread(target=deliver_in_background, args=(ids,), daemon=True)
    _threads.append(thread)
    thread.start()


def wait_for_deliveries(timeout=30):
    """Wait for the background posts to finish (tests, and the management command)."""
    while _threads:
        _threads.pop().join(timeout)


def deliver_in_background(ids):
    try:
        for pk in ids:
            delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=pk)
            for delay in [0, *settings.WEBHOOK_RETRY_DELAYS]:
                time.sleep(delay)
                if attempt(delivery):
                    break
    except Exception:
        logger.exception("webhook delivery thread failed; deliver_webhooks will retry")
    finally:
        connection.close()


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
    close_old_connections()
    if ok:
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
        delivery.next_attempt_at = None
    else:
        delivery.last_error = error
        # Later attempts (from deliver_webhooks) back off: 1, 2, 4, 8... minutes.
        delivery.next_attempt_at = timezone.now() + timedelta(
            minutes=2 ** max(delivery.attempts - 1, 0)
        )
        logger.warning("webhook %s to %s failed: %s", delivery.pk, delivery.url, error)
    record(delivery, ["attempts", "delivered_at", "last_error", "next_attempt_at"])
    return ok


# Seconds to wait before each further try at recording a delivery while the database is locked.
LOCKED_RETRY_WAITS = [0.05, 0.2, 0.5, 1, 2]


def record(delivery, fields):
    """Save the delivery's outcome from the background thread. While the publishing request
    still writes (its own after-commit work), SQLite may answer "locked" at once where it would
    otherwise wait (an in-memory database shared between threads, as the tests use, ignores the
    busy timeout): try again shortly rather than lose the record and post the event twice."""
    for wait in LOCKED_RETRY_WAITS:
        try:
            delivery.save(update_fields=fields)
            return
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(wait)
    delivery.save(update_fields=fields)


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
