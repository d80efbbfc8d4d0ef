"""The floor plan holds: the import contracts in pyproject.toml ([tool.importlinter]), checked
with import-linter as a developer would run it (`lint-imports`)."""

import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]


class ImportContractTests(SimpleTestCase):
    def test_every_import_contract_is_kept(self):
        result = subprocess.run(
            [Path(sys.executable).parent / "lint-imports", "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stdout[-3000:] + result.stderr[-2000:])
        self.assertIn("0 broken", result.stdout)
