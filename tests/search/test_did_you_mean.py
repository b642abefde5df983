""" "Did you mean" never replaces a word with an unrelated one (vocabulary.nearest)."""

import pytest

from casebase.search import vocabulary
from casebase.search.models import SearchWord
from tests import factories as f
from tests.search.conftest import index_all, search

KNOWN = (
    "thaler getty images stability vestergaard faccenda infopaq symbian emotional "
    "perception breach confidence confidentiality originality midjourney perplexity "
    "judgment defence anthropic cloud coco pbc ona nan training kadrey meta mark "
    "listed limited selection"
).split()


@pytest.fixture
def known(db):
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in KNOWN])


@pytest.mark.parametrize(
    "typed,expected",
    [
        # misspellings a lawyer makes: corrected
        ("Thaller", "thaler"),
        ("Thalor", "thaler"),
        ("Gety", "getty"),
        ("Stabilty", "stability"),
        ("Vestergard", "vestergaard"),
        ("Facenda", "faccenda"),
        ("Infopac", "infopaq"),
        ("Symbain", "symbian"),
        ("perseption", "perception"),
        ("breech", "breach"),
        ("confidentiallity", "confidentiality"),
        ("origanality", "originality"),
        ("Midjourny", "midjourney"),
        ("Perplexety", "perplexity"),
        ("judgement", "judgment"),
        ("defense", "defence"),
        ("Anthropik", "anthropic"),
        ("Kadrie", "kadrey"),  # two edits, the first three letters right
        ("Mta", "meta"),  # a short word with a letter dropped
        ("mrk", "mark"),
        ("Limted", "limited"),  # a dropped letter, rather than listed
        # a name typed without its apostrophe gets it back
        ("ONan", "o'nan"),
        # sensible words: never turned into unrelated ones
        ("colour", ""),  # not cloud (two edits in a six-letter word)
        ("color", ""),  # not coco
        ("plc", ""),  # not pbc (a short word only gains a dropped letter)
        ("section", ""),  # a word of the law, not selection
        ("ona", ""),  # known
        ("Getty", ""),  # known
    ],
)
def test_nearest(known, typed, expected):
    assert vocabulary.nearest(typed) == expected


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("symbain", "symbian", 1),  # a swap is one edit
        ("colour", "cloud", 2),
        ("thaller", "thaler", 1),
        ("abc", "abc", 0),
        ("kitten", "sitting", 3),
    ],
)
def test_distance(a, b, expected):
    assert vocabulary.distance(a, b, limit=5) == expected


def test_equally_near_words_prefer_the_nearer_length(db):
    """`patens` is one edit from both `patent` and `paten`; the same length wins."""
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in ("paten", "patent")])
    assert vocabulary.nearest("patenr") == "patent"


@pytest.fixture
def records(engine):
    f.DisputeFactory(
        title="Doe v O'Nan Cloud Storage Inc",
        summary="Magistrate Judge Ona heard the cloud storage claim.",
    )
    index_all()


def test_unrelated_word_is_not_offered(records):
    """`colour` finds nothing and is not "corrected" to `cloud`."""
    results = search("colour")
    assert results.total == 0 and results.suggestion == ""


def test_name_without_apostrophe_is_found(records):
    """`ONan` is offered as o'nan, not as the judge `Ona`."""
    results = search("ONan")
    assert results.suggestion == "o'nan"
    assert results.total == 1


@pytest.fixture
def numbered(engine):
    f.AISystemFactory(name="Quokka3")
    index_all()


@pytest.mark.parametrize("typed", ["quokka4", "Quokka5", "quokka-4"])
def test_a_name_with_a_number_found_nowhere_is_offered_without_it(numbered, typed):
    """`quokka4` (the words `quokka 4`: casebase.search.tokens) finds nothing and is
    offered as `quokka`, as when it was one word a letter longer than `quokka`."""
    results = search(typed)
    assert results.suggestion == "quokka"
    assert results.total == 1


def test_a_name_with_its_number_is_not_corrected_when_found(numbered):
    results = search("quokka3")
    assert results.total == 1 and results.suggestion == ""


def test_a_section_number_found_nowhere_is_not_offered_as_a_section_word(numbered):
    """`section 99` and `s16` are phrases of a word and a number too, but they are
    never offered as `section` or `s` alone."""
    for typed in ("section 99", "s99", "ab3"):
        assert search(typed).suggestion == ""


def test_a_name_found_with_its_number_keeps_it_when_another_word_is_corrected(
    numbered,
):
    """`quokka3 uniferm` is offered with the number (written as the phrase it is
    searched as): only the misspelt word changes."""
    f.DisputeFactory(court=None, title="Quokka3 v Uniform Press", summary="Outputs.")
    index_all()
    assert search("quokka3 uniferm").suggestion == '"quokka 3" uniform'
