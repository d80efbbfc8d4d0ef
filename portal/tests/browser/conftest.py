"""A real portal for the browser tests: its own SQLite database with the seed content, served
by Django on a free port, and headless Chromium driven by Playwright.

These tests run in `make test-browser` (part of `make test`), not in the database runs. They
fail, never skip, when the server or Chromium cannot start.
"""

import contextlib
import json
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
from projects.models import OrganisationPage
region = OrganisationPage.objects.get(slug="latgales-planosanas-regions")
TranslationSource.objects.get(
    object_id=region.translation_key, locale=region.locale
).update_from_db()
OrganisationPage.objects.get(
    translation_key=region.translation_key, locale__language_code="pl"
).save_revision().publish()
"""

# A portal in daily use for the admin tests: a Latvian draft in moderation with a comment on it,
# an image and a document in its body, its Polish translation behind the changed source, and one
# person in each role. Writes the addresses
# of the screens to the file named by URLS.
ADMIN_STATE = """
import json, os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Comment, Page
from wagtail_localize.models import TranslationSource
from news.models import PressReleasePage, Topic
from projects.models import OrganisationPage, ProjectPage

users = {}
for name, group in [("redaktors", "Editors"), ("moderatore", "Moderators"),
                    ("tlumacz", "Translators (Polish)"), ("recenzent", "Reviewers (Polish)")]:
    users[name] = get_user_model().objects.create_user(
        name, email=name + "@example.org", password=name.title() + "-2026-parole")
    users[name].groups.add(Group.objects.get(name=group))

release = PressReleasePage.objects.get(locale__language_code="lv")
first = release.latest_revision
# A published correction: the Polish translation now waits for the changed lead.
release.lead = release.lead.replace("2.", "3.", 1)
published = release.save_revision(user=users["moderatore"])
published.publish(user=users["moderatore"])
source = TranslationSource.objects.get(object_id=release.translation_key, locale=release.locale)
source.update_from_db()
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image as Picture
picture = BytesIO()
Picture.new("RGB", (640, 480), "#336699").save(picture, "PNG")
image = Image.objects.create(
    title="Latgales karte", file=ContentFile(picture.getvalue(), name="karte.png"))
document = Document.objects.create(
    title="Preses relīze", file=ContentFile(b"%PDF-1.4", name="relize.pdf"))
# A draft by the editor, submitted to the moderators, with a comment on its title.
release = PressReleasePage.objects.get(pk=release.pk)
release.title = release.title + " (labots)"
release.body.append(
    ("image", {"image": image, "alt_text": "Latgales karte", "caption": "", "credit": ""}))
release.body.append(("document", {"document": document, "title": "Preses relīze"}))
draft = release.save_revision(user=users["redaktors"])
release.get_workflow().start(release, users["redaktors"])
Comment.objects.create(page=release, user=users["redaktors"], contentpath="title",
                       text="Lūdzu pārbaudīt virsrakstu.", revision_created=draft)
polish = PressReleasePage.objects.get(
    translation_key=release.translation_key, locale__language_code="pl")
topic = Topic.objects.filter(locale__language_code="lv").first()
page = lambda name, *args: reverse("wagtailadmin_pages:" + name, args=args)
json.dump({
    "release": page("edit", release.pk),
    "new_release": reverse(
        "wagtailadmin_pages:add", args=["news", "pressreleasepage", release.get_parent().pk]),
    "history": page("history", release.pk),
    "compare": page("revisions_compare", release.pk, first.pk, draft.pk),
    "workflow_history": page("workflow_history", release.pk),
    "explorer": reverse("wagtailadmin_explore", args=[release.get_parent().pk]),
    "polish_explorer": reverse("wagtailadmin_explore", args=[polish.get_parent().pk]),
    "translation": page("edit", polish.pk),
    "polish_history": page("history", polish.pk),
    "sync": reverse("wagtail_localize:update_translations", args=[source.pk]),
    "changes": reverse("portal_translation_changes", args=[polish.pk]),
    "project": page("edit", ProjectPage.objects.filter(locale__language_code="lv").first().pk),
    "organisation": page(
        "edit", OrganisationPage.objects.filter(locale__language_code="lv").first().pk),
    "image": reverse("wagtailimages:edit", args=[image.pk]),
    "document": reverse("wagtaildocs:edit", args=[document.pk]),
    "topic": reverse("wagtailsnippets_news_topic:edit", args=[topic.pk]),
    "topic_translation": reverse("wagtailsnippets_news_topic:edit", args=[Topic.objects.get(
        translation_key=topic.translation_key, locale__language_code="pl").pk]),
}, open(os.environ["URLS"], "w"))
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
        "TEST_MEDIA_ROOT": str(workdir / "media"),
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


# The admin's screens every role opens (ADMIN_STATE's portal), and those before signing in.
SHARED_ADMIN_SCREENS = [
    ("dashboard", "/admin/"),
    ("account settings", "/admin/account/"),
    ("images", "/admin/images/"),
    ("documents", "/admin/documents/"),
    ("search", "/admin/pages/search/?q=Krakov"),
    ("two-factor set-up", "/admin/two-factor/set-up/"),
    ("locked pages report", "/admin/reports/locked/"),
    ("workflows report", "/admin/reports/workflow/"),
    ("workflow tasks report", "/admin/reports/workflow_tasks/"),
    ("site history report", "/admin/reports/site-history/"),
    ("aging pages report", "/admin/reports/aging-pages/"),
    ("page types report", "/admin/reports/page-types-usage/"),
]
SIGNED_OUT_SCREENS = [("sign-in", "/admin/login/"), ("password reset", "/admin/password_reset/")]


def sign_in(page, portal_url, username, password=None):
    """Sign `username` in to the admin on `page`, with ADMIN_STATE's password unless given."""
    page.goto(portal_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password or username.title() + "-2026-parole")
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture(scope="session")
def admin_portal():
    """The portal of ADMIN_STATE and the addresses of its admin screens."""
    with tempfile.NamedTemporaryFile(suffix=".json") as urls:
        os.environ["URLS"] = urls.name
        try:
            with served_portal("portal.settings.test", ADMIN_STATE) as url:
                yield url, json.loads(Path(urls.name).read_text())
        finally:
            del os.environ["URLS"]


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
