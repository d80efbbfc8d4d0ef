"""What an attacker tried at the production stack's edge (nginx in front of gunicorn, Redis,
PostgreSQL), through the real nginx: forged client addresses against the login lockout and the
reset limit, private files under /media/, other spellings and Host headers against the cache,
long addresses, Redis going away. Run by `make test-prod` (bin/with-prod-stack)."""

import concurrent.futures
import http.cookiejar
import json
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from portal.tests.prod.test_stack import RELEASE, get, logged_in_administrator, manage_shell
from portal.tests.test_edge_security import WITH_ABSOLUTE_ADDRESSES, WITHOUT_ABSOLUTE_ADDRESSES

pytestmark = pytest.mark.prod

PROD_DIR = Path(os.environ.get("PROD_DIR", "/nonexistent"))
FOREIGN_HOST = "127.0.0.1:6666"


def empty_the_page_cache():
    for entry in (PROD_DIR / "cache").rglob("*"):
        if entry.is_file():
            entry.unlink()


def post_form(portal, path, fields, headers=None):
    """GET the form (for its CSRF token and cookie), then POST it as a browser would; the
    status of the answer to the POST, redirects not followed."""
    jar = http.cookiejar.CookieJar()

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirects)
    _status, _headers, html = get(portal + path, opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(
        portal + path, data=data, headers={"Referer": portal + path, **(headers or {})}
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def forged(number):
    """Headers a client sends to pass for someone else."""
    address = f"203.0.113.{number}"
    return {"X-Forwarded-For": address, "X-Real-IP": address, "Forwarded": f"for={address}"}


def test_the_login_lockout_counts_the_real_address_whatever_headers_the_client_sends(portal):
    username = f"lockout-{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    manage_shell(
        "from django.contrib.auth import get_user_model\n"
        f"get_user_model().objects.create_superuser('{username}', 'l@example.lv', '{password}')"
    )
    statuses = [
        post_form(
            portal, "/admin/login/", {"username": username, "password": "wrong"}, forged(attempt)
        )
        for attempt in range(5)
    ]
    assert statuses == [200] * 4 + [429]  # the form with its error; the fifth failure locks
    # The right password, from the same client pretending to be another: still locked out.
    right = {"username": username, "password": password}
    assert post_form(portal, "/admin/login/", right, forged(99)) == 429
    assert post_form(portal, "/admin/login/", right) == 429
    # Counted for the address nginx saw, not for a header and not for nobody.
    addresses = manage_shell(
        "from axes.models import AccessAttempt\n"
        f"print(sorted(set(AccessAttempt.objects.filter(username='{username}')"
        ".values_list('ip_address', flat=True))))"
    )
    assert addresses == "['127.0.0.1']"


def test_password_reset_answers_and_is_limited_per_real_address(portal):
    statuses = [
        post_form(
            portal,
            "/admin/password_reset/",
            {"email": f"nobody{attempt}@example.lv"},
            forged(attempt),
        )
        for attempt in range(6)
    ]
    assert statuses[:5] == [302] * 5  # "if the address is known, a message is on its way"
    assert statuses[5] == 429


MEDIA_SETUP = """
import io, json
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

root = Collection.get_first_root_node()
private = root.add_child(name='Private {suffix}')
CollectionViewRestriction.objects.create(
    collection=private, restriction_type='password', password='slepena-{suffix}')
found = {{}}
for name, collection in (('public', root), ('private', private)):
    document = get_document_model().objects.create(
        title=name, collection=collection,
        file=ContentFile(b'%PDF-1.4 ' + name.encode() + b' {suffix}', name=name + '-{suffix}.pdf'))
    picture = io.BytesIO()
    PILImage.new('RGB', (40, 30), 'red').save(picture, 'PNG')
    image = get_image_model().objects.create(
        title=name, collection=collection,
        file=ImageFile(io.BytesIO(picture.getvalue()), name=name + '-{suffix}.png'))
    found[name] = {{
        'document_file': document.file.name, 'document_url': document.url,
        'image_file': image.file.name, 'rendition': image.get_rendition('width-20').url,
    }}
print(json.dumps(found))
"""


def test_files_of_private_collections_are_never_served_as_plain_files(portal):
    files = json.loads(manage_shell(MEDIA_SETUP.format(suffix=uuid.uuid4().hex[:8])))
    public, private = files["public"], files["private"]
    for kind in (public, private):
        # The upload folders are never plain files, whatever the name.
        assert get(f"{portal}/media/{kind['document_file']}")[0] == 404
        assert get(f"{portal}/internal-media/{kind['document_file']}")[0] == 404
        assert get(f"{portal}/internal-media/{kind['image_file']}")[0] == 404
        # Renditions are what pages show: served by nginx.
        status, headers, _body = get(portal + kind["rendition"])
        assert (status, headers["Content-Type"]) == (200, "image/png")

    # A public document: Wagtail's serve view decides, nginx sends it, as an attachment.
    status, headers, body = get(portal + public["document_url"], raw=True)
    assert status == 200
    assert body.startswith(b"%PDF-1.4 public")
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in headers
    # A private one asks for its password and gives nothing of the file.
    status, _headers, body = get(portal + private["document_url"], raw=True)
    assert status == 200
    assert b'name="password"' in body and b"%PDF" not in body

    # Original images: a public one is there (the API's download_url), a private one is not.
    status, headers, body = get(f"{portal}/media/{public['image_file']}", raw=True)
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert body.startswith(b"\x89PNG")
    assert get(f"{portal}/media/{private['image_file']}")[0] == 404
    traversal = f"{portal}/media/original_images/..%2Fdocuments%2F{public['document_file']}"
    assert get(traversal)[0] == 404


def copy_of_the_release(slug):
    manage_shell(
        "from news.models import PressReleasePage\n"
        f"page = PressReleasePage.objects.get(url_path__endswith='{RELEASE.split('/')[-2]}/')\n"
        f"page.copy(update_attrs={{'slug': '{slug}', 'title': 'Kopija {slug}'}}, keep_live=True)"
    )
    return f"/lv/jaunumi/{slug}/"


def test_no_other_spelling_of_an_address_keeps_a_page_after_it_is_unpublished(portal):
    slug = f"kopija-{uuid.uuid4().hex[:8]}"
    address = copy_of_the_release(slug)
    spellings = [
        address.replace("kopija-", "kopija%2D"),  # an escaped "-"
        address.replace("kopija-", "kopija%2d"),
        address.replace("kopija", "k%6Fpija"),  # an escaped letter
        address + "?",  # an empty query
    ]
    assert get(portal + address)[0] == 200
    assert get(portal + address)[1]["X-Cache"] == "HIT"
    assert get(portal + address, headers={"Host": "localhost"})[1]["X-Cache"] == "HIT"
    for spelling in spellings:
        for _visit in range(2):
            status, headers, _body = get_without_redirects(portal + spelling)
            assert status == 301, spelling
            assert headers["Location"] == address
            assert headers["X-Cache"] != "HIT"
    manage_shell(
        "from news.models import PressReleasePage\n"
        f"PressReleasePage.objects.get(slug='{slug}').unpublish()"
    )
    assert get(portal + address)[0] == 404
    assert get(portal + address, headers={"Host": "localhost"})[0] == 404
    for spelling in spellings:
        status, _headers, body = get(portal + spelling)  # redirects followed
        assert status == 404, spelling
        assert f"Kopija {slug}" not in body


def test_an_expired_query_string_copy_is_never_served_stale(portal):
    """The hostile try: query-string copies of a release (never purged, they expire) came back
    as STALE after it was unpublished, on the first request after expiry and whenever the app
    erred, for up to a day."""
    slug = f"veca-{uuid.uuid4().hex[:8]}"
    address = copy_of_the_release(slug) + "?utm_source=z"
    assert get(portal + address)[0] == 200
    assert get(portal + address)[1]["X-Cache"] == "HIT"
    manage_shell(
        "from news.models import PressReleasePage\n"
        f"PressReleasePage.objects.get(slug='{slug}').unpublish()"
    )
    time.sleep(int(os.environ.get("FRONTEND_CACHE_QUERY_SECONDS", 60)) + 1)
    status, headers, body = get(portal + address)
    assert (status, headers["X-Cache"]) == (404, "EXPIRED")
    assert f"Kopija {slug}" not in body


def get_without_redirects(url, headers=None):
    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return get(url, urllib.request.build_opener(NoRedirects), headers)


def test_a_foreign_host_header_never_reaches_what_the_cache_keeps(portal):
    """The first reader after a purge sends a Host of its choice; every cached kind of answer
    must still carry the site's own address."""
    empty_the_page_cache()
    addresses = [RELEASE, *WITH_ABSOLUTE_ADDRESSES, *WITHOUT_ABSOLUTE_ADDRESSES]
    for address in addresses:
        status, _headers, body = get(portal + address, headers={"Host": FOREIGN_HOST})
        assert status == 200, address
        assert "6666" not in body, address
        status, headers, body = get(portal + address)
        assert (status, headers["X-Cache"]) == (200, "HIT"), address
        assert "6666" not in body, address


def test_a_long_address_is_served_and_a_too_long_one_refused_with_414(portal):
    for length in (3_000, 7_000):
        status, _headers, body = get(f"{portal}/lv/?long={'a' * length}")
        assert status == 200, length
        assert "<html" in body
    assert get(f"{portal}/lv/?long={'a' * 9_000}")[0] == 414


def test_the_app_server_listens_only_behind_nginx(portal):
    pid = (PROD_DIR / "run" / "gunicorn.pid").read_text().strip()
    listening = subprocess.run(
        ["ss", "-H", "-ltnp"], capture_output=True, text=True, check=True
    ).stdout
    assert f"pid={pid}," not in listening  # no TCP port: the Unix socket nginx uses, only


def test_the_stack_runs_the_scheduler_which_unpublishes_an_expired_release(portal):
    """bin/with-prod-stack runs it every 2 s (SCHEDULER_INTERVAL); bin/prod every minute."""
    slug = f"beidzas-{uuid.uuid4().hex[:8]}"
    copy_of_the_release(slug)
    live = (
        "from news.models import PressReleasePage\n"
        f"print(PressReleasePage.objects.get(slug='{slug}').live)"
    )
    published = manage_shell(
        "import datetime\n"
        "from django.utils import timezone\n"
        "from news.models import PressReleasePage\n"
        f"page = PressReleasePage.objects.get(slug='{slug}')\n"
        "page.expire_at = timezone.now() + datetime.timedelta(seconds=3)\n"
        "page.save_revision().publish()\n"
        "print(page.live)\n"
    )
    assert published == "True"
    deadline = time.monotonic() + 30
    while manage_shell(live) != "False":
        assert time.monotonic() < deadline, "the scheduler did not unpublish the expired release"
        time.sleep(1)


def redis(*args):
    return subprocess.run(
        ["redis-cli", "-p", os.environ["REDIS_PORT"], *args], capture_output=True, text=True
    )


def start_redis():
    if redis("ping").stdout.strip() == "PONG":
        return
    subprocess.run(
        [
            "redis-server",
            "--bind", "127.0.0.1", "--port", os.environ["REDIS_PORT"], "--daemonize", "yes",
            "--save", "", "--appendonly", "no", "--dir", str(PROD_DIR / "redis"),
            "--pidfile", str(PROD_DIR / "run" / "redis.pid"),
            "--logfile", str(PROD_DIR / "log" / "redis.log"),
        ],
        check=True,
    )  # fmt: skip
    for _wait in range(50):
        if redis("ping").stdout.strip() == "PONG":
            return
        time.sleep(0.1)
    raise AssertionError("Redis did not come back")


def test_the_site_keeps_working_while_redis_is_down_and_recovers_without_a_restart(portal):
    editor, _jar, _headers = logged_in_administrator(portal, "redis-outage-editor")
    assert "redis-outage-editor" in get(portal + "/admin/", editor)[2]

    def reader(number):
        page = get(f"{portal}/lv/jaunumi/?outage={uuid.uuid4().hex}")
        api = get(f"{portal}/api/v2/pages/?type=news.PressReleasePage&fields=*&offset={number}")
        return page[0], api[0], api[1]["Content-Type"]

    try:
        with concurrent.futures.ThreadPoolExecutor(4) as readers:
            under_load = [readers.submit(reader, number) for number in range(40)]
            redis("shutdown", "nosave")
            time.sleep(0.5)
            while_down = [readers.submit(reader, number) for number in range(40, 60)]
            results = [future.result() for future in under_load + while_down]
        assert redis("ping").returncode != 0  # really down
        assert set(results) == {(200, 200, "application/json")}

        status, _headers, html = get(portal + "/admin/", editor)
        assert status == 200 and "redis-outage-editor" in html  # the session, from the database
        status, headers, body = get(f"{portal}/api/v2/pages/?search={uuid.uuid4().hex}")
        assert (status, headers["Content-Type"]) == (200, "application/json")
        status, _headers, body = get(portal + "/health/")
        assert status == 200 and '"status": "degraded"' in body  # still in the pool
    finally:
        start_redis()
    status, _headers, body = get(portal + "/health/")
    assert status == 200 and '"cache": "ok"' in body
    assert "redis-outage-editor" in get(portal + "/admin/", editor)[2]
