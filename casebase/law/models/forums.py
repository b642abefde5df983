"""Jurisdictions, legal theories and courts."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from casebase.core.models import PublishableModel


class Jurisdiction(models.Model):
    """A legal system a dispute belongs to (England and Wales, United States, ...)."""

    slug = models.SlugField(max_length=80, unique=True, help_text="URL name.")
    name = models.CharField(max_length=120, unique=True, help_text="Display name.")
    is_uk = models.BooleanField(
        default=False, help_text="Part of the United Kingdom's legal systems."
    )

    class Meta:
        ordering = ["-is_uk", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("law:jurisdiction-detail", args=[self.slug])


class LegalTheory(models.Model):
    """A head of claim: copyright, database right, trade secret, patent, ..."""

    slug = models.SlugField(max_length=80, unique=True, help_text="URL name.")
    name = models.CharField(max_length=120, unique=True, help_text="Display name.")
    description = models.TextField(
        blank=True, help_text="What the theory covers, in a sentence or two."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in lists and charts."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "legal theories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("law:theory-detail", args=[self.slug])


class Court(PublishableModel):
    slug = models.SlugField(max_length=120, unique=True, help_text="URL name.")
    name = models.CharField(max_length=255, unique=True, help_text="The court's name.")
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="courts",
        help_text="The legal system the court belongs to.",
    )
    tna_code = models.CharField(
        max_length=40,
        blank=True,
        help_text="The National Archives' court code (UKSC, EWCA-Civil, ...), for UK courts.",
    )

    class Meta:
        ordering = ["jurisdiction__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tna_code"],
                condition=~Q(tna_code=""),
                name="court_unique_tna_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("law:court-detail", args=[self.slug])
