"""The production stack's address, from bin/with-prod-stack (make test-prod)."""

import os

import pytest


@pytest.fixture(scope="module")
def portal():
    url = os.environ.get("PORTAL_URL")
    assert url, "run through bin/with-prod-stack (make test-prod)"
    return url
