"""The audit log: every workflow step, with who, when, from, to and why."""

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
