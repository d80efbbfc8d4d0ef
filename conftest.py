import os


def pytest_report_header(config):
    from django.db import connection

    source = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "the default SQLite"
    return f"database: {connection.vendor}, from {source}"
