"""Reads of imported judgment text: the documents shown on a precedent's page, and
the paragraph each treatment's pinpoint links to.

Paragraphs and references carry no publication status of their own: they are read
only through a precedent the user may already see.
"""

from django.db.models import Prefetch

from casebase.law.models import (
    Authority,
    DocumentKind,
    ImportedDocument,
    JudgmentParagraph,
    JudgmentReference,
    Precedent,
)


def precedent_documents(*, precedent: Precedent) -> list[ImportedDocument]:
    """The imported judgment and press summary of `precedent`, each with its
    paragraphs in order and the references in each (three queries)."""
    return list(
        precedent.documents.order_by("kind", "pk").prefetch_related(
            Prefetch(
                "paragraphs",
                queryset=JudgmentParagraph.objects.order_by(
                    "position"
                ).prefetch_related(
                    Prefetch(
                        "references", queryset=JudgmentReference.objects.order_by("pk")
                    )
                ),
            ),
        )
    )


def attach_pinpoint_urls(authorities: list[Authority]) -> None:
    """Set `paragraph_url` on each authority whose pinpoint names a paragraph held in
    the imported text of its later (citing) judgment; "" otherwise. One query."""
    wanted = {a.citing_id for a in authorities if a.paragraph_numbers}
    held = set()
    if wanted:
        held = set(
            JudgmentParagraph.objects.filter(
                document__precedent_id__in=wanted,
                document__kind=DocumentKind.JUDGMENT,
            )
            .exclude(number="")
            .values_list("document__precedent_id", "number")
        )
    for a in authorities:
        numbers = a.paragraph_numbers
        a.paragraph_url = ""
        if numbers and (a.citing_id, numbers[0]) in held:
            a.paragraph_url = f"{a.citing.get_absolute_url()}#para-{numbers[0]}"
