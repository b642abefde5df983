"""Every analytics figure, on the real reference data, agrees with a recount done
independently in plain Python (tests/analytics/recompute.py)."""

import pytest

from casebase.analytics.filters import AnalyticsFilters
from casebase.analytics.selectors import all_figures
from casebase.analytics.tables import Figure
from casebase.cases.models import Remedy
from casebase.core.models import PublicationStatus
from casebase.importers.reference import ReferenceData
from tests.analytics import recompute

pytestmark = pytest.mark.usefixtures("reference_db")


@pytest.fixture
def figures(db) -> dict[str, Figure]:
    return {f.key: f for f in all_figures(AnalyticsFilters())}


@pytest.fixture
def disputes(db):
    return recompute.selected_disputes()


def _nonzero(figure: Figure, column: str) -> dict:
    return {
        row[0]: v
        for row, v in zip(figure.rows, figure.values(column), strict=True)
        if v
    }


def test_stage_and_outcome_counts_match(figures, disputes):
    """GIVEN the reference data WHEN the page counts disputes by stage and outcome
    THEN each count equals a recount, and each table adds up to all disputes."""
    assert _nonzero(figures["stage"], "disputes") == dict(recompute.by_stage(disputes))
    assert _nonzero(figures["outcome"], "disputes") == dict(
        recompute.by_outcome(disputes)
    )
    assert figures["stage"].totals[1] == len(disputes) == 66


def test_theory_and_jurisdiction_counts_match(figures, disputes):
    """Disputes per theory (once per theory) and per jurisdiction match a recount."""
    assert _nonzero(figures["theory"], "disputes") == dict(
        recompute.by_theory(disputes)
    )
    assert dict(figures["jurisdiction"].rows) == dict(
        recompute.by_jurisdiction(disputes)
    )


def test_claim_success_rates_match_with_their_counts(figures, disputes):
    """Each theory's claims, wins and decided claims match a recount; the rate is
    wins / decided and the counts behind it are shown as "w of d"."""
    expected = recompute.claim_rates(disputes)
    figure = figures["claims"]
    got = {r["theory"]: (r["claims"], r["won"], r["decided"]) for r in figure.records()}
    assert got == expected
    for record in figure.records():
        won, decided = record["won"], record["decided"]
        if decided:
            assert record["success_rate_percent"] == round(100 * won / decided, 1)
            assert record["success_counts"] == f"{won} of {decided}"
        else:
            assert record["success_rate_percent"] is None
        assert record["small_sample"] == (decided < 5)


def test_filed_per_year_matches(figures, disputes):
    """The "all disputes" column of the per-year table matches a recount by year."""
    figure = figures["filed"]
    got = {
        int(year): n
        for year, n in zip(figure.values("year"), figure.values("all"), strict=True)
    }
    expected = recompute.filed_per_year(disputes)
    assert {y: n for y, n in got.items() if n} == dict(expected)


def test_time_to_decision_and_resolution_match(figures, disputes):
    """Median, quartiles, extremes and n of both intervals match a recount that
    follows the stated date-precision rule."""
    rows = figures["timing"].records()
    for row, end in zip(rows, ("first_decision", "resolved"), strict=True):
        days, left_out = recompute.durations(disputes, end)
        assert row["n"] == len(days) > 0
        assert row["left_out_year_only"] == left_out
        expected = recompute.five_numbers(days)
        got = tuple(
            row[k]
            for k in ("min_days", "q1_days", "median_days", "q3_days", "max_days")
        )
        assert got == pytest.approx(expected)


def test_remedy_counts_match(figures, disputes):
    """Remedies by kind and status match a recount of the published remedies."""
    expected = recompute.remedies(disputes)
    for record in figures["remedies"].records():
        for status in ("claimed", "granted", "refused", "agreed"):
            assert record[status] == expected.get((record["kind"], status), 0)
    assert sum(r["total"] for r in figures["remedies"].records()) == sum(
        expected.values()
    )


def test_developers_by_role_match(figures, disputes):
    """Developers sued and suing: each role count matches a recount, and the most
    sued developer comes first."""
    expected = recompute.developer_roles(disputes)
    records = figures["developers"].records()
    assert {r["developer"] for r in records} == set(expected)
    for record in records:
        counts = expected[record["developer"]]
        assert record["defendant"] == counts["defendant"]
        assert record["claimant"] == counts["claimant"]
    assert records[0]["defendant"] == max(c["defendant"] for c in expected.values())


def test_amounts_are_those_the_reference_states(figures):
    """The amounts table lists exactly the amounts curated from the reference text,
    each with its ISO currency; none is invented."""
    records = figures["amounts"].records()
    assert {(r["currency"], int(r["amount"])) for r in records} == {
        ("USD", 1_500_000_000),
        ("USD", 245_000_000),
        ("JPY", 2_170_000_000),
        ("JPY", 2_200_000_000),
        ("CNY", 500),
        ("CNY", 250_000),
        ("CNY", 300_000),
        ("CNY", 30_000),
    }


def test_reference_remedies_quote_the_reference_verbatim(db):
    """Every loaded remedy's basis is words of its dispute's reference record, and
    every amount appears in those words (none is invented)."""
    data = ReferenceData.read()
    facts = data.facts["disputes"]
    by_slug = {e["slug"]: facts[e["index"]] for e in data.curation["disputes"]}
    remedies = list(Remedy.objects.select_related("dispute"))
    assert len(remedies) == 40
    for remedy in remedies:
        item = by_slug[remedy.dispute.slug]
        words = " ".join([item["status"], *item["legal_theories"]])
        assert remedy.basis in words
        assert remedy.publication_status == PublicationStatus.PUBLISHED
        if remedy.amount is not None:
            assert len(remedy.currency) == 3
