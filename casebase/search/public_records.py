"""What the search index may hold: the public records of each type, with the related
rows their documents read prefetched, each through the one visibility rule
(`visible(Model, None)`). documents.py builds a document from each; bulk_documents.py
reads the same related rows in batches (`dispute_related`).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from casebase.cases import models as cases
from casebase.core.visibility import prefetch_visible, through_visible, visible
from casebase.law import models as law

PUBLIC = None  # the anonymous reader: the index holds what the public may see

# A dispute's cited precedents, oldest first; the key makes equal dates stable.
LINK_ORDER = ("precedent__decision_date", "pk")


def dispute_related() -> tuple[QuerySet, QuerySet, QuerySet, QuerySet]:
    """A dispute's public claims, party roles, system roles and precedent links,
    as both the single-record and the bulk builders read them."""
    claims = visible(cases.Claim, PUBLIC).select_related("theory")
    parties = through_visible(
        cases.DisputeParty.objects.all(), PUBLIC, "party"
    ).select_related("party")
    systems = through_visible(
        cases.DisputeSystem.objects.all(), PUBLIC, "system"
    ).select_related("system")
    links = (
        through_visible(cases.DisputePrecedent.objects.all(), PUBLIC, "precedent")
        .select_related("precedent")
        .order_by(*LINK_ORDER)
    )
    return claims, parties, systems, links


def dispute_queryset() -> QuerySet:
    claims, parties, systems, links = dispute_related()
    return visible(cases.Dispute, PUBLIC).prefetch_related(
        prefetch_visible("court", law.Court, PUBLIC),
        "jurisdictions",
        Prefetch("party_roles", queryset=parties),
        Prefetch("system_roles", queryset=systems),
        Prefetch("claims", queryset=claims),
        Prefetch("events", queryset=visible(cases.Event, PUBLIC)),
        Prefetch("precedent_links", queryset=links),
    )


def precedent_queryset() -> QuerySet:
    return visible(law.Precedent, PUBLIC).prefetch_related(
        prefetch_visible("court", law.Court, PUBLIC),
        "court__jurisdiction",
        "legal_theories",
    )


def provision_queryset() -> QuerySet:
    return through_visible(
        visible(law.Provision, PUBLIC), PUBLIC, "statute"
    ).prefetch_related("statute", "legal_theories")


def evidence_queryset() -> QuerySet:
    claims = visible(cases.Claim, PUBLIC).select_related("theory")
    return (
        through_visible(visible(cases.Evidence, PUBLIC), PUBLIC, "dispute")
        .select_related("dispute")
        .prefetch_related(
            Prefetch("claims", queryset=claims),
            prefetch_visible("dispute__court", law.Court, PUBLIC),
            "dispute__jurisdictions",
        )
    )


def party_queryset() -> QuerySet:
    return visible(cases.Party, PUBLIC)


def system_queryset() -> QuerySet:
    return visible(cases.AISystem, PUBLIC).prefetch_related(
        prefetch_visible("developer", cases.Party, PUBLIC)
    )
