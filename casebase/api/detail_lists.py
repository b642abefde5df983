"""The dispute detail's query (lean_detail.py): the dispute's row with every list it
embeds as rows, as JSON columns (`jsonrows.JSONRows`), each through the visibility
rule, and whether it has evidence or precedent links, read apart when it has.
"""

from django.db.models import Exists, OuterRef, QuerySet

from casebase.api.jsonrows import JSONRows
from casebase.api.lean import (
    CLAIM_FIELDS,
    EVENT_FIELDS,
    JURISDICTION_FIELDS,
    JURISDICTION_ORDER,
    PARTY_FIELDS,
    SYSTEM_FIELDS,
    WITHIN_DISPUTE,
)
from casebase.api.selectors import served_evidence
from casebase.cases.models import (
    Claim,
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    Event,
)
from casebase.core.models import Source
from casebase.core.visibility import through_visible, visible
from casebase.law.models import Provision

PUBLISHABLE_JSON = {
    "publication_status": "publication_status",
    "verified": "verified",
    "unverified_elements": "unverified_elements",
    "created_at": "created_at",
    "updated_at": "updated_at",
}


def _sources_json(through, owner: str, user) -> JSONRows:
    """The visible sources linked through `through` to the row `OuterRef("id")`
    (or `"pk"`) names, in the sources' own order."""
    links = through.objects.filter(
        **{owner: OuterRef("id" if owner != "dispute_id" else "pk")},
        source__in=visible(Source, user),
    )
    return JSONRows(
        links.order_by(*(f"source__{o}" for o in Source._meta.ordering), "source_id"),
        id="source_id",
        reference="source__reference",
        address="source__url",
        title="source__title",
        stamp="source__updated_at",
    )


def with_lists(disputes: QuerySet[Dispute], *, user) -> QuerySet[Dispute]:
    """Every list the detail embeds that is read as rows, as JSON columns of the
    dispute's own row (`jsonrows.JSONRows`, each through the visibility rule)."""
    provisions = Claim.provisions.through.objects.filter(
        claim_id=OuterRef("id"), provision__in=visible(Provision, user)
    ).order_by(
        *(
            f"-provision__{o[1:]}" if o.startswith("-") else f"provision__{o}"
            for o in Provision._meta.ordering
        ),
        "provision_id",
    )
    jurisdictions = Dispute.jurisdictions.through.objects.filter(
        dispute_id=OuterRef("pk")
    ).order_by(*JURISDICTION_ORDER)
    parties = DisputeParty.objects.filter(dispute_id=OuterRef("pk"))
    systems = DisputeSystem.objects.filter(dispute_id=OuterRef("pk"))
    return disputes.annotate(
        jurisdictions_json=JSONRows(
            jurisdictions,
            id="jurisdiction_id",
            **JURISDICTION_FIELDS,
        ),
        parties_json=JSONRows(
            through_visible(parties, user, "party"),
            id="party_id",
            stamp="party__updated_at",
            **PARTY_FIELDS,
        ),
        systems_json=JSONRows(
            through_visible(systems, user, "system"),
            id="system_id",
            stamp="system__updated_at",
            **SYSTEM_FIELDS,
        ),
        claims_json=JSONRows(
            visible(Claim, user)
            .filter(dispute_id=OuterRef("pk"))
            .order_by(*WITHIN_DISPUTE[Claim]),
            **CLAIM_FIELDS,
            result_note="result_note",
            position="position",
            provisions=JSONRows(
                provisions,
                id="provision_id",
                statute="provision__statute__short_title",
                label="provision__label",
                legislation_uri="provision__legislation_uri",
                stamp="provision__updated_at",
            ),
            sources=_sources_json(Claim.sources.through, "claim_id", user),
            **PUBLISHABLE_JSON,
        ),
        events_json=JSONRows(
            visible(Event, user)
            .filter(dispute_id=OuterRef("pk"))
            .order_by(*WITHIN_DISPUTE[Event]),
            **EVENT_FIELDS,
            description="description",
            position="position",
            sources=_sources_json(Event.sources.through, "event_id", user),
            **PUBLISHABLE_JSON,
        ),
        sources_json=_sources_json(Dispute.sources.through, "dispute_id", user),
        # Evidence and precedent links are rare: read (with their own lists) only
        # when there are any.
        has_evidence=Exists(served_evidence_of(OuterRef("pk"), user)),
        has_precedents=Exists(linked_precedents(OuterRef("pk"), user)),
    )


LIST_COLUMNS = [
    "jurisdictions_json",
    "parties_json",
    "systems_json",
    "claims_json",
    "events_json",
    "sources_json",
    "has_evidence",
    "has_precedents",
]


def served_evidence_of(dispute, user) -> QuerySet:
    return served_evidence(user).filter(dispute_id=dispute)


def linked_precedents(dispute, user) -> QuerySet:
    links = DisputePrecedent.objects.filter(dispute_id=dispute)
    return through_visible(links, user, "precedent")
