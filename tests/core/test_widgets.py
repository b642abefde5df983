"""QuickSelect writes exactly what Django's Select writes, without the templates."""

import pytest
from django import forms

from casebase.cases.forms import DisputeFilterForm
from casebase.core.widgets import QuickSelect

CHOICES = [
    ("", "Any party"),
    ("a-b", "Smith & Jones <Ltd>"),
    ("q", 'He said "no"'),
    ("Group <1>", [("x", "X"), ("y", "Y & Y")]),
    (3, "A number"),
]


@pytest.mark.parametrize("value", [None, "", "a-b", "y", 3, "missing"])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_party"},
        {"id": "f", "required": True, "disabled": False, "aria-describedby": "h"},
        {"data-x": '"><script>'},
    ],
)
def test_same_html_as_djangos_select(value, attrs):
    expected = forms.Select(choices=CHOICES).render("party", value, attrs)
    assert QuickSelect(choices=CHOICES).render("party", value, attrs) == expected


def test_a_model_choice_filter_renders_the_same(db):
    """The dispute list's form, bound to a chosen value, as Django would write it."""
    form = DisputeFilterForm({"theory": "copyright", "stage": "trial"})
    for name in ("theory", "stage", "party"):
        field = form[name]
        assert isinstance(field.field.widget, QuickSelect)
        attrs = field.build_widget_attrs({})  # as BoundField.as_widget does
        attrs.setdefault("id", field.auto_id)
        plain = forms.Select(choices=field.field.choices)
        expected = plain.render(field.html_name, field.value(), attrs)
        assert str(field) == expected
