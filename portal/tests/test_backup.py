"""make backup / make restore: a round trip into an empty database and media folder."""

import tempfile
import uuid
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from news.tests.factories import PressReleasePageFactory
from portal.ops.backups import media_checksums, postgres_url
from portal.tests.factories import SiteTree


class BackupRestoreTests(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        tree = SiteTree()
        for _ in range(3):
            PressReleasePageFactory(parent=tree.news_index)
        self.image = Image.objects.create(title="Krakova", file=get_test_image_file())
        self.workdir = Path(tempfile.mkdtemp(prefix="portal-backup-test-"))

    def empty_database(self):
        if connection.vendor == "postgresql":
            name = f"restore_{uuid.uuid4().hex[:8]}"
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
            self.addCleanup(self.drop_database, name)
            return postgres_url({**settings.DATABASES["default"], "NAME": name})
        return f"sqlite:///{self.workdir / 'restored.sqlite3'}"

    def drop_database(self, name):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

    def test_a_backup_restores_into_an_empty_database_with_every_page_and_file(self):
        output = StringIO()
        call_command("backup", directory=str(self.workdir / "backups"), stdout=output)
        self.assertIn("[3/3] manifest", output.getvalue())
        [backup] = (self.workdir / "backups").iterdir()
        database_url = self.empty_database()
        media_root = self.workdir / "media"
        output = StringIO()
        call_command(
            "restore",
            str(backup),
            database_url=database_url,
            media_root=str(media_root),
            stdout=output,
        )
        pages = Page.objects.count()
        self.assertIn(f"Restored {pages} pages", output.getvalue())
        self.assertEqual(media_checksums(media_root), media_checksums(settings.MEDIA_ROOT))
        self.assertTrue((media_root / self.image.file.name).exists())
        # A second restore into the now full database and folder is refused.
        with self.assertRaises(CommandError):
            call_command(
                "restore",
                str(backup),
                database_url=database_url,
                media_root=str(self.workdir / "other-media"),
                stdout=StringIO(),
            )
        with self.assertRaises(CommandError):
            call_command(
                "restore",
                str(self.workdir),
                database_url=database_url,
                media_root=str(media_root),
                stdout=StringIO(),
            )
