"""Shared base models: publication status, the one visibility rule, and sources."""

from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse

from casebase.core.dates import DatePrecision, format_partial_date


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


def can_see_unpublished(user) -> bool:
    """Editors (staff) see drafts; everyone else sees published records only."""
    return bool(user and user.is_authenticated and user.is_staff)


class PublishableQuerySet(models.QuerySet):
    """The one visibility rule. Every public page, feed, export and index uses it."""

    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        if can_see_unpublished(user):
            return self.all()
        return self.published()


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(
        auto_now_add=True, help_text="When the record was first stored."
    )
    updated_at = models.DateTimeField(
        auto_now=True, db_index=True, help_text="When the record was last changed."
    )

    class Meta:
        abstract = True


class PublishableModel(TimeStampedModel):
    """A record of fact: it has a publication status and says whether it is verified."""

    publication_status = models.CharField(
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text="Only published records are shown to the public.",
    )
    verified = models.BooleanField(
        default=False,
        help_text="Checked against the sources listed. Unverified records are marked "
        "as such wherever they are shown.",
    )
    unverified_elements = models.JSONField(
        default=list,
        blank=True,
        help_text="The particular facts that could not be confirmed (a list of short "
        "phrases). Shown beside the record.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def needs_unverified_marker(self) -> bool:
        return not self.verified or bool(self.unverified_elements)


class SourceKind(models.TextChoices):
    JUDGMENT = "judgment", "Judgment or court record"
    LEGISLATION = "legislation", "Legislation"
    DOCKET = "docket", "Docket or court filing"
    OFFICIAL = "official", "Official publication"
    PRESS = "press", "Press article"
    COMMENTARY = "commentary", "Commentary or secondary source"
    OTHER = "other", "Other"


class Source(PublishableModel):
    """Where a fact was read. Attached to disputes, claims, evidence, events and precedents."""

    reference = models.CharField(
        max_length=1000,
        unique=True,
        help_text="The source exactly as recorded (a URL, possibly followed by a note in "
        "brackets, or a description of a document that has no URL).",
    )
    url = models.URLField(
        max_length=1000, blank=True, help_text="The address, where the source has one."
    )
    title = models.CharField(
        max_length=500, blank=True, help_text="The source's title."
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it (for web sources, the site's host name).",
    )
    date = models.DateField(null=True, blank=True, help_text="Publication date.")
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text="How much of the publication date is known.",
    )
    kind = models.CharField(
        max_length=16,
        choices=SourceKind.choices,
        default=SourceKind.OTHER,
        db_index=True,
        help_text="What sort of source it is.",
    )
    note = models.CharField(
        max_length=500,
        blank=True,
        help_text="What the source is, or what was read in it.",
    )

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.title or self.url or self.reference

    def get_absolute_url(self) -> str:
        return reverse("source-detail", args=[self.pk])

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "") if self.url else ""

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)
