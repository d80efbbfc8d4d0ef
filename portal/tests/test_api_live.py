"""The API over real HTTP on a live test server: schemathesis fuzzes every operation of the
OpenAPI document, and the example client reads the latest releases."""

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import schemathesis
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import LiveServerTestCase
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from news.tests.factories import (
    PressReleaseOrganisationFactory,
    PressReleasePageFactory,
    PressReleaseProjectFactory,
)
from portal.api.openapi import build_document
from portal.tests.factories import SiteTree
from portal.tests.seed import load_seed
from projects.tests.factories import (
    OrganisationPageFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
)

sys.path.insert(0, str(Path(django_settings.BASE_DIR) / "examples"))
import latest_releases  # noqa: E402  (the example client is a script, not a package)

EXAMPLES_PER_OPERATION = 25
CHECKS = {
    GenerationMode.POSITIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ],
    # Input outside the contract must be refused with a 4xx, and still never crash.
    GenerationMode.NEGATIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        negative_data_rejection,
    ],
}


class APIFuzzTests(LiveServerTestCase):
    serialized_rollback = True  # keep the locales and groups the migrations made

    def setUp(self):
        tree = SiteTree()
        project = ProjectPageFactory(parent=tree.project_index)
        organisation = OrganisationPageFactory(parent=tree.organisation_index)
        ProjectPartnerFactory(project=project, organisation=organisation, role="implementer")
        for _ in range(3):
            release = PressReleasePageFactory(parent=tree.news_index)
            PressReleaseProjectFactory(page=release, project=project)
            PressReleaseOrganisationFactory(page=release, organisation=organisation)
        Image.objects.create(title="Kraków", file=get_test_image_file())
        Document.objects.create(title="Programme", file=ContentFile(b"text", name="programme.txt"))

    def test_the_fuzzer_finds_no_server_error_and_no_breach_of_the_contract(self):
        schema = schemathesis.openapi.from_dict(build_document())
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertEqual(len(operations), 9)
        for operation in operations:
            for mode, checks in CHECKS.items():
                with self.subTest(operation=operation.label, mode=str(mode)):
                    self.fuzz(operation, mode, checks)

    def fuzz(self, operation, mode, checks):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,  # the same requests on every run, so a failure reproduces
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(base_url=self.live_server_url, checks=checks)

        run()


class ExampleClientTests(LiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        load_seed()

    def test_the_example_client_prints_the_polish_release_with_its_polish_project(self):
        output = io.StringIO()
        with redirect_stdout(output):
            status = latest_releases.main(["--base-url", self.live_server_url, "--locale", "pl"])
        self.assertEqual(status, 0)
        lines = output.getvalue().splitlines()
        self.assertEqual(
            lines[0], "2014-12-01  Wizyta w Krakowie na rzecz wspierania przedsiębiorczości"
        )
        self.assertIn("/pl/aktualnosci/", lines[1])
        self.assertTrue(lines[2].strip().startswith("> Realizacja działań polityki regionalnej"))

    def test_the_example_client_reports_an_api_error(self):
        errors = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(errors):
            status = latest_releases.main(["--base-url", self.live_server_url, "--limit", "500"])
        self.assertEqual(status, 1)
        self.assertEqual(errors.getvalue().strip(), "400: limit cannot be higher than 50")
