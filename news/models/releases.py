"""Press releases and their links to projects, organisations and topics."""

import functools
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from rest_framework.fields import CharField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from news.blocks import CorrectionBlock, PressReleaseBodyBlock
from news.models.topics import Topic
from portal.core.api_fields import RelatedField
from portal.core.blocks import LinkBlock
from portal.core.forms import CONTENT_PANELS, InlinePanel, PortalPageForm
from portal.core.metadata import publisher
from portal.core.pages import PortalPage
from portal.core.search import page_text
from portal.core.translations import PAGE_TRANSLATABLE_FIELDS, localize_pages
from projects.models import OrganisationPage, ProjectPage


class ReleaseRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    PARTICIPANT = "participant", _("Participant")
    NAMED = "named", _("Named in the release")


class PressReleaseForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the topics in the release's own language.
        if self.instance.locale_id and "topic_links" in self.formsets:
            topics = Topic.objects.filter(locale_id=self.instance.locale_id)
            formset = self.formsets["topic_links"]
            formset.form.base_fields["topic"].queryset = topics
            for form in formset.forms:
                form.fields["topic"].queryset = topics


class PressReleasePage(PortalPage):
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = PressReleaseForm
    # Other pages show a release as an item of a list or a link only (portal/core/pages.py).
    publish_renews = "pages showing it"

    release_date = models.DateField(_("release date"), default=timezone.localdate)
    lead = models.TextField(_("lead"), help_text=_("One or two sentences that sum the release up."))
    body = StreamField(PressReleaseBodyBlock(), blank=True, verbose_name=_("body"))
    event_start = models.DateField(_("event starts"), null=True, blank=True)
    event_end = models.DateField(_("event ends"), null=True, blank=True)
    event_place = models.CharField(
        _("place of the event"), max_length=255, blank=True, help_text=_("Town or venue.")
    )
    event_country = CountryField(_("country of the event"), blank=True)
    further_information = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("further information")
    )
    contact_name = models.CharField(_("press contact"), max_length=255, blank=True)
    contact_email = models.EmailField(_("press contact e-mail"), blank=True)
    contact_phone = models.CharField(_("press contact phone"), max_length=64, blank=True)
    corrections = StreamField(
        [("correction", CorrectionBlock())],
        blank=True,
        verbose_name=_("corrections"),
        help_text=_(
            "When a published release is changed in substance: the date and what changed. "
            "Shown on the release."
        ),
    )
    withdrawn_on = models.DateField(
        _("withdrawn on"),
        null=True,
        blank=True,
        help_text=_("A withdrawn release stays at its address, under a withdrawal notice."),
    )
    withdrawal_notice = models.TextField(_("withdrawal notice"), blank=True)

    content_panels = CONTENT_PANELS + [
        FieldPanel("release_date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
                FieldRowPanel([FieldPanel("event_place"), FieldPanel("event_country")]),
            ],
            heading=_("Event"),
            help_text=_("Only when the release announces an event."),
        ),
        InlinePanel(
            "project_links",
            heading=_("Projects"),
            label=_("Project"),
            add_label=_("Add project"),
        ),
        InlinePanel(
            "organisation_links",
            heading=_("Organisations"),
            label=_("Organisation"),
            add_label=_("Add organisation"),
            help_text=_("The organiser, the participants and any other organisation named."),
        ),
        FieldPanel("further_information"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Press contact"),
        ),
        InlinePanel("topic_links", heading=_("Topics"), label=_("Topic"), add_label=_("Add topic")),
        MultiFieldPanel(
            [
                FieldPanel("corrections"),
                FieldPanel("withdrawn_on"),
                FieldPanel("withdrawal_notice"),
            ],
            heading=_("Corrections and withdrawal"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("event_place"),
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("release_date"),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        SynchronizedField("release_date"),
        TranslatableField("lead"),
        TranslatableField("body"),  # text, captions, alt texts, link texts; images synced
        SynchronizedField("event_start"),
        SynchronizedField("event_end"),
        TranslatableField("event_place"),  # Krakova, Kraków
        SynchronizedField("event_country"),
        TranslatableField("further_information"),  # link texts; URLs synced
        SynchronizedField("contact_name"),  # a person's name
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
        # Relations point at the Latvian pages; templates show their translations.
        SynchronizedField("project_links"),
        SynchronizedField("organisation_links"),
        SynchronizedField("topic_links"),
        TranslatableField("corrections"),  # the notes; dates synced
        SynchronizedField("withdrawn_on"),
        TranslatableField("withdrawal_notice"),
    ]

    api_fields = [
        APIField("release_date"),
        APIField("lead"),
        APIField("body"),
        APIField("event_start"),
        APIField("event_end"),
        APIField("event_place"),
        APIField("event_country", serializer=CharField(read_only=True)),
        APIField("further_information"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("projects", serializer=RelatedField("news.api.release_projects")),
        APIField("organisations", serializer=RelatedField("news.api.release_organisations")),
        APIField("topics", serializer=RelatedField("news.api.release_topics")),
        APIField("corrections"),
        APIField("withdrawn_on"),
        APIField("withdrawal_notice"),
    ]

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        # Lists order and count by date: with the page's id in the index, PostgreSQL counts
        # the releases newer than one (the purge's list position) from the index alone.
        indexes = [models.Index(fields=["release_date", "page_ptr"], name="release_date_page")]

    def search_text(self):
        return page_text(self, ["lead", "body", "event_place"])

    def structured_data(self, request, image_url=None):
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.lead,
            "datePublished": self.release_date.isoformat(),
            "dateModified": (self.last_published_at or self.release_date).isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": url,
            "url": url,
            "publisher": publisher(),
            "author": publisher(),
        }
        if image_url:
            data["image"] = [image_url]
        if self.event_start:
            data["about"] = {
                "@type": "Event",
                "name": self.title,
                "startDate": self.event_start.isoformat(),
                "endDate": (self.event_end or self.event_start).isoformat(),
                "location": {
                    "@type": "Place",
                    "name": self.event_place,
                    "address": {
                        "@type": "PostalAddress",
                        "addressCountry": self.event_country.code,
                    },
                },
            }
        return data

    def list_urls_to_purge(self):
        """The news index addresses with a query string that show this release: the page of the
        list it is on, and the first page of the list filtered by its year, project and topics."""
        index = self.get_parent().specific
        url = index.get_full_url()
        if url is None or not hasattr(index, "releases"):
            return set()
        newer = index.releases().filter(release_date__gt=self.release_date).count()
        position = newer // index.releases_per_page + 1
        urls = {f"{url}?page={position}"} if position > 1 else set()
        # The filters name projects and topics by their slug in the list's language.
        linked = [("project", link.project) for link in self.project_links.all()]
        linked += [("topic", link.topic) for link in self.topic_links.all()]
        filters = [{"year": self.release_date.year}]
        for name, item in linked:
            translated = item.get_translation_or_none(index.locale) or item
            filters.append({name: translated.slug})
        for chosen in filters:
            # As a link writes it, and as the filter form sends it (every field, empty or not).
            urls.add(f"{url}?{urlencode(chosen)}")
            form = {name: chosen.get(name, "") for name in ("year", "project", "topic")}
            urls.add(f"{url}?{urlencode(form)}")
        return urls

    @property
    def is_event(self):
        return bool(self.event_start)

    def clean(self):
        super().clean()
        if self.event_end and not self.event_start:
            raise ValidationError({"event_start": _("Give the start date of the event too.")})
        if self.event_start and self.event_end and self.event_end < self.event_start:
            raise ValidationError({"event_end": _("The event cannot end before it starts.")})
        if (self.event_place or self.event_country) and not self.event_start:
            raise ValidationError({"event_start": _("An event with a place needs a start date.")})
        if self.withdrawn_on and not self.withdrawal_notice.strip():
            raise ValidationError(
                {"withdrawal_notice": _("Tell readers why the release is withdrawn.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Computed only when the template reads them: not at all when the page's rendered
        # content is in the cache (templates/news/press_release_page.html, {% fragment %}).
        related = functools.cache(self.related_context)
        for name in ("projects", "organisers", "participants", "other_organisations", "topics"):
            context[name] = SimpleLazyObject(lambda name=name: related()[name])
        return context

    def related_context(self):
        context = {}
        # Read the links through .all(), which also works on the unsaved in-memory copies a
        # preview renders; the pages they point at are fetched in bounded queries and shown
        # in this page's language where translated (see portal.core.translations).
        project_links = list(self.project_links.all())
        organisation_links = list(self.organisation_links.all())
        projects = localize_pages(
            ProjectPage.objects.in_bulk([link.project_id for link in project_links]).values(),
            self.locale_id,
        )
        shown_projects = [
            projects[link.project_id] for link in project_links if link.project_id in projects
        ]
        prefetch_related_objects([entry.page for entry in shown_projects], "partners__organisation")
        partners = [
            partner.organisation
            for entry in shown_projects
            for partner in entry.page.partners.all()
        ]
        organisations = localize_pages(
            [
                *partners,
                *OrganisationPage.objects.in_bulk(
                    [link.organisation_id for link in organisation_links]
                ).values(),
            ],
            self.locale_id,
        )
        context["projects"] = [
            {"project": entry, "partner_groups": entry.page.partner_groups(organisations)}
            for entry in shown_projects
        ]

        # Organisations the project facts already list are not repeated under "also named".
        partner_ids = {partner.pk for partner in partners}

        def named(role):
            return [
                organisations[link.organisation_id]
                for link in organisation_links
                if link.role == role and link.organisation_id in organisations
            ]

        context["organisers"] = named(ReleaseRole.ORGANISER)
        context["participants"] = named(ReleaseRole.PARTICIPANT)
        context["other_organisations"] = [
            entry
            for link in organisation_links
            if link.role == ReleaseRole.NAMED
            and link.organisation_id in organisations
            and link.organisation_id not in partner_ids
            for entry in [organisations[link.organisation_id]]
        ]
        topic_ids = [link.topic_id for link in self.topic_links.all()]
        topics = Topic.objects.live().in_bulk(topic_ids)
        context["topics"] = Topic.localize_all(
            [topics[pk] for pk in topic_ids if pk in topics], self.locale_id
        )
        return context


class PressReleaseTopic(Orderable):
    """A topic a release is filed under. A child relation, not a many-to-many field, so that
    wagtail-localize keeps it in sync on translations (it skips many-to-many fields)."""

    page = ParentalKey(
        "news.PressReleasePage", on_delete=models.CASCADE, related_name="topic_links"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="press_release_links", verbose_name=_("topic")
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("release topic")
        verbose_name_plural = _("release topics")
        constraints = [
            models.UniqueConstraint(fields=["page", "topic"], name="unique_topic_per_release")
        ]


class PressReleaseProject(Orderable):
    """A project the release belongs to or reports on."""

    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="project_links")
    project = models.ForeignKey(
        "projects.ProjectPage",
        on_delete=models.CASCADE,
        related_name="press_release_links",
        verbose_name=_("project"),
    )

    panels = [FieldPanel("project")]

    class Meta(Orderable.Meta):
        verbose_name = _("release project")
        verbose_name_plural = _("release projects")
        constraints = [
            models.UniqueConstraint(fields=["page", "project"], name="unique_project_per_release")
        ]


class PressReleaseOrganisation(Orderable):
    """An organisation a release names, and the part it plays in it."""

    page = ParentalKey(
        PressReleasePage, on_delete=models.CASCADE, related_name="organisation_links"
    )
    organisation = models.ForeignKey(
        "projects.OrganisationPage",
        on_delete=models.CASCADE,
        related_name="press_release_links",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role in the release"),
        max_length=16,
        choices=ReleaseRole.choices,
        default=ReleaseRole.PARTICIPANT,
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation in the release")
        verbose_name_plural = _("organisations in the release")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organisation"], name="unique_organisation_per_release"
            )
        ]
