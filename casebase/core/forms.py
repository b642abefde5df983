"""Forms shared by the public lists."""

import re

from django import forms
from django.core.exceptions import ValidationError

from casebase.core.widgets import QuickSelect

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


class SlugChoiceField(forms.ModelChoiceField):
    """A record chosen by slug. Values that cannot be slugs fail before any query
    (a NUL byte or markup must never reach the database)."""

    widget = QuickSelect

    def __init__(self, queryset, *, what: str, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f"There is no such {what}; pick one from the list."},
        )
        super().__init__(queryset, to_field_name="slug", **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not _SLUG.match(str(value)):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class PageForm(forms.Form):
    """A list's page number, validated like any other query parameter."""

    page = forms.IntegerField(
        required=False,
        min_value=1,
        label="Page",
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "Enter a whole page number, such as 2.",
            "min_value": "Pages are numbered from 1.",
        },
    )

    def error_summary(self) -> list[str]:
        """Each error as one line that names its field, for the message above a list."""
        lines = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                lines.append(f"{label}: {error}" if label else error)
        return lines
