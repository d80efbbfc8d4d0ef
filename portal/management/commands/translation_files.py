"""PO files for a translation agency: export every pending translation of a language, and
import the translated files back. The files are wagtail-localize's own (the same a translator
downloads and uploads in the editor); each names its translation in its header.

    manage.py translation_files export --language pl --directory for-agency/
    manage.py translation_files import for-agency/*.po [--publish]
"""

from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from portal.core.links import link_changes
from portal.editorial.translation_guards import UntranslatedTextError


class Command(BaseCommand):
    help = "Export pending translations of a language as PO files, or import translated ones."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write a PO file per pending translation.")
        export.add_argument("--language", required=True, help="en or pl")
        export.add_argument("--directory", required=True, type=Path)
        export.add_argument(
            "--all", action="store_true", help="Also translations that are complete."
        )
        imports = actions.add_parser("import", help="Read translated PO files back.")
        imports.add_argument("files", nargs="+", type=Path)
        imports.add_argument(
            "--publish",
            action="store_true",
            help="Publish each page whose translation is complete after the import.",
        )

    def handle(self, *args, **options):
        if options["action"] == "export":
            self.export(options["language"], options["directory"], options["all"])
        else:
            self.import_files(options["files"], options["publish"])

    def export(self, language, directory, include_complete):
        try:
            locale = Locale.objects.get(language_code=language)
        except Locale.DoesNotExist as error:
            raise CommandError(f"Unknown language {language!r}.") from error
        directory.mkdir(parents=True, exist_ok=True)
        translations = Translation.objects.filter(
            target_locale=locale, enabled=True
        ).select_related("source")
        written = 0
        for translation in translations:
            total, done = translation.get_progress()
            if done == total and not include_complete:
                continue
            instance = translation.source.get_source_instance()
            name = f"{slugify(str(instance))[:60] or 'item'}-{translation.uuid}.po"
            po = translation.export_po()
            # The header fields msgfmt --check expects, for the agency's tools.
            po.metadata.update(
                {
                    "Project-Id-Version": str(instance),
                    "PO-Revision-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
                    "Last-Translator": "",
                    "Language-Team": locale.get_display_name(),
                    "Language": locale.language_code,
                    "Content-Transfer-Encoding": "8bit",
                }
            )
            po.save(str(directory / name))
            written += 1
            self.stdout.write(f"  {name}: {total - done} of {total} to translate")
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} file(s) to {directory}"))

    def import_files(self, files, publish):
        # Every file is read and checked before any is imported: a refused file stops the
        # whole batch, so that it can be fixed and the same command run again.
        read = [(path, *self.read(path)) for path in files]
        changed = []
        for path, po, _translation in read:
            if entries := link_changes(po):
                changed.append(f"{path}: {', '.join(entries)}")
        if changed:
            raise CommandError(
                "Nothing imported: a translation cannot change a link's address (links keep "
                "the source page's addresses). Remove the href from: " + "; ".join(changed)
            )
        refused = []
        for number, (path, po, translation) in enumerate(read, start=1):
            warnings = translation.import_po(po, tool_name="translation_files")
            total, done = translation.get_progress()
            self.stdout.write(
                f"  {number}/{len(files)} {path.name}: {done} of {total} translated"
                + (f", {len(warnings)} warning(s): {warnings}" if warnings else "")
            )
            if publish:
                try:
                    self.publish(translation)
                except UntranslatedTextError as error:
                    refused.append(f"{path}: {error}")
        if refused:
            # The imported texts are kept; only publishing is refused.
            raise CommandError("\n".join(refused))

    @staticmethod
    def read(path):
        try:
            po = polib.pofile(str(path))
            translation_id = po.metadata["X-WagtailLocalize-TranslationID"]
            return po, Translation.objects.get(uuid=translation_id)
        except (OSError, ValueError, KeyError, Translation.DoesNotExist) as error:
            raise CommandError(f"{path}: not a PO file of this portal's translations") from error

    def publish(self, translation):
        instance = translation.source.get_source_instance()
        total, done = translation.get_progress()
        if done < total:
            # Refused before the target is built: building a live page's translation writes
            # its text (with the source's in the gaps) at once, before any publishing.
            target = instance.get_translation_or_none(translation.target_locale)
            raise UntranslatedTextError(target or instance, total - done)
        if isinstance(instance, Page):
            translation.save_target(publish=False)
            target = instance.get_translation(translation.target_locale)
            target.get_latest_revision().publish()
        else:
            translation.save_target(publish=True)
        self.stdout.write(f"    published {instance} in {translation.target_locale.language_code}")
