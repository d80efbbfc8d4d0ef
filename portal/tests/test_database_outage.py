"""The database gone: public pages answer a friendly, localised 503 with Retry-After, and
the portal recovers by itself when the database is back, without a restart.

Real parts: a PostgreSQL server of the test's own that it stops and starts, and the portal
served by Django in another process. Runs in the PostgreSQL part of `make test`.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from unittest import skipUnless

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase

from portal.tests.browser.conftest import free_port, wait_until_serving

SITE = """
from portal.tests.factories import SiteTree
SiteTree()
"""


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@skipUnless(connection.vendor == "postgresql", "stops and starts a PostgreSQL server")
class DatabaseOutageTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workdir = Path(tempfile.mkdtemp(prefix="portal-outage-"))
        pgbin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if as_postgres:
            shutil.chown(cls.workdir, "postgres")
        cls.pg_ctl = [*as_postgres, f"{pgbin}/pg_ctl", "-D", str(cls.workdir / "db")]
        subprocess.run(
            [
                *as_postgres,
                f"{pgbin}/initdb",
                "-D",
                str(cls.workdir / "db"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
            ],
            check=True,
            capture_output=True,
        )
        port = free_port()
        cls.pg_options = f"-h 127.0.0.1 -p {port} -k {cls.workdir} -c fsync=off"
        cls.start_database()
        subprocess.run(
            [
                *as_postgres,
                f"{pgbin}/createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "portal",
            ],
            check=True,
            capture_output=True,
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/portal",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        for command in (["migrate", "--noinput", "-v0"], ["shell", "-c", SITE]):
            subprocess.run(manage + command, env=env, check=True, capture_output=True)
        web_port = free_port()
        cls.server = subprocess.Popen(
            manage + ["runserver", f"127.0.0.1:{web_port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cls.url = f"http://127.0.0.1:{web_port}"
        if not wait_until_serving(f"{cls.url}/robots.txt"):
            raise RuntimeError("the portal did not start")

    @classmethod
    def start_database(cls):
        subprocess.run(
            [
                *cls.pg_ctl,
                "-l",
                str(cls.workdir / "server.log"),
                "-w",
                "-o",
                cls.pg_options,
                "start",
            ],
            check=True,
            capture_output=True,
        )

    @classmethod
    def stop_database(cls):
        subprocess.run([*cls.pg_ctl, "-m", "fast", "-w", "stop"], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        subprocess.run([*cls.pg_ctl, "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(cls.workdir, ignore_errors=True)
        super().tearDownClass()

    def test_a_503_while_the_database_is_down_and_recovery_without_a_restart(self):
        self.assertEqual(get(f"{self.url}/lv/")[0], 200)
        self.stop_database()
        try:
            for path, language_text in [
                ("/lv/", "Īslaicīgi nav pieejams"),
                ("/en/jaunumi/", "Briefly unavailable"),
                ("/pl/", "Chwilowo niedostępny"),
            ]:
                with self.subTest(path=path):
                    status, headers, body = get(f"{self.url}{path}")
                    self.assertEqual(status, 503)
                    self.assertEqual(headers["Retry-After"], "30")
                    self.assertIn(language_text, body)
                    self.assertNotIn("Traceback", body)
            status, headers, body = get(f"{self.url}/api/v2/pages/")
            self.assertEqual(status, 503)
            self.assertIn("message", json.loads(body))
        finally:
            self.start_database()
        self.assertEqual(get(f"{self.url}/lv/")[0], 200)  # the same server process
        self.assertIsNone(self.server.poll())
