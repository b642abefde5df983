"""The search page's parameters, validated before anything is searched."""

import re

from django import forms
from django.core.exceptions import ValidationError

from casebase.cases.models import Outcome, Stage
from casebase.search.query import FACETS, DocType, Filters, SearchQuery, SortOrder

_VALUE = re.compile(r"^[-a-z0-9_]{1,120}$")
MAX_PAGE = 500


class QueryField(forms.CharField):
    """Free text: control characters (NUL among them) become spaces rather than an
    error, and the query language says what it could not use."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(ch if ch.isprintable() else " " for ch in value).strip()


class FacetField(forms.CharField):
    """A facet's value. `values`, for a fixed vocabulary (type, stage, outcome): any
    other value is named as an error rather than quietly finding nothing."""

    def __init__(self, label: str, values: list[str] | None = None):
        super().__init__(required=False, label=label, max_length=120)
        self.values = values

    def to_python(self, value):
        value = super().to_python(value).replace("\x00", "")
        if value and self.values and value not in self.values:
            raise ValidationError(
                f"There is no such {self.label.lower()} to filter by; use one of: "
                f"{', '.join(self.values)}."
            )
        if value and not _VALUE.match(value):
            raise ValidationError(
                f"There is no such {self.label.lower()} to filter by."
            )
        return value


class SearchForm(forms.Form):
    q = QueryField(required=False, label="Search", strip=True)
    type = FacetField(FACETS["type"], DocType.values)
    jurisdiction = FacetField(FACETS["jurisdiction"])
    court = FacetField(FACETS["court"])
    theory = FacetField(FACETS["theory"])
    stage = FacetField(FACETS["stage"], Stage.values)
    outcome = FacetField(FACETS["outcome"], Outcome.values)
    year = forms.IntegerField(
        required=False,
        min_value=1000,
        max_value=2999,
        label="Year",
        error_messages={"invalid": "Enter a year such as 2023."},
    )
    sort = forms.ChoiceField(
        required=False,
        choices=SortOrder.choices,
        label="Sort by",
        error_messages={"invalid_choice": "Sort by relevance, newest or oldest."},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        label="Page",
        error_messages={
            "invalid": "Enter a whole page number, such as 2.",
            "min_value": "Pages are numbered from 1.",
            "max_value": f"Only the first {MAX_PAGE} pages can be shown; narrow the search.",
        },
    )

    def to_query(self) -> SearchQuery | None:
        """The query from whatever was valid; None when there is nothing to search."""
        data = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors
        }
        text = data.get("q") or ""
        if not text.strip():
            return None
        filters = Filters(
            **{name: data.get(name) or "" for name in FACETS if name != "year"},
            year=data.get("year"),
        )
        return SearchQuery(
            text=text,
            filters=filters,
            sort=data.get("sort") or SortOrder.RELEVANCE,
            page=data.get("page") or 1,
        )

    def error_summary(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else error
            for name, errors in self.errors.items()
            for error in errors
        ]
