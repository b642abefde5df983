"""Keyword fields (type:, stage:, outcome:) accept their values and labels; any other
value is dropped with a notice naming the values, never silently searched."""

import pytest

from casebase.search import language as ql
from casebase.search.documents import make_key
from tests.search.conftest import index_all, keys, search
from tests.search.corpus import build_corpus


@pytest.mark.parametrize(
    "typed,field,value",
    [
        ("type:provision", "type", "provision"),
        ("type:legislation", "type", "provision"),  # the label the page shows
        ("type:Legislation", "type", "provision"),
        ('type:"AI system"', "type", "system"),
        ("outcome:claimant_success", "outcome", "claimant_success"),
        ('outcome:"claimant success"', "outcome", "claimant_success"),
        ('outcome:"for the claimant"', "outcome", "claimant_success"),
        ("stage:pre-action", "stage", "pre_action"),
        ('stage:"alleged (no proceedings)"', "stage", "alleged"),
    ],
)
def test_values_and_labels_are_accepted(typed, field, value):
    parsed = ql.parse(typed)
    assert parsed.tree == ql.Keyword(field, value)
    assert parsed.notices == []


@pytest.mark.parametrize(
    "typed,value",
    [("type:provisions", "provision"), ("stage:judgement", "judgment")],
)
def test_close_value_is_read_with_a_notice(typed, value):
    parsed = ql.parse(typed)
    assert parsed.tree.value == value
    assert parsed.notices == [f"“{typed}” was read as {typed.split(':')[0]}:{value}."]


def test_unknown_value_is_dropped_with_a_notice_naming_the_values():
    """`type:judgment` is no type: the notice names the field and the types."""
    parsed = ql.parse("copyright type:judgment")
    assert parsed.tree == ql.Term("copyright")
    assert parsed.notices == [
        "There is no type “judgment”; it was ignored. type: takes dispute, "
        "evidence, party, precedent, provision, system. Did you mean stage:judgment?"
    ]


def test_unknown_value_alone_searches_nothing():
    parsed = ql.parse("outcome:won")
    assert parsed.tree is None
    assert "There is no outcome “won”" in parsed.notices[0]
    assert "claimant_success" in parsed.notices[0]


@pytest.fixture
def corpus(engine):
    records = build_corpus()
    index_all()
    return {
        "provision": make_key("provision", records["provision"].pk),
        "quill": make_key("dispute", records["quill"].pk),
    }


def test_label_finds_records(corpus):
    """`type:legislation` finds the provisions, `outcome:settled` the settled ones."""
    assert keys(search("copying type:legislation")) == [corpus["provision"]]
    assert keys(search('novels stage:"settled"')) == [corpus["quill"]]


def test_unknown_value_notice_reaches_the_results(corpus):
    results = search("novels type:judgment")
    assert keys(results) == [corpus["quill"]]
    assert any("There is no type “judgment”" in n for n in results.notices)
