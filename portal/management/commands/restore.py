import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.ops import backups


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and an empty media "
        "folder, then check page count and file checksums against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup's folder")
        parser.add_argument(
            "--database-url",
            default=os.environ.get("DATABASE_URL")
            or f"sqlite:///{settings.DATABASES['default']['NAME']}",
            help="the empty database to restore into (default: DATABASE_URL)",
        )
        parser.add_argument("--media-root", default=str(settings.MEDIA_ROOT))

    def handle(self, *args, backup, database_url, media_root, **options):
        source = Path(backup)
        manifest = backups.read_manifest(source)
        self.stdout.write(f"[1/3] database -> {database_url.split('@')[-1]}")
        backups.restore_database(source, manifest["database"], database_url)
        self.stdout.write(f"[2/3] media files -> {media_root}")
        backups.unpack_media(source, media_root)
        self.stdout.write("[3/3] checking")
        pages = backups.count_pages(database_url, manifest["database"])
        media = backups.media_checksums(media_root)
        if pages != manifest["pages"] or media != manifest["media"]:
            expected = f"{manifest['pages']} pages, {len(manifest['media'])} media files"
            raise CommandError(
                f"the restore differs from the backup: {pages} pages, {len(media)} media files "
                f"(expected {expected})"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Restored {pages} pages and {len(media)} media files; all match.")
        )
