"""Writes of the workbench: computing and storing the measures of likeness.

`recompute_measures` runs whenever an output is saved (see receivers.py: the admin
and the API save outputs through the cases models, so a save signal is the one place
that sees every change) and after an import, which stores outputs in bulk and calls
`recompute_many` itself.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from casebase.cases.models import ComparisonOutput
from casebase.workbench import measures
from casebase.workbench.models import PairMeasure

_FIELDS = (
    "comparison_id",
    "left_id",
    "right_id",
    "exact_match",
    "edit_similarity",
    "token_jaccard",
    "longest_common_run",
    "ngram_overlap",
    "measures_version",
    "computed_at",
)


def _pair_values(comparison_id: int, outputs: list[ComparisonOutput], now):
    ordered = sorted(outputs, key=lambda o: o.pk)
    prepared = {o.pk: measures.Prepared(o.output) for o in ordered}
    for left, right in measures.pairs(ordered):
        m = measures.measure_prepared(prepared[left.pk], prepared[right.pk])
        yield (
            comparison_id,
            left.pk,
            right.pk,
            m.exact_match,
            m.edit_similarity,
            m.token_jaccard,
            m.longest_common_run,
            m.ngram_overlap,
            measures.MEASURES_VERSION,
            now,
        )


def _insert(rows: list[tuple]) -> None:
    # A plain multi-row insert: building 10,000s of model instances for
    # bulk_create costs more than computing the measures (see bench_workbench_import).
    opts = PairMeasure._meta
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(opts.get_field(name.removesuffix("_id")).column) for name in _FIELDS
    )
    sql = (
        f"INSERT INTO {quote(opts.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(_FIELDS))})"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row[:-1], adapt(row[-1])) for row in rows])


@transaction.atomic
def recompute_many(comparison_ids: Iterable[int]) -> int:
    """Recompute and store the measures of every pair of outputs in the given
    comparisons; returns the number of pairs stored."""
    ids = sorted(set(comparison_ids))
    if not ids:
        return 0
    grouped: dict[int, list[ComparisonOutput]] = defaultdict(list)
    for output in ComparisonOutput.objects.filter(comparison_id__in=ids).only(
        "pk", "comparison_id", "output"
    ):
        grouped[output.comparison_id].append(output)
    PairMeasure.objects.filter(comparison_id__in=ids).delete()
    now = timezone.now()
    rows = [row for cid in ids for row in _pair_values(cid, grouped[cid], now)]
    if rows:
        _insert(rows)
    return len(rows)


def recompute_measures(*, comparison_id: int) -> int:
    """Recompute one comparison's measures (after an output was added or changed)."""
    return recompute_many([comparison_id])
