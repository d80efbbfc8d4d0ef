"""Wagtail's publish_scheduled, except that a version of a translation still holding source
text is not published: its schedule is cancelled (it would never become publishable: the
version keeps its text) and the command ends with an error naming it, after publishing
everything else that is due.

Publishing itself refuses such a version (portal/editorial/translation_guards.py); this
answers with a message where Wagtail's command would stop at the first one with a traceback.
"""

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.management.commands import publish_scheduled
from wagtail.models import Revision

from portal.editorial.translation_guards import UntranslatedTextError, refuse_untranslated_text


class Command(publish_scheduled.Command):
    def handle(self, *args, **options):
        refused = []
        for revision in Revision.objects.page_revisions().filter(
            approved_go_live_at__lt=timezone.now()
        ):
            try:
                refuse_untranslated_text(revision.as_object())
            except UntranslatedTextError as error:
                if options["dryrun"]:
                    refused.append(str(error))
                    continue
                # Logged by Wagtail as a cancelled schedule, in the page's history.
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                cancelled = _("Its scheduled publication is cancelled.")
                refused.append(f"{error} {cancelled}")
        super().handle(*args, **options)
        if refused and not options["dryrun"]:
            raise CommandError("\n".join(refused))
        for refusal in refused:
            self.stdout.write(refusal)
