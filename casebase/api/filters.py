"""Query-string filters. Every value is validated: a bad one is a 400 naming the
parameter (`?year=abc`), never silently ignored, and nothing unchecked reaches the
database (slugs are matched against a pattern first, numbers against a range).

Choices of related records are the records the requester may see, so a draft's slug
is answered as "no such" exactly as a missing one is.
"""

import datetime as dt
import re

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from casebase.api import selectors
from casebase.api.numbers import whole_number
from casebase.cases.models import (
    AISystem,
    Claim,
    ClaimResult,
    Dispute,
    Event,
    EventKind,
    Evidence,
    EvidenceKind,
    Outcome,
    Party,
    Stage,
)
from casebase.cases.selectors import DisputeFilters, filter_disputes
from casebase.core.forms import SlugChoiceField
from casebase.core.models import Source
from casebase.core.visibility import visible
from casebase.law.models import (
    Authority,
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    Provision,
    Statute,
    Treatment,
)

EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2200, 12, 31)
MAX_ID = 2**63 - 1


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which builds no filter form when the request names
    none of the filters (most reads): the form costs more than the query."""

    def names_a_filter(self, request, queryset, view) -> bool:
        """Whether the request names one of the view's filters."""
        filterset_class = self.get_filterset_class(view, queryset)
        return not filterset_class or bool(
            set(request.query_params).intersection(filterset_class.base_filters)
        )

    def filter_queryset(self, request, queryset, view):
        if not self.names_a_filter(request, queryset, view):
            return queryset
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 rather than ignored."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is not None:
            allowed = {name for name, _ in self.get_valid_fields(queryset, view)}
            terms = [t.strip() for t in params.split(",")]
            bad = [t for t in terms if t.lstrip("-") not in allowed]
            if bad or not all(terms):
                from rest_framework.exceptions import ValidationError as APIError

                raise APIError(
                    {
                        self.ordering_param: [
                            "Order by one of: "
                            + ", ".join(sorted(allowed))
                            + " (prefix - for descending)."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


class StrictIntegerField(forms.IntegerField):
    """Digits only: `2023`, not `2023.0` or ` 2023`."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(
            r"-?[0-9]{1,19}", str(value)
        ):
            raise ValidationError("Enter a whole number.", code="invalid")
        return super().to_python(value)


class BoundedDateField(forms.DateField):
    input_formats = ["%Y-%m-%d"]

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise ValidationError(
                f"Enter a date from {EARLIEST.year} to {LATEST.year}."
            )


class BoundedDateTimeField(forms.DateTimeField):
    def to_python(self, value):
        value = super().to_python(value)
        # Bounded before the conversion too: 0001-01-01T00:00+01:00 has no UTC
        # time Python can hold (an OverflowError, which was a 500).
        self._bounded(value)
        if value and value.utcoffset() is not None:
            # The same instant in UTC: ISO 8601 allows offsets to ±23:59, and
            # PostgreSQL refuses those past ±15:59.
            value = value.astimezone(dt.UTC)
        self._bounded(value)
        return value

    @staticmethod
    def _bounded(value) -> None:
        if value and not EARLIEST.year <= value.year <= LATEST.year:
            raise ValidationError(
                f"Enter a time from {EARLIEST.year} to {LATEST.year}."
            )


class StrictBooleanField(forms.Field):
    """`true` or `false`; anything else is an error, not "no filter"."""

    TRUE, FALSE = {"true"}, {"false"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError("Enter true or false.")


class DateFilter(df.DateFilter):
    field_class = BoundedDateField


class DateTimeFilter(df.DateTimeFilter):
    field_class = BoundedDateTimeField


class BooleanFilter(df.BooleanFilter):
    field_class = StrictBooleanField


class IntFilter(df.NumberFilter):
    """Whole numbers only (`2023`, not `2023.5`), within the bounds given."""

    field_class = StrictIntegerField


class IdFilter(IntFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdChoiceField(forms.ModelChoiceField):
    """A record chosen by id; a value that cannot be an id fails before any query."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and whole_number(str(value), 1, MAX_ID) is None
        ):
            raise ValidationError(
                "There is no record with that id.", code="invalid_choice"
            )
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.INT)
class ProvisionFilter(df.ModelChoiceFilter):
    """A provision named by its id, among those the requester may see."""

    field_class = IdChoiceField

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Id of a provision.")
        super().__init__(
            queryset=lambda request: visible(Provision, request.user), **kwargs
        )


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(df.ModelChoiceFilter):
    """A record named by its slug, among those the requester may see."""

    field_class = SlugChoiceField

    def __init__(self, model, *, what: str, **kwargs):
        # Not `self.model`: the FilterSet sets that to its own model.
        self.record_model = model
        super().__init__(queryset=self._visible, what=what, **kwargs)

    def _visible(self, request):
        user = getattr(request, "user", None)
        model = self.record_model
        if hasattr(model._default_manager, "visible_to"):
            return visible(model, user)
        return model._default_manager.all()


NO_VALUE = "Give a value, or leave the parameter out."


class RecordFilterSet(df.FilterSet):
    """A parameter given with no value (`?year=`) is an error, like a bad value."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and self.data.get(name, "").strip() == "":
                self.form.add_error(name, NO_VALUE)
                valid = False
        return valid

    updated_since = DateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed at or after."
    )
    verified = BooleanFilter(field_name="verified", help_text="Verified or not.")


class DisputeFilterSet(RecordFilterSet):
    q = df.CharFilter(
        max_length=200, help_text="Words in the title, summary, status or case number."
    )
    jurisdiction = SlugFilter(Jurisdiction, what="jurisdiction")
    court = SlugFilter(Court, what="court")
    theory = SlugFilter(LegalTheory, what="legal theory")
    stage = df.ChoiceFilter(choices=Stage.choices)
    outcome = df.ChoiceFilter(choices=Outcome.choices)
    year = IntFilter(
        min_value=1900,
        max_value=2100,
        help_text="Year filed.",
    )
    filed_after = DateFilter(help_text="Filed on or after.")
    filed_before = DateFilter(help_text="Filed on or before.")
    decided_after = DateFilter(help_text="First decision on or after.")
    decided_before = DateFilter(help_text="First decision on or before.")
    party = SlugFilter(Party, what="party")
    system = SlugFilter(AISystem, what="AI system")
    provision = ProvisionFilter(
        help_text="Id of a provision a claim relies on.",
    )
    precedent = SlugFilter(Precedent, what="precedent", help_text="Precedent cited.")

    class Meta:
        model = Dispute
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        user = getattr(self.request, "user", None)
        base = {
            name: data[name]
            for name in DisputeFilters.__dataclass_fields__
            if data.get(name) not in (None, "")
        }
        queryset = filter_disputes(queryset, user=user, filters=DisputeFilters(**base))
        extra = {
            name: data[name]
            for name in selectors.DisputeExtraFilters.__dataclass_fields__
            if data.get(name) not in (None, "")
        }
        return selectors.filter_disputes_more(
            queryset, user=user, filters=selectors.DisputeExtraFilters(**extra)
        )


class PrecedentFilterSet(RecordFilterSet):
    court = SlugFilter(Court, what="court")
    theory = SlugFilter(LegalTheory, what="legal theory", field_name="legal_theories")
    provision = ProvisionFilter(
        field_name="provisions",
        help_text="Id of a provision the judgment applies.",
    )
    decided_after = DateFilter(field_name="decision_date", lookup_expr="gte")
    decided_before = DateFilter(field_name="decision_date", lookup_expr="lte")
    year = IntFilter(
        field_name="decision_date",
        lookup_expr="year",
        min_value=1800,
        max_value=2200,
    )
    appeal_pending = BooleanFilter()

    class Meta:
        model = Precedent
        fields = []


class ProvisionFilterSet(RecordFilterSet):
    statute = IdFilter(field_name="statute")
    theory = SlugFilter(LegalTheory, what="legal theory", field_name="legal_theories")
    legislation_type = df.CharFilter(
        field_name="statute__legislation_type", max_length=8
    )

    class Meta:
        model = Provision
        fields = []


class ClaimFilterSet(RecordFilterSet):
    dispute = SlugFilter(Dispute, what="dispute")
    theory = SlugFilter(LegalTheory, what="legal theory")
    result = df.ChoiceFilter(choices=ClaimResult.choices)
    provision = ProvisionFilter(
        field_name="provisions",
    )

    class Meta:
        model = Claim
        fields = []


class EvidenceFilterSet(RecordFilterSet):
    dispute = SlugFilter(Dispute, what="dispute")
    kind = df.ChoiceFilter(choices=EvidenceKind.choices)

    class Meta:
        model = Evidence
        fields = []


class EventFilterSet(RecordFilterSet):
    dispute = SlugFilter(Dispute, what="dispute")
    kind = df.ChoiceFilter(choices=EventKind.choices)
    after = DateFilter(field_name="date", lookup_expr="gte")
    before = DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Event
        fields = []


class AuthorityFilterSet(RecordFilterSet):
    citing = SlugFilter(Precedent, what="precedent")
    cited = SlugFilter(Precedent, what="precedent")
    treatment = df.ChoiceFilter(choices=Treatment.choices)

    class Meta:
        model = Authority
        fields = []


class PartyFilterSet(RecordFilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", max_length=200)

    class Meta:
        model = Party
        fields = []


class SystemFilterSet(RecordFilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", max_length=200)
    developer = SlugFilter(Party, what="party")

    class Meta:
        model = AISystem
        fields = []


class CourtFilterSet(RecordFilterSet):
    jurisdiction = SlugFilter(Jurisdiction, what="jurisdiction")

    class Meta:
        model = Court
        fields = []


class StatuteFilterSet(RecordFilterSet):
    class Meta:
        model = Statute
        fields = []


class SourceFilterSet(RecordFilterSet):
    q = df.CharFilter(field_name="reference", lookup_expr="icontains", max_length=200)

    class Meta:
        model = Source
        fields = []
