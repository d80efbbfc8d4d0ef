from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from news.models import Topic
        from portal.core import content_cache

        # A topic renamed, published or deleted: the lists and pages that name it are rendered
        # afresh (portal/core/content_cache.py).
        for signal in (post_save, post_delete):
            signal.connect(content_cache.bump_on_commit, sender=Topic, weak=False)
