"""Filters for the precedent list."""

from casebase.core.forms import PageForm, SlugChoiceField
from casebase.core.visibility import visible
from casebase.law.models import Court, LegalTheory, Precedent
from casebase.law.selectors import PrecedentFilters


class PrecedentFilterForm(PageForm):
    court = SlugChoiceField(
        Court.objects.none(), what="court", label="Court", empty_label="Any court"
    )
    theory = SlugChoiceField(
        LegalTheory.objects.all(),
        what="legal theory",
        label="Legal theory",
        empty_label="Any legal theory",
    )

    field_order = ["court", "theory"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only courts that gave a judgment casebase shows are worth offering.
        self.fields["court"].queryset = visible(Court, user).filter(
            pk__in=visible(Precedent, user).values("court")
        )

    def to_filters(self) -> PrecedentFilters:
        data = getattr(self, "cleaned_data", {})
        return PrecedentFilters(court=data.get("court"), theory=data.get("theory"))

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in ("court", "theory"))
