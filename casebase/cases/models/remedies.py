"""Remedies: injunctions, damages and settlements claimed, granted, refused or agreed."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from casebase.cases.models.disputes import Dispute
from casebase.core.dates import DatePrecision, format_partial_date
from casebase.core.models import PublishableModel, Source


class RemedyKind(models.TextChoices):
    INJUNCTION = "injunction", "Injunction or order to stop"
    DAMAGES = "damages", "Damages or compensation"
    SETTLEMENT = "settlement", "Settlement"
    OTHER = "other", "Other relief"


class RemedyStatus(models.TextChoices):
    CLAIMED = "claimed", "Claimed"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"
    AGREED = "agreed", "Agreed"


currency_code = RegexValidator(
    r"^[A-Z]{3}$", "Enter a three-letter ISO 4217 currency code, such as GBP."
)


class Remedy(PublishableModel):
    """One remedy sought, ordered, refused or agreed in a dispute, as the sources state
    it. An amount is recorded only where a source gives one; `basis` holds the words."""

    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="remedies",
        help_text="The dispute.",
    )
    kind = models.CharField(
        max_length=12, choices=RemedyKind.choices, help_text="What sort of remedy."
    )
    status = models.CharField(
        max_length=8,
        choices=RemedyStatus.choices,
        help_text="Claimed by a party, granted or refused by a court, or agreed.",
    )
    amount = models.DecimalField(
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The sum, where a source states one. Never estimated.",
    )
    currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[currency_code],
        help_text="ISO 4217 code of the amount's currency (GBP, USD, EUR, JPY ...).",
    )
    amount_note = models.CharField(
        max_length=100,
        blank=True,
        help_text="How the amount is qualified in the source: `at least`, `about`, "
        "`each`.",
    )
    date = models.DateField(
        null=True, blank=True, help_text="When it was claimed, ordered or agreed."
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text="How much of the date is known.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remedies",
        help_text="Where it was read; empty when it rests on the dispute's sources.",
    )
    basis = models.TextField(
        help_text="The words of the source (or the reference record) it rests on, "
        "verbatim."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the dispute."
    )

    class Meta:
        ordering = ["dispute", "position", "pk"]
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="remedy_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="remedy_amount_has_currency",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status"], name="remedy_kind_status_idx"),
        ]

    def __str__(self) -> str:
        words = f"{self.get_kind_display()} ({self.get_status_display().lower()})"
        return f"{words}: {self.amount_display}" if self.amount is not None else words

    def get_absolute_url(self) -> str:
        return self.dispute.get_absolute_url()

    def clean(self) -> None:
        errors = {}
        if self.amount is not None and not self.currency:
            errors["currency"] = "Give the currency of the amount."
        if self.currency and self.amount is None:
            errors["amount"] = "A currency needs an amount."
        if self.date and not self.date_precision:
            errors["date_precision"] = (
                "Say whether the date is known to the day, month or year."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def amount_display(self) -> str:
        if self.amount is None:
            return ""
        number = f"{self.amount:,.2f}".removesuffix(".00")
        note = f"{self.amount_note} " if self.amount_note else ""
        return f"{note}{self.currency} {number}"

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)
