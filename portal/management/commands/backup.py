from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from wagtail.models import Page

from portal.ops import backups


class Command(BaseCommand):
    help = "Write a backup (database and media files, with a manifest) to a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default="backups", help="where backups are kept")

    def handle(self, *args, directory, **options):
        target = Path(directory) / datetime.now().strftime("portal-%Y%m%d-%H%M%S")
        target.mkdir(parents=True)
        self.stdout.write(f"[1/3] database ({connection.vendor}) -> {target}")
        database = backups.dump_database(target)
        self.stdout.write(f"[2/3] media files from {settings.MEDIA_ROOT}")
        backups.pack_media(target, settings.MEDIA_ROOT)
        self.stdout.write("[3/3] manifest")
        backups.write_manifest(
            target,
            {
                "database": database,
                "engine": connection.vendor,
                "pages": Page.objects.count(),
                "media": backups.media_checksums(settings.MEDIA_ROOT),
            },
        )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
