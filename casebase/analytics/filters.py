"""The analytics page's filters: every query parameter is validated here, and the
valid ones become one `AnalyticsFilters` that every figure applies."""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from casebase.cases.models import (
    AISystem,
    Claim,
    Dispute,
    DisputeParty,
    DisputeSystem,
    Party,
)
from casebase.core.forms import SlugChoiceField
from casebase.law.models import Jurisdiction, LegalTheory

YEAR_ERRORS = {
    "invalid": "Enter a year such as 2023.",
    "min_value": "Enter a year from 1900 to 2100.",
    "max_value": "Enter a year from 1900 to 2100.",
}


@dataclass(frozen=True, kw_only=True)
class AnalyticsFilters:
    """What every figure is narrowed to. Related records are published ones."""

    jurisdiction: Jurisdiction | None = None
    theory: LegalTheory | None = None
    year_from: int | None = None
    year_to: int | None = None
    party: Party | None = None
    system: AISystem | None = None

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (slugs and years), for links and exports."""
        params = {}
        for name in ("jurisdiction", "theory", "party", "system"):
            value = getattr(self, name)
            if value is not None:
                params[name] = value.slug
        for name in ("year_from", "year_to"):
            if getattr(self, name) is not None:
                params[name] = str(getattr(self, name))
        return params

    def disputes(self) -> QuerySet[Dispute]:
        """Published disputes that match. A year bound drops disputes with no filing
        date; the theory keeps disputes with a published claim on it (as the dispute
        list's filter does)."""
        disputes = Dispute.objects.published()
        if self.jurisdiction:
            disputes = disputes.filter(
                pk__in=Dispute.jurisdictions.through.objects.filter(
                    jurisdiction=self.jurisdiction
                ).values("dispute")
            )
        if self.theory:
            disputes = disputes.filter(
                pk__in=Claim.objects.published()
                .filter(theory=self.theory)
                .values("dispute")
            )
        if self.year_from is not None:
            disputes = disputes.filter(filed_date__year__gte=self.year_from)
        if self.year_to is not None:
            disputes = disputes.filter(filed_date__year__lte=self.year_to)
        if self.party:
            disputes = disputes.filter(
                pk__in=DisputeParty.objects.filter(party=self.party).values("dispute")
            )
        if self.system:
            disputes = disputes.filter(
                pk__in=DisputeSystem.objects.filter(system=self.system).values(
                    "dispute"
                )
            )
        return disputes


class AnalyticsFilterForm(forms.Form):
    jurisdiction = SlugChoiceField(
        Jurisdiction.objects.all(),
        what="jurisdiction",
        label="Jurisdiction",
        empty_label="Any jurisdiction",
    )
    theory = SlugChoiceField(
        LegalTheory.objects.all(),
        what="legal theory",
        label="Legal theory",
        empty_label="Any legal theory",
    )
    year_from = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        label="Filed from (year)",
        error_messages=YEAR_ERRORS,
    )
    year_to = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        label="Filed to (year)",
        error_messages=YEAR_ERRORS,
    )
    party = SlugChoiceField(
        Party.objects.published(), what="party", label="Party", empty_label="Any party"
    )
    system = SlugChoiceField(
        AISystem.objects.published(),
        what="AI system",
        label="AI system",
        empty_label="Any AI system",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", "The last year cannot come before the first.")
        return cleaned

    def to_filters(self) -> AnalyticsFilters:
        """The valid parameters as filters; invalid ones are left out."""
        data = getattr(self, "cleaned_data", {})
        return AnalyticsFilters(
            **{
                name: data[name]
                for name in AnalyticsFilters.__dataclass_fields__
                if name not in self.errors and data.get(name) not in (None, "")
            }
        )

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def error_summary(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else error
            for name, errors in self.errors.items()
            for error in errors
        ]
