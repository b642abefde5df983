"""The stored measures follow the outputs: computed on save, recomputed on change."""

import pytest

from casebase.workbench.models import PairMeasure
from casebase.workbench.services import recompute_many
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_saving_outputs_stores_one_row_per_pair():
    """Three outputs to one prompt give three pairs, each with its measures."""
    comparison = f.OutputComparisonFactory()
    for text in ("alpha beta gamma", "alpha beta gamma", "delta"):
        f.ComparisonOutputFactory(comparison=comparison, output=text)
    pairs = PairMeasure.objects.filter(comparison=comparison)
    assert pairs.count() == 3
    assert sorted(p.exact_match for p in pairs) == [0.0, 0.0, 1.0]


def test_changing_an_output_recomputes_its_pairs():
    """Editing an output replaces the stale figures with fresh ones."""
    comparison = f.OutputComparisonFactory()
    f.ComparisonOutputFactory(comparison=comparison, output="same words")
    second = f.ComparisonOutputFactory(comparison=comparison, output="same words")
    assert PairMeasure.objects.get(comparison=comparison).exact_match == 1.0
    second.output = "other words"
    second.save()
    pair = PairMeasure.objects.get(comparison=comparison)
    assert pair.exact_match == 0.0
    assert pair.token_jaccard == pytest.approx(1 / 3)


def test_moving_an_output_recomputes_both_comparisons():
    """An output moved to another prompt's comparison leaves no stale pair behind
    in the comparison it left, and is measured in the one it joined."""
    first, second = f.OutputComparisonFactory.create_batch(2)
    f.ComparisonOutputFactory.create_batch(2, comparison=first)
    moved = f.ComparisonOutputFactory(comparison=first)
    f.ComparisonOutputFactory(comparison=second)
    assert PairMeasure.objects.filter(comparison=first).count() == 3
    moved.comparison = second
    moved.save()
    assert PairMeasure.objects.filter(comparison=first).count() == 1
    assert PairMeasure.objects.filter(comparison=second).count() == 1


def test_recompute_many_repairs_missing_rows():
    """Rows deleted behind the app's back are rebuilt by the service."""
    comparison = f.OutputComparisonFactory()
    f.ComparisonOutputFactory.create_batch(2, comparison=comparison)
    PairMeasure.objects.all().delete()
    assert recompute_many([comparison.pk]) == 1
    assert PairMeasure.objects.filter(comparison=comparison).count() == 1


def test_bench_command_imports_and_rolls_back():
    """The benchmark runs end to end on a small file and leaves nothing behind."""
    from io import StringIO

    from django.core.management import call_command

    from casebase.cases.models import ComparisonOutput

    out = StringIO()
    call_command("bench_workbench_import", rows=40, systems=2, stdout=out)
    assert "40 rows from 2 systems, 20 pairs measured" in out.getvalue()
    assert ComparisonOutput.objects.count() == 0
