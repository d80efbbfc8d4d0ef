"""Write the 503 page in every language as static files, for nginx to answer with when the
app servers are all busy or down (deploy/nginx/portal.conf): 503.lv.html, 503.en.html, ..."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import translation


class Command(BaseCommand):
    help = "Render templates/503.html into DIRECTORY, one file per language."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        directory.mkdir(parents=True, exist_ok=True)
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                html = render_to_string("503.html", {"language": language})
            (directory / f"503.{language}.html").write_text(html, encoding="utf-8")
        self.stdout.write(f"Error pages in {directory}")
