"""The editorial workflow in the Django admin.

The admins of `core`, `law` and `cases` are extended here (this app sits above them)
rather than edited there: each is registered again as a subclass that

- makes every save one revision (django-reversion) with its author and comment,
- refuses a save made from a stale version, showing what changed meanwhile,
- shows the publication status read-only: it changes only through the workflow
  steps, offered as list actions and as buttons on the record's page, with links to
  its preview and its revisions,
- and checks the roles: submit needs the change permission, publish and withdraw
  the reviewer's `editorial.review_records`,
- and sends an editor's save of a published record to review (`proposals`): the
  save runs as usual, is captured once the record and its inline rows are written,
  and is rolled back; the editor lands on the proposed change. An editor with a
  pending change sees it in the form when reopening the record.
"""

import reversion
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse

from casebase.core.locking import StaleVersionError, VersionedModel
from casebase.core.models import PublicationStatus
from casebase.editorial import history, proposals, selectors, services
from casebase.editorial.admin_forms import RevisionFormMixin
from casebase.editorial.models import AuditEntry, WorkflowAction
from casebase.editorial.registry import WORKFLOW_MODELS, key_for

STEP_LABELS = {
    WorkflowAction.SUBMIT: "Submit for review",
    WorkflowAction.PUBLISH: "Approve and publish",
    WorkflowAction.WITHDRAW: "Withdraw",
    WorkflowAction.RETURN_TO_DRAFT: "Return to draft",
}


def editorial_links(request, obj) -> dict:
    """Links for a record's page: its steps, preview and revisions."""
    key = key_for(type(obj))
    args = [key, obj.pk]
    steps = [
        {
            "label": STEP_LABELS[action],
            "url": reverse("editorial:step", args=[*args, action]),
        }
        for action in services.TRANSITIONS
        if services.allowed(request.user, obj, action)
    ]
    return {
        "status": PublicationStatus(obj.publication_status).label,
        "steps": steps,
        "preview_url": reverse("editorial:preview", args=args),
        "revisions_url": reverse("editorial:revisions", args=args),
    }


class EditorialAdminMixin:
    change_form_template = "admin/editorial/change_form.html"
    actions = (
        "submit_selected",
        "publish_selected",
        "withdraw_selected",
        "return_selected_to_draft",
    )

    def has_review_permission(self, request) -> bool:
        return services.can_review(request.user)

    # ------------------------------------------------------------ the form

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "publication_status")

    def get_fieldsets(self, request, obj=None):
        fields = ["change_comment"]
        if obj is not None and isinstance(obj, VersionedModel):
            fields.append("expected_version")
        return [*super().get_fieldsets(request, obj), ("Save", {"fields": fields})]

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            shown = flatten_fieldsets(inline.get_fieldsets(request, obj))
            if "publication_status" in shown:
                inline.readonly_fields = (
                    *inline.readonly_fields,
                    "publication_status",
                )
        return inlines

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("expected_version")
        if change and isinstance(obj, VersionedModel) and expected is not None:
            # The save is the conditional UPDATE on the version the editor was shown.
            obj.version = expected
        request._editorial_comment = form.cleaned_data.get("change_comment", "")
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # Deleting a published record would bypass review: a reviewer does it.
        if obj is not None and services.needs_review(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # The list's "delete selected" must not bypass review either.
        if (
            not services.can_review(request.user)
            and queryset.filter(publication_status=PublicationStatus.PUBLISHED).exists()
        ):
            raise PermissionDenied("Published records are deleted by a reviewer.")
        super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "_editorial_capture", False):
            proposals.capture(form.instance, getattr(request, "_editorial_comment", ""))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                extra_context["editorial"] = editorial_links(request, obj)
                extra_context["editorial"]["others_pending"] = (
                    selectors.pending_changes(obj=obj, exclude_user=request.user)
                )
                if request.method == "POST" and self.has_change_permission(
                    request, obj
                ):
                    # A record made outside the editorial paths (no revision yet)
                    # keeps its stored state before this first recorded change.
                    history.ensure_baseline(obj)
                if services.needs_review(
                    request.user, obj
                ) and self.has_change_permission(request, obj):
                    return self._proposal_changeform(
                        request, obj, object_id, form_url, extra_context
                    )
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            return self._changeform_in_revision(
                request, object_id, form_url, extra_context
            )
        except StaleVersionError:
            # Another save landed between this form's check and its own: all of this
            # one was rolled back. Showing the form again lets its check say what.
            return self._changeform_in_revision(
                request, object_id, form_url, extra_context
            )

    def _proposal_changeform(self, request, obj, object_id, form_url, extra_context):
        """The change form of a published record for an editor: whatever it does is
        rolled back; a valid save is kept as a proposed change."""
        pending = proposals.pending_change(obj=obj, user=request.user)
        base = proposals.snapshot_now(obj)
        info = extra_context["editorial"]
        info["needs_review"], info["pending"] = True, pending
        request._editorial_capture = request.method == "POST"
        replayed = False
        try:
            with transaction.atomic():
                replayed = bool(pending) and proposals.replay(pending, obj)
                info["replayed"] = replayed
                response = super().changeform_view(
                    request, object_id, form_url, extra_context
                )
                if hasattr(response, "render"):
                    response.render()
                transaction.set_rollback(True)
            return response
        except proposals.Captured as captured:
            change = proposals.record(
                obj=obj,
                user=request.user,
                base=base,
                proposed=captured.snapshot,
                base_version=proposals.lock_version(obj),
                comment=captured.comment,
                replaces=pending if replayed else None,
            )
        if change is None:
            self.message_user(request, "Nothing changed: nothing was sent for review.")
            return redirect(request.path)
        self.message_user(
            request,
            f"“{obj}” is published: your change now waits for a reviewer. The public "
            "keeps seeing the approved version until it is approved.",
            messages.SUCCESS,
        )
        return redirect(change.get_absolute_url())

    def _changeform_in_revision(self, request, object_id, form_url, extra_context):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _revision_comment(self, request, obj, message) -> None:
        if not reversion.is_active():
            return
        from django.contrib.admin.models import LogEntry

        words = getattr(request, "_editorial_comment", "").strip()
        generated = LogEntry(change_message=message).get_change_message()
        reversion.set_comment(words or generated or "Changed.")

    def log_addition(self, request, obj, message):
        self._revision_comment(request, obj, message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._revision_comment(request, obj, message)
        return super().log_change(request, obj, message)

    # ------------------------------------------------------------ list actions

    def _run_step(self, request, queryset, action: str) -> None:
        done, refused = 0, []
        for obj in queryset:
            try:
                services.STEPS[action](obj=obj, user=request.user)
                done += 1
            except (PermissionDenied, services.TransitionError) as error:
                refused.append(f"{obj}: {error}")
        if done:
            verb = services.TRANSITIONS[action].verb
            self.message_user(
                request,
                f"{done} {model_ngettext(self.opts, done)} {verb}.",
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(
        description="Submit selected %(verbose_name_plural)s for review",
        permissions=["change"],
    )
    def submit_selected(self, request, queryset):
        self._run_step(request, queryset, WorkflowAction.SUBMIT)

    @admin.action(
        description="Approve and publish selected %(verbose_name_plural)s",
        permissions=["review"],
    )
    def publish_selected(self, request, queryset):
        self._run_step(request, queryset, WorkflowAction.PUBLISH)

    @admin.action(
        description="Withdraw selected %(verbose_name_plural)s",
        permissions=["review"],
    )
    def withdraw_selected(self, request, queryset):
        self._run_step(request, queryset, WorkflowAction.WITHDRAW)

    @admin.action(
        description="Return selected %(verbose_name_plural)s to draft",
        permissions=["change"],
    )
    def return_selected_to_draft(self, request, queryset):
        self._run_step(request, queryset, WorkflowAction.RETURN_TO_DRAFT)


def extend(model) -> None:
    """Register `model`'s admin again with the editorial workflow mixed in."""
    current = type(admin.site.get_model_admin(model))
    form = type(f"{model.__name__}EditorialForm", (RevisionFormMixin, current.form), {})
    extended = type(
        current.__name__,
        (EditorialAdminMixin, current),
        {"__module__": current.__module__, "form": form},
    )
    admin.site.unregister(model)
    admin.site.register(model, extended)


for _label in WORKFLOW_MODELS.values():
    _model = apps.get_model(_label)
    if admin.site.is_registered(_model):
        extend(_model)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: entries are written by the workflow services."""

    list_display = (
        "at",
        "object_repr",
        "content_type",
        "action",
        "username",
        "comment",
    )
    list_filter = ("action", "content_type", "to_status")
    search_fields = ("object_repr", "username", "comment")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
