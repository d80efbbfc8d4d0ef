"""The production stack end to end (bin/with-prod-stack starts it: PostgreSQL, Redis,
gunicorn, nginx): what nginx caches, who bypasses it, purge on publish, and what readers get
when the app servers are gone. Run by `make test-prod`, part of `make test`."""

import gzip
import http.cookiejar
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.prod

ROOT = Path(__file__).resolve().parents[3]
RELEASE = "/lv/jaunumi/vizite-uz-krakovu-uznemejdarbibas-veicinasanai/"


def manage_shell(code):
    """Python code run by the app's own settings and environment, as an editor's action would."""
    command = 'source "$PROD_DIR/env" && .venv/bin/python manage.py shell -v0 -c "$CODE"'
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env={**os.environ, "CODE": code},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def get(url, opener=None, headers=None, raw=False):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        response = (opener or urllib.request.build_opener()).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read()
        return response.status, response.headers, body if raw else body.decode("utf-8", "replace")


def logged_in_administrator(portal, username):
    """A new administrator `username` with an authenticator app (production settings require
    one of administrators, portal/editorial/two_factor.py), signed in through the login form
    and the code form as a browser does: (opener with their cookies, the cookie jar, the login
    page's headers)."""
    password = uuid.uuid4().hex
    code = manage_shell(
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.oath import TOTP\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "User = get_user_model()\n"
        f"User.objects.filter(username='{username}').delete()\n"
        f"user = User.objects.create_superuser('{username}', 'a@example.lv', '{password}')\n"
        "device = TOTPDevice.objects.create(user=user, name='app', confirmed=True)\n"
        "print(f'{TOTP(device.bin_key).token():06d}')"  # the app shows six digits
    )
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _status, headers, html = get(portal + "/admin/login/", opener)
    for path, fields in (
        ("/admin/login/", {"username": username, "password": password}),
        ("/admin/two-factor/code/", {"code": code}),
    ):
        page = get(portal + path, opener)[2] if path != "/admin/login/" else html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            portal + path, data=form, headers={"Referer": portal + path}
        )
        with opener.open(request, timeout=30) as response:
            landed = response.geturl()
    assert "/two-factor/" not in landed and "/login/" not in landed, landed  # signed in
    return opener, jar, headers


def test_static_files_are_served_by_nginx_with_long_lifetimes(portal):
    _status, _headers, html = get(portal + "/lv/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
    status, headers, _body = get(portal + stylesheet)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert "X-Cache" not in headers  # never reached the app
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)  # hashed name: safe to keep a year


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(portal):
    address = f"{portal}/lv/?visit={uuid.uuid4().hex}"
    first = get(address)
    second = get(address)
    assert (first[0], second[0]) == (200, 200)
    assert first[1]["X-Cache"] == "MISS"
    assert second[1]["X-Cache"] == "HIT"
    assert second[2] == first[2]
    assert "X-Accel-Expires" not in second[1]  # nginx's instruction, not the reader's


def test_pages_and_static_files_are_compressed_once_not_per_request(portal):
    # A file nginx compresses as it sends has no Content-Length (it is sent in chunks); the
    # cache's stored copy and the .gz beside a static file have one.
    address = f"{portal}/lv/?visit={uuid.uuid4().hex}"
    plain = get(address)  # not cached yet: the app answers, compressed for nginx's cache
    browser = {"Accept-Encoding": "gzip"}
    status, headers, body = get(address, headers=browser, raw=True)
    assert (status, headers["X-Cache"], headers["Content-Encoding"]) == (200, "HIT", "gzip")
    assert headers["Content-Length"] == str(len(body))
    assert gzip.decompress(body).decode() == plain[2]
    assert "Content-Encoding" not in plain[1]  # a client without gzip gets it unpacked
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', plain[2]).group(1)
    status, headers, body = get(portal + stylesheet, headers=browser, raw=True)
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert headers["Content-Length"] == str(len(body))
    assert gzip.decompress(body) == get(portal + stylesheet, raw=True)[2]


def test_the_api_is_cached_too(portal):
    get(portal + "/api/v2/pages/")
    status, headers, _body = get(portal + "/api/v2/pages/")
    assert status == 200
    assert headers["X-Cache"] == "HIT"


def test_the_next_anonymous_request_after_a_publish_shows_the_change(portal):
    # No polling and no waiting: the purge is done when publish() returns. How long publish
    # to visible takes is measured by the benchmark (bench/run.py), not here.
    for address in (RELEASE, "/lv/jaunumi/", "/lv/jaunumi/feed/rss/"):
        get(portal + address)
        assert get(portal + address)[1]["X-Cache"] == "HIT"
    marker = f"Labots {uuid.uuid4().hex[:8]}"
    manage_shell(
        "from news.models import PressReleasePage\n"
        f"page = PressReleasePage.objects.get(url_path__endswith='{RELEASE.split('/')[-2]}/')\n"
        f"page.title = '{marker}'\n"
        "page.save_revision().publish()\n"
    )
    for address in (RELEASE, "/lv/jaunumi/", "/lv/jaunumi/feed/rss/"):
        status, headers, body = get(portal + address)
        assert status == 200
        assert headers["X-Cache"] == "MISS", address  # purged, not expired
        assert marker in body, address


def test_the_search_index_is_updated_by_the_worker_after_the_publish(portal):
    word = "".join(chr(ord("a") + int(digit, 16)) for digit in uuid.uuid4().hex[:12])
    found = (
        "from news.models import PressReleasePage\n"
        f"print(PressReleasePage.objects.live().search('{word}').count())"
    )
    queued = manage_shell(
        "from django_tasks_db.models import DBTaskResult\n"
        "from news.models import PressReleasePage\n"
        "updates = DBTaskResult.objects.filter(task_path__endswith='update_object_task')\n"
        "before = updates.count()\n"
        f"page = PressReleasePage.objects.get(url_path__endswith='{RELEASE.split('/')[-2]}/')\n"
        f"page.title = 'Labots {word}'\n"
        "page.save_revision().publish()\n"
        f"print(updates.count() - before, PressReleasePage.objects.search('{word}').count())"
    )
    # Queued for the worker, not done in the editor's request (the worker, polling every half
    # second, may already have done them by the time the shell searches).
    assert queued.split()[0] == "2"  # the revision's save and the publish's
    deadline = time.monotonic() + 60
    while manage_shell(found) != "1":
        assert time.monotonic() < deadline, "the worker did not update the search index"
        time.sleep(0.5)
    # (Reference index updates for objects deleted before the worker got to them fail with
    # DoesNotExist, harmlessly: the seed's loading deletes and recreates some.)
    failed = manage_shell(
        "from django_tasks_db.models import DBTaskResult\n"
        "print(DBTaskResult.objects.filter(status='FAILED')"
        ".exclude(exception_class_path__endswith='DoesNotExist').count())"
    )
    assert failed == "0"


def test_a_logged_in_editor_bypasses_the_cache_and_is_never_stored(portal):
    editor, jar, login_headers = logged_in_administrator(portal, "cache-editor")
    assert login_headers["X-Cache"] != "HIT"
    assert any(cookie.name == "sessionid" for cookie in jar)

    address = f"{portal}/lv/?editor={uuid.uuid4().hex}"
    status, headers, _body = get(address, editor)
    assert status == 200
    assert headers["X-Cache"] == "BYPASS"
    assert get(address, editor)[1]["X-Cache"] == "BYPASS"
    # What the editor was shown was not kept for anyone else.
    assert get(address)[1]["X-Cache"] == "MISS"


def test_a_response_that_sets_a_cookie_or_holds_a_csrf_token_is_never_cached(portal):
    tokens = set()
    for _visit in range(3):
        status, headers, html = get(portal + "/admin/login/")
        assert status == 200
        assert headers["X-Cache"] == "MISS"
        assert "csrftoken=" in headers["Set-Cookie"]
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert len(tokens) == 3  # each visitor their own token


def test_the_health_endpoint_checks_the_database_and_the_cache(portal):
    status, headers, body = get(portal + "/health/")
    assert status == 200
    assert '"database": "ok"' in body and '"cache": "ok"' in body
    assert "X-Cache" not in headers


# Before the test that stops the app servers.
def test_editors_stay_logged_in_when_redis_loses_everything(portal):
    """Redis keeps no data on disk here: a restart empties it, as FLUSHALL does."""
    editor, _jar, _headers = logged_in_administrator(portal, "redis-editor")
    status, _headers, html = get(portal + "/admin/", editor)
    assert status == 200 and "redis-editor" in html
    subprocess.run(
        ["redis-cli", "-p", os.environ["REDIS_PORT"], "flushall"], check=True, capture_output=True
    )
    status, _headers, html = get(portal + "/admin/", editor)
    assert status == 200
    assert 'name="password"' not in html  # still the dashboard, not the login form
    assert "redis-editor" in html


def test_when_the_app_servers_are_gone_readers_get_the_cache_or_a_friendly_503(portal):
    """Last in this module: it stops gunicorn (the stack is thrown away afterwards)."""
    cached = f"{portal}/pl/"  # an address without a query string: kept, and served stale
    get(cached)
    pid = int((Path(os.environ["PROD_DIR"]) / "run" / "gunicorn.pid").read_text())
    os.kill(pid, 15)
    for _wait in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    status, headers, _body = get(cached)
    assert status == 200
    assert headers["X-Cache"] in ("HIT", "STALE")

    status, headers, body = get(f"{portal}/pl/?never-cached={uuid.uuid4().hex}")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert '<html lang="pl">' in body
    assert "Traceback" not in body and "nginx" not in body
