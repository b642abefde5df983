""" "Did you mean": the words seen in indexed text (table search_word), and the
nearest of them to a misspelt word: first letter kept, a swap of neighbouring letters
being one edit; how many edits depends on the word's length (see `allowed`).

Shared by both backends. Words are only added; a suggestion is only offered when the
corrected query finds something, so a word whose record has gone does no harm.
"""

import re
from collections.abc import Iterable

from django.db.models.functions import Length

from casebase.search import equivalents
from casebase.search.documents import SearchDocument
from casebase.search.models import SearchWord

_WORD = re.compile(r"[^\W\d_]{3,40}", re.UNICODE)
MAX_DISTANCE = 2
MIN_CORRECTED = 4


def words_of(documents: Iterable[SearchDocument]) -> set[str]:
    found: set[str] = set()
    for doc in documents:
        text = f"{doc.title} {doc.body} {doc.parties} {doc.systems} {doc.theory}"
        found.update(w.lower() for w in _WORD.findall(text))
    return found


def remember(documents: Iterable[SearchDocument]) -> None:
    words = words_of(documents)
    if words:
        SearchWord.objects.bulk_create(
            [SearchWord(word=w) for w in sorted(words)],
            ignore_conflicts=True,
            batch_size=500,
        )


def forget_all() -> None:
    SearchWord.objects.all().delete()


def distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Edit distance, a swap of two neighbouring letters counting as one edit
    (optimal string alignment); gives up (limit + 1) once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def allowed(word: str, candidate: str) -> int:
    """How many edits a correction of `word` into `candidate` may make:
    - a word of up to three letters only gains a dropped letter (`mta` is `meta`,
      but `plc` is not `pbc`);
    - up to six letters, one edit, or two when the first three letters agree
      (`kadrie` is `kadrey`, but `colour` is not `cloud`);
    - beyond, two."""
    if len(word) < MIN_CORRECTED:
        return 1 if len(candidate) == len(word) + 1 and _within(word, candidate) else 0
    if len(word) <= 6:
        return MAX_DISTANCE if candidate[:3] == word[:3] else 1
    return MAX_DISTANCE


def _within(word: str, candidate: str) -> bool:
    """Whether `word` is `candidate` with letters left out (`limted`, `limited`)."""
    letters = iter(candidate)
    return all(letter in letters for letter in word)


def nearest(word: str) -> str:
    """The closest known word, or "" (also when `word` itself is known, or nothing is
    close enough: see `allowed`, or it is one of equivalents.KNOWN: `section` is
    not `selection`). Among equally close words, one that `word` is with
    a letter left out (`limted` is `limited`, not `listed`), then the one whose
    length is nearer, then the first alphabetically. A name typed without its
    apostrophe (`ONan`, `DSouza`) is given it back when the rest is a known word."""
    word = word.lower()
    if len(word) < MIN_CORRECTED - 1 or word in equivalents.KNOWN:
        return ""
    candidates = set(
        SearchWord.objects.annotate(n=Length("word"))
        .filter(
            word__startswith=word[0],
            n__gte=len(word) - MAX_DISTANCE,
            n__lte=len(word) + MAX_DISTANCE,
        )
        .values_list("word", flat=True)
    )
    if word in candidates:
        return ""
    if word[0] in "od" and SearchWord.objects.filter(word=word[1:]).exists():
        return f"{word[0]}'{word[1:]}"
    scored = []
    for candidate in candidates:
        limit = allowed(word, candidate)
        edits = distance(word, candidate, limit) if limit else 1
        if limit and edits <= limit:
            scored.append(
                (
                    edits,
                    not _within(word, candidate),
                    abs(len(candidate) - len(word)),
                    candidate,
                )
            )
    return min(scored)[-1] if scored else ""
