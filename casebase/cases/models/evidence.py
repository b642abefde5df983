"""Evidence, its confidentiality, and output comparisons."""

from django.core.exceptions import ValidationError
from django.db import models

from casebase.cases.attachments import (
    evidence_storage,
    evidence_upload_to,
    inspect_upload,
)
from casebase.cases.attachments import label as attachment_label
from casebase.cases.models.claims import Claim
from casebase.cases.models.disputes import Dispute
from casebase.cases.models.parties import AISystem
from casebase.core.models import PublishableModel, PublishableQuerySet, Source


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
    attachment = models.FileField(
        upload_to=evidence_upload_to,
        storage=evidence_storage,
        max_length=200,
        blank=True,
        help_text="The exhibit itself: a PDF, an image or a plain-text file. Its type "
        "is read from its content; it is served to the public only when the evidence "
        "is public.",
    )
    attachment_name = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The file's name as uploaded (shown to readers, never used to "
        "store it).",
    )
    attachment_type = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text="The content type read from the file's content.",
    )
    attachment_size = models.PositiveBigIntegerField(
        null=True, blank=True, editable=False, help_text="The file's size in bytes."
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

    def clean(self) -> None:
        if not self.attachment:
            self.attachment_name, self.attachment_type = "", ""
            self.attachment_size = None
        elif not self.attachment._committed:
            # A new upload: check it and record what it is before it is stored.
            try:
                info = inspect_upload(self.attachment)
            except ValidationError as error:
                raise ValidationError({"attachment": error.messages}) from error
            self.attachment_name = info.original_name
            self.attachment_type = info.content_type
            self.attachment_size = info.size

    @property
    def attachment_label(self) -> str:
        return attachment_label(self.attachment_type)

    @property
    def shown_description(self) -> str:
        """What a public page may print."""
        if self.confidentiality == Confidentiality.PUBLIC:
            return self.description
        return self.public_description

    @property
    def shown_assessment_note(self) -> str:
        """The court's note as a public page may print it: none for a redaction."""
        if self.confidentiality == Confidentiality.PUBLIC:
            return self.assessment_note
        return ""


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
