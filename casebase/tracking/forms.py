"""The feeds' query parameters and the alert forms: every value validated here."""

from django import forms

from casebase.core.forms import SlugChoiceField
from casebase.law.models import Jurisdiction, LegalTheory
from casebase.search.forms import QueryField
from casebase.tracking.models import Frequency
from casebase.tracking.selectors import DisputeStream


class StreamForm(forms.Form):
    """Which disputes: search words, a legal theory and/or a jurisdiction."""

    q = QueryField(required=False, max_length=500, label="Search words", strip=True)
    theory = SlugChoiceField(
        LegalTheory.objects.all(),
        what="legal theory",
        label="Legal theory",
        empty_label="Any legal theory",
    )
    jurisdiction = SlugChoiceField(
        Jurisdiction.objects.all(),
        what="jurisdiction",
        label="Jurisdiction",
        empty_label="Any jurisdiction",
    )

    def to_stream(self) -> DisputeStream:
        data = self.cleaned_data
        return DisputeStream(
            query=data.get("q") or "",
            theory=data.get("theory"),
            jurisdiction=data.get("jurisdiction"),
        )

    def error_dict(self) -> dict[str, list[str]]:
        return {name: list(errors) for name, errors in self.errors.items()}


class FrequencyForm(forms.Form):
    """How often alerts may be e-mailed."""

    frequency = forms.ChoiceField(
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        label="E-mail me",
        error_messages={"invalid_choice": "Choose daily or weekly."},
    )


class SaveSearchForm(StreamForm, FrequencyForm):
    """Save a search for alerts: at least one of words, theory or jurisdiction."""

    field_order = ["q", "theory", "jurisdiction", "frequency"]

    def clean(self):
        data = super().clean()
        if (
            not (
                (data.get("q") or "").strip()
                or data.get("theory")
                or data.get("jurisdiction")
            )
            and not self.errors
        ):
            raise forms.ValidationError(
                "Give search words, a legal theory or a jurisdiction to watch."
            )
        return data
