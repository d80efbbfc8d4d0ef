"""The portal's own system checks (`manage.py check`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches)
def shared_cache(app_configs, **kwargs):
    """A production site on a cache of its own process (SINGLE_PROCESS=true, no REDIS_URL): it
    runs, warned, since django-ratelimit's error for it is silenced so that commands still run
    (portal/settings/production.py)."""
    if not getattr(settings, "SINGLE_PROCESS", False):
        return []
    return [
        checks.Warning(
            "SINGLE_PROCESS=true: the cache is this process's own memory, not shared.",
            hint=(
                "Serve the site from one process only (one gunicorn worker, one server). A "
                "publish in another process, the scheduler's publish_scheduled included, does "
                "not clear the pages this one keeps, and each process counts the password reset "
                "limit on its own. Set REDIS_URL to run more."
            ),
            id="portal.W001",
        )
    ]
