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

        from wagtail.signals import post_page_move, pre_page_move

        from portal.ops import frontend_cache

        # Instead of the handlers of Wagtail's frontend cache app (not installed: it purges the
        # page alone, before the change is committed), these purge what shows the page.
        page_published.connect(frontend_cache.on_page_changed, weak=False)
        page_unpublished.connect(frontend_cache.on_page_changed, weak=False)
        pre_page_move.connect(frontend_cache.on_page_moving, weak=False)
        post_page_move.connect(frontend_cache.on_page_moved, weak=False)

        from wagtail_localize.models import TranslationSource

        # A re-extracted Latvian source makes its translations say they may be out of date.
        post_save.connect(
            frontend_cache.on_translation_source_changed, sender=TranslationSource, weak=False
        )

        from django.db.models.signals import post_delete
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site

        from portal.core import content_cache

        # Anything readers see changed: cached fragments are rendered afresh.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(content_cache.bump_on_commit, weak=False)
        for model in (get_image_model(), Site, PageViewRestriction, TranslationSource):
            post_save.connect(content_cache.bump_on_commit, sender=model, weak=False)
            post_delete.connect(content_cache.bump_on_commit, sender=model, weak=False)

        def bump_on_page_delete(sender, instance, **kwargs):
            if isinstance(instance, Page):
                content_cache.bump_on_commit()

        post_delete.connect(bump_on_page_delete, weak=False)

        # A section made private (or public again) leaves the cache in front at once; so do
        # the API's answers about images and documents of a collection made private.
        from wagtail.documents import get_document_model
        from wagtail.models import CollectionViewRestriction

        for signal in (post_save, post_delete):
            signal.connect(
                frontend_cache.on_view_restriction_changed, sender=PageViewRestriction, weak=False
            )
            for model in (CollectionViewRestriction, get_image_model(), get_document_model()):
                signal.connect(frontend_cache.on_media_privacy_changed, sender=model, weak=False)
