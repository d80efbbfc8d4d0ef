"""Production settings refuse to run unsafely; the commands `make run` calls do what they say."""

import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from portal.management.commands import ensure_admin

BASE_DIR = Path(settings.BASE_DIR)


def run_manage(*args, **env):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


class ProductionSettingsTests(SimpleTestCase):
    def test_production_refuses_to_start_without_a_secret_key(self):
        result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set SECRET_KEY", result.stderr)

    def run_production(self, *args, **env):
        return run_manage(
            *args,
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY="k" * 20 + "-production-test-key-" + "x" * 30,
            ALLOWED_HOSTS="news.example.lv",
            **{"REDIS_URL": "", "SINGLE_PROCESS": "", **env},
        )

    def test_production_passes_check_deploy_without_warnings(self):
        # With Redis, django-ratelimit's cache checks run unsilenced (its cache is shared).
        result = self.run_production(
            "check", "--deploy", "--fail-level", "WARNING", REDIS_URL="redis://127.0.0.1:6379/0"
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues (0 silenced)", result.stdout)

    def test_production_refuses_to_start_without_a_shared_cache(self):
        # Each process would count the password reset limit and keep the content cache on
        # its own: a publish would reach only the process that handled it.
        result = self.run_production("check")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ImproperlyConfigured: Set REDIS_URL", result.stderr)
        self.assertIn("SINGLE_PROCESS=true", result.stderr)

    def test_a_single_process_deployment_runs_without_redis_and_is_warned_about_it(self):
        result = self.run_production("check", "--deploy", SINGLE_PROCESS="true")
        # Warnings, not errors: manage.py commands (migrate, publish_scheduled) still run.
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        output = result.stdout + result.stderr
        self.assertIn("portal.W001", output)
        self.assertIn("django_ratelimit.W001", output)
        self.assertIn("SINGLE_PROCESS", output)
        strict = self.run_production(
            "check", "--deploy", "--fail-level", "WARNING", SINGLE_PROCESS="true"
        )
        self.assertNotEqual(strict.returncode, 0)

    def test_only_development_and_tests_silence_the_shared_cache_checks(self):
        code = (
            "import importlib, sys; "
            "print(getattr(importlib.import_module(sys.argv[1]), 'SILENCED_SYSTEM_CHECKS', []))"
        )
        environment = {**os.environ, "REDIS_URL": "", "SECRET_KEY": "x"}
        silenced = {}
        for module in ("portal.settings.base", "portal.settings.dev", "portal.settings.test"):
            result = subprocess.run(
                [sys.executable, "-c", code, module],
                cwd=BASE_DIR,
                env=environment,
                capture_output=True,
                text=True,
                timeout=60,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            silenced[module] = result.stdout.strip()
        self.assertEqual(silenced["portal.settings.base"], "[]")
        for module in ("portal.settings.dev", "portal.settings.test"):
            self.assertIn("django_ratelimit.E003", silenced[module])
        for module in ("dev", "test"):
            with self.subTest(settings=module):
                result = run_manage(
                    "check",
                    "--fail-level",
                    "WARNING",
                    DJANGO_SETTINGS_MODULE=f"portal.settings.{module}",
                    REDIS_URL="",
                )
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_base_settings_are_safe_defaults(self):
        from portal.settings import base

        self.assertFalse(base.DEBUG)
        self.assertEqual(base.LANGUAGE_CODE, "lv")
        self.assertEqual([code for code, _ in base.LANGUAGES], ["lv", "en", "pl"])
        self.assertEqual(base.WAGTAIL_CONTENT_LANGUAGES, base.LANGUAGES)
        self.assertIn("wagtail_localize", base.INSTALLED_APPS)

    def test_database_url_selects_postgresql(self):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from portal.settings import base; print(base.DATABASES['default']['ENGINE'])",
            ],
            cwd=BASE_DIR,
            env={**os.environ, "DATABASE_URL": "postgres://u:p@127.0.0.1:5999/portal"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.assertEqual(result.stdout.strip(), "django.db.backends.postgresql")


class EnsureAdminTests(TestCase):
    def setUp(self):
        self.password_file = Path(self.enterContext(tempfile.TemporaryDirectory())) / "password"
        self.enterContext(mock.patch.object(ensure_admin, "PASSWORD_FILE", self.password_file))

    def run_command(self):
        out = StringIO()
        call_command("ensure_admin", stdout=out)
        return out.getvalue()

    def test_creates_an_admin_once_and_prints_a_working_login(self):
        first = self.run_command()
        second = self.run_command()
        user = get_user_model().objects.get(username="admin")
        password = self.password_file.read_text().strip()
        self.assertTrue(user.is_superuser)
        self.assertTrue(user.check_password(password))
        self.assertIn(f"password: {password}", first)
        self.assertIn(f"password: {password}", second)
        self.assertEqual(get_user_model().objects.count(), 1)

    def test_says_how_to_reset_a_password_it_does_not_know(self):
        self.run_command()
        user = get_user_model().objects.get(username="admin")
        user.set_password("changed-by-the-admin")
        user.save()
        self.assertIn("changepassword admin", self.run_command())


class DatabaseTests(SimpleTestCase):
    def test_tests_run_on_the_database_that_database_url_names(self):
        from django.db import connection

        url = os.environ.get("DATABASE_URL", "sqlite://")
        expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
        self.assertEqual(connection.vendor, expected)
