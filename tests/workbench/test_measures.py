"""The measures, recomputed independently on hand-worked examples."""

import pytest

from casebase.workbench import measures as m


def levenshtein(a: str, b: str) -> int:
    """Textbook dynamic programme, independent of the library the app uses."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1]


def test_normalisation_is_nfc_casefold_and_collapsed_space():
    """Composed and decomposed accents, case and spacing do not count."""
    assert m.normalise("  Cafe\u0301\tOK \n") == "café ok"
    assert m.normalise("STRASSE") == m.normalise("straße")


def test_exact_match_is_verbatim():
    """Exact match counts every character, even case and trailing space."""
    assert m.exact_match("abc", "abc") == 1.0
    assert m.exact_match("abc", "abc ") == 0.0
    assert m.exact_match("Abc", "abc") == 0.0


def test_edit_similarity_hand_worked():
    """kitten -> sitting: 3 edits over 7 characters gives 1 - 3/7."""
    assert m.edit_similarity("kitten", "sitting") == pytest.approx(1 - 3 / 7)
    assert m.edit_similarity("Kitten ", "kitten") == 1.0
    assert m.edit_similarity("", "") == 1.0
    assert m.edit_similarity("abc", "") == 0.0


def test_edit_similarity_matches_an_independent_levenshtein():
    """On assorted texts the library's figure equals the textbook computation."""
    texts = [
        "The zebra-lantern protocol has four steps.",
        "the Zebra lantern protocol has 4 steps!",
        "Ünïcödé  tëxt",
        "completely different words here",
    ]
    for a in texts:
        for b in texts:
            na, nb = m.normalise(a), m.normalise(b)
            expected = 1 - levenshtein(na, nb) / max(len(na), len(nb))
            assert m.edit_similarity(a, b) == pytest.approx(expected)


def test_token_jaccard_hand_worked():
    """{the, cat, sat} vs {the, cat, ran}: 2 shared of 4 distinct = 0.5."""
    assert m.token_jaccard("The cat sat.", "the cat ran") == pytest.approx(0.5)
    assert m.token_jaccard("a a b", "b a") == 1.0
    assert m.token_jaccard("...", "!!") == 1.0


def test_longest_common_run_hand_worked():
    """'a b c d' vs 'x b c d y z': run 'b c d' = 3 of the shorter's 4 words."""
    assert m.longest_common_run("a b c d", "x b c d y z") == pytest.approx(0.75)
    assert m.longest_common_run("one two", "one two three four") == 1.0
    assert m.longest_common_run("", "word") == 0.0
    assert m.longest_common_run("", "") == 1.0


def test_ngram_overlap_hand_worked():
    """Trigrams of 'a b c d' {abc, bcd} vs 'a b c e' {abc, bce}: 1 of 3 = 1/3."""
    assert m.ngram_overlap("a b c d", "a b c e") == pytest.approx(1 / 3)
    assert m.ngram_overlap("a b", "A  b") == 1.0
    assert m.ngram_overlap("a b", "a c") == 0.0
    assert m.ngram_overlap("a b", "a b c") == 0.0


def test_measures_are_symmetric():
    """measure(a, b) equals measure(b, a) for every measure."""
    a, b = "On Tuesdays seventeen is teal.", "seventeen, on tuesdays, is not teal"
    assert m.measure(a, b) == m.measure(b, a)


def test_word_diff_marks_only_the_changed_words():
    """One word changed: it is removed on the left and added on the right."""
    left, right = m.word_diff("the red fox", "the blue fox")
    assert [(s.text, s.kind) for s in left] == [
        ("the ", "same"),
        ("red", "removed"),
        (" fox", "same"),
    ]
    assert [(s.text, s.kind) for s in right] == [
        ("the ", "same"),
        ("blue", "added"),
        (" fox", "same"),
    ]


def test_word_diff_marks_a_changed_phrase_once():
    """Several changed words in a row form one mark, spaces included."""
    _, right = m.word_diff("Numbers.", "Numbers do not have colours.")
    assert [(s.text, s.kind) for s in right] == [
        ("Numbers", "same"),
        (" do not have colours", "added"),
        (".", "same"),
    ]
