from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.editorial import translation_guards
        from portal.ops import checks  # noqa: F401 (registers the portal's system checks)

        # Here rather than in wagtail_hooks (loaded on the admin's first request), so that
        # commands such as publish_scheduled are guarded too.
        translation_guards.install()

        from portal.editorial import stored_names, untranslated_labels

        # wagtail-localize's dates without English month names.
        untranslated_labels.use_iso_dates_in_wagtail_localize()
        untranslated_labels.translate_chooser_search_tabs()

        # Groups, workflows and tasks named in English, shown in the reader's language.
        stored_names.install()

        from django.db.models.signals import post_save

        from portal.core.roles import grant_tree_permissions
        from portal.models import HomePage

        def grant_on_new_home_page(sender, instance, created, raw=False, **kwargs):
            # Each language's tree gets its group's permissions as soon as it exists.
            if created and not raw:
                grant_tree_permissions(instance)

        post_save.connect(grant_on_new_home_page, sender=HomePage, weak=False)

        from wagtail.signals import page_published, page_unpublished

        from portal.webhooks import delivery as webhooks

        page_published.connect(webhooks.on_page_published, weak=False)

        from portal.editorial import translation_queue

        # A Latvian page published with changed texts: its translations show them at once.
        page_published.connect(translation_queue.sync_on_publish, weak=False)
        page_unpublished.connect(webhooks.on_page_unpublished, weak=False)

        from portal.core import content_cache
        from portal.ops import frontend_cache

        # What readers see changed: cached fragments rendered afresh, then the cache in front
        # purged (each once the change is committed, in this order: a reader sent to the app by
        # a purge must not be served a fragment of before the change).
        content_cache.install()
        frontend_cache.install()
