"""Parties and AI systems."""

from django.db import models
from django.urls import reverse

from casebase.core.models import PublishableModel


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", "Organisation"
    PERSON = "person", "Person"
    CLASS = "class", "Class or group of claimants"
    STATE = "state", "State or public body"


class Party(PublishableModel):
    slug = models.SlugField(max_length=120, unique=True, help_text="URL name.")
    name = models.CharField(max_length=255, help_text="The name most often used.")
    kind = models.CharField(
        max_length=16,
        choices=PartyKind.choices,
        default=PartyKind.ORGANISATION,
        help_text="Organisation, person, class or state.",
    )
    description = models.TextField(blank=True, help_text="Who they are, briefly.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:party-detail", args=[self.slug])


class Weights(models.TextChoices):
    OPEN = "open", "Open weights"
    CLOSED = "closed", "Closed weights"
    UNKNOWN = "unknown", "Not recorded"


class AISystem(PublishableModel):
    slug = models.SlugField(max_length=120, unique=True, help_text="URL name.")
    name = models.CharField(
        max_length=200, help_text="Model or product name: `Claude`."
    )
    developer = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ai_systems",
        help_text="Who develops it.",
    )
    version = models.CharField(
        max_length=100, blank=True, help_text="Version, if one is meant."
    )
    weights = models.CharField(
        max_length=8,
        choices=Weights.choices,
        default=Weights.UNKNOWN,
        help_text="Whether the weights are published.",
    )
    description = models.TextField(blank=True, help_text="What it is, briefly.")

    class Meta:
        ordering = ["name"]
        verbose_name = "AI system"
        verbose_name_plural = "AI systems"

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()

    def get_absolute_url(self) -> str:
        return reverse("cases:system-detail", args=[self.slug])
