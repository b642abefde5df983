"""Helpers for driving the Django admin's forms in tests."""

import datetime as dt

from django import forms


def changeform_data(response) -> dict:
    """The POST data that would submit an admin add or change page as it was shown.

    Covers the main form, each inline's management form and every inline row, so a
    test can change a few values (or add a row) and post the whole page back.
    """
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add_form(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add_form(data, form)
    return data


def add_inline_row(data: dict, prefix: str, values: dict) -> None:
    """Append one new row to the inline formset `prefix` (its related name)."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value


def _add_form(data: dict, form) -> None:
    for bound in form:
        value = _post_value(bound.field, bound.value())
        if isinstance(bound.field, forms.SplitDateTimeField):
            data[f"{bound.html_name}_0"], data[f"{bound.html_name}_1"] = value
            continue
        if value is not None:
            data[bound.html_name] = value
        if bound.field.show_hidden_initial and value is not None:
            data[bound.html_initial_name] = value


def _post_value(field, value):
    """What a browser would send for `value`; None for an unticked checkbox."""
    if isinstance(field, forms.BooleanField):
        return "on" if value else None
    if isinstance(field, forms.SplitDateTimeField):
        if isinstance(value, dt.datetime):
            return value.date().isoformat(), value.time().isoformat()
        return value or ("", "")
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [str(v) for v in value or []]
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
