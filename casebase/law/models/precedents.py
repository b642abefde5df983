"""Precedents, how later judgments treat them, and the citator status that follows."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from casebase.core.dates import DatePrecision, format_partial_date
from casebase.core.locking import VersionedModel
from casebase.core.models import PublishableModel, Source
from casebase.law.models.forums import Court, LegalTheory
from casebase.law.models.legislation import Provision


class Treatment(models.TextChoices):
    FOLLOWED = "followed", "Followed"
    APPLIED = "applied", "Applied"
    AFFIRMED = "affirmed", "Affirmed"
    CONSIDERED = "considered", "Considered"
    DISTINGUISHED = "distinguished", "Distinguished"
    DOUBTED = "doubted", "Doubted"
    DEPARTED_FROM = "departed_from", "Departed from"
    OVERRULED = "overruled", "Overruled"
    REVERSED = "reversed", "Reversed"


NEGATIVE_TREATMENTS = {Treatment.OVERRULED, Treatment.REVERSED, Treatment.DEPARTED_FROM}
CAUTION_TREATMENTS = {Treatment.DOUBTED, Treatment.DISTINGUISHED}


class PrecedentStatus(models.TextChoices):
    GOOD_LAW = "good_law", "Good law"
    CAUTION = "caution", "Caution"
    NEGATIVE = "negative", "Negative treatment"
    APPEAL_PENDING = "appeal_pending", "Appeal pending"


class Precedent(VersionedModel, PublishableModel):
    """A judgment: neutral citation, reports, court, date, judges, holding, later history."""

    slug = models.SlugField(max_length=200, unique=True, help_text="URL name.")
    case_name = models.CharField(max_length=500, help_text="The case name as reported.")
    neutral_citation = models.CharField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text="`[2023] UKSC 49`, or an EU case number and ECLI. Empty for judgments "
        "older than neutral citations.",
    )
    citation_path = models.CharField(
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The citation-shaped URL path (`uksc/2023/49`), derived from the "
        "neutral citation.",
    )
    law_report_citations = models.JSONField(
        default=list, blank=True, help_text="Law-report citations: `[2024] Bus LR 47`."
    )
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="precedents",
        help_text="The court that gave the judgment.",
    )
    court_detail = models.CharField(
        max_length=500,
        blank=True,
        help_text="The court and bench as recorded (division, judges, case number).",
    )
    decision_date = models.DateField(help_text="Date of the judgment.")
    decision_date_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Anything more about the date (hearing dates).",
    )
    judges = models.CharField(max_length=500, blank=True, help_text="The judges.")
    legal_theories = models.ManyToManyField(
        LegalTheory,
        blank=True,
        related_name="precedents",
        help_text="Theories it decides.",
    )
    subject = models.CharField(
        max_length=255, blank=True, help_text="The area of law, as recorded."
    )
    holding = models.TextField(help_text="What it decided (a paraphrase).")
    later_history = models.TextField(
        blank=True, help_text="Appeals and later treatment, as recorded."
    )
    notes = models.TextField(blank=True, help_text="Editorial notes.")
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="precedents",
        help_text="Provisions the judgment construes or applies.",
    )
    appeal_pending = models.BooleanField(
        default=False, help_text="An appeal from this judgment is pending."
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="precedents", help_text="Where it was checked."
    )

    class Meta:
        ordering = ["-decision_date", "case_name"]
        indexes = [
            models.Index(fields=["decision_date"], name="precedent_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_name} {self.primary_citation}".strip()

    @property
    def primary_citation(self) -> str:
        if self.neutral_citation:
            return self.neutral_citation
        return self.law_report_citations[0] if self.law_report_citations else ""

    @property
    def all_citations(self) -> list[str]:
        return ([self.neutral_citation] if self.neutral_citation else []) + list(
            self.law_report_citations
        )

    @property
    def decision_date_display(self) -> str:
        return format_partial_date(self.decision_date, DatePrecision.DAY)

    def save(self, *args, **kwargs):
        from casebase.citations.neutral import citation_path

        self.citation_path = citation_path(self.neutral_citation or "") or None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.citation_path:
            return reverse("law:precedent-by-citation", args=[self.citation_path])
        return reverse("law:precedent-detail", args=[self.slug])

    def status_with_reason(self) -> tuple[str, "Authority | None"]:
        """The citator flag and the later judgment that causes it.

        Uses `citing_authorities` (prefetch it for lists) and follows the worst treatment.
        """
        later = [a for a in self.citing_authorities.all() if a.citing.is_published]
        for a in later:
            if a.treatment in NEGATIVE_TREATMENTS:
                return PrecedentStatus.NEGATIVE, a
        if self.appeal_pending:
            return PrecedentStatus.APPEAL_PENDING, None
        for a in later:
            if a.treatment in CAUTION_TREATMENTS:
                return PrecedentStatus.CAUTION, a
        return PrecedentStatus.GOOD_LAW, None

    @property
    def status(self) -> str:
        return self.status_with_reason()[0]


class Authority(PublishableModel):
    """One judgment's treatment of another: `citing` applied / reversed / ... `cited`."""

    citing = models.ForeignKey(
        Precedent,
        on_delete=models.CASCADE,
        related_name="authorities_cited",
        help_text="The later judgment.",
    )
    cited = models.ForeignKey(
        Precedent,
        on_delete=models.CASCADE,
        related_name="citing_authorities",
        help_text="The earlier judgment it treats.",
    )
    treatment = models.CharField(
        max_length=16,
        choices=Treatment.choices,
        help_text="How the later judgment treats it.",
    )
    note = models.TextField(blank=True, help_text="The words recording the treatment.")
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="authorities",
        help_text="Where it was checked.",
    )

    class Meta:
        verbose_name_plural = "authorities"
        ordering = ["-citing__decision_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["citing", "cited", "treatment"], name="authority_unique"
            ),
            models.CheckConstraint(
                condition=~Q(citing=models.F("cited")), name="authority_not_self"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.citing.primary_citation} {self.get_treatment_display().lower()} "
            f"{self.cited.primary_citation}"
        )
