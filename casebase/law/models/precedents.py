"""Precedents, how later judgments treat them, and the citator status that follows."""

import re
from dataclasses import dataclass

from django.conf import settings
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
    parties = models.JSONField(
        default=list,
        blank=True,
        help_text="The parties as the judgment names them: "
        '[{"name": ..., "role": ...}] (filled by import).',
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

    def citator_flag(self) -> "CitatorFlag":
        """The citator flag, the later judgment that causes it and, for a judgment
        whose reversal was itself reversed, the judgment that restored it.

        Uses `citing_authorities` (prefetch it, with each citing judgment's own
        `citing_authorities`, for lists: `law.selectors.with_status`).
        """
        later = [a for a in self.citing_authorities.all() if a.citing.is_published]
        restored = []
        for a in later:
            if a.treatment == Treatment.REVERSED:
                undone_by = _reversed_by(a.citing, {self.pk})
                if undone_by is not None:
                    restored.append((a, undone_by))
                    continue
            if a.treatment in NEGATIVE_TREATMENTS:
                return CitatorFlag(PrecedentStatus.NEGATIVE, a)
        if self.appeal_pending:
            return CitatorFlag(PrecedentStatus.APPEAL_PENDING, None)
        if restored:
            return CitatorFlag(PrecedentStatus.CAUTION, *restored[0])
        for a in later:
            if a.treatment in CAUTION_TREATMENTS:
                return CitatorFlag(PrecedentStatus.CAUTION, a)
        return CitatorFlag(PrecedentStatus.GOOD_LAW, None)

    def status_with_reason(self) -> tuple[str, "Authority | None"]:
        """The citator flag and the later judgment that causes it.

        For a judgment restored on further appeal the authority returned is the
        reversal, carrying `restored_by` (the reversal of that reversal).
        """
        flag = self.citator_flag()
        if flag.authority is not None:
            flag.authority.restored_by = flag.restored_by
        return flag.status, flag.authority

    @property
    def status(self) -> str:
        return self.status_with_reason()[0]


def _reversed_by(judgment: Precedent, seen: set[int]) -> "Authority | None":
    """The published later judgment that reversed `judgment`, unless that reversal
    was itself reversed (then `judgment` stands, and None is returned). `seen`
    guards against a mis-entered loop."""
    seen = seen | {judgment.pk}
    for r in judgment.citing_authorities.all():
        if (
            r.treatment == Treatment.REVERSED
            and r.citing.is_published
            and r.citing_id not in seen
            and _reversed_by(r.citing, seen) is None
        ):
            return r
    return None


@dataclass(frozen=True)
class CitatorFlag:
    """A precedent's status and why. `restored_by` is set when the judgment that
    reversed it (`authority`) was itself reversed on further appeal: the result is
    restored, but the reasoning may not be, hence caution."""

    status: str
    authority: "Authority | None"
    restored_by: "Authority | None" = None

    @property
    def reason(self) -> str:
        a = self.authority
        if a is None:
            return ""
        text = f"{a.get_treatment_display()} in {a.citing}"
        if self.restored_by is not None:
            text += (
                f", itself reversed in {self.restored_by.citing}: "
                "restored on further appeal"
            )
        return text


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
    reason = models.TextField(
        blank=True,
        help_text="Why the later judgment treats it so, in the judgment's words or "
        "the editor's. Required for every treatment an editor sets.",
    )
    pinpoint = models.CharField(
        max_length=40,
        blank=True,
        help_text="The paragraph(s) of the later judgment where the treatment is: "
        "`[12]` or `[12]-[14]`. Required for every treatment an editor sets.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who set the treatment (empty for reference data).",
    )
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

    # Set by Precedent.status_with_reason() on a reversal that was itself reversed.
    restored_by: "Authority | None" = None

    def __str__(self) -> str:
        return (
            f"{self.citing.primary_citation} {self.get_treatment_display().lower()} "
            f"{self.cited.primary_citation}"
        )

    @property
    def paragraph_numbers(self) -> list[str]:
        """The paragraph numbers the pinpoint names (`[12]-[14]` gives 12 and 14)."""
        return PARAGRAPH_NUMBER.findall(self.pinpoint or "")

    @property
    def first_paragraph_anchor(self) -> str:
        numbers = self.paragraph_numbers
        return f"para-{numbers[0]}" if numbers else ""


PARAGRAPH_NUMBER = re.compile(r"\d{1,4}")
