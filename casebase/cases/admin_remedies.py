"""Remedies are entered with their dispute, as an inline of the dispute's admin page."""

from casebase.cases.models import Remedy
from casebase.core.admin import StackedInline


class RemedyInline(StackedInline):
    """Injunctions, damages and settlements: each with the words it rests on."""

    model = Remedy
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("kind", "status"),
                    ("amount", "currency", "amount_note"),
                    ("date", "date_precision"),
                    "basis",
                    "source",
                    ("publication_status", "position"),
                )
            },
        ),
    )
    autocomplete_fields = ("source",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dispute", "source")
