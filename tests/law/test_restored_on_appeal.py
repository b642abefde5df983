"""The citator flag of a judgment reversed on appeal whose reversal was itself
reversed: "restored on further appeal" (caution, with the chain as the reason), and
the flags of the reference precedents after the Supreme Court's Emotional Perception
judgment."""

import datetime as dt
import re

import pytest

from casebase.core.models import PublicationStatus
from casebase.law.models import Precedent, PrecedentStatus, Treatment
from casebase.law.selectors import precedent_list
from tests import factories as f
from tests.html import content


def _chain(*, top_status=PublicationStatus.PUBLISHED):
    """Test data: a first-instance judgment, an appeal reversing it and a further
    appeal reversing the appeal."""
    first = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    appeal = f.PrecedentFactory(decision_date=dt.date(2021, 1, 1))
    top = f.PrecedentFactory(
        decision_date=dt.date(2022, 1, 1), publication_status=top_status
    )
    f.AuthorityFactory(citing=appeal, cited=first, treatment=Treatment.REVERSED)
    f.AuthorityFactory(citing=top, cited=appeal, treatment=Treatment.REVERSED)
    return first, appeal, top


def test_reversal_reversed_is_caution_naming_the_chain(db):
    """GIVEN A reversed by B, and B reversed by C WHEN A's flag is read THEN it is
    caution, caused by B's reversal and restored by C."""
    first, appeal, top = _chain()
    flag = first.citator_flag()
    assert flag.status == PrecedentStatus.CAUTION
    assert flag.authority.citing == appeal
    assert flag.restored_by.citing == top
    assert "restored on further appeal" in flag.reason
    assert top.case_name in flag.reason and appeal.case_name in flag.reason


def test_the_reversed_appeal_stays_negative(db):
    """The middle judgment, reversed and never restored, is negative."""
    _first, appeal, top = _chain()
    status, authority = appeal.status_with_reason()
    assert status == PrecedentStatus.NEGATIVE
    assert authority.citing == top


def test_a_draft_further_appeal_restores_nothing_for_the_public(db):
    """An unpublished further appeal does not lift the negative flag."""
    first, _appeal, _top = _chain(top_status=PublicationStatus.DRAFT)
    assert first.status == PrecedentStatus.NEGATIVE


def test_three_reversals_leave_the_first_negative(db):
    """A reversed, B reversed by C, C reversed by D: B's reversal stands again (D
    restored it), so A is negative."""
    first, appeal, top = _chain()
    final = f.PrecedentFactory(decision_date=dt.date(2023, 1, 1))
    f.AuthorityFactory(citing=final, cited=top, treatment=Treatment.REVERSED)
    assert first.status == PrecedentStatus.NEGATIVE
    assert appeal.status == PrecedentStatus.CAUTION


def test_an_overruling_is_not_undone_by_reversing_the_overruler(db):
    """Only a reversal is undone by a further appeal: a judgment overruled by one that
    was itself reversed is still negative."""
    old = f.PrecedentFactory(decision_date=dt.date(2000, 1, 1))
    _first, appeal, _top = _chain()
    f.AuthorityFactory(citing=appeal, cited=old, treatment=Treatment.OVERRULED)
    assert old.status == PrecedentStatus.NEGATIVE


def test_loop_of_reversals_does_not_hang(db):
    """A mis-entered loop of reversals ends."""
    a = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    b = f.PrecedentFactory(decision_date=dt.date(2021, 1, 1))
    f.AuthorityFactory(citing=b, cited=a, treatment=Treatment.REVERSED)
    f.AuthorityFactory(citing=a, cited=b, treatment=Treatment.REVERSED)
    assert a.status in {PrecedentStatus.NEGATIVE, PrecedentStatus.CAUTION}


def test_list_flags_cost_no_query_per_row(db, django_assert_max_num_queries):
    """The list prefetches each later judgment's own treatments: reading every flag
    costs no further query."""
    for _ in range(3):
        _chain()
    rows = list(precedent_list(user=None))
    with django_assert_max_num_queries(0):
        statuses = [p.status for p in rows]
    assert statuses.count(PrecedentStatus.CAUTION) == 3


# ------------------------------------------------------- the reference precedents


@pytest.fixture
def ref(reference_db, db):
    return reference_db


def _flag(citation):
    return Precedent.objects.get(neutral_citation=citation).citator_flag()


def test_reference_emotional_perception_high_court_is_restored(ref):
    """The High Court's Emotional Perception judgment, reversed by the Court of
    Appeal whose judgment the Supreme Court reversed, is caution, not negative."""
    flag = _flag("[2023] EWHC 2948 (Ch)")
    assert flag.status == PrecedentStatus.CAUTION
    assert flag.authority.citing.neutral_citation == "[2024] EWCA Civ 825"
    assert flag.restored_by.citing.neutral_citation == "[2026] UKSC 3"


@pytest.mark.parametrize(
    ("citation", "status", "by"),
    [
        ("[2006] EWCA Civ 1371", PrecedentStatus.NEGATIVE, "[2026] UKSC 3"),
        ("[2024] EWCA Civ 825", PrecedentStatus.NEGATIVE, "[2026] UKSC 3"),
        ("[2026] UKSC 3", PrecedentStatus.GOOD_LAW, None),
        ("[2025] EWHC 2863 (Ch)", PrecedentStatus.APPEAL_PENDING, None),
        ("[2023] UKSC 49", PrecedentStatus.GOOD_LAW, None),
    ],
)
def test_reference_flags(ref, citation, status, by):
    """Aerotel is negative after the Supreme Court departed from it; the Court of
    Appeal's Emotional Perception judgment is negative (reversed); the Supreme Court's
    is good law; Getty Images has an appeal pending."""
    flag = _flag(citation)
    assert flag.status == status
    assert (flag.authority.citing.neutral_citation if flag.authority else None) == by


def test_reference_page_names_the_chain(ref, client):
    """The High Court judgment's page gives the reason as the chain of reversals."""
    precedent = Precedent.objects.get(neutral_citation="[2023] EWHC 2948 (Ch)")
    html = content(client.get(precedent.get_absolute_url()))
    line = re.search(r'<p class="status-line">(.*?)</p>', html, re.S)[1]
    assert "Caution" in line
    assert "[2024] EWCA Civ 825" in line and "[2026] UKSC 3" in line
    assert "restored on further appeal" in line
