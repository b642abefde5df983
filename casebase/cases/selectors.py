"""Reads of disputes, parties and AI systems, shared by the pages and (later) the API.

Every function takes the requesting `user` and applies the one visibility rule to the
rows it returns and to every related row it prefetches, so a draft party, a draft claim
or a sealed exhibit never reaches a public page by way of a published dispute.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

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
from casebase.core.models import Source, can_see_unpublished
from casebase.core.visibility import prefetch_visible, through_visible, visible
from casebase.law.models import (
    Authority,
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    Provision,
)
from casebase.law.selectors import with_status


@dataclass(frozen=True, kw_only=True)
class DisputeFilters:
    """What the dispute list is narrowed to. Related records arrive already checked
    as visible (the form's choices are visible records only)."""

    q: str = ""
    jurisdiction: Jurisdiction | None = None
    court: Court | None = None
    theory: LegalTheory | None = None
    stage: str = ""
    outcome: str = ""
    year: int | None = None
    system: AISystem | None = None
    party: Party | None = None


def _sources(user) -> Prefetch:
    return Prefetch("sources", queryset=visible(Source, user))


def _court(user, lookup: str = "court") -> Prefetch:
    return prefetch_visible(lookup, Court, user)


def _visible_claims(user) -> QuerySet[Claim]:
    return through_visible(visible(Claim, user), user, "dispute")


def _party_roles(user) -> QuerySet[DisputeParty]:
    return through_visible(DisputeParty.objects.all(), user, "party").select_related(
        "party"
    )


def filter_disputes(
    disputes: QuerySet[Dispute], *, user, filters: DisputeFilters
) -> QuerySet[Dispute]:
    """Narrow `disputes` by `filters`; joins go through subqueries so no row repeats."""
    f = filters
    if f.q:
        disputes = disputes.filter(
            Q(title__icontains=f.q)
            | Q(short_title__icontains=f.q)
            | Q(summary__icontains=f.q)
            | Q(status_text__icontains=f.q)
            | Q(case_number__icontains=f.q)
        )
    if f.jurisdiction:
        disputes = disputes.filter(
            pk__in=Dispute.jurisdictions.through.objects.filter(
                jurisdiction=f.jurisdiction
            ).values("dispute")
        )
    if f.court:
        disputes = disputes.filter(court=f.court)
    if f.theory:
        disputes = disputes.filter(
            pk__in=visible(Claim, user).filter(theory=f.theory).values("dispute")
        )
    if f.stage:
        disputes = disputes.filter(stage=f.stage)
    if f.outcome:
        disputes = disputes.filter(outcome=f.outcome)
    if f.year:
        disputes = disputes.filter(filed_date__year=f.year)
    if f.system:
        disputes = disputes.filter(
            pk__in=DisputeSystem.objects.filter(system=f.system).values("dispute")
        )
    if f.party:
        disputes = disputes.filter(
            pk__in=DisputeParty.objects.filter(party=f.party).values("dispute")
        )
    return disputes


def with_list_columns(disputes: QuerySet[Dispute], *, user) -> QuerySet[Dispute]:
    """What a table of disputes shows: court, jurisdictions, parties, theories."""
    return disputes.prefetch_related(
        _court(user),
        "jurisdictions",
        Prefetch("party_roles", queryset=_party_roles(user)),
        Prefetch("claims", queryset=visible(Claim, user).select_related("theory")),
    )


def dispute_list(*, user, filters: DisputeFilters | None = None) -> QuerySet[Dispute]:
    """Disputes `user` may see, most recently updated first."""
    disputes = visible(Dispute, user)
    if filters:
        disputes = filter_disputes(disputes, user=user, filters=filters)
    return with_list_columns(disputes, user=user).order_by("-updated_at", "pk")


def dispute_detail_queryset(*, user) -> QuerySet[Dispute]:
    """Disputes with everything their page shows, each relation filtered for `user`."""
    precedents = through_visible(
        DisputePrecedent.objects.all(), user, "precedent"
    ).select_related("precedent")
    systems = through_visible(DisputeSystem.objects.all(), user, "system")
    evidence_claims = visible(Claim, user).select_related("theory")
    outputs = through_visible(ComparisonOutput.objects.all(), user, "system")
    return visible(Dispute, user).prefetch_related(
        _court(user),
        "jurisdictions",
        _sources(user),
        Prefetch("party_roles", queryset=_party_roles(user)),
        Prefetch("system_roles", queryset=systems.select_related("system")),
        Prefetch("system_roles__system__developer", queryset=visible(Party, user)),
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
            queryset=visible(Evidence, user).prefetch_related(
                _sources(user),
                Prefetch("claims", queryset=evidence_claims),
                Prefetch(
                    "comparisons",
                    queryset=visible(OutputComparison, user).prefetch_related(
                        Prefetch("outputs", queryset=outputs.select_related("system"))
                    ),
                ),
            ),
        ),
        Prefetch(
            "events",
            queryset=visible(Event, user).prefetch_related(_sources(user)),
        ),
        Prefetch("precedent_links", queryset=precedents),
        _court(user, "precedent_links__precedent__court"),
        Prefetch(
            "precedent_links__precedent__citing_authorities",
            queryset=visible(Authority, user).select_related("citing"),
        ),
    )


def party_list(*, user) -> QuerySet[Party]:
    """Parties `user` may see, with how many visible disputes each is in."""
    # An aggregate drops Meta.ordering, so the order is restated.
    return (
        visible(Party, user)
        .annotate(
            dispute_count=Count(
                "dispute_roles__dispute",
                distinct=True,
                filter=Q(dispute_roles__dispute__in=visible(Dispute, user)),
            )
        )
        .order_by("name", "pk")
    )


def party_detail_queryset(*, user) -> QuerySet[Party]:
    roles = through_visible(DisputeParty.objects.all(), user, "dispute")
    return visible(Party, user).prefetch_related(
        Prefetch(
            "dispute_roles",
            queryset=roles.select_related("dispute").order_by(
                "role", "-dispute__updated_at"
            ),
        ),
        _court(user, "dispute_roles__dispute__court"),
        Prefetch("ai_systems", queryset=visible(AISystem, user)),
    )


def system_list(*, user) -> QuerySet[AISystem]:
    """AI systems `user` may see, with their developer and count of visible disputes."""
    return (
        visible(AISystem, user)
        .annotate(
            dispute_count=Count(
                "dispute_roles__dispute",
                distinct=True,
                filter=Q(dispute_roles__dispute__in=visible(Dispute, user)),
            )
        )
        .prefetch_related(Prefetch("developer", queryset=visible(Party, user)))
        .order_by("name", "version", "pk")
    )


def system_detail_queryset(*, user) -> QuerySet[AISystem]:
    roles = through_visible(DisputeSystem.objects.all(), user, "dispute")
    return visible(AISystem, user).prefetch_related(
        Prefetch("developer", queryset=visible(Party, user)),
        Prefetch(
            "dispute_roles",
            queryset=roles.select_related("dispute").order_by(
                "-dispute__updated_at", "pk"
            ),
        ),
        _court(user, "dispute_roles__dispute__court"),
    )


@dataclass(frozen=True)
class SiteSummary:
    counts: dict[str, int]
    recent: list[Dispute]
    theories: list[LegalTheory]
    jurisdictions: list[Jurisdiction]


def site_summary(*, user, recent: int = 8) -> SiteSummary:
    """What the home page says casebase holds: published counts and entry points."""
    counts = {
        "disputes": Dispute.objects.published().count(),
        "precedents": Precedent.objects.published().count(),
        "provisions": Provision.objects.published().count(),
        "parties": Party.objects.published().count(),
        "systems": AISystem.objects.published().count(),
    }
    theories = LegalTheory.objects.annotate(
        dispute_count=Count(
            "claims__dispute",
            distinct=True,
            filter=Q(claims__in=_visible_claims(user)),
        )
    ).order_by("position", "name")
    jurisdictions = (
        Jurisdiction.objects.annotate(
            dispute_count=Count(
                "disputes", distinct=True, filter=Q(disputes__in=visible(Dispute, user))
            )
        )
        .filter(dispute_count__gt=0)
        .order_by("-is_uk", "name")
    )
    return SiteSummary(
        counts=counts,
        recent=list(dispute_list(user=user)[:recent]),
        theories=list(theories),
        jurisdictions=list(jurisdictions),
    )


@dataclass(frozen=True)
class SourceCitations:
    """Everything visible that rests on one source."""

    disputes: list[Dispute] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    precedents: list[Precedent] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    authorities: list[Authority] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.disputes,
                self.claims,
                self.evidence,
                self.events,
                self.precedents,
                self.provisions,
                self.authorities,
            )
        )


def source_citations(*, user, source: Source) -> SourceCitations:
    """The visible records that cite `source`."""

    def hanging(qs: QuerySet, *relations: str) -> list:
        return list(through_visible(qs.visible_to(user), user, *relations))

    return SourceCitations(
        disputes=list(source.disputes.visible_to(user)),
        claims=hanging(source.claims.select_related("dispute", "theory"), "dispute"),
        evidence=hanging(source.evidence.select_related("dispute"), "dispute"),
        events=hanging(source.events.select_related("dispute"), "dispute"),
        precedents=list(
            with_status(
                source.precedents.visible_to(user).prefetch_related(_court(user)),
                user=user,
            )
        ),
        provisions=hanging(source.provisions.select_related("statute"), "statute"),
        authorities=hanging(
            source.authorities.select_related("citing", "cited"), "citing", "cited"
        ),
    )


def evidence_file_queryset(*, user) -> QuerySet[Evidence]:
    """Evidence whose attachment `user` may download: anyone, for public evidence of
    a visible dispute; editors, for redacted and sealed evidence too."""
    evidence = through_visible(visible(Evidence, user), user, "dispute").exclude(
        attachment=""
    )
    if not can_see_unpublished(user):
        evidence = evidence.filter(confidentiality=Confidentiality.PUBLIC)
    return evidence
