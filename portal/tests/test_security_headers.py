"""Security headers on every kind of response, the cookies' flags, and compression."""

import gzip
from unittest import mock

from django.core.files.base import ContentFile
from django.test import Client, TestCase, override_settings
from wagtail.documents.models import Document

from portal.models import HomePage
from portal.tests.factories import SiteTree

HTTPS = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


@override_settings(**HTTPS)
class SecurityHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.document = Document.objects.create(
            title="Programme", file=ContentFile(b"<script>alert(1)</script>", name="programme.html")
        )

    def responses(self):
        client = Client(raise_request_exception=False)
        yield "page", client.get("/lv/", secure=True)
        yield "api", client.get("/api/v2/pages/", secure=True)
        yield "not found", client.get("/lv/no-such-page/", secure=True)
        yield "document", client.get(self.document.url, secure=True)
        with mock.patch.object(HomePage, "get_context", side_effect=RuntimeError("boom")):
            yield "server error", client.get("/lv/", secure=True)
        yield "admin", client.get("/admin/login/", secure=True)

    def test_every_kind_of_response_carries_the_security_headers(self):
        statuses = {}
        for kind, response in self.responses():
            statuses[kind] = response.status_code
            with self.subTest(kind=kind):
                self.assertEqual(
                    response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains"
                )
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
                self.assertEqual(response["X-Frame-Options"], "DENY")
                policy = response["Content-Security-Policy"]
                if kind == "document":
                    self.assertEqual(policy, "default-src 'none'")  # Wagtail's, stricter still
                    continue
                directives = {
                    part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
                }
                self.assertEqual(directives["default-src"], ["'self'"])
                self.assertEqual(directives["object-src"], ["'none'"])
                if kind == "admin":
                    self.assertEqual(directives["frame-ancestors"], ["'self'"])
                else:
                    self.assertEqual(directives["script-src"], ["'self'"])  # no inline script
                    self.assertEqual(directives["frame-ancestors"], ["'none'"])
        self.assertEqual(
            statuses,
            {
                "page": 200,
                "api": 200,
                "not found": 404,
                "document": 200,
                "server error": 500,
                "admin": 200,
            },
        )

    def test_documents_are_downloaded_not_opened(self):
        response = self.client.get(self.document.url, secure=True)
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))

    def test_pages_are_compressed_for_clients_that_ask_and_files_are_sent_as_they_are(self):
        for address in ("/lv/", "/api/v2/pages/"):
            with self.subTest(address=address):
                compressed = self.client.get(address, secure=True, HTTP_ACCEPT_ENCODING="gzip")
                plain = self.client.get(address, secure=True)
                self.assertEqual(compressed["Content-Encoding"], "gzip")
                self.assertIn("Accept-Encoding", compressed["Vary"])
                self.assertFalse(plain.has_header("Content-Encoding"))
                self.assertEqual(gzip.decompress(compressed.content), plain.content)
        report = Document.objects.create(
            title="Report", file=ContentFile(b"budget " * 1000, name="report.csv")
        )
        response = self.client.get(report.url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
        self.assertFalse(response.has_header("Content-Encoding"))  # not "None" either
        self.assertEqual(response["Content-Length"], "7000")
        self.assertEqual(b"".join(response.streaming_content), b"budget " * 1000)

    def test_cookies_are_secure_http_only_and_same_site(self):
        response = self.client.get("/admin/login/", secure=True)
        csrf = response.cookies[next(name for name in response.cookies if "csrf" in name)]
        self.assertTrue(csrf["secure"])
        self.assertTrue(csrf["httponly"])
        self.assertEqual(csrf["samesite"], "Lax")
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser("admin", "a@example.com", "A-long-pass-2026")
        token = csrf.value
        response = self.client.post(
            "/admin/login/",
            {"username": "admin", "password": "A-long-pass-2026", "csrfmiddlewaretoken": token},
            secure=True,
        )
        session = response.cookies[next(name for name in response.cookies if "session" in name)]
        self.assertTrue(session["secure"])
        self.assertTrue(session["httponly"])
        self.assertEqual(session["samesite"], "Lax")
