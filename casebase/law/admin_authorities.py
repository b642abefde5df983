"""The editors' admin for treatments (Authority rows): each with a required reason
and pinpoint paragraph, and the editor who set it."""

from django import forms
from django.contrib import admin

from casebase.core.admin import (
    PUBLICATION_FIELDSET,
    RECORD_FIELDSET,
    PublishableAdmin,
    TabularInline,
)
from casebase.law import treatments
from casebase.law.models import Authority


class AuthorityForm(forms.ModelForm):
    """A treatment an editor sets: its reason and the paragraph of the later judgment
    where it is are required (reference rows may lack them; editors' may not). Says
    plainly that a judgment cannot treat itself (the database only refuses)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reason" in self.fields:
            self.fields["reason"].widget.attrs.setdefault("rows", 2)
        for name in ("reason", "pinpoint"):
            if name in self.fields:
                # Enforced in clean_* only on rows the editor adds or changes, so a
                # reference row without a pinpoint does not block an unrelated edit.
                self.fields[name].label = f"{self.fields[name].label} (required)"

    def _stated_by_editor(self) -> bool:
        return self.instance._state.adding or self.has_changed()

    def clean_reason(self) -> str:
        return treatments.stated_reason(
            self.cleaned_data.get("reason"),
            current=self.instance.reason,
            stated=self._stated_by_editor(),
        )

    def clean_pinpoint(self) -> str:
        return treatments.stated_pinpoint(
            self.cleaned_data.get("pinpoint"),
            current=self.instance.pinpoint,
            stated=self._stated_by_editor(),
        )

    def clean(self):
        cleaned = super().clean()
        citing, cited = cleaned.get("citing"), cleaned.get("cited")
        if citing is None and "citing" not in self.fields:
            citing = getattr(self.instance, "citing", None)
        try:
            treatments.check_paragraph_held(citing, cleaned.get("pinpoint"))
        except forms.ValidationError as error:
            self.add_error("pinpoint", error)
        if treatments.cites_itself(citing, cited):
            # On the field the editor chose, so the constraint check is skipped.
            editable = [
                name
                for name in ("cited", "citing")
                if name in self.fields
                and not isinstance(
                    self.fields[name], forms.models.InlineForeignKeyField
                )
            ]
            self.add_error(editable[0] if editable else None, treatments.CITES_ITSELF)
        return cleaned


class AuthoritiesCitedInline(TabularInline):
    model = Authority
    form = AuthorityForm
    fk_name = "citing"
    fields = ("cited", "treatment", "reason", "pinpoint", "publication_status")
    autocomplete_fields = ("cited",)
    verbose_name = "earlier judgment this one treats"
    verbose_name_plural = "earlier judgments this one treats (authorities cited)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("citing", "cited")


class CitingAuthoritiesInline(AuthoritiesCitedInline):
    fk_name = "cited"
    fields = ("citing", "treatment", "reason", "pinpoint", "publication_status")
    autocomplete_fields = ("citing",)
    verbose_name = "later judgment treating this one"
    verbose_name_plural = "later judgments treating this one (citing authorities)"


@admin.register(Authority)
class AuthorityAdmin(PublishableAdmin):
    form = AuthorityForm
    list_display = (
        "__str__",
        "treatment",
        "pinpoint",
        "created_by",
        "publication_status",
        "verified",
    )
    list_filter = ("treatment", "publication_status", "verified")
    list_select_related = ("citing", "cited")
    search_fields = (
        "citing__case_name",
        "citing__neutral_citation",
        "cited__case_name",
        "cited__neutral_citation",
    )
    autocomplete_fields = ("citing", "cited", "sources")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "citing",
                    "treatment",
                    "cited",
                    "reason",
                    "pinpoint",
                    "note",
                    "created_by",
                )
            },
        ),
        ("Sources", {"fields": ("sources",)}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        """A treatment set here records who set it (the time is `created_at`)."""
        if obj._state.adding:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
