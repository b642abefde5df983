"""The casebase template tags and filters."""

import datetime as dt

import pytest
from django.template import Context, Template

from casebase.cases.models import PartyRole
from casebase.law.models import Treatment
from tests import factories as f

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load casebase %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("day", "4 November 2025"), ("month", "November 2025"), ("year", "2025")],
)
def test_partial_date_shows_only_what_is_known(precision, expected):
    """`partial_date` prints the date to its precision and no further."""
    out = render("{{ d|partial_date:p }}", d=dt.date(2025, 11, 4), p=precision)
    assert out == expected


def test_unverified_tag_lists_the_elements():
    """The unverified tag shows the badge and each unconfirmed element, escaped."""
    record = f.ProvisionFactory.build(verified=True, unverified_elements=["<b>x</b>"])
    out = render("{% unverified r %}", r=record)
    assert "badge-unverified" in out
    assert "<li>&lt;b&gt;x&lt;/b&gt;</li>" in out


def test_unverified_tag_is_silent_for_verified_records():
    """Nothing is shown for a verified record with no unconfirmed elements."""
    record = f.ProvisionFactory.build(verified=True, unverified_elements=[])
    assert render("{% unverified r %}", r=record).strip() == ""


def test_draft_marker_only_marks_unpublished_records():
    """Drafts get a badge; published records get nothing."""
    assert "badge-draft" in render(
        "{% draft_marker r %}", r=f.PartyFactory.build(publication_status="draft")
    )
    assert render("{% draft_marker r %}", r=f.PartyFactory.build()) == ""


def test_status_flag_names_the_reason_when_asked():
    """The status flag shows the treatment and the later judgment when asked."""
    authority = f.AuthorityFactory(
        treatment=Treatment.OVERRULED, citing__case_name="Later v Case"
    )
    out = render("{% status_flag p with_reason=True %}", p=authority.cited)
    assert "flag-negative" in out
    assert "overruled in" in out and "Later v Case" in out
    assert "Later v Case" not in render("{% status_flag p %}", p=authority.cited)


def test_group_by_orders_choices_by_their_declared_order():
    """Rows grouped on a choices field come in the choices' order, labelled."""
    dispute = f.DisputeFactory()
    f.DisputePartyFactory(dispute=dispute, role=PartyRole.INTERVENER)
    f.DisputePartyFactory(dispute=dispute, role=PartyRole.CLAIMANT)
    out = render(
        "{% for label, rows in roles|group_by:'role' %}{{ label }};{% endfor %}",
        roles=dispute.party_roles.all(),
    )
    assert out == "Claimant;Intervener;"
