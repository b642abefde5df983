"""The benchmark's query mix and the naive ORM baseline it is compared with."""

from __future__ import annotations

import random
import re

from django.db.models import Q

from casebase.cases import models as cases
from casebase.law import models as law
from casebase.search.bench.corpus import ADJECTIVES, NOUNS, VERBS, Corpus


def query_mix(corpus: Corpus, count: int, *, seed: int = 2) -> list[tuple[str, str]]:
    """(kind, text) pairs: words, two-word AND, phrases, fielded, citations, OR/NOT,
    prefixes, in roughly equal shares."""
    rng = random.Random(seed)
    makers = [
        ("word", lambda: rng.choice(NOUNS)),
        ("two words", lambda: f"{rng.choice(NOUNS)} {rng.choice(NOUNS)}"),
        ("phrase", lambda: f'"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"'),
        (
            "fielded",
            lambda: rng.choice(
                [
                    f"party:{rng.choice(corpus.parties).split()[1].lower()}",
                    f"system:{rng.choice(corpus.systems).lower()}",
                    f'court:"{rng.choice(["supreme", "appeal", "chancery", "enterprise"])}"',
                    f"theory:{rng.choice(['copyright', 'patent', 'secret', 'contract'])} {rng.choice(NOUNS)}",
                    f"{rng.choice(NOUNS)} year:{rng.randint(2015, 2021)}..{rng.randint(2022, 2025)}",
                    f"title:{rng.choice(corpus.parties).split()[1].lower()}",
                ]
            ),
        ),
        ("citation", lambda: rng.choice(corpus.citations)),
        (
            "boolean",
            lambda: f"{rng.choice(NOUNS)} OR {rng.choice(NOUNS)} -{rng.choice(VERBS)}",
        ),
        ("prefix", lambda: f"{rng.choice(NOUNS)[:4]}* {rng.choice(NOUNS)}"),
    ]
    return [
        (kind, make()) for kind, make in (makers[i % len(makers)] for i in range(count))
    ]


# The naive baseline: what search would be without an index. Every word must appear
# (icontains) in one of each model's text fields; count the matches, take 20.
_FIELDS = {
    cases.Dispute: ["title", "short_title", "summary", "status_text", "case_number"],
    law.Precedent: ["case_name", "neutral_citation", "law_report_citations", "holding"],
    law.Provision: ["heading", "summary"],
    cases.Evidence: ["title", "description"],
    cases.Party: ["name", "description"],
    cases.AISystem: ["name", "description"],
}
_TERMS = re.compile(r'"([^"]+)"|(\S+)')


def naive_search(text: str) -> int:
    terms = []
    for phrase, word in _TERMS.findall(text):
        term = phrase or word
        if ":" in term and not phrase:
            term = term.split(":", 1)[1].strip('"')
        term = term.strip("*-[]()")
        if term and term not in {"OR", "AND", "NOT"}:
            terms.append(term)
    if re.match(r"^\[\d{4}\]", text):
        terms = [text]
    total = 0
    for model, fields in _FIELDS.items():
        queryset = model.objects.published()
        for term in terms:
            match = Q()
            for name in fields:
                match |= Q(**{f"{name}__icontains": term})
            queryset = queryset.filter(match)
        total += queryset.count()
        list(queryset[:20])
    return total
