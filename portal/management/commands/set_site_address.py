"""Point the default Wagtail site at the address readers use (bin/prod, deployments).

Full page addresses (feeds, sitemap, the API, cache purges) are built from the Site record: it
must match the Host the cache in front sees, or purges miss.
"""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Set the default site's hostname and port from an address like https://news.example.lv"

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(
                f"{address!r} is not an http(s) address like https://news.example.lv"
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run migrate first")
        site.hostname = parts.hostname
        site.port = parts.port or (443 if parts.scheme == "https" else 80)
        site.save()
        self.stdout.write(f"Default site: {site.root_url}")
