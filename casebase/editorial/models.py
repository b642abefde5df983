"""The audit log (every workflow step, with who, when, from, to and why) and the
changes to published records that wait for a reviewer."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from casebase.core.models import PublicationStatus


class WorkflowAction(models.TextChoices):
    SUBMIT = "submit", "Submitted for review"
    PUBLISH = "publish", "Approved and published"
    WITHDRAW = "withdraw", "Withdrawn"
    RETURN_TO_DRAFT = "return_to_draft", "Returned to draft"
    RESTORE = "restore", "Restored an earlier revision"
    PROPOSE = "propose", "Proposed a change"
    APPROVE_CHANGE = "approve_change", "Approved a proposed change"
    REJECT_CHANGE = "reject_change", "Rejected a proposed change"


class AuditEntry(models.Model):
    """One workflow step on one record. Written only by `editorial.services`."""

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        help_text="The kind of record (dispute, precedent, ...).",
    )
    object_id = models.PositiveBigIntegerField(help_text="The record's id.")
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(
        max_length=500, help_text="The record's name when the step was taken."
    )
    action = models.CharField(
        max_length=20, choices=WorkflowAction.choices, help_text="The step taken."
    )
    from_status = models.CharField(
        max_length=16,
        choices=PublicationStatus.choices,
        help_text="The publication status before the step.",
    )
    to_status = models.CharField(
        max_length=16,
        choices=PublicationStatus.choices,
        help_text="The publication status after it.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="editorial_steps",
        help_text="Who took the step (empty once that account is deleted).",
    )
    username = models.CharField(
        max_length=150,
        help_text="Their username, kept when the account is deleted.",
    )
    at = models.DateTimeField(
        auto_now_add=True, db_index=True, help_text="When the step was taken."
    )
    comment = models.TextField(blank=True, help_text="Why, in the user's words.")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit-log entry"
        verbose_name_plural = "audit log"
        indexes = [
            # A record's trail, newest first, is read on its history page.
            models.Index(
                fields=["content_type", "object_id", "-at"], name="audit_record_idx"
            ),
        ]
        permissions = [
            ("review_records", "Can approve, publish and withdraw records"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()} by {self.username}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved and applied"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Replaced by a later proposal"
    CANCELLED = "cancelled", "Cancelled by its author"


class ProposedChange(models.Model):
    """An editor's save of a published record, held until a reviewer decides.

    `base` is the record (with the rows it owns) as it was when the editor saved;
    `proposed` is what the save would have made it. Both are snapshots in the shape
    of `history.live_snapshot()` (a list of rows with their serialized fields), so
    the reviewer's diff and the approval are the same code as a restore. Written
    only by `editorial.proposals`.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, help_text="The kind of record."
    )
    object_id = models.PositiveBigIntegerField(help_text="The record's id.")
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(
        max_length=500, help_text="The record's name when the change was proposed."
    )
    status = models.CharField(
        max_length=16,
        choices=ChangeStatus.choices,
        default=ChangeStatus.PENDING,
        db_index=True,
        help_text="Waiting for review, or what became of it.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_changes",
        help_text="The editor who made the change.",
    )
    proposer_name = models.CharField(
        max_length=150, help_text="Their username, kept when the account is deleted."
    )
    created_at = models.DateTimeField(
        auto_now_add=True, help_text="When the change was proposed."
    )
    updated_at = models.DateTimeField(
        auto_now=True, help_text="When the proposal was last changed."
    )
    comment = models.TextField(blank=True, help_text="The editor's note on the change.")
    base_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The record's lock version the change was made from (for records "
        "with optimistic locking); approval is refused once it has moved on.",
    )
    base = models.JSONField(help_text="The approved record the change starts from.")
    proposed = models.JSONField(help_text="The record as the change would make it.")
    new_rows = models.JSONField(
        default=list,
        blank=True,
        help_text="Rows the change adds, as [model label, provisional id] pairs.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_changes",
        help_text="The reviewer who approved or rejected it.",
    )
    decider_name = models.CharField(
        max_length=150, blank=True, help_text="Their username, kept."
    )
    decided_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was approved or rejected."
    )
    decision_comment = models.TextField(
        blank=True, help_text="The reviewer's reason, shown to the editor."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The review queue and "is there a pending change on this record?".
            models.Index(
                fields=["content_type", "object_id", "status"],
                name="proposal_record_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Change to {self.object_repr} by {self.proposer_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("editorial:change", args=[self.pk])
