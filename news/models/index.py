"""The news list of a language: its releases newest first, ten to a page, with filters by year,
project and topic, and its feeds."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from news.models.releases import PressReleasePage
from news.models.topics import Topic
from portal.core import content_cache
from portal.core.feeds import ReleaseFeedsMixin
from portal.core.pages import ITEMS_PER_PAGE, IndexPage
from portal.core.visibility import visible
from projects.models import ProjectPage


class NewsIndexPage(ReleaseFeedsMixin, IndexPage):
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.PressReleasePage"]
    releases_per_page = ITEMS_PER_PAGE

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def releases(self):
        return (
            visible(PressReleasePage.objects.child_of(self))
            .order_by("-release_date", "-first_published_at")
            .prefetch_related("project_links__project")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = self.releases()
        filters = ReleaseFilterForm(request.GET, index=self, request=request)
        if not filters.is_valid():
            # A year, project or topic that is not on this portal: nothing to show.
            raise Http404(filters.errors.as_text())
        releases = filters.filter(releases)
        # Counting 100,000 releases takes longer than showing ten of them: the count is kept
        # until the content changes (portal/core/content_cache.py).
        paginator = CountCachedPaginator(
            releases.values_list("pk", flat=True),
            self.releases_per_page,
            count=lambda: content_cache.cached(
                request, "release-count", [self.pk, filters.cleaned_data], releases.count
            ),
        )
        # get_page() turns a missing, non-numeric or too large ?page= into a valid page.
        page = paginator.get_page(request.GET.get("page"))
        # The page's ten ids first (narrow rows: page 500 sorts ids, not 5,000 bodies), then
        # those ten releases; only when the template shows them (not from the cache).
        ids = page.object_list
        page.object_list = SimpleLazyObject(lambda: list(releases.filter(pk__in=list(ids))))
        context["releases"] = page
        context["filters"] = filters
        return context


class CountCachedPaginator(Paginator):
    """Django's paginator with the count from a function (a cached one)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count_function = count

    @cached_property
    def count(self):
        return self.count_function()


class ReleaseFilterForm(forms.Form):
    """The news index's filters, in the URL so a filtered list can be shared."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    project = forms.ChoiceField(label=_("Project"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, data, index, request=None):
        super().__init__(data)
        options = content_cache.cached(
            request, "release-filters", [index.pk], lambda: self.options(index)
        )
        self.projects, self.topics = options["projects"], options["topics"]
        # Callables: the lists are built only when the form is shown or a filter is checked,
        # not on every unfiltered list page (a hundred projects took a millisecond or two).
        self.fields["year"].choices = lambda: (
            [("", _("All years"))] + [(year, year) for year in options["years"]]
        )
        self.fields["project"].choices = lambda: (
            [("", _("All projects"))]
            + [(slug, title) for slug, (title, _key) in self.projects.items()]
        )
        self.fields["topic"].choices = lambda: (
            [("", _("All topics"))] + [(slug, name) for slug, (name, _key) in self.topics.items()]
        )

    @staticmethod
    def options(index):
        """The years, projects and topics the list can be filtered by, newest year first,
        projects and topics by name: {"projects": {slug: (title, translation_key)}, ...}."""
        releases = visible(PressReleasePage.objects.child_of(index))
        return {
            "years": [date.year for date in releases.dates("release_date", "year", order="DESC")],
            "projects": {
                project.slug: (project.title, project.translation_key)
                for project in visible(
                    ProjectPage.objects.filter(locale_id=index.locale_id)
                ).order_by("title")
            },
            "topics": {
                topic.slug: (topic.name, topic.translation_key)
                for topic in Topic.objects.live().filter(locale_id=index.locale_id)
            },
        }

    def filter(self, releases):
        data = self.cleaned_data
        if data.get("year"):
            releases = releases.filter(release_date__year=data["year"])
        # Translated releases link to the Latvian project and topic: match any translation.
        if data.get("project"):
            _title, key = self.projects[data["project"]]
            releases = releases.filter(project_links__project__translation_key=key)
        if data.get("topic"):
            _name, key = self.topics[data["topic"]]
            releases = releases.filter(topic_links__topic__translation_key=key)
        if data.get("project") or data.get("topic"):
            releases = releases.distinct()  # a release with two links to the same project
        return releases

    @property
    def active(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
