"""A dispute's timeline."""

from django.db import models

from casebase.cases.models.disputes import Dispute
from casebase.core.dates import DatePrecision, format_partial_date
from casebase.core.models import PublishableModel, Source


class EventKind(models.TextChoices):
    ACCUSATION = "accusation", "Public accusation"
    FILED = "filed", "Claim filed"
    HEARING = "hearing", "Hearing"
    RULING = "ruling", "Ruling"
    JUDGMENT = "judgment", "Judgment"
    APPEAL = "appeal", "Appeal"
    SETTLEMENT = "settlement", "Settlement"
    DISMISSAL = "dismissal", "Dismissal"
    TRANSFER = "transfer", "Transfer or consolidation"
    REPORT = "report", "Report"
    OTHER = "other", "Other"


class Event(PublishableModel):
    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The dispute.",
    )
    date = models.DateField(help_text="When it happened.")
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known.",
    )
    kind = models.CharField(
        max_length=12,
        choices=EventKind.choices,
        default=EventKind.OTHER,
        help_text="What.",
    )
    title = models.CharField(max_length=500, help_text="What happened, in a line.")
    description = models.TextField(blank=True, help_text="More detail.")
    sources = models.ManyToManyField(
        Source, blank=True, related_name="events", help_text="Where it was read."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among events of the same date."
    )

    class Meta:
        ordering = ["dispute", "date", "position", "pk"]
        indexes = [
            models.Index(fields=["dispute", "date"], name="event_dispute_date_idx")
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)
