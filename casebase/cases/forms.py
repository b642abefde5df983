"""The dispute list's filters: every query parameter is validated here."""

from django import forms

from casebase.cases.models import AISystem, Outcome, Party, Stage
from casebase.cases.selectors import DisputeFilters
from casebase.core.forms import PageForm, SlugChoiceField
from casebase.core.visibility import visible
from casebase.core.widgets import QuickSelect
from casebase.law.models import Court, Jurisdiction, LegalTheory


class DisputeFilterForm(PageForm):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Words",
        help_text="Searches titles, summaries, status and case numbers.",
    )
    jurisdiction = SlugChoiceField(
        Jurisdiction.objects.all(),
        what="jurisdiction",
        label="Jurisdiction",
        empty_label="Any jurisdiction",
    )
    court = SlugChoiceField(
        Court.objects.none(), what="court", label="Court", empty_label="Any court"
    )
    theory = SlugChoiceField(
        LegalTheory.objects.all(),
        what="legal theory",
        label="Legal theory",
        empty_label="Any legal theory",
    )
    stage = forms.ChoiceField(
        required=False,
        label="Stage",
        choices=[("", "Any stage"), *Stage.choices],
        widget=QuickSelect,
        error_messages={"invalid_choice": "There is no such stage."},
    )
    outcome = forms.ChoiceField(
        required=False,
        label="Outcome",
        choices=[("", "Any outcome"), *Outcome.choices],
        widget=QuickSelect,
        error_messages={"invalid_choice": "There is no such outcome."},
    )
    year = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        label="Year filed",
        error_messages={
            "invalid": "Enter a year such as 2023.",
            "min_value": "Enter a year from 1900 to 2100.",
            "max_value": "Enter a year from 1900 to 2100.",
        },
    )
    system = SlugChoiceField(
        AISystem.objects.none(),
        what="AI system",
        label="AI system",
        empty_label="Any AI system",
    )
    party = SlugChoiceField(
        Party.objects.none(), what="party", label="Party", empty_label="Any party"
    )

    field_order = ["q", "jurisdiction", "court", "theory", "stage", "outcome", "year"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are the records this user may see: a draft's slug is "no such".
        self.fields["court"].queryset = visible(Court, user)
        self.fields["system"].queryset = visible(AISystem, user)
        self.fields["party"].queryset = visible(Party, user)

    def to_filters(self) -> DisputeFilters:
        """The valid parameters as a filter object; invalid ones are left out."""
        data = getattr(self, "cleaned_data", {})
        return DisputeFilters(
            **{
                name: data[name]
                for name in DisputeFilters.__dataclass_fields__
                if data.get(name) not in (None, "")
            }
        )

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "page")
