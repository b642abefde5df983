"""Reads of the law: statutes, provisions, precedents, theories, courts, jurisdictions.

`law` never imports `cases`: disputes and claims are reached through reverse relations
(`provision.claims`, `precedent.disputes`, `theory.claims`, `court.disputes`) and
filtered with the same visibility rule as everything else.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from casebase.core.models import Source
from casebase.core.visibility import (
    prefetch_visible,
    through_visible,
    visible,
    visible_via,
)
from casebase.law.models import (
    Authority,
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    Provision,
    Statute,
    Treatment,
)


def _court(user, lookup: str = "court") -> Prefetch:
    return prefetch_visible(lookup, Court, user)


def status_prefetch(lookup: str, user, depth: int = 3) -> Prefetch:
    """What `Precedent.citator_flag()` reads under `lookup`: the later treatments and,
    for each later judgment, its own later treatments, `depth` levels down (a
    reversal, its reversal, and whether that was reversed in turn). One query a
    level; a longer chain of reversals costs a query per further step."""
    queryset = visible(Authority, user).select_related("citing")
    if depth > 1:
        queryset = queryset.prefetch_related(
            status_prefetch("citing__citing_authorities", user, depth - 1)
        )
    return Prefetch(lookup, queryset=queryset)


def with_status(precedents: QuerySet[Precedent], *, user) -> QuerySet[Precedent]:
    """Prefetch what `Precedent.status_with_reason()` reads, so lists stay a few
    queries whatever their length."""
    return precedents.prefetch_related(status_prefetch("citing_authorities", user))


@dataclass(frozen=True, kw_only=True)
class PrecedentFilters:
    court: Court | None = None
    theory: LegalTheory | None = None


def precedent_list(
    *, user, filters: PrecedentFilters | None = None
) -> QuerySet[Precedent]:
    """Precedents `user` may see, newest first, with court and citator status."""
    precedents = visible(Precedent, user).prefetch_related(_court(user))
    if filters and filters.court:
        precedents = precedents.filter(court=filters.court)
    if filters and filters.theory:
        precedents = precedents.filter(
            pk__in=Precedent.legal_theories.through.objects.filter(
                legaltheory=filters.theory
            ).values("precedent")
        )
    return with_status(precedents, user=user)


def precedent_detail_queryset(*, user) -> QuerySet[Precedent]:
    return with_status(
        visible(Precedent, user).prefetch_related(
            _court(user),
            "court__jurisdiction",
            "legal_theories",
            Prefetch("sources", queryset=visible(Source, user)),
            Prefetch(
                "provisions",
                queryset=visible(Provision, user).select_related("statute"),
            ),
        ),
        user=user,
    )


@dataclass(frozen=True)
class PrecedentRelations:
    """A judgment's place in the case law and in casebase's disputes."""

    cites: list[Authority]
    cited_by: list[Authority]
    dispute_links: list


def precedent_relations(*, user, precedent: Precedent) -> PrecedentRelations:
    """What `precedent` cites, what cites it (each grouped by treatment in the
    template), and the visible disputes it belongs to or that rely on it."""
    authorities = visible(Authority, user).order_by(
        "treatment", "-citing__decision_date"
    )
    cites = through_visible(
        authorities.filter(citing=precedent), user, "cited"
    ).select_related("cited", "citing", "created_by")
    cited_by = through_visible(
        authorities.filter(cited=precedent), user, "citing"
    ).select_related("citing", "created_by")
    links = (
        precedent.dispute_links.filter(dispute__in=precedent.disputes.visible_to(user))
        .select_related("dispute")
        .prefetch_related(_court(user, "dispute__court"))
    )
    return PrecedentRelations(
        cites=list(with_status_authorities(cites, "cited", user=user)),
        cited_by=list(with_status_authorities(cited_by, "citing", user=user)),
        dispute_links=list(links.order_by("relation", "-dispute__updated_at")),
    )


def with_status_authorities(
    authorities: QuerySet[Authority], side: str, *, user
) -> QuerySet[Authority]:
    """Authorities whose `side` precedent carries its status flag in one query more."""
    return authorities.prefetch_related(
        _court(user, f"{side}__court"),
        status_prefetch(f"{side}__citing_authorities", user),
    )


def statute_list(*, user) -> QuerySet[Statute]:
    return visible(Statute, user).prefetch_related(
        Prefetch("provisions", queryset=visible(Provision, user))
    )


def statute_detail_queryset(*, user) -> QuerySet[Statute]:
    return visible(Statute, user).prefetch_related(
        Prefetch(
            "provisions",
            queryset=visible(Provision, user)
            .prefetch_related("legal_theories")
            .order_by("position", "label"),
        )
    )


def provisions_at(*, user, statute: Statute, unit: str, number: str) -> list[Provision]:
    """The visible provisions of `statute` at one legislation.gov.uk path
    (`section/1` holds both `s. 1(1)` and `s. 1(2)(c)`), with the visible claims that
    rely on each and the disputes they belong to."""
    claims = visible_via(Provision, "claims", user, "dispute").select_related(
        "dispute", "theory"
    )
    return list(
        visible(Provision, user)
        .filter(statute=statute, unit=unit, number=number)
        .select_related("statute")
        .prefetch_related(
            "legal_theories",
            Prefetch("sources", queryset=visible(Source, user)),
            Prefetch("claims", queryset=claims.order_by("-dispute__updated_at")),
            Prefetch(
                "precedents",
                queryset=with_status(
                    visible(Precedent, user).order_by("-decision_date"), user=user
                ),
            ),
        )
        .order_by("position", "label")
    )


def precedents_on_theories(*, user, theories: list[LegalTheory]) -> QuerySet[Precedent]:
    """Visible precedents recorded under any of `theories`, newest first."""
    return with_status(
        visible(Precedent, user)
        .filter(
            pk__in=Precedent.legal_theories.through.objects.filter(
                legaltheory__in=theories
            ).values("precedent")
        )
        .prefetch_related(_court(user)),
        user=user,
    )


@dataclass(frozen=True)
class TheoryDetail:
    claims: list
    result_counts: list[tuple[str, int]]
    provisions: list[Provision]
    precedents: list[Precedent]

    @property
    def dispute_count(self) -> int:
        return len({claim.dispute_id for claim in self.claims})


def theory_detail(*, user, theory: LegalTheory) -> TheoryDetail:
    """Visible claims in `theory` (with their disputes), how they ended, and the
    provisions and precedents recorded under it."""
    claims = list(
        through_visible(theory.claims.visible_to(user), user, "dispute")
        .select_related("dispute", "theory")
        .prefetch_related(_court(user, "dispute__court"))
        .order_by("-dispute__updated_at", "dispute", "position", "pk")
    )
    counts = Counter(claim.result for claim in claims)
    results = []
    if claims:
        choices = claims[0]._meta.get_field("result").choices
        results = [(label, counts[value]) for value, label in choices if counts[value]]
    return TheoryDetail(
        claims=claims,
        result_counts=results,
        provisions=list(
            theory.provisions.visible_to(user)
            .select_related("statute")
            .order_by("statute__short_title", "position", "label")
        ),
        precedents=list(precedents_on_theories(user=user, theories=[theory])),
    )


def theory_list() -> QuerySet[LegalTheory]:
    return LegalTheory.objects.all()


def court_list(*, user) -> QuerySet[Court]:
    return (
        visible(Court, user)
        .select_related("jurisdiction")
        .annotate(
            precedent_count=Count(
                "precedents",
                distinct=True,
                filter=Q(precedents__in=visible(Precedent, user)),
            ),
            dispute_count=Count(
                "disputes",
                distinct=True,
                filter=Q(disputes__in=visible_via(Court, "disputes", user)),
            ),
        )
        .order_by("jurisdiction__name", "name")
    )


@dataclass(frozen=True)
class CourtDetail:
    disputes: list
    precedents: list[Precedent]


def court_detail(*, user, court: Court) -> CourtDetail:
    return CourtDetail(
        # Each dispute's `court` is this court already (the manager sets it).
        disputes=list(court.disputes.visible_to(user).order_by("-updated_at")),
        precedents=list(with_status(court.precedents.visible_to(user), user=user)),
    )


def jurisdiction_list(*, user) -> QuerySet[Jurisdiction]:
    return (
        Jurisdiction.objects.annotate(
            dispute_count=Count(
                "disputes",
                distinct=True,
                filter=Q(disputes__in=visible_via(Jurisdiction, "disputes", user)),
            )
        )
        .prefetch_related(Prefetch("courts", queryset=visible(Court, user)))
        .order_by("-is_uk", "name")
    )


@dataclass(frozen=True)
class JurisdictionDetail:
    courts: list[Court]
    disputes: list


def jurisdiction_detail(*, user, jurisdiction: Jurisdiction) -> JurisdictionDetail:
    return JurisdictionDetail(
        courts=list(jurisdiction.courts.visible_to(user)),
        disputes=list(
            jurisdiction.disputes.visible_to(user)
            .prefetch_related(_court(user))
            .order_by("-updated_at")
        ),
    )


APPEAL_TREATMENTS = (Treatment.REVERSED, Treatment.AFFIRMED)


@dataclass(frozen=True)
class ChainStep:
    """One judgment in a case's journey through the courts. `treatment` says what this
    judgment did to the one before it in the chain (reversed, affirmed); "" for the
    first."""

    precedent: Precedent
    treatment: str = ""
    treatment_label: str = ""


def later_history_chain(*, user, precedent: Precedent) -> list[ChainStep]:
    """The appeal chain `precedent` belongs to (High Court -> Court of Appeal ->
    Supreme Court), oldest first, following visible `reversed` / `affirmed` treatments
    both ways. It reads every visible appeal treatment at once (they are few: one per
    appeal) in five queries, whatever the chain's length; a judgment with no recorded
    appeal gives [].

    Only treatments of a judgment by a later one count, and a judgment is never
    visited twice, so a mis-entered loop cannot hang the page.
    """
    rows = list(
        through_visible(
            visible(Authority, user).filter(treatment__in=APPEAL_TREATMENTS),
            user,
            "citing",
            "cited",
        )
        # through_visible has already kept only visible judgments at both ends.
        .select_related("citing", "cited")
        .prefetch_related(
            _court(user, "citing__court"),
            _court(user, "cited__court"),
            *(
                status_prefetch(f"{side}__citing_authorities", user)
                for side in ("citing", "cited")
            ),
        )
    )
    up = {}  # cited pk -> the authority by which a later judgment disposed of it
    down = {}  # citing pk -> the authority by which it disposed of an earlier one
    for row in rows:
        if row.citing.decision_date >= row.cited.decision_date:
            up.setdefault(row.cited_id, row)
            down.setdefault(row.citing_id, row)
    seen = {precedent.pk}
    earlier: list = []
    current = precedent.pk
    while current in down and down[current].cited_id not in seen:
        row = down[current]
        earlier.insert(0, row)
        seen.add(row.cited_id)
        current = row.cited_id
    later: list = []
    current = precedent.pk
    while current in up and up[current].citing_id not in seen:
        row = up[current]
        later.append(row)
        seen.add(row.citing_id)
        current = row.citing_id
    if not earlier and not later:
        return []
    first = earlier[0].cited if earlier else precedent
    steps = [ChainStep(first)]
    for row in earlier:
        steps.append(_step(row, precedent if row is earlier[-1] else row.citing))
    for row in later:
        steps.append(_step(row, row.citing))
    return steps


def _step(row: Authority, judgment: Precedent) -> ChainStep:
    return ChainStep(judgment, row.treatment, row.get_treatment_display())
