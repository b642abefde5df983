"""The editorial rule for a treatment, in one place for the admin and the API."""

import pytest
from django.core.exceptions import ValidationError

from casebase.law import treatments


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("12", "[12]"),
        ("[12]", "[12]"),
        ("para 12", "[12]"),
        ("paras. 12 to 14", "[12]-[14]"),
        ("[12]–[14]", "[12]-[14]"),
        ("[12]-[12]", "[12]"),
    ],
)
def test_pinpoints_are_stored_in_one_form(given, stored):
    assert treatments.stated_pinpoint(given, current="", stated=True) == stored


@pytest.mark.parametrize("given", ["", "twelve", "[14]-[12]", "12, 14"])
def test_a_stated_pinpoint_must_name_paragraphs_upwards(given):
    with pytest.raises(ValidationError):
        treatments.stated_pinpoint(given, current="", stated=True)


def test_reason_is_collapsed_and_needs_a_few_words():
    reason = treatments.stated_reason(
        " Test data:\n a  reason ", current="", stated=True
    )
    assert reason == "Test data: a reason"
    with pytest.raises(ValidationError, match="at least 10 characters"):
        treatments.stated_reason("Because", current="", stated=True)


def test_an_unchanged_row_keeps_what_it_has():
    """A reference row without a reason or pinpoint passes when left as it is."""
    assert treatments.stated_reason("", current="", stated=False) == ""
    assert treatments.stated_pinpoint("", current="", stated=False) == ""
    with pytest.raises(ValidationError, match=treatments.PINPOINT_MISSING):
        treatments.stated_pinpoint("", current="", stated=True)
