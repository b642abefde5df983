""" "Did you mean": the words seen in indexed text (table search_word), and the
nearest of them to a misspelt word: Levenshtein distance at most 2, first letter kept.

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
    """Levenshtein distance, giving up (limit + 1) once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def nearest(word: str) -> str:
    """The closest known word, or "" (also when `word` itself is known)."""
    word = word.lower()
    if len(word) < 3:
        return ""
    candidates = list(
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
    scored = sorted((distance(word, c), c) for c in candidates)
    return scored[0][1] if scored and scored[0][0] <= MAX_DISTANCE else ""
