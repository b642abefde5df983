""" "Did you mean": the words seen in indexed text (table search_word), and the
nearest of them to a misspelt word: first letter kept, one edit for a word of up to six
letters, two beyond, a swap of neighbouring letters being one edit; words of three
letters or fewer are never corrected.

Shared by both backends. Words are only added; a suggestion is only offered when the
corrected query finds something, so a word whose record has gone does no harm.
"""

import re
from collections.abc import Iterable

from django.db.models.functions import Length

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


def allowed(word: str) -> int:
    """How many edits a correction of `word` may make: none up to 3 letters (`plc`
    is not `pbc`), one up to 6 (`colour` is not `cloud`), two beyond."""
    if len(word) <= MIN_CORRECTED - 1:
        return 0
    return 1 if len(word) <= 6 else MAX_DISTANCE


def nearest(word: str) -> str:
    """The closest known word, or "" (also when `word` itself is known, or nothing is
    close enough: see `allowed`). Among equally close words, the one whose length is
    nearer, then the first alphabetically. A name typed without its apostrophe
    (`ONan`, `DSouza`) is given it back when the rest is a known word."""
    word = word.lower()
    limit = allowed(word)
    if not limit:
        return ""
    candidates = set(
        SearchWord.objects.annotate(n=Length("word"))
        .filter(
            word__startswith=word[0],
            n__gte=len(word) - limit,
            n__lte=len(word) + limit,
        )
        .values_list("word", flat=True)
    )
    if word in candidates:
        return ""
    if word[0] in "od" and SearchWord.objects.filter(word=word[1:]).exists():
        return f"{word[0]}'{word[1:]}"
    scored = sorted(
        (distance(word, c, limit), abs(len(c) - len(word)), c) for c in candidates
    )
    return scored[0][2] if scored and scored[0][0] <= limit else ""
