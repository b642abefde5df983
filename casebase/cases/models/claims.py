"""Claims: one legal theory asserted in a dispute, with its own result."""

from django.db import models

from casebase.cases.models.disputes import Dispute
from casebase.core.models import PublishableModel, Source
from casebase.law.models import LegalTheory, Provision


class ClaimNature(models.TextChoices):
    CLAIM = "claim", "Claim"
    DEFENCE = "defence", "Defence"


class ClaimResult(models.TextChoices):
    ASSERTED = "asserted", "Asserted (undecided)"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    REJECTED = "rejected", "Rejected"
    ABANDONED = "abandoned", "Abandoned"
    NOT_DECIDED = "not_decided", "Not decided"


class Claim(PublishableModel):
    """One legal theory asserted in a dispute, with its own result."""

    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="claims",
        help_text="The dispute.",
    )
    theory = models.ForeignKey(
        LegalTheory,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="Legal theory.",
    )
    nature = models.CharField(
        max_length=8,
        choices=ClaimNature.choices,
        default=ClaimNature.CLAIM,
        help_text="A claim, or a defence raised against one.",
    )
    description = models.CharField(
        max_length=500, help_text="The claim as pleaded or recorded."
    )
    result = models.CharField(
        max_length=16,
        choices=ClaimResult.choices,
        default=ClaimResult.ASSERTED,
        help_text="What became of it.",
    )
    result_note = models.CharField(
        max_length=500, blank=True, help_text="The words recording the result."
    )
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="claims",
        help_text="Provisions it relies on.",
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="claims", help_text="Where it was read."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the dispute."
    )

    class Meta:
        ordering = ["dispute", "position", "pk"]
        indexes = [
            models.Index(fields=["theory", "result"], name="claim_theory_result_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.theory}: {self.description}"
