"""Disputes and what they are made of: parties, AI systems, claims, evidence, events."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from casebase.core.dates import DatePrecision, format_partial_date
from casebase.core.models import PublishableModel, PublishableQuerySet, Source
from casebase.law.models import Court, Jurisdiction, LegalTheory, Precedent, Provision


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


class Dispute(PublishableModel):
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


class EvidenceKind(models.TextChoices):
    OUTPUT_COMPARISON = "output_comparison", "Output comparison"
    WATERMARK_PROMPTS = "watermark_prompts", "Watermark or canary prompts"
    ARCHITECTURE = "architecture", "Architecture similarity"
    WEIGHTS_FINGERPRINT = "weights_fingerprint", "Weights fingerprint"
    TRAINING_DATA = "training_data", "Training-data provenance"
    EXPERT_REPORT = "expert_report", "Expert report"
    WITNESS_STATEMENT = "witness_statement", "Witness statement"
    DOCUMENT = "document", "Document"


class Confidentiality(models.TextChoices):
    PUBLIC = "public", "Public"
    REDACTED = "redacted", "Redacted (public description only)"
    SEALED = "sealed", "Sealed (editors only)"


class ReliedOnBy(models.TextChoices):
    CLAIMANT = "claimant", "Claimant"
    DEFENDANT = "defendant", "Defendant"
    COURT = "court", "The court (of its own motion)"
    THIRD_PARTY = "third_party", "Third party"


class Assessment(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not assessed by a court"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    REJECTED = "rejected", "Rejected"
    LITTLE_WEIGHT = "little_weight", "Given little weight"


class EvidenceQuerySet(PublishableQuerySet):
    def published(self):
        # Sealed evidence is never public, whatever its publication status.
        return super().published().exclude(confidentiality=Confidentiality.SEALED)


class Evidence(PublishableModel):
    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="evidence",
        help_text="The dispute.",
    )
    reference = models.CharField(
        max_length=40, blank=True, help_text="Exhibit reference, if any (`E1`, `JV-3`)."
    )
    kind = models.CharField(
        max_length=20, choices=EvidenceKind.choices, help_text="What sort of evidence."
    )
    title = models.CharField(max_length=255, blank=True, help_text="Short title.")
    description = models.TextField(
        help_text="What it shows. Hidden when redacted or sealed."
    )
    public_description = models.TextField(
        blank=True, help_text="What the public may see of redacted evidence."
    )
    is_allegation = models.BooleanField(
        default=True,
        help_text="Known only as a party's allegation, not as evidence tested in court.",
    )
    relied_on_by = models.CharField(
        max_length=12,
        choices=ReliedOnBy.choices,
        default=ReliedOnBy.CLAIMANT,
        help_text="Who relies on it.",
    )
    claims = models.ManyToManyField(
        Claim, blank=True, related_name="evidence", help_text="The claims it supports."
    )
    assessment = models.CharField(
        max_length=16,
        choices=Assessment.choices,
        default=Assessment.NOT_ASSESSED,
        help_text="How the court assessed it.",
    )
    assessment_note = models.TextField(
        blank=True, help_text="The court's words, or a summary."
    )
    confidentiality = models.CharField(
        max_length=8,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
        db_index=True,
        help_text="Redacted shows only the public description; sealed hides it from the public.",
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="evidence", help_text="Where it was read."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the dispute."
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["dispute", "position", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def shown_description(self) -> str:
        """What a public page may print."""
        if self.confidentiality == Confidentiality.PUBLIC:
            return self.description
        return self.public_description


class PromptKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinary prompt"
    WATERMARK = "watermark", "Watermark prompt"
    CANARY = "canary", "Canary prompt"
    NONSENSE = "nonsense", "Nonsense input"


class OutputComparison(PublishableModel):
    """A prompt and what two or more AI systems answered to it."""

    evidence = models.ForeignKey(
        Evidence,
        on_delete=models.CASCADE,
        related_name="comparisons",
        help_text="The evidence item it belongs to.",
    )
    prompt = models.TextField(help_text="The prompt as sent.")
    prompt_kind = models.CharField(
        max_length=10,
        choices=PromptKind.choices,
        default=PromptKind.ORDINARY,
        help_text="Why the prompt was chosen.",
    )
    notes = models.TextField(blank=True, help_text="How the outputs were obtained.")

    class Meta:
        ordering = ["evidence", "pk"]

    def __str__(self) -> str:
        return self.prompt[:80]


class ComparisonOutput(models.Model):
    comparison = models.ForeignKey(
        OutputComparison,
        on_delete=models.CASCADE,
        related_name="outputs",
        help_text="The comparison.",
    )
    system = models.ForeignKey(
        AISystem,
        on_delete=models.PROTECT,
        related_name="outputs",
        help_text="Which system.",
    )
    output = models.TextField(help_text="The system's output, verbatim.")
    captured_at = models.DateTimeField(
        null=True, blank=True, help_text="When the output was obtained."
    )
    settings = models.JSONField(
        default=dict,
        blank=True,
        help_text="Sampling settings (temperature, seed, ...).",
    )

    class Meta:
        ordering = ["comparison", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "system"], name="comparison_output_one_per_system"
            )
        ]

    def __str__(self) -> str:
        return f"{self.system}: {self.output[:60]}"


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
