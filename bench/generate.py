"""Benchmark data: press releases in Latvian, English and Polish spread over projects and
organisations, added to the seed content until there are --releases of them.

    python bench/generate.py --releases 100000     (with the environment of bin/prod env)

Projects and organisations are copies of the seed's (one project per 1,000 releases, one
organisation per 500, at least 5 and 20), made with Wagtail's page copy in every language.
Releases are written in bulk (Wagtail's one-page-at-a-time API would take hours at 100,000):
the same columns Wagtail writes, tree paths from treebeard, each release with its English and
Polish translation (same translation_key), one project, three organisations and a topic, the
seed's body text, and the search index through Wagtail's search backend. No revisions and no
wagtail-localize sources: serving pages reads neither.
"""

import argparse
import datetime
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from news.models import (  # noqa: E402
    NewsIndexPage,
    PressReleaseOrganisation,
    PressReleasePage,
    PressReleaseProject,
    PressReleaseTopic,
)
from news.models.topics import Topic  # noqa: E402
from projects.models import OrganisationPage, ProjectPage  # noqa: E402

LANGUAGES = ["lv", "en", "pl"]
SEARCH_CONFIG = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", "simple")
BATCH = int(os.environ.get("BENCH_BATCH", 2000))
PREFIX = "bench-"
FIRST_DAY = datetime.date(2008, 1, 1)
WORDS = {
    "lv": [
        "uzņēmēji",
        "vizīte",
        "reģions",
        "sadarbība",
        "projekts",
        "attīstība",
        "pašvaldība",
        "konference",
        "apmācības",
        "investīcijas",
        "tūrisms",
        "izglītība",
        "transports",
        "inovācijas",
        "lauksaimniecība",
    ],
    "en": [
        "entrepreneurs",
        "visit",
        "region",
        "cooperation",
        "project",
        "development",
        "municipality",
        "conference",
        "training",
        "investment",
        "tourism",
        "education",
        "transport",
        "innovation",
        "farming",
    ],
    "pl": [
        "przedsiębiorcy",
        "wizyta",
        "region",
        "współpraca",
        "projekt",
        "rozwój",
        "gmina",
        "konferencja",
        "szkolenia",
        "inwestycje",
        "turystyka",
        "edukacja",
        "transport",
        "innowacje",
        "rolnictwo",
    ],
}


class Progress:
    def __init__(self, what, total):
        self.what, self.total, self.done, self.started = what, total, 0, time.monotonic()

    def add(self, count):
        self.done += count
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed else 0
        print(
            f"\r  {self.what}: {self.done:,}/{self.total:,} ({rate:,.0f}/s, {elapsed:.0f} s)",
            end="",
            flush=True,
        )
        if self.done >= self.total:
            print()


def seed_pages():
    release = PressReleasePage.objects.filter(locale__language_code="lv").exclude(
        slug__startswith=PREFIX
    )[0]
    project = ProjectPage.objects.filter(locale__language_code="lv")[0]
    organisation = OrganisationPage.objects.filter(locale__language_code="lv")[0]
    return release, project, organisation


def copies_of(source, count, kind):
    """`count` copies of the seed page `source` in every language; returns the Latvian ones."""
    existing = list(
        type(source)
        .objects.filter(locale__language_code="lv", slug__startswith=f"{PREFIX}{kind}-")
        .order_by("pk")
    )
    if len(existing) >= count:
        return existing[:count]
    progress = Progress(f"{kind} pages (x3 languages)", count - len(existing))
    translations = {
        language: source.get_translation(Locale.objects.get(language_code=language))
        for language in LANGUAGES
    }
    for number in range(len(existing), count):
        key = uuid.uuid4()
        for language, original in translations.items():
            copy = original.copy(
                to=original.get_parent(),
                update_attrs={
                    "title": f"{original.title} {number + 1}",
                    "slug": f"{PREFIX}{kind}-{number + 1}",
                    "translation_key": key,
                },
                copy_revisions=False,
                keep_live=True,
                log_action=None,
                reset_translation_key=False,
            )
            if language == "lv":
                existing.append(copy)
        progress.add(1)
    return existing


def release_rows(number, language, index, template, key, rng, now):
    words = WORDS[language]
    title = " ".join(rng.choice(words) for _word in range(6)).capitalize() + f" ({number})"
    day = FIRST_DAY + datetime.timedelta(days=number * 6000 // 100_000 + rng.randrange(3))
    published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    slug = f"{PREFIX}{number}"
    page = Page(
        title=title,
        draft_title=title,
        slug=slug,
        url_path=f"{index.url_path}{slug}/",
        locale_id=index.locale_id,
        translation_key=key,
        content_type=CONTENT_TYPE,
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        latest_revision_created_at=None,
        search_description="",
        seo_title="",
    )
    release = PressReleasePage(
        release_date=day,
        lead=template.lead,
        body=template.body,
        further_information=template.further_information,
        contact_name=template.contact_name,
        contact_email=template.contact_email,
        contact_phone=template.contact_phone,
        event_start=template.event_start,
        event_end=template.event_end,
        event_place=template.event_place,
        event_country=template.event_country,
        corrections=[],
        withdrawal_notice="",
    )
    return page, release


def add_releases(target, projects, organisations):
    indexes = {
        language: NewsIndexPage.objects.get(locale__language_code=language)
        for language in LANGUAGES
    }
    templates = {
        language: PressReleasePage.objects.get(
            locale__language_code=language, translation_key=SEED_RELEASE.translation_key
        )
        for language in LANGUAGES
    }
    topics = list(Topic.objects.filter(locale__language_code="lv"))
    have = PressReleasePage.objects.filter(
        locale__language_code="lv", slug__startswith=PREFIX
    ).count()
    if have >= target:
        print(f"  {have:,} releases already there")
        return
    progress = Progress("releases (x3 languages)", target - have)
    now = timezone.now()
    rng = random.Random(have)
    fields = PressReleasePage._meta.local_concrete_fields
    for start in range(have, target, BATCH):
        numbers = range(start + 1, min(start + BATCH, target) + 1)
        with transaction.atomic():
            links = []
            created = []
            for language, index in indexes.items():
                index.refresh_from_db()
                rows = []
                keys = []
                for offset, number in enumerate(numbers):
                    key = uuid.uuid5(uuid.NAMESPACE_URL, f"portal-bench-{number}")
                    page, release = release_rows(
                        number, language, index, templates[language], key, rng, now
                    )
                    page.depth = index.depth + 1
                    page.path = Page._get_path(index.path, page.depth, index.numchild + offset + 1)
                    page.numchild = 0
                    rows.append((page, release))
                    keys.append(number)
                Page.objects.bulk_create([page for page, _release in rows])
                for page, release in rows:
                    release.page_ptr_id = page.pk
                    release.pk = page.pk
                PressReleasePage.objects._insert(
                    [release for _page, release in rows], fields=fields, using="default"
                )
                Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(rows))
                for (page, _release), number in zip(rows, keys, strict=True):
                    picked = random.Random(number)
                    project = projects[number % len(projects)]
                    links.append(
                        PressReleaseProject(page_id=page.pk, project=project, sort_order=0)
                    )
                    for order, organisation in enumerate(picked.sample(organisations, 3)):
                        links.append(
                            PressReleaseOrganisation(
                                page_id=page.pk,
                                organisation=organisation,
                                role="organiser" if order == 0 else "participant",
                                sort_order=order,
                            )
                        )
                    if topics:
                        links.append(
                            PressReleaseTopic(
                                page_id=page.pk, topic=picked.choice(topics), sort_order=0
                            )
                        )
                    created.append(page.pk)
            for model in (PressReleaseProject, PressReleaseOrganisation, PressReleaseTopic):
                model.objects.bulk_create([link for link in links if isinstance(link, model)])
        index_for_search(created)
        progress.add(len(numbers))


def index_for_search(page_ids):
    """Search index entries for the new releases, written in SQL from their language's seed
    release: the same body vector (every generated release has its language's body), the
    title's own vector with the weight Wagtail gives titles, and the title added to the
    autocomplete vector. Wagtail's backend computes all three per page with the hunspell
    dictionaries: 20 ms a page, hours at 300,000 pages; this takes well under 1 ms."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title, autocomplete, body, title_norm,
                 title_text, body_text)
            SELECT template.content_type_id, page.id::text,
                   setweight(to_tsvector(%(config)s, page.title), 'B'),
                   template.autocomplete || to_tsvector('simple', page.title),
                   template.body, 1.0, page.title, template.body_text
            FROM wagtailcore_page page
            JOIN wagtailcore_page seed
              ON seed.locale_id = page.locale_id AND seed.translation_key = %(seed_key)s
            JOIN wagtailsearch_indexentry template
              ON template.object_id = seed.id::text
             AND template.content_type_id = %(content_type)s
            WHERE page.id = ANY(%(ids)s)
            ON CONFLICT (content_type_id, object_id) DO NOTHING
            """,
            {
                "config": SEARCH_CONFIG,
                "seed_key": str(SEED_RELEASE.translation_key),
                "content_type": CONTENT_TYPE.pk,
                "ids": page_ids,
            },
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, required=True)
    options = parser.parse_args()
    started = time.monotonic()
    global SEED_RELEASE, CONTENT_TYPE
    SEED_RELEASE, seed_project, seed_organisation = seed_pages()
    CONTENT_TYPE = ContentType.objects.get_for_model(PressReleasePage)
    print(f"Benchmark data: {options.releases:,} releases")
    projects = copies_of(seed_project, max(5, options.releases // 1000), "project")
    organisations = copies_of(seed_organisation, max(20, options.releases // 500), "organisation")
    add_releases(options.releases, projects, organisations)
    # The title weights Wagtail's backend gives new entries on the next page saved (a statement
    # over every entry still at 1.0: 100 s for the first publish after 300,000 new entries).
    get_search_backend().get_index_for_model(PressReleasePage)._refresh_title_norms()
    print(f"Done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
