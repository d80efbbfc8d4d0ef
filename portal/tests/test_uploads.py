"""Uploads: every bad image is a form error, never a 500, and leaves no file behind."""

import io
import struct
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from PIL import Image as PILImage
from wagtail.images.models import Image


def png(width=20, height=20):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#8a1538").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg():
    buffer = io.BytesIO()
    picture = PILImage.effect_noise((400, 300), 64).convert("RGB")  # noise: a sizeable file
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims a huge picture: a decompression bomb's shape."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


BAD_UPLOADS = {
    "empty.jpg": b"",
    "page.jpg": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "truncated.jpg": jpeg()[:600],  # cut inside its header
    "half.jpg": jpeg()[: len(jpeg()) // 2],  # a whole header, half the picture
    "bomb.png": png_claiming(100_000, 100_000),
    "mismatch.jpg": png(),  # a PNG calling itself a JPEG
    "notes.txt": b"plain text",
}


class ImageUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def media_files(self):
        return sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())

    def upload(self, name, content, url="/admin/images/add/"):
        file = SimpleUploadedFile(name, content)
        data = (
            {"title": name, "file": file, "collection": 1}
            if "multiple" not in url
            else {"files[]": file}
        )
        return self.client.post(url, data)

    def test_a_good_image_is_accepted(self):
        response = self.upload("good.png", png())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Image.objects.filter(title="good.png").exists())

    def test_a_good_image_through_the_multiple_upload_opens_its_edit_form(self):
        # The admin's default upload view: the image is saved and its edit form (which has no
        # file field) comes back, not a 500.
        response = self.upload("good.png", png(), url="/admin/images/multiple/add/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["success"])
        self.assertIn("<form", response.json()["form"])
        self.assertTrue(Image.objects.filter(title="good.png").exists())

    def test_each_bad_image_is_a_form_error_and_leaves_nothing_behind(self):
        before = self.media_files()
        for name, content in BAD_UPLOADS.items():
            with self.subTest(name=name):
                response = self.upload(name, content)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["form"].errors["file"])
                # The multiple-upload view, which the admin uses by default, refuses it too.
                response = self.upload(name, content, url="/admin/images/multiple/add/")
                self.assertEqual(response.status_code, 200)
                self.assertFalse(response.json()["success"])
        self.assertFalse(Image.objects.exists())
        self.assertEqual(self.media_files(), before)

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000)
    def test_a_file_over_the_size_limit_is_a_form_error(self):
        response = self.upload("large.jpg", jpeg())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["file"])
        self.assertFalse(Image.objects.exists())
