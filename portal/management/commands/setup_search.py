"""(Re)create the search configuration after installing the dictionaries, then reindex."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from portal.site.search_config import ensure_search_configuration


class Command(BaseCommand):
    help = "Create the PostgreSQL search configuration with the Latvian and Polish dictionaries."

    def handle(self, *args, **options):
        dictionaries = ensure_search_configuration(connection)
        self.stdout.write(
            f"Search configuration uses: {', '.join(dictionaries) or 'no dictionaries'}"
        )
        call_command("update_index", stdout=self.stdout)
