"""Statutes and their provisions, identified as legislation.gov.uk identifies them."""

from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.urls import reverse

from casebase.core.locking import VersionedModel
from casebase.core.models import (
    PublicationStatus,
    PublishableModel,
    PublishableQuerySet,
    Source,
)
from casebase.law.models.forums import LegalTheory


class LegislationType(models.TextChoices):
    UKPGA = "ukpga", "UK Public General Act"
    UKSI = "uksi", "UK Statutory Instrument"
    ASP = "asp", "Act of the Scottish Parliament"
    SSI = "ssi", "Scottish Statutory Instrument"
    NIA = "nia", "Act of the Northern Ireland Assembly"
    NISR = "nisr", "Northern Ireland Statutory Rule"
    ASC = "asc", "Act of Senedd Cymru"
    WSI = "wsi", "Wales Statutory Instrument"


class Statute(PublishableModel):
    """An Act or statutory instrument, identified as legislation.gov.uk identifies it."""

    legislation_type = models.CharField(
        max_length=8,
        choices=LegislationType.choices,
        help_text="legislation.gov.uk type code (ukpga, uksi, ...).",
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1200), MaxValueValidator(2100)],
        help_text="Year of enactment or making.",
    )
    number = models.PositiveIntegerField(
        validators=[MinValueValidator(1)], help_text="Chapter or SI number."
    )
    short_title = models.CharField(max_length=255, help_text="Short title.")
    chapter_or_si = models.CharField(
        max_length=40,
        help_text="Chapter or SI number as cited: `1988 c. 48`, `SI 1997/3032`.",
    )

    class Meta:
        ordering = ["short_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["legislation_type", "year", "number"],
                name="statute_unique_identity",
            )
        ]

    def __str__(self) -> str:
        return self.short_title

    @property
    def legislation_path(self) -> str:
        return f"{self.legislation_type}/{self.year}/{self.number}"

    @property
    def legislation_gov_uk_url(self) -> str:
        return f"https://www.legislation.gov.uk/{self.legislation_path}/contents"

    @property
    def unit_name(self) -> str:
        """What the statute's parts are called in legislation.gov.uk URIs."""
        return (
            "section"
            if self.legislation_type in {"ukpga", "asp", "nia", "asc"}
            else ("regulation")
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "law:statute-detail", args=[self.legislation_type, self.year, self.number]
        )


class ProvisionQuerySet(PublishableQuerySet):
    def published(self):
        # A provision is public only while its Act or SI is: a withdrawn statute
        # takes its sections with it wherever they are embedded.
        return (
            super()
            .published()
            .filter(statute__publication_status=PublicationStatus.PUBLISHED)
        )


class Provision(VersionedModel, PublishableModel):
    """A section or regulation (or a subsection of one) that claims and precedents rely on."""

    statute = models.ForeignKey(
        Statute,
        on_delete=models.PROTECT,
        related_name="provisions",
        help_text="The Act or SI.",
    )
    label = models.CharField(
        max_length=120,
        help_text="The provision as cited: `s. 16`, `s. 1(2)(c)`, `reg. 12`.",
    )
    unit = models.CharField(
        max_length=12,
        default="section",
        validators=[
            RegexValidator(
                r"^(section|regulation)$", "Enter `section` or `regulation`."
            )
        ],
        help_text="`section` or `regulation`, as in the legislation.gov.uk URI.",
    )
    number = models.CharField(
        max_length=20,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z]{1,20}$",
                "Enter the number as in the URI: letters and digits only (`16`, `3A`).",
            )
        ],
        help_text="The section or regulation number in the URI: `16`, `3A`, `50BA`.",
    )
    heading = models.CharField(
        max_length=255, blank=True, help_text="Statutory heading."
    )
    summary = models.TextField(
        blank=True, help_text="A paraphrase of what it provides."
    )
    text = models.TextField(
        blank=True,
        help_text="The provision's words, as imported from legislation.gov.uk (CLML).",
    )
    legal_theories = models.ManyToManyField(
        LegalTheory,
        blank=True,
        related_name="provisions",
        help_text="The theories of claim it belongs to.",
    )
    relevance = models.CharField(
        max_length=255,
        blank=True,
        help_text="The area of law and why it matters for AI disputes, as recorded.",
    )
    legislation_uri = models.URLField(
        max_length=300, help_text="Its page on legislation.gov.uk."
    )
    notes = models.TextField(blank=True, help_text="Editorial notes.")
    source_type = models.CharField(
        max_length=200,
        blank=True,
        help_text="What kind of source the text was checked in.",
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="provisions", help_text="Where it was checked."
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order within the statute."
    )

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["statute__short_title", "position", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["statute", "label"], name="provision_unique_label"
            )
        ]
        indexes = [
            # Provision pages are looked up by their legislation.gov.uk-shaped path.
            models.Index(
                fields=["statute", "unit", "number"], name="provision_path_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statute.short_title}, {self.label}"

    @property
    def anchor(self) -> str:
        return "p-" + "".join(
            c if c.isalnum() else "-" for c in self.label.lower()
        ).strip("-")

    def get_absolute_url(self) -> str:
        s = self.statute
        url = reverse(
            "law:provision-detail",
            args=[s.legislation_type, s.year, s.number, self.unit, self.number],
        )
        return url
