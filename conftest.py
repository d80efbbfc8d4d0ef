import os

import pytest


def pytest_report_header(config):
    from django.db import connection

    source = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "the default SQLite"
    return f"database: {connection.vendor}, from {source}"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rendered fragments are kept by page id and
    content generation, and a rolled-back test's ids come back in the next test on SQLite."""
    from django.core.cache import cache

    cache.clear()
    yield
