"""Media in S3-compatible object storage (django-storages), against moto's S3 server running
on loopback: what several app servers share when they run behind one nginx."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from io import BytesIO
from pathlib import Path
from unittest import mock

import boto3
from django.core.files.images import ImageFile
from django.test import TestCase, override_settings
from PIL import Image as PillowImage
from wagtail.images.models import Image

BUCKET = "portal-media"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "portal-test",
    "AWS_SECRET_ACCESS_KEY": "portal-test-secret",
    "AWS_DEFAULT_REGION": "eu-north-1",
}


PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jpeg(size=(1200, 800)):
    buffer = BytesIO()
    PillowImage.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return ImageFile(buffer, name="krakova.jpg")


class ObjectStorageTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        port = free_port()
        cls.endpoint = f"http://127.0.0.1:{port}"
        server = shutil.which("moto_server", path=str(Path(sys.executable).parent))
        cls.server = subprocess.Popen(
            [server, "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cls.addClassCleanup(cls.server.wait)
        cls.addClassCleanup(cls.server.terminate)
        cls.environment = mock.patch.dict(os.environ, CREDENTIALS)
        cls.environment.start()
        cls.addClassCleanup(cls.environment.stop)
        cls.s3 = boto3.client("s3", endpoint_url=cls.endpoint)
        for _attempt in range(100):
            try:
                cls.s3.list_buckets()
                break
            except Exception:  # not listening yet
                time.sleep(0.1)
        cls.s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        # Public media: anyone may read (docs/deployment.md sets the same policy).
        cls.s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))

    def setUp(self):
        storages = {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": self.endpoint,
                    "querystring_auth": False,
                    "file_overwrite": False,
                    "default_acl": None,
                },
            },
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            },
        }
        override = override_settings(STORAGES=storages)
        override.enable()
        self.addCleanup(override.disable)

    def stored_keys(self):
        listing = self.s3.list_objects_v2(Bucket=BUCKET)
        return {item["Key"] for item in listing.get("Contents", [])}

    def test_an_uploaded_image_and_its_renditions_go_to_the_bucket(self):
        image = Image.objects.create(title="Krakova", file=jpeg())
        rendition = image.get_rendition("fill-400x300|format-webp")
        keys = self.stored_keys()
        self.assertIn(image.file.name, keys)
        self.assertIn(rendition.file.name, keys)
        self.assertTrue(rendition.file.name.endswith(".webp"))
        # Readers fetch it from the store's address, not from an app server's disk.
        self.assertTrue(rendition.url.startswith(f"{self.endpoint}/{BUCKET}/"))
        with urllib.request.urlopen(rendition.url) as response:
            self.assertEqual(PillowImage.open(BytesIO(response.read())).size, (400, 300))

    def test_a_rendition_is_made_once_and_reused(self):
        image = Image.objects.create(title="Krakova", file=jpeg())
        first = image.get_rendition("fill-200x200")
        before = self.stored_keys()
        with self.assertNumQueries(1):  # found in the database, not rendered again
            again = Image.objects.get(pk=image.pk).get_rendition("fill-200x200")
        self.assertEqual(first.pk, again.pk)
        self.assertEqual(before, self.stored_keys())

    def test_the_same_file_name_twice_keeps_both(self):
        first = Image.objects.create(title="Viens", file=jpeg())
        second = Image.objects.create(title="Divi", file=jpeg((600, 400)))
        self.assertNotEqual(first.file.name, second.file.name)
        self.assertEqual(second.width, 600)
