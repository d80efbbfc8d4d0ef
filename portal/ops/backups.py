"""Backups: the database (pg_dump, or SQLite's online backup) and the media files, with a
manifest of page counts and checksums that `restore` checks. Used by `manage.py backup` and
`manage.py restore` (and so `make backup`, `make restore`)."""

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

MANIFEST = "manifest.json"


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_checksums(root):
    root = Path(root)
    return {
        str(path.relative_to(root)): checksum(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def postgres_tool(name):
    """pg_dump or pg_restore of the newest PostgreSQL installed (Debian keeps them per version)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    if not found[-1]:
        raise CommandError(f"{name} is not installed (apt-get install postgresql-client)")
    return found[-1]


def postgres_url(database):
    user = f"{database['USER']}@" if database.get("USER") else ""
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgresql://{user}{database.get('HOST') or 'localhost'}{port}/{database['NAME']}"


def postgres_env(database):
    return {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}


def dump_database(target):
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        path = target / "database.dump"
        subprocess.run(
            [
                postgres_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={path}",
                postgres_url(database),
            ],
            check=True,
            env=postgres_env(database),
        )
    else:
        path = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
    return path.name


def restore_database(source, name, database_url):
    """Into `database_url`, which must be empty."""
    parts = urlsplit(database_url)
    if name.endswith(".sqlite3"):
        target = Path(parts.path)
        if target.exists() and target.stat().st_size:
            raise CommandError(f"{target} is not empty; restore into a new database")
        shutil.copyfile(source / name, target)
        return
    with_tables = subprocess.run(
        [
            "psql",
            "-tAc",
            "select count(*) from information_schema.tables where table_schema = 'public'",
            database_url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if with_tables.stdout.strip() != "0":
        raise CommandError("the database is not empty; restore into a new, empty database")
    subprocess.run(
        [
            postgres_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={database_url}",
            str(source / name),
        ],
        check=True,
    )


def count_pages(database_url, name):
    if name.endswith(".sqlite3"):
        with sqlite3.connect(urlsplit(database_url).path) as database:
            return database.execute("select count(*) from wagtailcore_page").fetchone()[0]
    result = subprocess.run(
        ["psql", "-tAc", "select count(*) from wagtailcore_page", database_url],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip())


def write_manifest(target, manifest):
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))


def read_manifest(source):
    try:
        return json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"{source} is not a backup made by manage.py backup: {error}") from error


def pack_media(target, root):
    with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
        if Path(root).exists():
            archive.add(root, arcname="media")


def unpack_media(source, root):
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise CommandError(f"{root} is not empty; restore media into an empty folder")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz") as archive:
        members = [member for member in archive.getmembers() if member.name.startswith("media/")]
        for member in members:
            member.name = member.name[len("media/") :]
        archive.extractall(root, members=[m for m in members if m.name], filter="data")
