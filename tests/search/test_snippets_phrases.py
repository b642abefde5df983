"""A phrase is shown and marked as a whole in snippets, never a word of it alone;
plain words are marked wherever they stand, as before; output stays escaped."""

import pytest

from casebase.search import language as ql
from casebase.search.highlight import SNIPPET_CHARS, highlight_terms, mark, snippet
from casebase.search.query import marked_to_html
from tests import factories as f
from tests.search.conftest import index_all, search

FILLER = "Nothing of interest is said here, and nothing else either. " * 6


def _html(text: str, query: str) -> str:
    return str(marked_to_html(snippet(text, highlight_terms(ql.parse(query).tree))))


def test_phrase_is_marked_where_it_stands_not_its_stop_words_elsewhere():
    """In a long text, the passage shown holds the phrase, marked as one; `and`
    elsewhere is not marked."""
    text = FILLER + "Copyright: text and data mining exception (Art. 4)."
    assert len(text) > SNIPPET_CHARS
    html = _html(text, '"text and data mining"')
    assert "<mark>text and data mining</mark>" in html
    assert html.count("<mark>") == 1


def test_passage_with_the_phrase_is_chosen_over_an_earlier_word_of_it():
    """`weights` early in the text does not take the snippet away from the phrase."""
    text = "The weights leaked. " + FILLER + "Nobody has ruled on model weights."
    html = _html(text, '"model weights"')
    assert "<mark>model weights</mark>" in html
    assert "The weights leaked" not in html


def test_phrase_words_apart_by_more_than_a_space_are_marked_one_by_one():
    """`s.1202` and `breach, of confidence` match the phrase; the marks leave the
    punctuation between the words unmarked."""
    assert (
        _html("DMCA s.1202(b)", "s.1202") == "DMCA <mark>s</mark>.<mark>1202</mark>(b)"
    )
    assert _html("breach, of confidence", '"breach of confidence"') == (
        "<mark>breach</mark>, <mark>of confidence</mark>"
    )


def test_phrase_not_in_the_text_shows_its_start_unmarked():
    """A record found through words not in its text (a title, a label) shows the
    start of its text, with no lone `of` or `confidence` marked."""
    text = "The duty of confidence survives the end " + FILLER
    html = _html(text, '"breach of confidence"')
    assert "<mark>" not in html
    assert html.startswith("The duty of confidence")


def test_plain_words_keep_being_marked_wherever_they_stand():
    """Unquoted words are each marked, stop-words included (every one must match)."""
    html = _html("data and text, and mining", "text and data mining")
    assert html == (
        "<mark>data</mark> <mark>and</mark> <mark>text</mark>, "
        "<mark>and</mark> <mark>mining</mark>"
    )


def test_phrase_and_word_together():
    """A word beside a phrase is marked wherever it stands; the phrase where whole."""
    html = _html("tdm of a kind; breach of confidence", '"breach of confidence" OR tdm')
    assert html == ("<mark>tdm</mark> of a kind; <mark>breach of confidence</mark>")


def test_phrase_matches_stems_as_the_index_does():
    """`"trade secret"` matches `trade secrets`, as both backends do."""
    html = _html("theft of trade secrets", '"trade secret"')
    assert html == "theft of <mark>trade secrets</mark>"


def test_excluded_phrase_is_not_marked():
    assert "<mark>" not in _html("breach of confidence", 'x NOT "breach of"')


def test_a_plain_set_of_stems_still_marks_each_word():
    """Callers that give a frozenset of stems (the old signature) get each marked."""
    marked = mark("breach of confidence", frozenset({"of"}))
    assert str(marked_to_html(marked)) == "breach <mark>of</mark> confidence"


def test_whole_title_marks_the_phrase_only():
    terms = highlight_terms(ql.parse('"breach of confidence"').tree)
    title = "Law of confidence: breach of confidence"
    html = str(marked_to_html(mark(title, terms, whole=True)))
    assert html == ("Law of confidence: <mark>breach of confidence</mark>")


def test_whole_long_title_marks_every_occurrence():
    """A whole text is marked to its end, however far the phrases are apart."""
    terms = highlight_terms(ql.parse('"model weights"').tree)
    html = str(
        marked_to_html(mark(f"model weights {FILLER} model weights", terms, whole=True))
    )
    assert html.count("<mark>model weights</mark>") == 2


def test_phrase_snippets_are_escaped():
    """Markup around a phrase comes out escaped; only the phrase is marked."""
    html = _html('<b onmouseover="x">breach of confidence</b> & co', '"breach of"')
    assert "<b" not in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;<mark>breach of</mark>" in html
    assert "&amp; co" in html


def test_trailing_legislation_path_is_not_shown():
    """A provision's `ukpga/1988/48` ends its indexed text but not its snippet."""
    terms = highlight_terms(ql.parse("copyright").tree)
    shown = snippet("Copyright subsists in works. copyright ukpga/1988/48", terms)
    assert str(marked_to_html(shown)).endswith("works. <mark>copyright</mark>")
    assert snippet("Secret. uksi/2018/597", terms) == "Secret."


@pytest.fixture
def records(engine):
    theory = f.LegalTheoryFactory(slug="confidence", name="Breach of confidence")
    beta = f.PrecedentFactory(
        case_name="Beta Foods Ltd v Clark",
        holding="The elements of breach of confidence: quality of confidence, "
        "an obligation of confidence, and unauthorised use.",
    )
    # Matches through its title only; its text has `of` and `confidence` apart.
    gamma = f.PrecedentFactory(
        case_name="Gamma Ltd v Delta (breach of confidence)",
        holding="A duty of care was owed; confidence in the market was lost.",
    )
    gamma.legal_theories.set([theory])
    index_all()
    return {"beta": beta, "gamma": gamma}


@pytest.mark.django_db
def test_backends_mark_the_phrase_as_a_whole(records):
    """On every backend the snippet marks the phrase where it stands, not the
    `of` of `quality of confidence`."""
    hit = next(
        h for h in search('"breach of confidence"').hits if h.title.startswith("Beta")
    )
    html = str(hit.snippet_html)
    assert "<mark>breach of confidence</mark>" in html
    assert "quality of confidence" in html


@pytest.mark.django_db
def test_backends_show_the_start_when_the_phrase_is_elsewhere(records):
    """A record found through its title shows the start of its text, unmarked,
    and its title with the phrase marked."""
    hit = next(
        h for h in search('"breach of confidence"').hits if h.title.startswith("Gamma")
    )
    assert "<mark>" not in str(hit.snippet_html)
    assert str(hit.snippet_html).startswith("A duty of care")
    assert "(<mark>breach of confidence</mark>)" in str(hit.title_html)
