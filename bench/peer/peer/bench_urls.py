"""The generated urls.py, unchanged, with the API mounted before Wagtail's page serving."""

from django.urls import path

from .api import api_router
from .urls import urlpatterns as generated

urlpatterns = [path("api/v2/", api_router.urls), *generated]
