from django.core.management.base import BaseCommand

from portal.webhooks import delivery as webhooks


class Command(BaseCommand):
    help = (
        "Post the webhook events whose delivery failed and whose next attempt is due. "
        "Run it every few minutes (a systemd timer or cron)."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 0
        due = list(webhooks.due_deliveries())
        delivered = 0
        for number, delivery in enumerate(due, start=1):
            ok = webhooks.attempt(delivery)
            delivered += ok
            if verbose:
                self.stdout.write(
                    f"[{number}/{len(due)}] {delivery.event['type']} to {delivery.url}: "
                    + ("delivered" if ok else delivery.last_error)
                )
        if verbose:
            self.stdout.write(f"{delivered} of {len(due)} due deliveries made.")
