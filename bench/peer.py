"""The benchmark's peer: a stock Wagtail site holding the portal's press releases, measured beside
the portal in the same run.

    build(directory, database_url, portal_database_url)   once per size; a second call checks
    start(directory, port, workers) ... stop(directory)
    urls(directory, searches)                              the addresses to measure

The site is `wagtail start peer <directory>` from the installed Wagtail, unchanged, with the
files of bench/peer/ added: a news app in the shape of the Wagtail tutorial's blog (an index
paginated as Wagtail's docs paginate, newest first) and settings/bench.py (production.py with
the database, Wagtail's API v2 as its configuration guide sets it up). No cache, no middleware
of its own, the stock search view and search backend.

The releases are copied in bulk from the portal's database (read only), one news index per
language: Wagtail's one-page-at-a-time API would take hours at 300,000 pages. Like
bench/generate.py: the columns Wagtail writes, tree paths from treebeard; the search index
through Wagtail's search backend, as `manage.py update_index` fills it.

Django runs in child processes (`python bench/peer.py setup|urls DIRECTORY ...`): the peer's
settings are not the portal's, and bench/run.py imports this module without Django.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
FILES = Path(__file__).resolve().parent / "peer"
SETTINGS = "peer.settings.bench"
LANGUAGES = ["lv", "en", "pl"]
BATCH = 2000
PER_PAGE = 10  # the news index's Paginator (bench/peer/news/models.py)
DEEPEST_PAGE = 500
PROGRESS_SECONDS = 10
STARTUP_SECONDS = 60

# The live press releases of a language in the portal's database, oldest page first (so that
# an interrupted copy goes on where it stopped): the body is the HTML of its rich text blocks
# as stored, page links included.
RELEASES_SQL = """
    SELECT page.title, page.slug, page.first_published_at, page.last_published_at,
           release.release_date, left(release.lead, %(intro_length)s),
           coalesce(
               (SELECT string_agg(block ->> 'value', '' ORDER BY position)
                FROM jsonb_array_elements(release.body) WITH ORDINALITY AS blocks(block, position)
                WHERE block ->> 'type' = ANY(%(rich_text_blocks)s)),
               ''
           )
    FROM news_pressreleasepage release
    JOIN wagtailcore_page page ON page.id = release.page_ptr_id
    JOIN wagtailcore_locale locale ON locale.id = page.locale_id
    WHERE locale.language_code = %(language)s AND page.live
    ORDER BY page.id
    OFFSET %(skip)s
"""
COUNT_SQL = """
    SELECT count(*)
    FROM news_pressreleasepage release
    JOIN wagtailcore_page page ON page.id = release.page_ptr_id
    JOIN wagtailcore_locale locale ON locale.id = page.locale_id
    WHERE locale.language_code = %(language)s AND page.live
"""
INDEX_TITLE_SQL = """
    SELECT page.title
    FROM news_newsindexpage news_index
    JOIN wagtailcore_page page ON page.id = news_index.page_ptr_id
    JOIN wagtailcore_locale locale ON locale.id = page.locale_id
    WHERE locale.language_code = %(language)s
    ORDER BY page.id
    LIMIT 1
"""
# The rich text blocks of the portal's release body (news/blocks.py, PressReleaseBodyBlock).
RICH_TEXT_BLOCKS = ["paragraph"]


def build(directory, database_url, portal_database_url, say=print):
    """The peer in `directory` with its own database `database_url` (created on the server if
    missing) holding every live release of the portal's database. Idempotent."""
    directory = Path(directory)
    if not (directory / "manage.py").exists():
        directory.mkdir(parents=True, exist_ok=True)
        say(f"peer: wagtail start peer {directory}")
        subprocess.run(
            [VENV_BIN / "wagtail", "start", "peer", directory],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    add_files(directory)
    if not (directory / "secret_key").exists():
        (directory / "secret_key").write_text(secrets.token_urlsafe(50) + "\n")
    (directory / "database_url").write_text(database_url + "\n")
    create_database(database_url, say)
    for line in django_child(directory, "setup", portal_database_url):
        say(f"peer: {line}")


def add_files(directory):
    """bench/peer/'s files into the project at the same paths, again when they change (none
    has the path of a generated file: the generated ones stay as `wagtail start` wrote them)."""
    for source in FILES.rglob("*"):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        target = directory / source.relative_to(FILES)
        if target.exists() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def create_database(database_url, say):
    import psycopg2
    from psycopg2 import sql

    address = urlsplit(database_url)
    name = address.path.lstrip("/")
    server = psycopg2.connect(address._replace(path="/postgres").geturl())
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                say(f"peer: creating the database {name}")
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        server.close()


def django_child(directory, command, *arguments):
    """Runs this file as a script with the peer's settings; yields the lines it prints."""
    with subprocess.Popen(
        [VENV_BIN / "python", __file__, command, str(directory), *arguments],
        cwd=directory,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        yield from (line.rstrip("\n") for line in child.stdout)
    if child.returncode:
        raise RuntimeError(f"bench/peer.py {command} {directory} failed ({child.returncode})")


def start(directory, port, workers, environment=None):
    """gunicorn with `workers` sync workers on 127.0.0.1:`port`, daemonised; returns once it
    answers; nothing when it already runs. `environment`: variables added to this process's
    for gunicorn (DJANGO_SETTINGS_MODULE is always the peer's)."""
    directory = Path(directory)
    if master_pid(directory):
        return
    subprocess.run(
        [
            VENV_BIN / "gunicorn",
            "peer.wsgi:application",
            "--chdir",
            directory,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--daemon",
            "--pid",
            directory / "gunicorn.pid",
            "--error-logfile",
            directory / "gunicorn.log",
            "--capture-output",
        ],
        cwd=directory,
        env={**os.environ, **(environment or {}), "DJANGO_SETTINGS_MODULE": SETTINGS},
        check=True,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    started = False
    while time.monotonic() < deadline:
        running = master_pid(directory) is not None
        if started and not running:  # the master gave up (a worker failed to boot)
            break
        started = started or running
        if running and answers(f"http://127.0.0.1:{port}/"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the peer did not answer on port {port}; see {directory}/gunicorn.log")


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError):
        return False


def stop(directory):
    pid = master_pid(Path(directory))
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    for _attempt in range(100):
        if not Path(f"/proc/{pid}").exists():
            break
        time.sleep(0.1)
    (Path(directory) / "gunicorn.pid").unlink(missing_ok=True)


def master_pid(directory):
    try:
        pid = int((directory / "gunicorn.pid").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return pid if Path(f"/proc/{pid}").exists() else None


def gunicorn_pids(directory):
    """The master's pid and its workers'; [] when it is not running."""
    master = master_pid(Path(directory))
    if master is None:
        return []
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[1]) == master:  # the field after the state: the parent's pid
            workers.append(int(stat.parent.name))
    return [master, *sorted(workers)]


def urls(directory, searches):
    """The peer's addresses (paths) for the pages the benchmark compares, by name; `searches`:
    {name: query} for the stock search view."""
    found = json.loads(list(django_child(directory, "urls"))[-1])
    api = "/api/v2/pages/?type=news.NewsPage&fields=*&limit="
    return {
        "home": "/",
        "news index": found["index"],
        "news index deep": f"{found['index']}?page={found['deep_page']}",
        "release": found["release"],
        "API listing 20": f"{api}20",
        "API listing 50": f"{api}50",
        "API detail": f"/api/v2/pages/{found['release_id']}/",
        **{name: f"/search/?{urlencode({'query': query})}" for name, query in searches.items()},
    }


# What follows runs in the child process, with Django set up for the peer.


def setup(portal_database_url):
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    # production.py's ManifestStaticFilesStorage: {% static %} fails without the manifest.
    if not (Path("static") / "staticfiles.json").exists():
        print("collectstatic")
        call_command("collectstatic", interactive=False, verbosity=0)
    copy_releases(portal_database_url)


def copy_releases(portal_database_url):
    import psycopg2
    from wagtail.models import Site

    from news.models import NewsIndexPage, NewsPage

    home = Site.objects.get(is_default_site=True).root_page
    portal = psycopg2.connect(portal_database_url)
    portal.set_session(readonly=True)
    try:
        for language in LANGUAGES:
            with portal:  # one snapshot per language
                with portal.cursor() as cursor:
                    cursor.execute(COUNT_SQL, {"language": language})
                    total = cursor.fetchone()[0]
                    cursor.execute(INDEX_TITLE_SQL, {"language": language})
                    title = (cursor.fetchone() or [language])[0]
                index = NewsIndexPage.objects.child_of(home).filter(slug=language).first()
                if index is None:
                    index = home.add_child(instance=NewsIndexPage(title=title, slug=language))
                have = NewsPage.objects.child_of(index).count()
                if have >= total:
                    print(f"{language}: {have:,} releases already there")
                    continue
                with portal.cursor(name=f"releases_{language}") as rows:
                    rows.itersize = BATCH
                    rows.execute(
                        RELEASES_SQL,
                        {
                            "language": language,
                            "skip": have,
                            "intro_length": NewsPage._meta.get_field("intro").max_length,
                            "rich_text_blocks": RICH_TEXT_BLOCKS,
                        },
                    )
                    progress = Progress(f"{language}: releases copied and indexed", have, total)
                    while batch := rows.fetchmany(BATCH):
                        add_news_pages(index, batch)
                        progress.add(len(batch))
    finally:
        portal.close()


def add_news_pages(index, rows):
    """The rows as live NewsPages under `index`, and their search index entries."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from news.models import NewsPage

    content_type = ContentType.objects.get_for_model(NewsPage)
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    with transaction.atomic():
        index.refresh_from_db(fields=["numchild"])
        pages = []
        for offset, (title, slug, first_published, last_published, date, intro, body) in enumerate(
            rows, start=1
        ):
            depth = index.depth + 1
            pages.append(
                NewsPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{index.url_path}{slug}/",
                    locale_id=index.locale_id,
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=first_published,
                    last_published_at=last_published,
                    depth=depth,
                    path=Page._get_path(index.path, depth, index.numchild + offset),
                    numchild=0,
                    date=date,
                    intro=intro,
                    body=body,
                )
            )
        rows_of_page = [
            Page(**{field.attname: getattr(page, field.attname) for field in page_fields})
            for page in pages
        ]
        Page.objects.bulk_create(rows_of_page)
        for page, row in zip(pages, rows_of_page, strict=True):
            page.id = page.page_ptr_id = row.id
        NewsPage.objects._insert(
            pages, fields=NewsPage._meta.local_concrete_fields, using="default"
        )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
        get_search_backend().add_bulk(NewsPage, pages)


class Progress:
    def __init__(self, what, done, total):
        self.what, self.done, self.total = what, done, total
        self.started = self.shown = time.monotonic()
        self.first = done

    def add(self, count):
        self.done += count
        now = time.monotonic()
        if self.done < self.total and now - self.shown < PROGRESS_SECONDS:
            return
        self.shown = now
        rate = (self.done - self.first) / (now - self.started)
        print(
            f"{self.what}: {self.done:,}/{self.total:,} ({self.done / self.total:.0%}, "
            f"{rate:,.0f}/s, {now - self.started:.0f} s)"
        )


def news_urls():
    from news.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(slug="lv")
    releases = NewsPage.objects.child_of(index).live()
    count = releases.count()
    release = releases.order_by("pk")[count // 2]
    print(
        json.dumps(
            {
                "index": index.url,
                "deep_page": min(DEEPEST_PAGE, max(1, -(-count // PER_PAGE))),
                "release": release.url,
                "release_id": release.pk,
            }
        )
    )


def main():
    command, directory, *arguments = sys.argv[1:]
    # The peer's project on the path in place of bench/, whose peer.py would shadow its package.
    sys.path[0] = directory
    import django

    django.setup()
    {"setup": setup, "urls": news_urls}[command](*arguments)


if __name__ == "__main__":
    main()
