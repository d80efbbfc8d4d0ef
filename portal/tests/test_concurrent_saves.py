"""Two editors press Save at the same moment on the same version: exactly one save wins, the
other is refused with the conflict message. Against a real server with three worker processes
(gunicorn) on the database of the run: SQLite (a file) or PostgreSQL (a database of its own on
the run's server)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from portal.tests.browser.conftest import free_port, wait_until_serving

BASE_DIR = Path(settings.BASE_DIR)
ROUNDS = 6
SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from news.tests.factories import PressReleasePageFactory
from portal.tests.factories import SiteTree
tree = SiteTree()
release = PressReleasePageFactory(parent=tree.news_index, title="Sākums", slug="relize")
release.save_revision().publish()
for name in ("anna", "berzins"):
    user = get_user_model().objects.create_user(name, password="Parole-2026-garā")
    user.groups.add(Group.objects.get(name="Moderators"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
print(release.pk)
"""


def database_url(workdir):
    """A fresh database beside the run's own: a file for SQLite, a new PostgreSQL database."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{workdir / 'db.sqlite3'}", None
    name = f"concurrency_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    return url, name


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    workdir = Path(tempfile.mkdtemp(prefix="portal-concurrency-"))
    with django_db_blocker.unblock():
        url, pg_name = database_url(workdir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "0",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], env=env, cwd=BASE_DIR, check=True)
    release_id = subprocess.run(
        manage + ["shell", "-c", SETUP], env=env, cwd=BASE_DIR, check=True, capture_output=True
    ).stdout.split()[-1]
    port = free_port()
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            "--workers=3",
            f"--bind=127.0.0.1:{port}",
            "--no-control-socket",
        ],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_serving(f"{base}/robots.txt"):
            pytest.fail("gunicorn did not start")
        yield base, int(release_id)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)
        if pg_name:
            with django_db_blocker.unblock(), connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def logged_in(base, username):
    session = requests.Session()
    page = session.get(f"{base}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/admin/login/",
        {"username": username, "password": "Parole-2026-garā", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/admin/login/"},
    )
    assert "/admin/login/" not in response.url, "login failed"
    return session


def open_form(session, url):
    html = session.get(url).text
    fields = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("csrfmiddlewaretoken", "loaded_revision_id", "loaded_revision_created_at")
    }
    return fields


def test_exactly_one_of_two_simultaneous_saves_wins(server):
    from news.tests.factories import release_form_data

    base, release_id = server
    edit_url = f"{base}/admin/pages/{release_id}/edit/"
    sessions = {name: logged_in(base, name) for name in ("anna", "berzins")}
    for round_number in range(ROUNDS):
        forms = {name: open_form(session, edit_url) for name, session in sessions.items()}
        barrier = threading.Barrier(len(sessions))
        outcome = {}

        def save(name, forms=forms, barrier=barrier, outcome=outcome, number=round_number):
            data = {
                **release_form_data(title=f"{name} {number}", slug="relize"),
                **forms[name],
                "action-save": "1",
            }
            barrier.wait()
            response = sessions[name].post(
                edit_url, data, headers={"Referer": edit_url}, allow_redirects=False
            )
            outcome[name] = response

        threads = [threading.Thread(target=save, args=(name,)) for name in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(response.status_code for response in outcome.values())
        assert statuses == [200, 302], f"round {round_number}: {statuses}"
        refused = next(r for r in outcome.values() if r.status_code == 200)
        assert "saved this page after you opened it" in refused.text
        winner = next(name for name, r in outcome.items() if r.status_code == 302)
        # The winner's version is the page's latest: the refused one changed nothing.
        title_input = re.search(
            r'<input[^>]*id="id_title"[^>]*>', sessions[winner].get(edit_url).text
        )
        latest_title = re.search(r'value="([^"]*)"', title_input.group(0)).group(1)
        assert latest_title == f"{winner} {round_number}"
