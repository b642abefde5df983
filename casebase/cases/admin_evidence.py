"""The editors' admin for evidence and output comparisons."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from casebase.cases.models import Claim, ComparisonOutput, Evidence, OutputComparison
from casebase.core.admin import (
    PUBLICATION_FIELDSET,
    RECORD_FIELDSET,
    PublishableAdmin,
    StackedInline,
    TabularInline,
)


class EvidenceForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        dispute, claims = cleaned.get("dispute"), cleaned.get("claims")
        if dispute is not None and claims:
            strays = [c for c in claims if c.dispute_id != dispute.pk]
            if strays:
                self.add_error(
                    "claims",
                    "Choose only claims made in this dispute; not "
                    + "; ".join(str(c) for c in strays)
                    + ".",
                )
        return cleaned


class _AttachmentLink:
    """What the file widget shows for a stored attachment: the uploaded name,
    linked to the view that applies the confidentiality rule (the storage has no
    public URL, by design)."""

    def __init__(self, file):
        evidence = file.instance
        self.url = reverse("cases:evidence-file", args=[evidence.pk])
        self.label = evidence.attachment_name or file.name.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.label


class AttachmentInput(admin.widgets.AdminFileWidget):
    def is_initial(self, value) -> bool:
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value) and getattr(value, "instance", None) is not None:
            context["widget"]["value"] = _AttachmentLink(value)
        return context


class ClaimCheckboxesMixin:
    """A dispute has a handful of claims: tick the ones the evidence supports.
    (Also gives the attachment a widget that works without a storage URL.)"""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "claims":
            kwargs["widget"] = forms.CheckboxSelectMultiple(
                attrs={"class": "radiolist"}
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "attachment":
            kwargs["widget"] = AttachmentInput
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # No "add" icon: the claims are entered on the dispute, and the icon squeezes
        # the list of boxes into a narrow column.
        if db_field.name == "claims" and hasattr(formfield.widget, "widget"):
            formfield.widget = formfield.widget.widget
        return formfield


def _limit_claims_to(field, dispute) -> None:
    """Offer only the dispute's own claims; a dispute not yet saved has none."""
    if dispute is not None and dispute.pk:
        field.queryset = Claim.objects.filter(dispute=dispute).select_related("theory")
    else:
        field.queryset = Claim.objects.none()
        field.help_text = (
            "Only the dispute's own claims are offered: they can be chosen here once "
            "the dispute and this evidence are saved."
        )


class EvidenceInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "claims" in form.fields:
            _limit_claims_to(form.fields["claims"], self.instance)


class EvidenceInline(ClaimCheckboxesMixin, StackedInline):
    model = Evidence
    form = EvidenceForm
    formset = EvidenceInlineFormSet
    show_change_link = True
    autocomplete_fields = ("sources",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("reference", "kind", "title"),
                    "description",
                    ("relied_on_by", "is_allegation"),
                    "claims",
                    ("assessment", "assessment_note"),
                    ("confidentiality", "public_description"),
                    "attachment",
                    "sources",
                    ("publication_status", "verified"),
                )
            },
        ),
    )

    class Media:
        css = {"all": ["casebase/admin.css"]}


class OutputComparisonInline(TabularInline):
    """Comparisons are listed here; their outputs are entered on their own page.

    Adding is left to that page because an admin inline cannot hold the outputs, and a
    comparison without two outputs is not a comparison.
    """

    model = OutputComparison
    fields = ("prompt_kind", "prompt", "output_count", "publication_status")
    readonly_fields = ("output_count",)
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_outputs=models.Count("outputs"))

    @admin.display(description="outputs")
    def output_count(self, obj) -> int:
        return obj._outputs


@admin.register(Evidence)
class EvidenceAdmin(ClaimCheckboxesMixin, PublishableAdmin):
    form = EvidenceForm
    list_display = (
        "__str__",
        "kind",
        "dispute",
        "confidentiality",
        "assessment",
        "publication_status",
        "verified",
    )
    list_filter = (
        "kind",
        "confidentiality",
        "assessment",
        "relied_on_by",
        "is_allegation",
        "publication_status",
        "verified",
    )
    list_select_related = ("dispute",)
    search_fields = (
        "title",
        "reference",
        "description",
        "dispute__title",
        "dispute__short_title",
    )
    autocomplete_fields = ("dispute", "sources")
    readonly_fields = ("add_comparison", "created_at", "updated_at")
    inlines = (OutputComparisonInline,)

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "dispute",
                    ("reference", "kind", "title"),
                    "description",
                    "public_description",
                    "confidentiality",
                    "attachment",
                    ("relied_on_by", "is_allegation"),
                    "claims",
                    "assessment",
                    "assessment_note",
                    "position",
                )
            },
        ),
        ("Sources", {"fields": ("sources",)}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(1, ("Output comparisons", {"fields": ("add_comparison",)}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "claims" in form.base_fields:
            _limit_claims_to(form.base_fields["claims"], obj and obj.dispute)
        return form

    @admin.display(description="new comparison")
    def add_comparison(self, obj) -> str:
        url = reverse("admin:cases_outputcomparison_add")
        return format_html(
            '<a class="addlink" href="{}?evidence={}">Add an output comparison</a>',
            url,
            obj.pk,
        )


class ComparisonOutputFormSet(BaseInlineFormSet):
    """A comparison needs the outputs of at least two different systems."""

    def clean(self):
        if any(self.errors):
            return
        systems = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.cleaned_data.get("system") is not None:
                systems.append(form.cleaned_data["system"])
        seen = set()
        for system in systems:
            if system.pk in seen:
                raise ValidationError(
                    f"{system} appears twice: give one output per AI system.",
                    code="duplicate_system",
                )
            seen.add(system.pk)
        if len(seen) < 2:
            raise ValidationError(
                "A comparison needs outputs from at least two different AI systems; "
                f"this one has {len(seen)}.",
                code="too_few_systems",
            )
        super().clean()


class ComparisonOutputInline(StackedInline):
    model = ComparisonOutput
    formset = ComparisonOutputFormSet
    fields = ("system", "output", ("captured_at", "settings"))
    autocomplete_fields = ("system",)
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 8, "cols": 80})},
        models.JSONField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }

    def get_extra(self, request, obj=None, **kwargs) -> int:
        # Two blank outputs for a new comparison; none once it has two.
        existing = obj.outputs.count() if obj is not None else 0
        return max(0, 2 - existing)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("system")


@admin.register(OutputComparison)
class OutputComparisonAdmin(PublishableAdmin):
    list_display = (
        "__str__",
        "evidence",
        "dispute",
        "prompt_kind",
        "output_count",
        "publication_status",
        "verified",
    )
    list_filter = ("prompt_kind", "publication_status", "verified")
    list_select_related = ("evidence__dispute",)
    search_fields = ("prompt", "evidence__title", "evidence__dispute__title")
    autocomplete_fields = ("evidence",)
    fieldsets = (
        (None, {"fields": ("evidence", "prompt_kind", "prompt", "notes")}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )
    inlines = (ComparisonOutputInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_outputs=models.Count("outputs"))

    @admin.display(description="outputs", ordering="_outputs")
    def output_count(self, obj) -> int:
        return obj._outputs

    @admin.display(description="dispute", ordering="evidence__dispute__title")
    def dispute(self, obj) -> str:
        return str(obj.evidence.dispute)
