"""The figures on factory data: every filter narrows every figure, drafts never
count, and each number agrees with the independent recount."""

import pytest

from casebase.analytics.filters import AnalyticsFilterForm, AnalyticsFilters
from casebase.analytics.selectors import all_figures
from tests.analytics import recompute
from tests.analytics.data import build_world


@pytest.fixture
def world(db):
    return build_world()


def _figures(filters: AnalyticsFilters) -> dict:
    return {f.key: f for f in all_figures(filters)}


def _filter_cases(world):
    return [
        {},
        {"jurisdiction": world["north"]},
        {"jurisdiction": world["south"]},
        {"theory": world["alpha"]},
        {"theory": world["beta"]},
        {"year_from": 2022},
        {"year_to": 2021},
        {"year_from": 2022, "year_to": 2022},
        {"party": world["developer"]},
        {"system": world["system"]},
    ]


def test_every_filter_narrows_every_figure_as_recounted(world):
    """GIVEN factory disputes WHEN each filter is applied THEN stage, theory,
    jurisdiction, claims, years, timing, remedies and developers all match a recount
    over the disputes that filter selects."""
    for kwargs in _filter_cases(world):
        disputes = recompute.selected_disputes(**kwargs)
        figures = _figures(AnalyticsFilters(**kwargs))
        stage = {r["stage"]: r["disputes"] for r in figures["stage"].records()}
        assert {k: v for k, v in stage.items() if v} == dict(
            recompute.by_stage(disputes)
        ), kwargs
        theory = {r["theory"]: r["disputes"] for r in figures["theory"].records()}
        assert {k: v for k, v in theory.items() if v} == dict(
            recompute.by_theory(disputes)
        ), kwargs
        assert dict(figures["jurisdiction"].rows) == dict(
            recompute.by_jurisdiction(disputes)
        ), kwargs
        claims = {
            r["theory"]: (r["claims"], r["won"], r["decided"])
            for r in figures["claims"].records()
        }
        assert claims == recompute.claim_rates(disputes), kwargs
        years = {int(r["year"]): r["all"] for r in figures["filed"].records()}
        assert {y: n for y, n in years.items() if n} == dict(
            recompute.filed_per_year(disputes)
        ), kwargs
        timing = figures["timing"].records()
        for row, end in zip(timing, ("first_decision", "resolved"), strict=True):
            days, left_out = recompute.durations(disputes, end)
            assert (row["n"], row["left_out_year_only"]) == (len(days), left_out)
            if days:
                assert row["median_days"] == pytest.approx(
                    recompute.five_numbers(days)[2]
                )
        remedies = recompute.remedies(disputes)
        assert sum(r["total"] for r in figures["remedies"].records()) == sum(
            remedies.values()
        ), kwargs
        developers = recompute.developer_roles(disputes)
        assert {
            r["developer"]: (r["defendant"], r["claimant"])
            for r in figures["developers"].records()
        } == {
            name: (c["defendant"], c["claimant"]) for name, c in developers.items()
        }, kwargs


def test_drafts_never_count(world):
    """A draft dispute, a draft claim and a draft remedy are in the database but in
    no figure: 4 published disputes, and the draft's upheld claim is not a win."""
    figures = _figures(AnalyticsFilters())
    assert figures["stage"].totals[1] == 4
    alpha = next(
        r for r in figures["claims"].records() if r["theory"] == "Test alpha right"
    )
    assert (alpha["claims"], alpha["won"], alpha["decided"]) == (3, 2, 3)
    remedies = sum(r["total"] for r in figures["remedies"].records())
    assert remedies == 2


def test_success_rate_shows_counts_and_marks_small_samples(world):
    """Beta has one decided claim (rejected): "0 of 1", 0%, marked a small sample;
    the defence and the draft claim on beta are not counted."""
    beta = next(
        r
        for r in _figures(AnalyticsFilters())["claims"].records()
        if r["theory"] == "Test beta right"
    )
    assert beta["success_counts"] == "0 of 1"
    assert beta["success_rate_percent"] == 0
    assert beta["small_sample"] is True
    assert beta["claims"] == 2


def test_date_precision_rule(world):
    """Day dates count as they are, month dates as the 15th, year dates are left
    out: d1 365 days, d2 15 May to 15 Sept = 123 days, d3 (year) left out."""
    timing = _figures(AnalyticsFilters())["timing"].records()[0]
    assert timing["n"] == 2
    assert timing["left_out_year_only"] == 1
    assert (timing["min_days"], timing["max_days"]) == (123, 365)
    assert timing["median_days"] == pytest.approx(244)


def test_developer_sued_twice_and_suing_once(world):
    """The developer is defendant in two published disputes (the draft is left out)
    and claimant in one; a party that develops nothing is not listed."""
    records = _figures(AnalyticsFilters())["developers"].records()
    assert [(r["developer"], r["defendant"], r["claimant"]) for r in records] == [
        ("Test Developer Labs", 2, 1)
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"jurisdiction": "no-such-place"}, "jurisdiction"),
        ({"theory": "<script>"}, "theory"),
        ({"year_from": "twenty"}, "year_from"),
        ({"year_from": "2024", "year_to": "2020"}, "year_to"),
        ({"year_to": "99999"}, "year_to"),
        ({"party": "a\x00b"}, "party"),
    ],
)
def test_bad_filters_are_named(world, params, field):
    """Each bad parameter is reported against its own field and left out of the
    filters, which keep whatever else was valid."""
    form = AnalyticsFilterForm({**params, "theory": params.get("theory", "test-alpha")})
    assert not form.is_valid()
    assert field in form.errors
    filters = form.to_filters()
    assert getattr(filters, field) is None
