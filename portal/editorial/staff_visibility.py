"""What the admin shows staff of pages they may not edit: only what readers see.

Wagtail's explorer, page search, admin API, history and most reports already keep to the pages
a user has permissions on. Its page chooser, bulk action confirmations and the page types
report, and wagtail-localize's translations report, list any page, drafts, scheduled (embargoed)
and private pages included, and show each one's newest draft title. Here a user sees of a page:

- everything, where they may edit it (their language's tree; administrators everywhere);
- elsewhere, only a live page in no private section, under its published title.

A private page's title is hidden too: its privacy is the reason it is not public, and staff of
other languages have no need to link to it. Topics are not pages: their policy keeps each
language's people to their own (news/permissions.py).

The chooser queryset is Wagtail's hook; the views that show a title the hook does not reach are
Wagtail's, subclassed, at their own addresses (`admin_urlpatterns`, in portal/urls.py before the
admin's); the bulk actions replace Wagtail's through `register_bulk_action`.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page, get_page_models
from wagtail.permissions import policy_registry
from wagtail_localize.views.report import TranslationsReportView

from portal.core.roles import languages_of
from portal.core.visibility import visible
from portal.editorial.url_guards import ExternalLinkCheckedView


def editable_pages(user):
    """The pages `user` may edit, by Wagtail's page permissions ("change" on the page or above
    it, or "add" there and owning it)."""
    return policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")


def visible_pages(user, pages):
    """`pages` without those `user` may not see: the ones they may not edit, unless readers
    see them (portal/core/visibility.py: live, in time, in no private section)."""
    if user.is_superuser:
        return pages
    return pages.filter(
        Q(pk__in=editable_pages(user).values("pk"))
        | Q(pk__in=visible(Page.objects.all()).values("pk"))
    )


class PageViewer:
    """One user's view of the pages of one listing: asked per page, answered for all the pages
    noted at once (a few queries, not a few per page)."""

    def __init__(self, user):
        self.user = user
        self.seen = {}  # page id: (may see, may edit)

    def note(self, pages):
        ids = {page.pk for page in pages if page is not None and page.pk not in self.seen}
        if not ids:
            return
        if self.user.is_superuser:
            self.seen.update(dict.fromkeys(ids, (True, True)))
            return
        candidates = Page.objects.filter(pk__in=ids)
        visible = set(visible_pages(self.user, candidates).values_list("pk", flat=True))
        editable = set(editable_pages(self.user).filter(pk__in=ids).values_list("pk", flat=True))
        for pk in ids:
            self.seen[pk] = (pk in visible, pk in editable)

    def sees(self, page):
        self.note([page])
        return self.seen[page.pk][0]

    def may_edit(self, page):
        self.note([page])
        return self.seen[page.pk][1]

    def as_published(self, pages):
        """Shows each of `pages` the user may not edit under its published title, not the
        title of a draft saved since (Wagtail's admin shows `draft_title`). In memory only."""
        self.note(pages)
        for page in pages:
            if page is not None and not self.may_edit(page):
                page.draft_title = page.title
        return pages


# The page chooser (links in rich text, page fields, "move to", the embargo preview's release).


@hooks.register("construct_page_chooser_queryset")
def only_visible_pages_to_choose(pages, request):
    # Browsing a page's children and searching, in every chooser.
    return visible_pages(request.user, pages)


def viewer_of(parent_context):
    """The user's PageViewer for the chooser table being drawn."""
    table = parent_context["table"]
    if not hasattr(table, "page_viewer"):
        table.page_viewer = PageViewer(parent_context["request"].user)
    return table.page_viewer


class PublishedTitleColumn(chooser.PageTitleColumn):
    """The chooser's title column, showing the rows as the user may see them. The header is
    drawn before any row: the rows are prepared there, in one go."""

    def get_header_context_data(self, parent_context):
        viewer_of(parent_context).as_published(list(parent_context["table"].data))
        return super().get_header_context_data(parent_context)


class VisibleParentColumn(chooser.ParentPageColumn):
    """A search result's parent, named only if the user may see it."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        viewer = viewer_of(parent_context)
        parent = context["value"]
        if parent is not None:
            context["value"] = viewer.as_published([parent])[0] if viewer.sees(parent) else None
        return context


def with_published_titles(columns):
    return [
        PublishedTitleColumn(
            column.name, label=column.label, is_multiple_choice=column.is_multiple_choice
        )
        if isinstance(column, chooser.PageTitleColumn)
        else VisibleParentColumn(column.name, label=column.label)
        if isinstance(column, chooser.ParentPageColumn)
        else column
        for column in columns
    ]


class BrowseView(chooser.BrowseView):
    """Browsing a page the user may not see (an address given, or the pages of a type lying
    under one) starts at the root instead."""

    @property
    def columns(self):
        return with_published_titles(super().columns)

    def get_object_list(self):
        if not PageViewer(self.request.user).sees(self.parent_page):
            self.parent_page = Page.get_first_root_node().specific
        return super().get_object_list()


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return with_published_titles(super().columns)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """Only the chosen pages the user may see."""

    def get(self, request):
        chosen = Page.objects.filter(pk__in=request.GET.getlist("id"))
        pages = list(visible_pages(request.user, chosen).specific())
        PageViewer(request.user).as_published(pages)
        return self.render_chosen_response(
            [
                {
                    "id": page.pk,
                    "parentId": page.get_parent().pk,
                    "adminTitle": page.get_admin_display_title(),
                    "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                    "url": page.url,
                }
                for page in pages
            ]
        )


class ExternalLinkView(ExternalLinkCheckedView):
    """An address typed into the link chooser becomes a link to the page it leads to (Wagtail
    answers with the page's title) only if the user sees that page as it is; otherwise it stays
    an address."""

    def post(self, request):
        response = super().post(request)
        answer = json.loads(response.content)
        page_id = (answer.get("internal") or answer.get("result") or {}).get("id")
        if page_id is None:
            return response
        page = Page.objects.filter(pk=page_id).first()
        viewer = PageViewer(request.user)
        as_it_is = page is not None and (
            viewer.may_edit(page) or (viewer.sees(page) and page.draft_title == page.title)
        )
        if as_it_is:
            return response
        return self.render_chosen_response(self.get_result_data())


# Bulk actions: their confirmation lists the pages asked for, also those the user may not act on.


class VisiblePagesOnly:
    """Of the pages asked for that the user may not act on, lists only those they may see."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        viewer = PageViewer(self.request.user)
        refused = context["items_with_no_access"]
        viewer.note(refused)
        refused = viewer.as_published([page for page in refused if viewer.sees(page)])
        return objects, {**context, "items_with_no_access": refused}


for wagtail_action in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction):
    # After Wagtail's own (order 0): the registry keeps the last class per action.
    hooks.register(
        "register_bulk_action",
        type(wagtail_action.__name__, (VisiblePagesOnly, wagtail_action), {}),
        order=1,
    )


# Reports.


class PageTypesUsageView(PageTypesUsageReportView):
    """Each page type's last edited page among those the user may see."""

    def decorate_paginated_queryset(self, page_types):
        user = self.request.user
        if not user.is_superuser:
            filters = self.filters.form.cleaned_data
            for page_type in page_types:
                pages = Page.objects.filter(content_type_id=page_type.pk)
                if filters.get("page_locale"):
                    pages = pages.filter(locale__language_code=filters["page_locale"])
                if filters.get("site"):
                    pages = pages.filter(path__startswith=filters["site"])
                page_type.last_edited_page_id = (
                    visible_pages(user, pages)
                    .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
                    .values_list("pk", flat=True)
                    .first()
                )
        page_types = super().decorate_paginated_queryset(page_types)
        PageViewer(user).as_published([page_type.last_edited_page for page_type in page_types])
        return page_types


class TranslationsView(TranslationsReportView):
    """wagtail-localize's translations report, which lists every translation with its source's
    and its target's titles: here a page's translation is listed to whoever may edit the
    target (translating, they read the source) or may see both pages; a topic's, to those who
    work in its source or target language."""

    def get_queryset(self):
        translations = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return translations

        def page_in(locale_field):
            return Page.objects.filter(
                translation_key=OuterRef("source__object_id"), locale_id=OuterRef(locale_field)
            )

        target, source = page_in("target_locale_id"), page_in("source__locale_id")
        page_types = ContentType.objects.get_for_models(*get_page_models()).values()
        languages = languages_of(user)
        return translations.filter(
            Q(source__specific_content_type__in=page_types)
            & (
                Exists(target.filter(pk__in=editable_pages(user).values("pk")))
                | (Exists(visible_pages(user, target)) & Exists(visible_pages(user, source)))
            )
            | ~Q(source__specific_content_type__in=page_types)
            & (
                Q(source__locale__language_code__in=languages)
                | Q(target_locale__language_code__in=languages)
            )
        )


def admin_view(view):
    """As Wagtail's admin URLs are: for users with admin access, never cached."""
    return never_cache(require_admin_access(view))


# Wagtail's own addresses, put before the admin's URLs (portal/urls.py), so that these answer.
admin_urlpatterns = [
    path("choose-page/", admin_view(BrowseView.as_view()), name="portal_choose_page"),
    path(
        "choose-page/<int:parent_page_id>/",
        admin_view(BrowseView.as_view()),
        name="portal_choose_page_child",
    ),
    path(
        "choose-page/search/",
        admin_view(SearchView.as_view()),
        name="portal_choose_page_search",
    ),
    path(
        "choose-page/chosen-multiple/",
        admin_view(ChosenMultipleView.as_view()),
        name="portal_choose_page_chosen_multiple",
    ),
    path(
        "reports/page-types-usage/",
        admin_view(PageTypesUsageView.as_view()),
        name="portal_page_types_usage",
    ),
    path(
        "reports/page-types-usage/results/",
        admin_view(PageTypesUsageView.as_view(results_only=True)),
        name="portal_page_types_usage_results",
    ),
    path(
        "localize/reports/translations/",
        admin_view(TranslationsView.as_view()),
        name="portal_translations_report",
    ),
    path(
        "localize/reports/translations/results/",
        admin_view(TranslationsView.as_view(results_only=True)),
        name="portal_translations_report_results",
    ),
]
