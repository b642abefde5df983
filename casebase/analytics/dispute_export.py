"""The rows of a dispute export: the dispute list's filters, the list's visibility
rule and order, read in chunks.

Disputes are read with `.values().iterator(chunk_size=...)`; for each chunk the
related names (court, jurisdictions, theories, parties) are fetched in one query each
for just that chunk's ids, through the same visibility rule as the list page. Memory
therefore depends on the chunk size, not on the number of rows exported.
"""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from casebase.analytics.exports import batched
from casebase.cases.models import Claim, Dispute, DisputeParty, PartyRole
from casebase.cases.selectors import DisputeFilters, filter_disputes
from casebase.core.visibility import through_visible, visible
from casebase.law.models import Court

CHUNK = 1000
OTHER_ROLES = [
    (role.value, role.label.lower())
    for role in PartyRole
    if role not in (PartyRole.CLAIMANT, PartyRole.DEFENDANT)
]

FIELDS = (
    "pk",
    "slug",
    "title",
    "short_title",
    "stage",
    "outcome",
    "case_number",
    "filed_date",
    "filed_date_precision",
    "first_decision_date",
    "first_decision_precision",
    "resolved_date",
    "resolved_precision",
    "court_id",
    "verified",
    "publication_status",
    "updated_at",
)

HEADER = [
    "id",
    "slug",
    "url",
    "title",
    "short_title",
    "jurisdictions",
    "court",
    "case_number",
    "stage",
    "outcome",
    "filed_date",
    "filed_date_precision",
    "first_decision_date",
    "first_decision_precision",
    "resolved_date",
    "resolved_precision",
    "legal_theories",
    "claimants",
    "defendants",
    "other_parties",
    "verified",
    "publication_status",
    "updated_at",
]


def dispute_queryset(*, user, filters: DisputeFilters) -> QuerySet[Dispute]:
    """What /disputes/ shows for these filters, in its order, unpaginated."""
    disputes = filter_disputes(visible(Dispute, user), user=user, filters=filters)
    return disputes.order_by("-updated_at", "pk")


def _grouped(pairs) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for key, value in pairs:
        if value not in out[key]:
            out[key].append(value)
    return out


class _Related:
    """The names hanging off one chunk of disputes, each visible to `user`."""

    def __init__(self, user, rows: list[dict[str, Any]]):
        ids = [row["pk"] for row in rows]
        court_ids = {row["court_id"] for row in rows if row["court_id"]}
        self.courts = dict(
            visible(Court, user).filter(pk__in=court_ids).values_list("pk", "name")
        )
        self.jurisdictions = _grouped(
            Dispute.jurisdictions.through.objects.filter(dispute_id__in=ids)
            .order_by("jurisdiction__name")
            .values_list("dispute_id", "jurisdiction__name")
        )
        claims = through_visible(visible(Claim, user), user, "dispute")
        self.theories = _grouped(
            claims.filter(dispute_id__in=ids)
            .order_by("dispute_id", "position", "pk")
            .values_list("dispute_id", "theory__name")
        )
        roles = through_visible(DisputeParty.objects.all(), user, "party")
        self.parties: dict[tuple[int, str], list[str]] = _grouped(
            ((dispute, role), name)
            for dispute, role, name in roles.filter(dispute_id__in=ids)
            .order_by("dispute_id", "role", "position", "pk")
            .values_list("dispute_id", "role", "party__name")
        )

    def others(self, pk: int) -> list[str]:
        return [
            f"{name} ({label})"
            for role, label in OTHER_ROLES
            for name in self.parties.get((pk, role), [])
        ]


def dispute_rows(
    disputes: QuerySet[Dispute], *, user, base_url: str = "", chunk: int = CHUNK
) -> Iterator[list[Any]]:
    """One list per dispute, in HEADER's order."""
    # reverse() once: the pattern is the same for every slug.
    url = base_url.rstrip("/") + reverse("cases:dispute-detail", args=["SLUG"])
    head, tail = url.rsplit("SLUG", 1)
    rows = disputes.values(*FIELDS).iterator(chunk_size=chunk)
    for batch in batched(rows, chunk):
        related = _Related(user, batch)
        for row in batch:
            pk = row["pk"]
            yield [
                pk,
                row["slug"],
                f"{head}{row['slug']}{tail}",
                row["title"],
                row["short_title"],
                related.jurisdictions.get(pk, []),
                related.courts.get(row["court_id"], ""),
                row["case_number"],
                row["stage"],
                row["outcome"],
                row["filed_date"],
                row["filed_date_precision"],
                row["first_decision_date"],
                row["first_decision_precision"],
                row["resolved_date"],
                row["resolved_precision"],
                related.theories.get(pk, []),
                related.parties.get((pk, PartyRole.CLAIMANT), []),
                related.parties.get((pk, PartyRole.DEFENDANT), []),
                related.others(pk),
                row["verified"],
                row["publication_status"],
                row["updated_at"],
            ]
