"""EXPLAIN ANALYZE of the queries the listings run, on the benchmark's data: which index each
uses and what it costs. Writes bench/EXPLAIN.md.

    source var/bench-100000/env && .venv/bin/python bench/explain.py

(make bench runs it at the largest size.)
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from news.models import NewsIndexPage, PressReleasePage  # noqa: E402
from news.models.index import ReleaseFilterForm  # noqa: E402
from portal.core.visibility import public_pages  # noqa: E402
from portal.site.views import matching_ids  # noqa: E402
from projects.models import ProjectPage  # noqa: E402

SEARCHED = {
    "a common word": "uzņēmēji",  # the benchmark's search (bench/run.py): in every release
    "a rare word": "Oppland",  # one seed organisation's name: one page per language
}


def queries():
    index = NewsIndexPage.objects.get(locale__language_code="lv")
    releases = index.releases()
    ids = releases.values_list("pk", flat=True)
    per_page = index.releases_per_page
    project = ProjectPage.objects.get(locale=index.locale, slug="bench-project-1")
    form = ReleaseFilterForm({"project": project.slug}, index=index)
    form.is_valid()
    request = RequestFactory().get("/api/v2/pages/", HTTP_HOST="127.0.0.1")
    api = (
        public_pages(request, PressReleasePage)
        .filter(locale=index.locale)
        .order_by("-release_date", "-first_published_at")
    )
    relation = project._meta.get_field("press_release_links")
    links = relation.related_model.objects.filter(
        project__translation_key=project.translation_key, page__locale_id=index.locale_id
    ).order_by("-page__release_date")
    return {
        "news list, page 1: the ten ids": ids[:per_page],
        "news list, page 500: the ten ids": ids[499 * per_page : 500 * per_page],
        "news list: the ten releases of a page": releases.filter(pk__in=list(ids[:per_page])),
        "news list: the count (kept in Redis afterwards)": releases.only("pk"),
        "news list filtered by year, page 1": releases.filter(release_date__year=2015)[:per_page],
        "news list filtered by project, page 1": form.filter(releases)[:per_page],
        "a project's releases (links by translation key)": links[:20],
        "API: releases in Latvian, newest first": api[:20],
        "API: releases in Latvian, offset 5,000": api[5000:5020],
        **search_queries(index.locale),
    }


def search_queries(locale):
    """The SQL the search page runs for each word of SEARCHED (portal/site/views.py: ids only,
    full text then word beginnings); the search backend writes it when it runs."""
    queries = {}
    for label, word in SEARCHED.items():
        with CaptureQueriesContext(connection) as ran:
            matching_ids(word, locale)
        searches = [query["sql"] for query in ran.captured_queries if "indexentry" in query["sql"]]
        for kind, sql in zip(["full text", "word beginnings"], searches, strict=True):
            queries[f"search for {label} ({word}), {kind}: the ids"] = sql
    return queries


def main():
    listed = queries()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM news_pressreleasepage")
        total = cursor.fetchone()[0]
    parts = [
        "# Query plans at the benchmark's size",
        "",
        f"Written by bench/explain.py on PostgreSQL, {total:,} release pages (three languages).",
        "",
    ]
    for name, queryset in listed.items():
        if name.startswith("news list: the count"):
            sql, params = queryset.query.sql_with_params()
            sql = f"SELECT count(*) FROM ({sql}) AS counted"
        elif isinstance(queryset, str):  # SQL as it ran (search_queries())
            sql, params = queryset, None
        else:
            sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        parts += [f"## {name}", "", "```", plan, "```", ""]
        print(f"{name}: {plan.splitlines()[-1]}")
    (ROOT / "bench" / "EXPLAIN.md").write_text("\n".join(parts))


if __name__ == "__main__":
    main()
