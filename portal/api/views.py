"""The headless API: Wagtail's API v2 endpoints, made strict about input and public-only.

Subclasses of Wagtail's viewsets, not a hand-made API: they add the portal's filters
(project, organisation, topic, dates), validate every parameter before it reaches the database
(stock v2 answers several bad inputs with a 500), show only live, public content whoever
asks, and load nested relations for a whole response at once.
"""

import logging
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import DataError
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import conditional_page
from rest_framework.fields import CharField
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from portal.api import related
from portal.api.public import restricted_collection_ids
from portal.api.related import RelatedContent
from portal.core import content_cache, references
from portal.core.api_fields import RENDITIONS, RelatedField, RenditionsField, prefetch_images
from portal.core.api_input import (
    MAX_ID,
    MAX_INT32,
    current_names,
    deprecation_headers,
    positive_int,
)
from portal.core.html_json import escape_for_html
from portal.core.translations import locales_by_code
from portal.core.visibility import public_pages

logger = logging.getLogger(__name__)

# Past this, an offset cannot point at a result; refusing it keeps it out of the database
# (SQLite and PostgreSQL both fail on integers beyond 64 bits).
MAX_OFFSET = 1_000_000
MAX_SEARCH_LENGTH = 200
# From this offset on, a listing reads its page's ids before their rows (ListingQuerySet).
DEEP_OFFSET = 100
MAX_PARAMETER_LENGTH = 2_000


class SafeJSONRenderer(JSONRenderer):
    """JSON with <, > and & written as \\u escapes: the same data, and safe even where a client
    puts it straight into an HTML page or a <script> block."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return escape_for_html(super().render(data, accepted_media_type, renderer_context))


class StrictInputMixin:
    """Every parameter is checked before it reaches a query; what slips through anyway
    becomes a 400, never a 500."""

    authentication_classes = []  # public content only: no session, no user, cacheable
    renderer_classes = [SafeJSONRenderer]
    permission_classes = [AllowAny]
    integer_parameters = ["offset", "limit"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if len(values) > 1:
                raise BadRequestError(f"{name} is given more than once")
            if "\x00" in values[0] or len(values[0]) > MAX_PARAMETER_LENGTH:
                raise BadRequestError(f"{name} is not a valid value")
        positive_int(request, "offset", maximum=MAX_OFFSET)
        positive_int(request, "limit", maximum=settings.WAGTAILAPI_LIMIT_MAX)
        for name in self.integer_parameters:
            if request.GET.get(name) != "root" or name not in ("child_of", "descendant_of"):
                positive_int(request, name, maximum=MAX_INT32)
        search = request.GET.get("search")
        if search is not None:
            if len(search) > MAX_SEARCH_LENGTH:
                raise BadRequestError(
                    f"search cannot be longer than {MAX_SEARCH_LENGTH} characters"
                )
            if any(ord(character) < 32 for character in search):
                raise BadRequestError("search cannot contain control characters")
        if request.GET.get("search_operator") not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if request.GET.get("rich_text_format") not in (None, "html"):
            # Wagtail's Markdown and database formats resolve page links without the portal's
            # link handler: they would show the addresses (or ids) of drafts and private pages.
            raise BadRequestError(
                "rich_text_format must be html: links to pages readers cannot see lose their "
                "address only in HTML"
            )

    def get_object(self):
        # Asked for by the view, its serializer class and prepare(): looked up once.
        if not hasattr(self, "_object"):
            pk = self.kwargs.get("pk")
            if pk is not None and int(pk) > MAX_ID:
                raise Http404("not found")
            self._object = super().get_object()
        return self._object

    def find_object(self, queryset, request):
        positive_int(request, "id", maximum=MAX_ID)
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        # DataError: a value the database cannot hold. Not OperationalError: a database that is
        # down is a 503 (portal.site.views.server_error), not the client's fault.
        if isinstance(exc, (ValidationError, ValueError, OverflowError, DataError)):
            # A value the checks above did not foresee: the client's error, not a crash.
            logger.warning("API refused %s: %r", self.request.get_full_path(), exc)
            exc = BadRequestError("a parameter has a value this endpoint cannot use")
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            # DRF's own errors (405 and the like) in the same shape as Wagtail's.
            response.data = {"message": str(response.data["detail"])}
        return response


class ListingQuerySet:
    """A listing's queryset as Wagtail's pagination reads it (count() and a slice), made cheap
    at 100,000 releases: the count (meta.total_count, over every match: most of an uncached
    listing's time) is kept until the content changes, keyed by the SQL; a deep slice reads
    its ids first. Search results are left as they are."""

    def __init__(self, queryset, request):
        self.queryset, self.request = queryset, request

    def count(self):
        if not isinstance(self.queryset, QuerySet):
            return self.queryset.count()
        try:
            sql = str(self.queryset.query)
        except EmptyResultSet:
            return 0
        return content_cache.cached(self.request, "api-count", [sql], self.queryset.count)

    def __getitem__(self, item):
        if not isinstance(self.queryset, QuerySet) or (item.start or 0) < DEEP_OFFSET:
            return self.queryset[item]
        # Deep in a listing, the page's ids first and then their rows: PostgreSQL skips the
        # offset in an index instead of reading (and dropping) thousands of whole rows.
        ids = list(self.queryset.values_list("pk", flat=True)[item])
        rows = {page.pk: page for page in self.queryset.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


class ListingPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        return super().paginate_queryset(ListingQuerySet(queryset, request), request, view)


class RequestPageHtmlUrlField(PageHtmlUrlField):
    """Wagtail's html_url, with the sites' root paths read once per request, not per page."""

    def to_representation(self, page):
        return page.get_full_url(content_cache.django_request(self.context.get("request")))


class PortalPageSerializer(PageSerializer):
    html_url = RequestPageHtmlUrlField(read_only=True)

    def to_representation(self, page):
        # Rich text links resolve to the page's language (page.localized follows the active
        # language), whatever the request's.
        language = self.context["view"].related.languages.get(page.locale_id)
        with translation.override(language or settings.LANGUAGE_CODE):
            return super().to_representation(page)


# What each content app adds to the API: its filters of the pages' listing (news/api.py:
# ReleaseFilter) and its part of the OpenAPI document (portal/api/openapi.py).
CONTENT_APIS = [import_module(path).OPENAPI for path in settings.API_CONTENT_MODULES]
CONTENT_FILTERS = [backend for api in CONTENT_APIS for backend in api["filters"]]
RENAMED_PARAMETERS = {
    k: v for api in CONTENT_APIS for k, v in api.get("renamed_parameters", {}).items()
}
RENAMED_TYPES = {k: v for api in CONTENT_APIS for k, v in api.get("renamed_types", {}).items()}


class PortalLocaleFilter(LocaleFilter):
    """?locale= without a query of its own: the language's locale is read once per request."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        by_code = locales_by_code()
        if request.GET["locale"] not in by_code:
            raise Http404("no such locale")
        filtered = queryset.filter(locale=by_code[request.GET["locale"]])
        # Wagtail's own filter keeps this mark, which the descendant_of check reads.
        if getattr(queryset, "_filtered_by_child_of", None):
            filtered._filtered_by_child_of = queryset._filtered_by_child_of
        return filtered


class PortalPagesAPIViewSet(StrictInputMixin, PagesAPIViewSet):
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        PortalLocaleFilter,
        *CONTENT_FILTERS,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        *(backend.parameters for backend in CONTENT_FILTERS)
    )
    integer_parameters = ["child_of", "ancestor_of", "descendant_of", "translation_of"]
    base_serializer_class = PortalPageSerializer
    pagination_class = ListingPagination
    meta_fields = PagesAPIViewSet.meta_fields + [
        "last_published_at",
        APIField("translations", serializer=RelatedField(related.translations)),
        APIField("translation_original", serializer=RelatedField(related.original, many=False)),
        APIField(
            "translation_outdated_since",
            serializer=RelatedField(related.outdated_since, many=False),
        ),
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["translations"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        current_names(request, RENAMED_PARAMETERS, RENAMED_TYPES)

    def get_base_queryset(self):
        return public_pages(self.request)

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is Page and "type" not in self.request.GET:
            # By id, like the typed listings: search can filter on ids, not on the dates
            # public_pages() checks.
            queryset = Page.objects.filter(pk__in=queryset.values("pk"))
        return queryset

    def find_object(self, queryset, request):
        """?html_path= with the language prefix the public addresses have (/pl/aktualnosci/...);
        Wagtail's own lookup routes from the default language's home page only."""
        path = request.GET.get("html_path")
        if path is None:
            return super().find_object(queryset, request)
        components = [component for component in path.split("/") if component]
        site = Site.find_for_request(request)
        if not components or components[0] not in dict(settings.LANGUAGES) or site is None:
            return None
        home = (
            site.root_page.get_translations(inclusive=True)
            .filter(locale__language_code=components[0])
            .first()
        )
        if home is None:
            return None
        try:
            page, _args, _kwargs = home.specific.route(request, components[1:])
        except Http404:
            return None
        return page if queryset.filter(pk=page.pk).exists() else None

    def check_query_parameters(self, queryset):
        locale = self.request.GET.get("locale")
        if locale is not None and locale not in dict(settings.LANGUAGES):
            raise BadRequestError(
                f"locale must be one of {', '.join(code for code, _ in settings.LANGUAGES)}"
            )
        super().check_query_parameters(queryset)

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = list(self.paginate_queryset(queryset))
        self.prepare(items)
        serializer = self.get_serializer(items, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        self.prepare([self.get_object()])
        return super().detail_view(request, pk)

    def prepare(self, pages):
        """Load what the response nests for all its pages at once."""
        self.related = RelatedContent(pages, content_cache.django_request(self.request))
        # Only what the response shows (?fields=): a listing of dates reads no body's links.
        shown = set(self.get_serializer_class().Meta.fields)
        image_model = get_image_model()
        images = image_model.objects.prefetch_renditions(*RENDITIONS.values())
        # Links followed in each page's language, as PortalPageSerializer shows it.
        languages = {self.related.languages[page.locale_id] for page in pages}
        references.prefetch(
            pages, querysets={image_model: images}, fields=shown, languages=languages
        )
        for field in {"logo", "funder_logo"} & shown:
            with_field = [page for page in pages if hasattr(type(page), field)]
            if with_field:
                prefetch_related_objects(with_field, prefetch_images(field))


class PublicImagesAPIViewSet(StrictInputMixin, ImagesAPIViewSet):
    body_fields = ImagesAPIViewSet.body_fields + [
        APIField("alt", serializer=CharField(source="default_alt_text", read_only=True)),
        APIField("renditions", serializer=RenditionsField()),
    ]

    def get_queryset(self):
        return (
            self.model.objects.exclude(collection__in=restricted_collection_ids())
            .prefetch_renditions(*RENDITIONS.values())
            .order_by("id")
        )


class PublicDocumentsAPIViewSet(StrictInputMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")


def cacheable(view):
    """ETag and 304 for conditional requests; Cache-Control for public responses (all of
    them: the API answers everyone alike)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response

    conditional = conditional_page(wrapped)

    @wraps(view)
    def with_notices(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        names = getattr(request, "old_api_names", None)
        if not names:
            return response

        # A request with an old parameter or type name (portal/core/api_input.py) is told so,
        # on a 304 as well: the 304 replaces the answer when it is rendered, after this view.
        def notice(answer):
            deprecation_headers(answer, names)
            return answer

        if getattr(response, "is_rendered", True):
            return notice(response)
        response.add_post_render_callback(notice)
        return response

    return with_notices


class PortalAPIRouter(WagtailAPIRouter):
    def wrap_view(self, func):
        return cacheable(super().wrap_view(func))


api_router = PortalAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)


def not_found(request, path=""):
    return JsonResponse({"message": "not found"}, status=404)
