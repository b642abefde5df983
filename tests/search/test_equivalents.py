"""Equivalent words (equivalents.py): a query word also finds the forms a lawyer uses
interchangeably, on both backends; quoted phrases stay exact."""

import pytest

from casebase.law.models import Provision
from casebase.search import language as ql
from casebase.search import written
from casebase.search.documents import make_key
from casebase.search.highlight import highlight_terms, stem
from tests import factories as f
from tests.search.conftest import index_all, keys, search
from tests.search.corpus import build_corpus


def test_company_form_finds_its_abbreviation_after_a_name():
    """`Faccenda Limited` also searches for `ltd`; `limited` alone or first is an
    ordinary word (expanded, it found every company)."""
    assert ql.parse("Faccenda Limited").tree == ql.And(
        (ql.Term("faccenda"), ql.Or((ql.Term("limited"), ql.Term("ltd"))))
    )
    assert ql.parse("limited").tree == ql.Term("limited")
    assert ql.parse("incorporated works").tree == ql.And(
        (ql.Term("incorporated"), ql.Term("works"))
    )


def test_abbreviation_with_a_broad_stem_is_not_expanded():
    """`ltd` does not search for `limited`, which is stemmed to `limit` and would
    find every "limitation"."""
    assert ql.parse("Ltd.").tree == ql.Term("ltd")


def test_spellings_find_each_other():
    """UK and US spellings are searched together, whichever is typed."""
    expected = {ql.Term("licence"), ql.Term("license")}
    assert set(ql.parse("licence").tree.children) == expected
    assert set(ql.parse("license").tree.children) == expected


def test_several_words_typed_unquoted_also_find_their_equivalent():
    """`trade marks` still finds the words anywhere, and also `trademark`."""
    assert ql.parse("trade marks").tree == ql.Or(
        (ql.And((ql.Term("trade"), ql.Term("marks"))), ql.Term("trademark"))
    )
    assert ql.parse("text and data mining").tree == ql.Or(
        (
            ql.And(tuple(ql.Term(w) for w in ("text", "and", "data", "mining"))),
            ql.Term("tdm"),
        )
    )


def test_not_applies_to_one_word_only():
    """`-trade mark` leaves out `trade`, as before: the form is not read after NOT."""
    assert ql.parse("-trade mark").tree == ql.And(
        (ql.Not(ql.Term("trade")), ql.Term("mark"))
    )
    assert ql.parse("getty -limited").tree == ql.And(
        (ql.Term("getty"), ql.Not(ql.parse("limited").tree))
    )


def test_abbreviation_finds_its_words_as_a_phrase():
    """`LLM` also searches for the phrase "large language model"."""
    assert ql.parse("LLM").tree == ql.Or(
        (ql.Term("llm"), ql.Phrase(("large", "language", "model")))
    )


def test_quoted_phrase_is_not_expanded():
    """A phrase is exact: `"trade mark"` and `"limited"` search for those words only."""
    assert ql.parse('"trade mark"').tree == ql.Phrase(("trade", "mark"))
    assert ql.parse('"limited"').tree == ql.Term("limited")


def test_hyphenated_form_keeps_its_phrase_and_finds_its_equivalent():
    assert ql.parse("trade-mark").tree == ql.Or(
        (ql.Phrase(("trade", "mark")), ql.Term("trademark"))
    )


def test_fielded_word_is_expanded_in_its_field():
    assert ql.parse("party:limited").tree == ql.Or(
        (ql.Term("limited", "party"), ql.Term("ltd", "party"))
    )


@pytest.mark.parametrize(
    "typed", ["section 16", "§ 16", "§16", "s. 16", "s 16", "s.16", "s16", "ss 16"]
)
def test_a_section_before_its_number_is_every_way_of_writing_it(typed):
    """`section`, `s.`, `ss` and `§` (apart from or joined to the number) are one
    thing before a number, searched as a phrase with it."""
    parsed = ql.parse(typed)
    assert parsed.tree == ql.Or(
        tuple(ql.Phrase((form, "16")) for form in ("section", "s", "ss", "sec"))
    )
    assert parsed.notices == []


@pytest.mark.parametrize("typed", ["section", "s", "owner's", "title:section"])
def test_a_section_word_without_a_number_is_only_itself(typed):
    """`s` alone is the possessive of every name ("owner's"): `section` without a
    number after it finds only the word section (it found 112 records)."""
    tree = ql.parse(typed).tree
    assert not any(
        isinstance(leaf, ql.Term) and leaf.word in ("s", "ss", "sec")
        for leaf, _ in ql.leaves(tree)
        if typed != "s"
    )
    assert not isinstance(tree, ql.Or)


def test_ampersand_between_words_is_and_without_a_notice():
    """`Dow Jones & Company` is not told that characters were ignored."""
    parsed = ql.parse("Dow Jones & Company")
    assert parsed.notices == []
    assert parsed.tree == ql.And(
        (ql.Term("dow"), ql.Term("jones"), ql.parse("Acme company").tree.children[1])
    )


def test_other_symbols_still_get_the_notice():
    assert ql.parse("getty ^").notices == [
        "Characters that are not letters or digits were ignored."
    ]


def test_corrected_text_writes_the_word_typed_not_its_expansion():
    """ "Did you mean" shows the query as typed, with only the misspelt word changed."""
    tree = ql.parse("Faccenda Chickn Limited trade marks").tree
    assert (
        written.corrected_text(tree, {"chickn": "chicken", "ltd": "xxx"})
        == "faccenda chicken limited trade marks"
    )
    assert written.corrected_text(ql.parse("party:limited").tree, {}) == "party:limited"


def test_equivalents_are_highlighted():
    """A record that says `Ltd` has it marked when `limited` was searched for."""
    terms = highlight_terms(ql.parse("Acme limited licence").tree)
    assert {stem("ltd"), stem("license"), stem("licence")} <= terms


@pytest.fixture
def corpus(engine):
    records = build_corpus()
    trade = f.DisputeFactory(
        title="Owl Marks Co v Finch", summary="A trademark on a logo."
    )
    records["trade"] = trade
    index_all()
    kinds = {"Precedent": "precedent", "Dispute": "dispute", "Provision": "provision"}
    return {
        name: make_key(kinds[type(obj).__name__], obj.pk)
        for name, obj in records.items()
    }


def test_limited_finds_ltd(corpus):
    """`Alpha Robotics Limited` finds "Alpha Robotics Ltd v Comptroller"."""
    assert keys(search("Alpha Robotics Limited")) == [corpus["alpha"]]


def test_us_spelling_finds_uk_spelling(corpus):
    """`license` finds the record that says "licence"; quoted, it does not."""
    assert keys(search("license scraped")) == [corpus["pixel"]]
    quoted = search('"license" scraped')
    assert quoted.corrected_from == '"license" scraped'  # found only once corrected


def test_trade_mark_finds_trademark(corpus):
    assert keys(search("trade mark logo")) == [corpus["trade"]]
    assert keys(search('"trade mark" logo')) == []


def test_company_finds_co(corpus):
    """`Owl Marks Company` finds "Owl Marks Co"."""
    assert keys(search("Owl Marks Company")) == [corpus["trade"]]


def test_section_finds_s(corpus):
    """`section N` finds a provision labelled `s. N`; `section` alone does not find
    the possessive `s` of a name."""
    provision = Provision.objects.get(pk=int(corpus["provision"].split(":")[1]))
    found = search(f"section {provision.number} infringement")
    assert keys(found) == [corpus["provision"]]
    assert "Characters" not in " ".join(found.notices)
    assert keys(search("section infringement copying")) == []


def test_us_in_capitals_finds_united_states_but_not_in_lower_case():
    """`US` typed in capitals also finds "United States", `USA` and `U.S.`; `us` is
    the pronoun and stays a word; `us` is never searched for from another form."""
    expanded = ql.parse("US").tree
    assert expanded == ql.Or(
        (
            ql.Term("us"),
            ql.Phrase(("united", "states")),
            ql.Term("usa"),
            ql.Phrase(("u", "s")),
        )
    )
    assert ql.parse("us").tree == ql.Term("us")
    for typed in ("USA", "U.S.", "usa", "United States"):
        tree = ql.parse(typed).tree
        assert ql.Term("us") not in [leaf for leaf, _ in ql.leaves(tree)]
        assert ql.Term("usa") in [leaf for leaf, _ in ql.leaves(tree)]


def test_us_is_written_back_in_capitals():
    """ "Did you mean" writes `US` back as typed, so that it is expanded again."""
    tree = ql.parse("US copyrigt").tree
    assert written.corrected_text(tree, {"copyrigt": "copyright"}) == "US copyright"


@pytest.fixture
def places(engine):
    said = {
        "states": "Filed in the United States District Court.",
        "usa": "A claim brought in the USA.",
        "pronoun": "The claimant told us nothing.",
        "kingdom": "The United Kingdom courts heard it.",
        "union": "The European Union regulation applies.",
    }
    records = {
        name: f.DisputeFactory(court=None, title=f"Place {name}", summary=summary)
        for name, summary in said.items()
    }
    index_all()
    return {name: make_key("dispute", obj.pk) for name, obj in records.items()}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("US", ["states", "usa", "pronoun"]),
        ("USA", ["states", "usa"]),
        ("U.S.", ["states", "usa"]),
        ("United States", ["states", "usa"]),
        ("us", ["pronoun"]),
        ('"united states"', ["states"]),
        ("UK", ["kingdom"]),
        ("United Kingdom", ["kingdom"]),
        ("EU", ["union"]),
        ("European Union", ["union"]),
    ],
)
def test_places_find_their_abbreviations(places, typed, found):
    """`US` also finds the pronoun `us` (the index holds words lower-cased), as it
    did; every other form finds the place only."""
    assert sorted(keys(search(typed))) == sorted(places[name] for name in found)
