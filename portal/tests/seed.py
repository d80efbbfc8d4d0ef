"""The seed content for tests that read it (the seed's own tests run the real command).

The first call in a test run runs `load_seed_content` (through wagtail-localize: the slow part
of the suite) and keeps what it wrote as a fixture; later calls load that fixture and rebuild
the search index, in about a tenth of the time.
"""

import atexit
import os
import tempfile
from io import StringIO

from django.core.management import call_command

NOT_SEED = ["contenttypes", "auth.permission", "sessions", "axes", "wagtailsearch"]
_fixture = None


def load_seed():
    global _fixture
    if _fixture is not None:
        call_command("loaddata", _fixture, verbosity=0)
        call_command("update_index", verbosity=0, stdout=StringIO())
        return
    call_command("load_seed_content", stdout=StringIO())
    handle, path = tempfile.mkstemp(prefix="portal-seed-", suffix=".json")
    os.close(handle)
    call_command("dumpdata", exclude=NOT_SEED, output=path, verbosity=0)
    atexit.register(os.remove, path)
    _fixture = path
