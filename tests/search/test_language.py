"""The query language parser and citation keys (no index needed)."""

import pytest

from casebase.search import language as ql
from casebase.search.citations import citation_key, looks_like_citation


def test_words_fields_and_operators_parse_into_a_tree():
    """Fields, phrases, prefixes, ranges and NOT become typed nodes."""
    tree = ql.parse('party:openai "trade secret" infring* year:2020..2024 -patent').tree
    assert tree == ql.And(
        (
            ql.Term("openai", "party"),
            ql.Phrase(("trade", "secret")),
            ql.Prefix("infring"),
            ql.YearRange(2020, 2024),
            ql.Not(ql.Term("patent")),
        )
    )


def test_or_binds_looser_than_and():
    """`a b OR c` means (a AND b) OR c."""
    tree = ql.parse("a b OR c").tree
    assert tree == ql.Or((ql.And((ql.Term("a"), ql.Term("b"))), ql.Term("c")))


def test_lowercase_operators_are_words():
    """Only capitals are operators: `and` is searched for."""
    assert ql.parse("trade and mark").tree == ql.And(
        (ql.Term("trade"), ql.Term("and"), ql.Term("mark"))
    )


def test_open_year_ranges():
    """Either end of a year range may be left open."""
    assert ql.parse("year:..2019").tree == ql.YearRange(None, 2019)
    assert ql.parse("year:2020..").tree == ql.YearRange(2020, None)


def test_unknown_field_is_searched_as_words_with_a_notice():
    """An unknown field name is not an error: its value is searched everywhere."""
    parsed = ql.parse("colour:blue")
    assert parsed.tree == ql.Term("blue")
    assert "no field “colour”" in parsed.notices[0]


def test_too_many_terms_are_cut_with_a_notice():
    """A query with very many words uses the first MAX_LEAVES."""
    parsed = ql.parse(" ".join(f"w{i}" for i in range(100)))
    assert len(ql.leaves(parsed.tree)) == ql.MAX_LEAVES
    assert parsed.notices


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("(2023) uksc 49", "[2023] UKSC 49"),
        ("[2025] ewhc 2863 (ch)", "[2025] EWHC 2863 (Ch)"),
        ("(1969) R.P.C. 41", "[1969] RPC 41"),
        ("[2007]  RPC 25", "[2007] RPC 25 (p.589)"),
        ("C‑406/10", "Case C-406/10"),
        ("case c-406/10", "Case C-406/10"),
        ("ecli:eu:c:2012:259", "ECLI:EU:C:2012:259"),
    ],
)
def test_citation_forms_share_a_key(typed, stored):
    """Common variants of a citation normalise to the stored citation's key."""
    assert citation_key(typed) == citation_key(stored)


def test_different_citations_have_different_keys():
    """Normalising never merges two citations."""
    assert citation_key("[2023] UKSC 49") != citation_key("[2023] UKSC 4")
    assert citation_key("[2025] EWHC 2863 (Ch)") != citation_key(
        "[2025] EWHC 2863 (Pat)"
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[2023] UKSC 49", True),
        ("[1969] RPC 41", True),
        ("[1986] 1 All ER 617", True),
        ("C-406/10", True),
        ("copyright training", False),
        ("2023 UKSC", False),
    ],
)
def test_looks_like_citation(text, expected):
    """Only text shaped like a citation is looked up as one."""
    assert looks_like_citation(text) is expected
