"""A plain news page, the shape of the Wagtail tutorial's BlogIndexPage and BlogPage."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class NewsIndexPage(Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + ["intro"]

    def get_context(self, request):
        # Paginated as Wagtail's docs paginate a listing: the tutorial's whole list of children
        # would render 100,000 pages.
        context = super().get_context(request)
        news_pages = NewsPage.objects.child_of(self).live().order_by("-date")
        paginator = Paginator(news_pages, 10)
        try:
            news_pages = paginator.page(request.GET.get("page"))
        except PageNotAnInteger:
            news_pages = paginator.page(1)
        except EmptyPage:
            news_pages = paginator.page(paginator.num_pages)
        context["news_pages"] = news_pages
        return context


class NewsPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + ["date", "intro", "body"]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("body"),
    ]
