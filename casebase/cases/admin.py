"""The editors' admin for disputes and what they are made of.

Evidence and output comparisons are in `admin_evidence`; importing its inline here also
registers their admins.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList

from casebase.cases.admin_evidence import EvidenceInline
from casebase.cases.admin_remedies import RemedyInline
from casebase.cases.models import (
    AISystem,
    Claim,
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    Event,
    Party,
)
from casebase.core.admin import (
    PUBLICATION_FIELDSET,
    RECORD_FIELDSET,
    PublishableAdmin,
    StackedInline,
    TabularInline,
)

# ---------------------------------------------------------------- parties and systems


@admin.register(Party)
class PartyAdmin(PublishableAdmin):
    list_display = ("name", "kind", "publication_status", "verified", "updated_at")
    list_filter = ("kind", "publication_status", "verified")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "description")}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )


@admin.register(AISystem)
class AISystemAdmin(PublishableAdmin):
    list_display = (
        "__str__",
        "developer",
        "weights",
        "publication_status",
        "verified",
        "updated_at",
    )
    list_filter = ("weights", "publication_status", "verified")
    list_select_related = ("developer",)
    search_fields = ("name", "version", "slug", "developer__name")
    autocomplete_fields = ("developer",)
    prepopulated_fields = {"slug": ("name", "version")}
    fieldsets = (
        (
            None,
            {"fields": ("name", "version", "slug", "developer", "weights")},
        ),
        (None, {"fields": ("description",)}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )


# ---------------------------------------------------------------- claims and events


@admin.register(Claim)
class ClaimAdmin(PublishableAdmin):
    choice_select_related = ("theory",)
    list_display = (
        "description",
        "dispute",
        "theory",
        "nature",
        "result",
        "publication_status",
        "verified",
    )
    list_filter = ("theory", "nature", "result", "publication_status", "verified")
    search_fields = (
        "description",
        "result_note",
        "theory__name",
        "dispute__title",
        "dispute__short_title",
    )
    autocomplete_fields = ("dispute", "provisions", "sources")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "dispute",
                    ("theory", "nature"),
                    "description",
                    ("result", "result_note"),
                    "provisions",
                    "position",
                )
            },
        ),
        ("Sources", {"fields": ("sources",)}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )

    def get_queryset(self, request):
        # Labels name the theory; autocomplete answers come from here too. (A queryset
        # that already joins makes the changelist skip `list_select_related`.)
        return super().get_queryset(request).select_related("dispute", "theory")


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = (
        "title",
        "dispute",
        "date",
        "kind",
        "publication_status",
        "verified",
    )
    list_filter = ("kind", "publication_status", "verified")
    list_select_related = ("dispute",)
    search_fields = ("title", "description", "dispute__title", "dispute__short_title")
    date_hierarchy = "date"
    autocomplete_fields = ("dispute", "sources")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "dispute",
                    ("date", "date_precision"),
                    "kind",
                    "title",
                    "description",
                )
            },
        ),
        ("Sources", {"fields": ("sources",)}),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )


# ---------------------------------------------------------------- disputes


class DisputePartyInline(TabularInline):
    model = DisputeParty
    fields = ("party", "role", "names_as_pleaded", "position")
    autocomplete_fields = ("party",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("party")


class DisputeSystemInline(TabularInline):
    model = DisputeSystem
    fields = ("system", "role", "note")
    autocomplete_fields = ("system",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("system")


class ClaimInline(StackedInline):
    # Stacked: as a table row a claim, its description and provisions overflow.
    model = Claim
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("theory", "nature"),
                    "description",
                    "provisions",
                    ("result", "publication_status", "position"),
                )
            },
        ),
    )
    autocomplete_fields = ("provisions",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theory")


class EventInline(TabularInline):
    model = Event
    fields = ("date", "date_precision", "kind", "title", "publication_status")
    show_change_link = True


class DisputePrecedentInline(TabularInline):
    model = DisputePrecedent
    verbose_name = "judgment"
    verbose_name_plural = "judgments in or relied on by the dispute"
    fields = ("precedent", "relation", "note")
    autocomplete_fields = ("precedent",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dispute", "precedent")


class DisputeChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        qs = super().get_queryset(request, exclude_parameters)
        return qs.prefetch_related("jurisdictions")


@admin.register(Dispute)
class DisputeAdmin(PublishableAdmin):
    # What an editor scans for first comes first; the table scrolls sideways.
    list_display = (
        "__str__",
        "stage",
        "outcome",
        "publication_status",
        "verified",
        "court",
        "jurisdiction_list",
        "updated_at",
    )
    list_filter = (
        "publication_status",
        "verified",
        "stage",
        "outcome",
        "jurisdictions",
        "claims__theory",
    )
    list_select_related = ("court",)
    search_fields = ("title", "short_title", "case_number", "parties__name")
    autocomplete_fields = ("jurisdictions", "court", "sources")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "short_title",
                    "slug",
                    "summary",
                    "defence_position",
                )
            },
        ),
        (
            "Forum",
            {
                "fields": (
                    "jurisdictions",
                    "jurisdiction_detail",
                    "court",
                    "court_detail",
                    "case_number",
                )
            },
        ),
        (
            "Status",
            {
                "fields": (
                    ("stage", "outcome"),
                    "status_text",
                    ("status_as_of", "status_as_of_precision"),
                    "status_as_of_note",
                )
            },
        ),
        (
            "Dates",
            {
                "description": "Give each date's precision: a date known only to the "
                "month is entered as its first day, with precision “month”.",
                "fields": (
                    ("filed_date", "filed_date_precision"),
                    "filed_date_note",
                    ("first_decision_date", "first_decision_precision"),
                    ("resolved_date", "resolved_precision"),
                ),
            },
        ),
        ("Sources", {"fields": ("sources", "source_type")}),
        PUBLICATION_FIELDSET,
        ("Notes", {"fields": ("notes",)}),
        RECORD_FIELDSET,
    )
    inlines = (
        DisputePartyInline,
        DisputeSystemInline,
        ClaimInline,
        EventInline,
        DisputePrecedentInline,
        RemedyInline,
        # Last: each item is a form of its own.
        EvidenceInline,
    )

    def get_changelist(self, request, **kwargs):
        return DisputeChangeList

    @admin.display(description="jurisdictions")
    def jurisdiction_list(self, obj) -> str:
        return ", ".join(j.name for j in obj.jurisdictions.all())
