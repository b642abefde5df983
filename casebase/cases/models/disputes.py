"""Disputes and who and what they involve: parties, AI systems, judgments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from casebase.cases.models.parties import AISystem, Party
from casebase.core.dates import DatePrecision, format_partial_date
from casebase.core.locking import VersionedModel
from casebase.core.models import PublishableModel, Source
from casebase.law.models import Court, Jurisdiction, Precedent


class Stage(models.TextChoices):
    ALLEGED = "alleged", "Alleged (no proceedings)"
    PRE_ACTION = "pre_action", "Pre-action"
    FILED = "filed", "Filed"
    PENDING = "pending", "Pending"
    TRIAL = "trial", "Trial"
    JUDGMENT = "judgment", "Judgment"
    APPEAL = "appeal", "Appeal"
    SETTLED = "settled", "Settled"
    DISMISSED = "dismissed", "Dismissed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Outcome(models.TextChoices):
    PENDING = "pending", "No decision yet"
    CLAIMANT_SUCCESS = "claimant_success", "For the claimant"
    MIXED = "mixed", "Mixed"
    DEFENDANT_SUCCESS = "defendant_success", "For the defendant"
    SETTLED = "settled", "Settled"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNKNOWN = "unknown", "Not known"


class Dispute(VersionedModel, PublishableModel):
    """One dispute: from a public accusation to a final judgment."""

    slug = models.SlugField(max_length=200, unique=True, help_text="URL name.")
    title = models.CharField(max_length=500, help_text="The full caption.")
    short_title = models.CharField(
        max_length=200, blank=True, help_text="The short name a lawyer would write."
    )
    summary = models.TextField(blank=True, help_text="What the dispute is about.")
    jurisdictions = models.ManyToManyField(
        Jurisdiction,
        related_name="disputes",
        help_text="The legal systems it belongs to (usually one).",
    )
    jurisdiction_detail = models.CharField(
        max_length=500,
        blank=True,
        help_text="The jurisdiction as recorded, with any note.",
    )
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        help_text="The court seised. Empty when there are no proceedings.",
    )
    court_detail = models.CharField(
        max_length=500,
        blank=True,
        help_text="The court as recorded (judge, later courts).",
    )
    case_number = models.CharField(
        max_length=255, blank=True, help_text="Claim or docket number(s), as recorded."
    )
    stage = models.CharField(
        max_length=16,
        choices=Stage.choices,
        default=Stage.ALLEGED,
        help_text="Where it stands.",
    )
    outcome = models.CharField(
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.PENDING,
        help_text="The result of the latest decision on the merits.",
    )
    status_text = models.TextField(
        blank=True,
        help_text="Where the dispute stands, in words, as of `status_as_of`.",
    )
    status_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="Date of the latest source read for the status.",
    )
    status_as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True, help_text="Precision."
    )
    status_as_of_note = models.CharField(
        max_length=255, blank=True, help_text="Anything more about that date."
    )
    filed_date = models.DateField(
        null=True, blank=True, help_text="When the claim was filed."
    )
    filed_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True, help_text="Precision."
    )
    filed_date_note = models.CharField(
        max_length=500, blank=True, help_text="Anything more about the filing date."
    )
    first_decision_date = models.DateField(
        null=True,
        blank=True,
        help_text="First decision on the merits or a dispositive ruling.",
    )
    first_decision_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True, help_text="Precision."
    )
    resolved_date = models.DateField(
        null=True, blank=True, help_text="When the dispute finally ended."
    )
    resolved_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True, help_text="Precision."
    )
    defence_position = models.TextField(
        blank=True, help_text="What the defendant says."
    )
    notes = models.TextField(blank=True, help_text="Editorial notes.")
    source_type = models.CharField(
        max_length=200,
        blank=True,
        help_text="What kind of sources the record rests on.",
    )
    parties = models.ManyToManyField(
        Party,
        through="DisputeParty",
        related_name="disputes",
        help_text="Who is involved.",
    )
    ai_systems = models.ManyToManyField(
        AISystem,
        through="DisputeSystem",
        related_name="disputes",
        help_text="AI systems.",
    )
    precedents = models.ManyToManyField(
        Precedent,
        through="DisputePrecedent",
        related_name="disputes",
        help_text="Judgments in or relied on by the dispute.",
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="disputes",
        help_text="Where the facts were read.",
    )

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_decision_date__isnull=True)
                | Q(filed_date__isnull=True)
                | Q(first_decision_date__gte=F("filed_date")),
                name="dispute_decision_not_before_filing",
            ),
            models.CheckConstraint(
                condition=Q(resolved_date__isnull=True)
                | Q(filed_date__isnull=True)
                | Q(resolved_date__gte=F("filed_date")),
                name="dispute_resolution_not_before_filing",
            ),
        ]
        indexes = [
            # The public list filters on these; each with the publication filter first.
            models.Index(
                fields=["publication_status", "stage"], name="dispute_pub_stage_idx"
            ),
            models.Index(
                fields=["publication_status", "outcome"], name="dispute_pub_outcome_idx"
            ),
            models.Index(
                fields=["publication_status", "filed_date"],
                name="dispute_pub_filed_idx",
            ),
            models.Index(
                fields=["publication_status", "-updated_at"],
                name="dispute_pub_updated_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:dispute-detail", args=[self.slug])

    def clean(self) -> None:
        errors = {}
        if (
            self.filed_date
            and self.first_decision_date
            and (self.first_decision_date < self.filed_date)
        ):
            errors["first_decision_date"] = (
                "The first decision cannot come before the filing."
            )
        if (
            self.filed_date
            and self.resolved_date
            and self.resolved_date < self.filed_date
        ):
            errors["resolved_date"] = "The dispute cannot end before it was filed."
        for field in (
            "filed_date",
            "first_decision_date",
            "resolved_date",
            "status_as_of",
        ):
            precision_field = {
                "filed_date": "filed_date_precision",
                "first_decision_date": "first_decision_precision",
                "resolved_date": "resolved_precision",
                "status_as_of": "status_as_of_precision",
            }[field]
            if getattr(self, field) and not getattr(self, precision_field):
                errors[precision_field] = (
                    "Say whether the date is known to the day, month or year."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def has_forum(self) -> bool:
        return self.court_id is not None

    @property
    def filed_display(self) -> str:
        return format_partial_date(self.filed_date, self.filed_date_precision)

    @property
    def status_as_of_display(self) -> str:
        return format_partial_date(self.status_as_of, self.status_as_of_precision)

    @property
    def first_decision_display(self) -> str:
        return format_partial_date(
            self.first_decision_date, self.first_decision_precision
        )

    @property
    def resolved_display(self) -> str:
        return format_partial_date(self.resolved_date, self.resolved_precision)


class PartyRole(models.TextChoices):
    CLAIMANT = "claimant", "Claimant"
    DEFENDANT = "defendant", "Defendant"
    APPELLANT = "appellant", "Appellant"
    RESPONDENT = "respondent", "Respondent"
    INTERVENER = "intervener", "Intervener"


class DisputeParty(models.Model):
    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="party_roles",
        help_text="The dispute.",
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="dispute_roles",
        help_text="The party.",
    )
    role = models.CharField(
        max_length=12, choices=PartyRole.choices, help_text="The party's role."
    )
    names_as_pleaded = models.JSONField(
        default=list,
        blank=True,
        help_text="The party's names exactly as the record gives them.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the role."
    )

    class Meta:
        ordering = ["role", "position", "pk"]
        verbose_name = "party to the dispute"
        verbose_name_plural = "parties to the dispute"
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "party"], name="dispute_party_one_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()})"


class SystemRole(models.TextChoices):
    ALLEGEDLY_COPIED = "allegedly_copied", "Allegedly copied"
    ACCUSED = "accused", "Accused"
    TRAINED_ON = "trained_on", "Trained on the works in issue"
    PRODUCED_OUTPUT = "produced_output", "Produced the outputs in issue"
    OTHER = "other", "Other"


class DisputeSystem(models.Model):
    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="system_roles",
        help_text="The dispute.",
    )
    system = models.ForeignKey(
        AISystem,
        on_delete=models.PROTECT,
        related_name="dispute_roles",
        help_text="The system.",
    )
    role = models.CharField(
        max_length=20, choices=SystemRole.choices, help_text="Its role in the dispute."
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="The role, as recorded."
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "AI system in the dispute"
        verbose_name_plural = "AI systems in the dispute"
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "system", "role"], name="dispute_system_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.system} ({self.get_role_display()})"


class PrecedentRelation(models.TextChoices):
    JUDGMENT = "judgment", "Judgment in this dispute"
    RELIES_ON = "relies_on", "Relied on"


class DisputePrecedent(models.Model):
    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="precedent_links",
        help_text="Dispute.",
    )
    precedent = models.ForeignKey(
        Precedent,
        on_delete=models.PROTECT,
        related_name="dispute_links",
        help_text="Judgment.",
    )
    relation = models.CharField(
        max_length=12,
        choices=PrecedentRelation.choices,
        default=PrecedentRelation.RELIES_ON,
        help_text="How the dispute relates to the judgment.",
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="Why it matters here."
    )

    class Meta:
        ordering = ["precedent__decision_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "precedent"], name="dispute_precedent_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dispute} - {self.precedent}"
