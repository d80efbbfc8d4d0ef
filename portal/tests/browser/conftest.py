"""A real portal for the browser tests: its own SQLite database with the seed content, served
by Django on a free port, and headless Chromium driven by Playwright.

These tests run in `make test-browser` (part of `make test`), not in the database runs. They
fail, never skip, when the server or Chromium cannot start.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Twelve older Latvian releases, so that the news index has a second page to go to, and a
# Polish translator and a Polish reviewer.
ARCHIVE = """
import datetime
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from news.models import NewsIndexPage
from news.tests.factories import PressReleasePageFactory
index = NewsIndexPage.objects.get(locale__language_code="lv")
for number in range(12):
    PressReleasePageFactory(
        parent=index,
        title=f"Arhīva ziņa {number + 1}",
        release_date=datetime.date(2013, 1, 1) + datetime.timedelta(days=number),
    ).save_revision().publish()
translator = get_user_model().objects.create_user("tlumacz", password="Tlumacz-2026-haslo")
translator.groups.add(Group.objects.get(name="Translators (Polish)"))
reviewer = get_user_model().objects.create_user("recenzent", password="Recenzent-2026-haslo")
reviewer.groups.add(Group.objects.get(name="Reviewers (Polish)"))
for name, group in [
    ("redaktore", "Editors"),
    ("redaktors", "Editors"),
    ("moderatore", "Moderators"),
]:
    user = get_user_model().objects.create_user(name, password=f"{name.title()}-2026-parole")
    user.groups.add(Group.objects.get(name=group))
# The English page of the Latvian planning region out of date (its source re-extracted after it
# was published), the Polish one published again since: the notice on one page, for axe.
from wagtail_localize.models import TranslationSource
from projects.models import PartnerOrganisationPage
region = PartnerOrganisationPage.objects.get(slug="latgales-planosanas-regions")
TranslationSource.objects.get(
    object_id=region.translation_key, locale=region.locale
).update_from_db()
PartnerOrganisationPage.objects.get(
    translation_key=region.translation_key, locale__language_code="pl"
).save_revision().publish()
"""


def wait_until_serving(url, attempts=100):
    """True once `url` answers (any status), False after `attempts` fifths of a second."""
    for _attempt in range(attempts):
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.2)
    return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served_portal(settings_module, shell_code, load_seed=True):
    """A portal of its own (a new SQLite database, the seed content if asked, `shell_code` run
    in it) under the development server with `settings_module`; yields its address."""
    workdir = Path(tempfile.mkdtemp(prefix="portal-browser-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    commands = [["migrate", "--noinput", "-v0"], ["shell", "-c", shell_code]]
    if load_seed:
        commands.insert(1, ["load_seed_content"])
    for command in commands:
        subprocess.run(manage + command, env=env, cwd=BASE_DIR, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_serving(f"{url}/robots.txt"):
            pytest.fail("the portal did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def portal_url():
    # DEBUG off (as in production), so error pages are the portal's own.
    with served_portal("portal.settings.test", ARCHIVE) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots():
    folder = Path(os.environ.get("SCREENSHOTS", BASE_DIR / "test-artifacts" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
