"""Reads the API needs beyond the pages' selectors.

Each starts from the pages' selectors or from `visible()` / `through_visible()`, so
the one visibility rule is applied in the same place as everywhere else. The API
adds one restriction of its own: sealed evidence is never served, to anyone (the
admin is where editors handle it).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from casebase.cases import selectors as cases_selectors
from casebase.cases.models import (
    AISystem,
    Claim,
    ComparisonOutput,
    Confidentiality,
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    Event,
    Evidence,
    OutputComparison,
    Party,
)
from casebase.core.models import Source
from casebase.core.visibility import prefetch_visible, through_visible, visible
from casebase.law import selectors as law_selectors
from casebase.law.models import (
    Authority,
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    Provision,
    Statute,
)


def _sources(user) -> Prefetch:
    return Prefetch("sources", queryset=visible(Source, user))


def _systems(user) -> Prefetch:
    systems = through_visible(DisputeSystem.objects.all(), user, "system")
    return Prefetch("system_roles", queryset=systems.select_related("system"))


def served_evidence(user) -> QuerySet[Evidence]:
    """Evidence the API may serve: visible, never sealed."""
    return visible(Evidence, user).exclude(confidentiality=Confidentiality.SEALED)


def served(evidence: list[Evidence]) -> list[Evidence]:
    """Of rows already fetched through the visibility rule, those the API serves."""
    return [e for e in evidence if e.confidentiality != Confidentiality.SEALED]


def dispute_queryset(*, user) -> QuerySet[Dispute]:
    """Disputes for the list: the pages' list columns plus systems and events."""
    return cases_selectors.with_list_columns(
        visible(Dispute, user), user=user
    ).prefetch_related(
        _systems(user),
        Prefetch("events", queryset=visible(Event, user)),
    )


def dispute_page_queryset(*, user) -> QuerySet[Dispute]:
    """Disputes for the list's fast path (`casebase.api.lean` reads what they embed)."""
    return visible(Dispute, user)


def dispute_detail_queryset(*, user) -> QuerySet[Dispute]:
    """What the API's dispute shows, each relation through the visibility rule: the
    page's prefetches less what the API does not show (systems' developers,
    precedents' courts), and sealed evidence never fetched at all."""
    precedents = through_visible(
        DisputePrecedent.objects.all(), user, "precedent"
    ).select_related("precedent")
    outputs = through_visible(ComparisonOutput.objects.all(), user, "system")
    return visible(Dispute, user).prefetch_related(
        prefetch_visible("court", Court, user),
        "jurisdictions",
        _sources(user),
        Prefetch(
            "party_roles",
            queryset=through_visible(
                DisputeParty.objects.all(), user, "party"
            ).select_related("party"),
        ),
        _systems(user),
        Prefetch(
            "claims",
            queryset=visible(Claim, user)
            .select_related("theory")
            .prefetch_related(
                Prefetch(
                    "provisions",
                    queryset=visible(Provision, user).select_related("statute"),
                ),
                _sources(user),
            ),
        ),
        Prefetch(
            "evidence",
            queryset=served_evidence(user).prefetch_related(
                _sources(user),
                Prefetch(
                    "claims", queryset=visible(Claim, user).select_related("theory")
                ),
                Prefetch(
                    "comparisons",
                    queryset=visible(OutputComparison, user).prefetch_related(
                        Prefetch("outputs", queryset=outputs.select_related("system"))
                    ),
                ),
            ),
        ),
        Prefetch(
            "events", queryset=visible(Event, user).prefetch_related(_sources(user))
        ),
        Prefetch("precedent_links", queryset=precedents),
        Prefetch(
            "precedent_links__precedent__citing_authorities",
            queryset=visible(Authority, user).select_related("citing"),
        ),
    )


@dataclass(frozen=True, kw_only=True)
class DisputeExtraFilters:
    """Filters the API offers beyond the list page's `DisputeFilters`."""

    filed_after: dt.date | None = None
    filed_before: dt.date | None = None
    decided_after: dt.date | None = None
    decided_before: dt.date | None = None
    provision: Provision | None = None
    precedent: Precedent | None = None
    verified: bool | None = None
    updated_since: dt.datetime | None = None


def filter_disputes_more(
    disputes: QuerySet[Dispute], *, user, filters: DisputeExtraFilters
) -> QuerySet[Dispute]:
    f = filters
    if f.filed_after:
        disputes = disputes.filter(filed_date__gte=f.filed_after)
    if f.filed_before:
        disputes = disputes.filter(filed_date__lte=f.filed_before)
    if f.decided_after:
        disputes = disputes.filter(first_decision_date__gte=f.decided_after)
    if f.decided_before:
        disputes = disputes.filter(first_decision_date__lte=f.decided_before)
    if f.provision:
        disputes = disputes.filter(
            pk__in=visible(Claim, user).filter(provisions=f.provision).values("dispute")
        )
    if f.precedent:
        disputes = disputes.filter(
            pk__in=DisputePrecedent.objects.filter(precedent=f.precedent).values(
                "dispute"
            )
        )
    if f.verified is not None:
        disputes = disputes.filter(verified=f.verified)
    if f.updated_since:
        disputes = disputes.filter(updated_at__gte=f.updated_since)
    return disputes


def party_queryset(*, user) -> QuerySet[Party]:
    return cases_selectors.party_list(user=user)


def system_queryset(*, user) -> QuerySet[AISystem]:
    return cases_selectors.system_list(user=user)


def claim_queryset(*, user) -> QuerySet[Claim]:
    return (
        through_visible(visible(Claim, user), user, "dispute")
        .select_related("dispute", "theory")
        .prefetch_related(
            Prefetch(
                "provisions",
                queryset=visible(Provision, user).select_related("statute"),
            ),
            _sources(user),
        )
    )


def evidence_queryset(*, user) -> QuerySet[Evidence]:
    outputs = through_visible(ComparisonOutput.objects.all(), user, "system")
    return (
        through_visible(served_evidence(user), user, "dispute")
        .select_related("dispute")
        .prefetch_related(
            _sources(user),
            Prefetch("claims", queryset=visible(Claim, user).select_related("theory")),
            Prefetch(
                "comparisons",
                queryset=visible(OutputComparison, user).prefetch_related(
                    Prefetch("outputs", queryset=outputs.select_related("system"))
                ),
            ),
        )
    )


def event_queryset(*, user) -> QuerySet[Event]:
    return (
        through_visible(visible(Event, user), user, "dispute")
        .select_related("dispute")
        .prefetch_related(_sources(user))
    )


def source_queryset(*, user) -> QuerySet[Source]:
    return visible(Source, user)


def jurisdiction_queryset(*, user) -> QuerySet[Jurisdiction]:
    return law_selectors.jurisdiction_list(user=user)


def theory_queryset(*, user) -> QuerySet[LegalTheory]:
    return law_selectors.theory_list()


def court_queryset(*, user) -> QuerySet[Court]:
    return law_selectors.court_list(user=user)


def statute_queryset(*, user) -> QuerySet[Statute]:
    return law_selectors.statute_list(user=user)


def provision_queryset(*, user) -> QuerySet[Provision]:
    return (
        through_visible(visible(Provision, user), user, "statute")
        .select_related("statute")
        .prefetch_related("legal_theories", _sources(user))
    )


def precedent_queryset(*, user) -> QuerySet[Precedent]:
    return law_selectors.precedent_detail_queryset(user=user)


def authority_queryset(*, user) -> QuerySet[Authority]:
    return (
        through_visible(visible(Authority, user), user, "citing", "cited")
        .select_related("citing", "cited")
        .prefetch_related(
            _sources(user),
            prefetch_visible("citing__court", Court, user),
            prefetch_visible("cited__court", Court, user),
        )
    )
