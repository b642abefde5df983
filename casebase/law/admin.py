"""The editors' admin for the law: jurisdictions, theories, courts, legislation, precedents."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Prefetch

from casebase.citations.neutral import citation_path, normalise
from casebase.core.admin import (
    PUBLICATION_FIELDSET,
    RECORD_FIELDSET,
    CasebaseModelAdmin,
    PublishableAdmin,
    TabularInline,
)
from casebase.law.admin_authorities import (
    AuthoritiesCitedInline,
    CitingAuthoritiesInline,
)
from casebase.law.models import (
    Authority,
    Court,
    ImportedDocument,
    JudgmentParagraph,
    JudgmentReference,
    Jurisdiction,
    LegalTheory,
    Precedent,
    PrecedentStatus,
    Provision,
    Statute,
)


class TheoryCheckboxesMixin:
    """There are a dozen theories: ticking boxes beats a multiple select."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "legal_theories":
            kwargs["widget"] = forms.CheckboxSelectMultiple(
                attrs={"class": "radiolist"}
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Jurisdiction)
class JurisdictionAdmin(CasebaseModelAdmin):
    list_display = ("name", "slug", "is_uk")
    list_filter = ("is_uk",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(LegalTheory)
class LegalTheoryAdmin(CasebaseModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


class CourtForm(forms.ModelForm):
    def clean_tna_code(self) -> str:
        # The database only says "constraint violated"; say which court has the code.
        code = self.cleaned_data["tna_code"].strip()
        if code:
            clash = Court.objects.filter(tna_code=code).exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(
                    f"{clash.first()} already has the court code {code}."
                )
        return code


@admin.register(Court)
class CourtAdmin(PublishableAdmin):
    form = CourtForm
    list_display = (
        "name",
        "jurisdiction",
        "tna_code",
        "publication_status",
        "verified",
        "updated_at",
    )
    list_filter = ("jurisdiction", "publication_status", "verified")
    list_select_related = ("jurisdiction",)
    search_fields = ("name", "tna_code", "jurisdiction__name")
    autocomplete_fields = ("jurisdiction",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "jurisdiction", "tna_code")}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )


class ProvisionForm(forms.ModelForm):
    """Fills in the legislation.gov.uk address when the editor leaves it empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "legislation_uri" in self.fields:
            self.fields["legislation_uri"].required = False
            self.fields[
                "legislation_uri"
            ].help_text += " Left empty, it is made from the statute, unit and number."

    def clean(self):
        cleaned = super().clean()
        statute = cleaned.get("statute")
        unit, number = cleaned.get("unit"), cleaned.get("number")
        if "legislation_uri" in self.fields and not cleaned.get("legislation_uri"):
            if statute and unit and number:
                cleaned["legislation_uri"] = (
                    "https://www.legislation.gov.uk/"
                    f"{statute.legislation_path}/{unit}/{number}"
                )
            elif not any(
                name in self.errors
                for name in ("statute", "unit", "number", "legislation_uri")
            ):
                self.add_error(
                    "legislation_uri",
                    "Enter the address, or the unit and number to make it from.",
                )
        return cleaned


class ProvisionInline(TabularInline):
    model = Provision
    form = ProvisionForm
    fields = (
        "label",
        "unit",
        "number",
        "heading",
        "legislation_uri",
        "position",
        "publication_status",
    )
    show_change_link = True


@admin.register(Statute)
class StatuteAdmin(PublishableAdmin):
    list_display = (
        "short_title",
        "chapter_or_si",
        "legislation_type",
        "year",
        "provision_count",
        "publication_status",
        "verified",
    )
    list_filter = ("legislation_type", "publication_status", "verified")
    search_fields = ("short_title", "chapter_or_si")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "short_title",
                    ("legislation_type", "year", "number"),
                    "chapter_or_si",
                )
            },
        ),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )
    inlines = (ProvisionInline,)

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering, so restore it for stable pagination.
        return (
            super()
            .get_queryset(request)
            .annotate(_provisions=Count("provisions"))
            .order_by("short_title")
        )

    @admin.display(description="provisions", ordering="_provisions")
    def provision_count(self, obj) -> int:
        return obj._provisions


@admin.register(Provision)
class ProvisionAdmin(TheoryCheckboxesMixin, PublishableAdmin):
    form = ProvisionForm
    choice_select_related = ("statute",)
    list_display = (
        "label",
        "statute",
        "heading",
        "publication_status",
        "verified",
        "updated_at",
    )
    list_display_links = ("label",)
    list_filter = (
        ("statute", admin.RelatedOnlyFieldListFilter),
        "legal_theories",
        "publication_status",
        "verified",
    )
    list_select_related = ("statute",)
    search_fields = ("label", "heading", "number", "statute__short_title")
    autocomplete_fields = ("statute", "sources")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "statute",
                    "label",
                    ("unit", "number"),
                    "heading",
                    "legislation_uri",
                    "position",
                )
            },
        ),
        (
            "Substance",
            {"fields": ("summary", "legal_theories", "relevance", "notes")},
        ),
        ("Sources", {"fields": ("sources", "source_type")}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )

    def get_queryset(self, request):
        # Labels name the statute; autocomplete answers come from here too.
        return super().get_queryset(request).select_related("statute")


class PrecedentForm(forms.ModelForm):
    def clean_neutral_citation(self):
        """Tidy `(2023) uksc 49` into `[2023] UKSC 49`, and refuse a second copy."""
        citation = self.cleaned_data.get("neutral_citation")
        if not citation:
            return None
        citation = normalise(citation)
        path = citation_path(citation)
        others = Precedent.objects.exclude(pk=self.instance.pk)
        clash = others.filter(neutral_citation=citation).first() or (
            path and others.filter(citation_path=path).first()
        )
        if clash:
            raise forms.ValidationError(
                f"{clash.case_name} already has the citation {citation}."
            )
        return citation


class PrecedentChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The status column reads later treatments and whether they are published.
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .prefetch_related(
                Prefetch(
                    "citing_authorities",
                    queryset=Authority.objects.select_related(
                        "citing"
                    ).prefetch_related("citing__citing_authorities__citing"),
                )
            )
        )


@admin.register(Precedent)
class PrecedentAdmin(TheoryCheckboxesMixin, PublishableAdmin):
    form = PrecedentForm
    list_display = (
        "case_name",
        "neutral_citation",
        "court",
        "decision_date",
        "citator_status",
        "publication_status",
        "verified",
    )
    list_filter = (
        "court",
        "legal_theories",
        "verified",
        "publication_status",
        "appeal_pending",
    )
    list_select_related = ("court",)
    # `law_report_citations` is a JSON list: icontains searches its text.
    search_fields = ("case_name", "neutral_citation", "law_report_citations", "slug")
    date_hierarchy = "decision_date"
    autocomplete_fields = ("court", "provisions", "sources")
    prepopulated_fields = {"slug": ("case_name",)}
    readonly_fields = ("citation_path", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "case_name",
                    "slug",
                    "neutral_citation",
                    "citation_path",
                    "law_report_citations",
                )
            },
        ),
        (
            "Court and date",
            {
                "fields": (
                    "court",
                    "court_detail",
                    "judges",
                    ("decision_date", "decision_date_note"),
                )
            },
        ),
        (
            "Substance",
            {
                "fields": (
                    "legal_theories",
                    "subject",
                    "provisions",
                    "holding",
                    "later_history",
                    "appeal_pending",
                    "notes",
                )
            },
        ),
        ("Sources", {"fields": ("sources",)}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )
    inlines = (AuthoritiesCitedInline, CitingAuthoritiesInline)

    def save_formset(self, request, form, formset, change):
        """A treatment added here records who set it."""
        for inline_form in formset.forms:
            instance = inline_form.instance
            if isinstance(instance, Authority) and instance._state.adding:
                instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def get_changelist(self, request, **kwargs):
        return PrecedentChangeList

    @admin.display(description="citator status")
    def citator_status(self, obj) -> str:
        return PrecedentStatus(obj.status).label


class JudgmentParagraphInline(TabularInline):
    model = JudgmentParagraph
    fields = ("position", "number", "anchor", "heading", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False


class JudgmentReferenceInline(TabularInline):
    model = JudgmentReference
    fields = ("paragraph", "kind", "text", "canonical", "uri", "from_markup")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ImportedDocument)
class ImportedDocumentAdmin(CasebaseModelAdmin):
    """Imported LegalDocML files: read-only (import again to change them)."""

    list_display = ("__str__", "kind", "source_uri", "enriched", "updated_at")
    list_filter = ("kind", "enriched")
    list_select_related = ("precedent",)
    readonly_fields = (
        "precedent",
        "kind",
        "source_uri",
        "content_hash",
        "enriched",
        "imported_by",
    )
    inlines = (JudgmentParagraphInline, JudgmentReferenceInline)
