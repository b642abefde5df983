"""The editorial workflow in the Django admin.

The admins of `core`, `law` and `cases` are extended here (this app sits above them)
rather than edited there: each is registered again as a subclass that

- makes every save one revision (django-reversion) with its author and comment,
- refuses a save made from a stale version, showing what changed meanwhile,
- shows the publication status read-only: it changes only through the workflow
  steps, offered as list actions and as buttons on the record's page, with links to
  its preview and its revisions,
- and checks the roles: submit needs the change permission, publish and withdraw
  the reviewer's `editorial.review_records`.
"""

import reversion
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext, unquote
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casebase.core.locking import StaleVersionError, VersionedModel
from casebase.core.models import PublicationStatus
from casebase.editorial import history, services
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                extra_context["editorial"] = editorial_links(request, obj)
                if self.has_change_permission(request, obj):
                    history.ensure_baseline(obj)
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
