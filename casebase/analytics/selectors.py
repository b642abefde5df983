"""The analytics figures, each computed over the published disputes that match the
filters (`AnalyticsFilters.disputes()`), and over their published rows only.

Counting rules, also stated on the page:
- a dispute counts once per theory it has a published claim (or defence) on, and once
  per jurisdiction it belongs to, so those tables may add up to more than the total;
- claim results and success rates count claims only (defences are left out: a defence
  "upheld" is a loss for the claimant);
- success rate = (upheld + partly upheld) / (upheld + partly upheld + rejected);
  asserted, abandoned and not-decided claims are not decided.
"""

from collections.abc import Callable

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from casebase.analytics.filters import AnalyticsFilters
from casebase.analytics.parties import developers_figure
from casebase.analytics.remedies import remedies_figure, remedy_amounts_figure
from casebase.analytics.tables import Chart, Column, Figure
from casebase.analytics.timing import timing_figure
from casebase.cases.models import (
    Claim,
    ClaimNature,
    ClaimResult,
    Dispute,
    Outcome,
    Stage,
)
from casebase.law.models import Jurisdiction, LegalTheory

# Fewer decided claims than this and a rate is marked as a small sample.
SMALL_N = 5
WON = (ClaimResult.UPHELD, ClaimResult.PARTLY_UPHELD)
DECIDED = (*WON, ClaimResult.REJECTED)


def claims_in(disputes: QuerySet[Dispute]) -> QuerySet[Claim]:
    return Claim.objects.published().filter(dispute__in=disputes)


def _choice_counts(disputes, field: str, choices) -> list[tuple[str, int]]:
    counts = dict(
        disputes.order_by().values_list(field).annotate(n=Count("pk", distinct=True))
    )
    return [(label, counts.get(value, 0)) for value, label in choices]


def stage_figure(disputes: QuerySet[Dispute]) -> Figure:
    rows = _choice_counts(disputes, "stage", Stage.choices)
    return Figure(
        key="stage",
        title="Disputes by stage",
        caption="Disputes by the stage they have reached",
        columns=(Column("stage", "Stage", "label"), Column("disputes", "Disputes")),
        rows=rows,
        chart=Chart("bars", ("disputes",)),
        totals=("All disputes", sum(n for _label, n in rows)),
    )


def outcome_figure(disputes: QuerySet[Dispute]) -> Figure:
    rows = _choice_counts(disputes, "outcome", Outcome.choices)
    return Figure(
        key="outcome",
        title="Disputes by outcome",
        caption="Disputes by the result of the latest decision on the merits",
        columns=(
            Column("outcome", "Outcome", "label"),
            Column("disputes", "Disputes"),
        ),
        rows=rows,
        chart=Chart("bars", ("disputes",)),
        totals=("All disputes", sum(n for _label, n in rows)),
    )


def theory_figure(disputes: QuerySet[Dispute]) -> Figure:
    counts = dict(
        claims_in(disputes)
        .order_by()
        .values_list("theory")
        .annotate(n=Count("dispute", distinct=True))
    )
    rows = [
        (theory.name, counts.get(theory.pk, 0))
        for theory in LegalTheory.objects.order_by("position", "name")
    ]
    return Figure(
        key="theory",
        title="Disputes by legal theory",
        caption="Disputes with at least one claim or defence on each legal theory",
        columns=(
            Column("theory", "Legal theory", "label"),
            Column("disputes", "Disputes"),
        ),
        rows=rows,
        chart=Chart("bars", ("disputes",)),
        notes=(
            "A dispute on several theories counts once under each, so the rows can add "
            "up to more than the number of disputes.",
        ),
    )


def jurisdiction_figure(disputes: QuerySet[Dispute]) -> Figure:
    through = Dispute.jurisdictions.through.objects.filter(dispute__in=disputes)
    counts = dict(
        through.order_by()
        .values_list("jurisdiction")
        .annotate(n=Count("dispute", distinct=True))
    )
    names = dict(Jurisdiction.objects.filter(pk__in=counts).values_list("pk", "name"))
    rows = sorted(
        ((names[pk], n) for pk, n in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return Figure(
        key="jurisdiction",
        title="Disputes by jurisdiction",
        caption="Disputes in each jurisdiction (jurisdictions with none are left out)",
        columns=(
            Column("jurisdiction", "Jurisdiction", "label"),
            Column("disputes", "Disputes"),
        ),
        rows=rows,
        chart=Chart("bars", ("disputes",)),
        notes=("A dispute recorded in two jurisdictions counts once in each.",),
    )


CLAIM_RESULTS = (
    ClaimResult.ASSERTED,
    ClaimResult.UPHELD,
    ClaimResult.PARTLY_UPHELD,
    ClaimResult.REJECTED,
    ClaimResult.ABANDONED,
    ClaimResult.NOT_DECIDED,
)


def claims_figure(disputes: QuerySet[Dispute]) -> Figure:
    """Claims by theory and result, with each theory's success rate and its counts."""
    claims = claims_in(disputes)
    counts: dict[tuple[int, str], int] = {
        (theory, result): n
        for theory, result, n in claims.filter(nature=ClaimNature.CLAIM)
        .order_by()
        .values_list("theory", "result")
        .annotate(n=Count("pk"))
    }
    rows = []
    for theory in LegalTheory.objects.order_by("position", "name"):
        by_result = [counts.get((theory.pk, result), 0) for result in CLAIM_RESULTS]
        total = sum(by_result)
        if not total:
            continue
        won = sum(counts.get((theory.pk, r), 0) for r in WON)
        decided = sum(counts.get((theory.pk, r), 0) for r in DECIDED)
        percent = round(100 * won / decided, 1) if decided else None
        rows.append(
            (
                theory.name,
                *by_result,
                total,
                won,
                decided,
                percent,
                f"{won} of {decided}" if decided else "none decided",
                decided < SMALL_N,
            )
        )
    defences = claims.filter(nature=ClaimNature.DEFENCE).count()
    return Figure(
        key="claims",
        title="Claims by legal theory and result, with success rates",
        caption="Claims by legal theory and result; success rate = upheld (fully or "
        "partly) out of decided",
        columns=(
            Column("theory", "Legal theory", "label"),
            *(Column(r.value, r.label) for r in CLAIM_RESULTS),
            Column("claims", "All claims"),
            Column("won", "Upheld or partly upheld"),
            Column("decided", "Decided"),
            Column("success_rate_percent", "Success rate", "percent"),
            Column("success_counts", "Counts behind the rate", "text"),
            Column("small_sample", f"Small sample (under {SMALL_N} decided)", "text"),
        ),
        rows=rows,
        chart=Chart(
            "bars",
            ("success_rate_percent",),
            unit="%",
            text_column="success_counts",
            faint_column="small_sample",
        ),
        notes=(
            "Decided = upheld + partly upheld + rejected. Asserted (undecided), "
            "abandoned and not-decided claims are not in the rate.",
            f"A rate resting on fewer than {SMALL_N} decided claims is marked as a "
            "small sample and drawn faintly: 1 of 1 is not a trend.",
            f"Defences are left out ({defences} in these disputes).",
        ),
    )


def filed_by_year_figure(disputes: QuerySet[Dispute]) -> Figure:
    """Disputes filed per year, in all and by theory (a heat map of counts)."""
    dated = disputes.filter(filed_date__isnull=False)
    all_years = dict(
        dated.order_by()
        .annotate(year=ExtractYear("filed_date"))
        .values_list("year")
        .annotate(n=Count("pk", distinct=True))
    )
    per_theory: dict[tuple[int, int], int] = {
        (theory, year): n
        for theory, year, n in claims_in(dated)
        .order_by()
        .annotate(year=ExtractYear("dispute__filed_date"))
        .values_list("theory", "year")
        .annotate(n=Count("dispute", distinct=True))
    }
    theories = list(
        LegalTheory.objects.filter(pk__in={t for t, _y in per_theory}).order_by(
            "position", "name"
        )
    )
    years = range(min(all_years), max(all_years) + 1) if all_years else []
    rows = [
        (
            str(year),
            all_years.get(year, 0),
            *(per_theory.get((t.pk, year), 0) for t in theories),
        )
        for year in years
    ]
    undated = disputes.filter(filed_date__isnull=True).count()
    return Figure(
        key="filed",
        title="Disputes filed per year, by legal theory",
        caption="Disputes filed each year: in all, and with a claim on each theory",
        columns=(
            Column("year", "Year filed", "label"),
            Column("all", "All disputes"),
            *(Column(t.slug, t.name) for t in theories),
        ),
        rows=rows,
        chart=Chart("heatmap", ("all", *(t.slug for t in theories))),
        notes=(
            "The year is that of the filing date, whatever its precision (a date known "
            "only to the year still has its year).",
            f"Disputes with no filing date (accusations, letters before action): "
            f"{undated}; they are not in this table.",
        ),
    )


BUILDERS: dict[str, Callable[[QuerySet[Dispute]], Figure]] = {
    "stage": stage_figure,
    "outcome": outcome_figure,
    "theory": theory_figure,
    "jurisdiction": jurisdiction_figure,
    "claims": claims_figure,
    "filed": filed_by_year_figure,
    "timing": timing_figure,
    "remedies": remedies_figure,
    "amounts": remedy_amounts_figure,
    "developers": developers_figure,
}


def all_figures(filters: AnalyticsFilters) -> list[Figure]:
    """Every figure, in page order, over the disputes the filters select."""
    disputes = filters.disputes()
    return [build(disputes) for build in BUILDERS.values()]


def figure(key: str, filters: AnalyticsFilters) -> Figure | None:
    """One figure by key (for its CSV or JSON download); None for an unknown key."""
    build = BUILDERS.get(key)
    return build(filters.disputes()) if build else None
