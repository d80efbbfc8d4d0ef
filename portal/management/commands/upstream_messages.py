"""The project's own catalogues of the installed packages' messages (Wagtail, wagtail-localize,
Django and the rest of INSTALLED_APPS), so that the admin is whole in Latvian and Polish.

Wagtail 8.0.1 ships Latvian for a third of its admin and numbers Latvian plurals in the wrong
order ("3 minūte"). Ours live in `locale-upstream/` (settings.UPSTREAM_LOCALE_DIR), which
LOCALE_PATHS puts before every package's own catalogue, so that ours win.

    manage.py upstream_messages          merge the installed packages' message ids into ours
    manage.py upstream_messages --check  fail, listing them, if any is missing or untranslated

The message ids of a package come from its English source catalogue (`locale/en`, which Wagtail,
wagtail-localize and Django ship), or, when it ships none, from its code by Django's own
makemessages. A message new to ours takes the package's translation when it has one; one the
package does not translate is left empty and listed, so that an upgrade names what is new.
Messages the packages no longer have are dropped. Ours are never overwritten.
"""

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import to_locale

DOMAINS = ["django", "djangojs"]
LANGUAGE_TEAMS = {"lv": "Latvian", "pl": "Polish"}

# The plural rule of each language, as in the project's own catalogues (locale/). Wagtail's and
# Django's Polish add a fourth form for fractions, which no message here is given.
PLURAL_FORMS = {
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "pl": (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}


# Wagtail's and Django's Latvian give plural forms in the wrong order ("3 minūte"): a Latvian
# plural taken from a package waits, fuzzy (so not used), for a translator to put it in order.
PLURALS_TO_REVIEW = {"lv"}


@dataclass
class Source:
    """One package's catalogues: where its `locale` directory is, and what it is called."""

    name: str
    locale_dir: Path
    code_dir: Path
    entries: dict = field(default_factory=dict)


def sources():
    """Every package whose messages the admin can show: the installed apps that are not the
    project's own, in INSTALLED_APPS order, then Django itself: the order in which Django
    prefers their translations."""
    found = []
    base, installed = Path(settings.BASE_DIR).resolve(), Path(sys.prefix).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        ours = path.is_relative_to(base) and not path.is_relative_to(installed)
        if ours or not (path / "locale").is_dir():
            continue
        found.append(Source(config.name, path / "locale", path))
    django_dir = Path(django.__file__).parent
    return [*found, Source("django", django_dir / "conf" / "locale", django_dir)]


def po_path(root, language, domain):
    return Path(root) / to_locale(language) / "LC_MESSAGES" / f"{domain}.po"


def key(entry):
    return entry.msgctxt, entry.msgid


def read(path):
    return polib.pofile(str(path), wrapwidth=0) if path.exists() else None


def extract(source, domain):
    """The source's message ids in `domain`: its English catalogue, or what Django's makemessages
    finds in its code (run on a copy, without the project's settings, so that nothing of ours is
    written)."""
    return list(extracted(source.locale_dir, source.code_dir, domain))


@functools.cache
def extracted(locale_dir, code_dir, domain):
    """extract(), once per process: the installed packages do not change under it."""
    english = read(po_path(locale_dir, "en", domain))
    if english is not None:
        return tuple(e for e in english if not e.obsolete)
    if domain != "django":
        return ()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "code"
        ignore = shutil.ignore_patterns("locale", "tests", "migrations", "*.pyc")
        shutil.copytree(code_dir, copy, ignore=ignore)
        (copy / "locale").mkdir()
        environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location", "-v0"],
            cwd=copy,
            env=environment,
            check=True,
            capture_output=True,
        )
        messages = read(po_path(copy / "locale", "en", domain))
        return tuple(e for e in messages if not e.obsolete) if messages else ()


def plural_forms(entry, count):
    """A package's plural translation as `count` forms (Polish drops its fractions' form)."""
    forms = {int(k): v for k, v in entry.msgstr_plural.items()}
    return {k: forms.get(k, "") for k in range(count)}


def merged(language, upstream, ours):
    """Our catalogue of `upstream`'s message ids in `language`: ours where we have them, the
    package's translation for new ones, empty where neither has one."""
    count = int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "portal (installed packages' messages)",
        "PO-Revision-Date": (ours.metadata if ours is not None else {}).get(
            "PO-Revision-Date", timezone.now().strftime("%Y-%m-%d %H:%M%z")
        ),
        "Last-Translator": "The portal's translators",
        "Language-Team": LANGUAGE_TEAMS[language],
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    kept = {key(e): e for e in ours} if ours is not None else {}
    for message_key, (names, source_entry, translated) in upstream.items():
        entry = polib.POEntry(
            msgctxt=source_entry.msgctxt,
            msgid=source_entry.msgid,
            msgid_plural=source_entry.msgid_plural,
            comment=" ".join(names),
        )
        previous = kept.get(message_key)
        if previous is not None and (previous.translated() or previous.fuzzy):
            entry.msgstr, entry.flags = previous.msgstr, previous.flags
            if entry.msgid_plural:
                entry.msgstr_plural = plural_forms(previous, count)
        elif translated is not None and translated.translated():
            entry.msgstr = translated.msgstr
            if entry.msgid_plural:
                entry.msgstr_plural = plural_forms(translated, count)
                if language in PLURALS_TO_REVIEW:
                    entry.flags.append("fuzzy")
        elif entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(range(count), "")
        if "python-format" in source_entry.flags and "python-format" not in entry.flags:
            entry.flags.append("python-format")
        catalogue.append(entry)
    return catalogue


def translation(message_key, names, catalogues):
    """The first translation of a message among the packages that have it."""
    for name in names:
        entry = catalogues[name].get(message_key)
        if entry is not None and entry.translated():
            return entry
    return None


def pending(catalogue):
    return [e for e in catalogue if not e.translated()]


class Command(BaseCommand):
    help = "Merge the installed packages' message ids into the project's catalogues of them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if a message is missing, left over or untranslated.",
        )

    def handle(self, *args, check=False, **options):
        root = Path(settings.UPSTREAM_LOCALE_DIR)
        packages = sources()
        problems = []
        for domain in DOMAINS:
            ids = {}
            for source in packages:
                for entry in extract(source, domain):
                    ids.setdefault(key(entry), ([], entry, source))[0].append(source.name)
            if not ids:
                continue
            for language in PLURAL_FORMS:
                theirs = {}
                for source in packages:
                    catalogue = read(po_path(source.locale_dir, language, domain))
                    theirs[source.name] = {key(e): e for e in catalogue} if catalogue else {}
                upstream = {
                    message_key: (names, entry, translation(message_key, names, theirs))
                    for message_key, (names, entry, _source) in ids.items()
                }
                path = po_path(root, language, domain)
                ours = read(path)
                catalogue = merged(language, upstream, ours)
                # What is checked is ours as it is; what is written, ours merged.
                todo = pending(ours if check and ours is not None else catalogue)
                self.stdout.write(
                    f"{language} {domain}: {len(catalogue) - len(todo)} of {len(catalogue)}"
                    f" translated"
                )
                for entry in todo:
                    self.stdout.write(f"  untranslated: {entry.msgid!r}")
                if check:
                    current = {key(e) for e in ours} if ours is not None else set()
                    missing = set(upstream) - current
                    extra = current - set(upstream)
                    if missing or extra:
                        problems.append(
                            f"{path}: {len(missing)} new and {len(extra)} removed message ids;"
                            " run manage.py upstream_messages"
                        )
                    if todo:
                        problems.append(f"{path}: {len(todo)} untranslated")
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    catalogue.save(str(path))
        if problems:
            raise CommandError("\n".join(problems))
