"""Text becomes the same words in both indexes, in the query and in the highlighter
(casebase.search.tokens). Words joined by a full stop (`s.1202`, `U.S.`, `v1.x`) or an
underscore are split, so `s.1202`, `s 1202` and `s. 1202` find the same records;
accents are folded, so `societe` finds `Société`."""

import pytest

from casebase.search.documents import make_key
from tests import factories as f
from tests.search.conftest import index_all, keys, search


@pytest.fixture
def records(engine):
    land = f.JurisdictionFactory(slug="token-land", name="Token Land")
    dmca = f.DisputeFactory(
        court=None,  # factory courts and jurisdictions are named with a number
        jurisdictions=[land],
        title="Oscar Press v Papa Models",
        summary="Claims under DMCA s.1202(b) for removed management information, "
        "filed in the U.S. District Court; outputs of v1.x models compared.",
    )
    spaced = f.DisputeFactory(
        court=None,
        jurisdictions=[land],
        title="Quebec Studio v Romeo Labs",
        summary="A claim under s. 1202 was dismissed.",
    )
    case_number = f.DisputeFactory(
        court=None, title="Sierra Verlag v Tango KI", case_number="10 C 13/2023-16"
    )
    accented = f.DisputeFactory(
        court=None,
        jurisdictions=[land],
        title="Société Générale des Auteurs v Überwald GmbH",
        short_title="Société Générale v Überwald",
        summary="A claim about model_weights and naïve copying.",
    )
    index_all()
    return {
        name: make_key("dispute", record.pk)
        for name, record in {
            "dmca": dmca,
            "spaced": spaced,
            "case_number": case_number,
            "accented": accented,
        }.items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["s.1202", "s 1202", "s. 1202", '"s 1202"', "1202"])
def test_dotted_section_numbers(records, typed):
    assert sorted(keys(search(typed))) == sorted([records["dmca"], records["spaced"]])


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["U.S.", '"u s district court"', "v1.x", "v1"])
def test_dotted_abbreviations(records, typed):
    assert keys(search(typed)) == [records["dmca"]]


@pytest.mark.django_db
def test_dotted_words_are_marked_in_snippets(records):
    hit = next(h for h in search("s 1202").hits if h.key == records["dmca"])
    assert "<mark>s</mark>.<mark>1202</mark>" in str(hit.snippet_html)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["16", "13/2023-16", "2023 16"])
def test_parts_of_a_case_number(records, typed):
    assert keys(search(typed)) == [records["case_number"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "societe generale",
        "Société",
        "SOCIETE",
        "uberwald",
        "Überwald",
        "naive",
        "model_weights",
        "weights model",
    ],
)
def test_accents_and_underscores(records, typed):
    assert keys(search(typed)) == [records["accented"]]


@pytest.mark.django_db
def test_folded_words_are_marked_in_titles(records):
    hit = search("societe").hits[0]
    assert "<mark>Société</mark>" in str(hit.title_html)
