"""Text becomes the same words in both indexes, in the query and in the highlighter
(casebase.search.tokens). Words joined by a full stop (`s.1202`, `U.S.`, `v1.x`) or an
underscore are split, so `s.1202`, `s 1202` and `s. 1202` find the same records;
accents are folded, so `societe` finds `Société`."""

import pytest

from casebase.search.documents import make_key
from casebase.search.tokens import words
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


@pytest.fixture
def numbered(engine):
    """An AI system named with a number (`Quokka3`) and a dispute about it."""
    system = f.AISystemFactory(name="Quokka3")
    dispute = f.DisputeFactory(
        court=None, title="Uniform Press v Victor AI", summary="Outputs compared."
    )
    f.DisputeSystemFactory(dispute=dispute, system=system)
    index_all()
    return {
        "system": make_key("system", system.pk),
        "dispute": make_key("dispute", dispute.pk),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["quokka", "Quokka3", "quokka3", '"quokka 3"'])
def test_a_name_with_a_number_is_found_by_its_letters(numbered, typed):
    """`Quokka3` is the words `quokka` and `3`: found by its name alone and, typed
    whole, as before (the two words as a phrase)."""
    assert sorted(keys(search(typed))) == sorted(numbered.values())


@pytest.mark.django_db
def test_a_name_with_a_number_in_a_field(numbered):
    both = sorted(numbered.values())
    assert sorted(keys(search("system:quokka"))) == both
    assert sorted(keys(search("system:quokka3"))) == both
    assert keys(search("title:quokka")) == [numbered["system"]]
    assert search("quokka4").suggestion == "quokka"  # found only once corrected
    assert keys(search('"3 quokka"')) == []


@pytest.mark.django_db
def test_a_name_is_marked_without_its_number(numbered):
    hit = next(h for h in search("quokka").hits if h.key == numbered["system"])
    assert "<mark>Quokka</mark>3" in str(hit.title_html)


def test_letters_then_digits_are_two_words_other_mixtures_one():
    assert words("Qwen3 GPT-4 llama3.1") == ["qwen", "3", "gpt", "4", "llama", "3", "1"]
    assert words("s.50A 3d h2o v1x [2023] UKSC 49") == [
        "s",
        "50a",
        "3d",
        "h2o",
        "v1x",
        "2023",
        "uksc",
        "49",
    ]
