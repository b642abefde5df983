"""Reads of the workbench, under the one visibility rule.

The public sees a comparison only when it is published, its evidence item is
published and *public* (redacted evidence shows only its public description, so its
outputs stay hidden; sealed evidence is hidden altogether) and its dispute is
published; an output only when its AI system is published. Editors see everything,
each item with its markers.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from casebase.cases.models import (
    AISystem,
    ComparisonOutput,
    Confidentiality,
    Dispute,
    Evidence,
    OutputComparison,
)
from casebase.core.models import can_see_unpublished
from casebase.core.visibility import through_visible, visible
from casebase.workbench import measures
from casebase.workbench.models import PairMeasure, PromptSet


def _visible_evidence(user) -> QuerySet[Evidence]:
    evidence = through_visible(visible(Evidence, user), user, "dispute")
    if not can_see_unpublished(user):
        evidence = evidence.filter(confidentiality=Confidentiality.PUBLIC)
    return evidence


def _visible_outputs(user) -> QuerySet[ComparisonOutput]:
    return through_visible(ComparisonOutput.objects.all(), user, "system")


def _visible_pairs(user) -> QuerySet[PairMeasure]:
    outputs = _visible_outputs(user)
    return PairMeasure.objects.filter(left__in=outputs, right__in=outputs)


def comparison_queryset(*, user) -> QuerySet[OutputComparison]:
    """Comparisons `user` may see, with their visible outputs and pair measures."""
    return (
        visible(OutputComparison, user)
        .filter(evidence__in=_visible_evidence(user))
        .select_related("evidence__dispute")
        .prefetch_related(
            Prefetch(
                "outputs", queryset=_visible_outputs(user).select_related("system")
            ),
            Prefetch(
                "pair_measures",
                queryset=_visible_pairs(user).select_related(
                    "left__system", "right__system"
                ),
            ),
        )
    )


@dataclass
class Column:
    """One output in the side-by-side view, marked against the first output."""

    output: ComparisonOutput
    segments: list[measures.Segment]


def side_by_side(outputs: list[ComparisonOutput]) -> list[Column]:
    """The first output as the baseline; each other one with its words that differ
    from the baseline marked, and the baseline's own words that some other output
    lacks marked too (against the second output)."""
    if not outputs:
        return []
    first = outputs[0]
    if len(outputs) == 1:
        return [Column(first, [measures.Segment(first.output, "same")])]
    base, _ = measures.word_diff(first.output, outputs[1].output)
    columns = [Column(first, base)]
    for other in outputs[1:]:
        _, segments = measures.word_diff(first.output, other.output)
        columns.append(Column(other, segments))
    return columns


def pair_detail(*, user, comparison_pk: int, pair_pk: int):
    """(comparison, pair, left segments, right segments) or DoesNotExist."""
    comparison = comparison_queryset(user=user).get(pk=comparison_pk)
    pair = next((p for p in comparison.pair_measures.all() if p.pk == pair_pk), None)
    if pair is None:
        raise PairMeasure.DoesNotExist
    left, right = measures.word_diff(pair.left.output, pair.right.output)
    return comparison, pair, left, right


def prompt_set_queryset(*, user) -> QuerySet[PromptSet]:
    """Prompt sets of evidence `user` may see (with the comparisons they may see)."""
    comparisons = comparison_queryset(user=user)
    return (
        PromptSet.objects.filter(evidence__in=_visible_evidence(user))
        .select_related("evidence__dispute")
        .prefetch_related(Prefetch("comparisons", queryset=comparisons))
    )


@dataclass
class PairSummary:
    """How one pair of systems answered the set's prompts."""

    left: AISystem
    right: AISystem
    threshold: Decimal
    rows: list[tuple[OutputComparison, PairMeasure]] = field(default_factory=list)

    @property
    def asked(self) -> int:
        return len(self.rows)

    @property
    def identical(self) -> int:
        return sum(1 for _, p in self.rows if p.exact_match == 1)

    @property
    def near_identical(self) -> int:
        return sum(
            1
            for _, p in self.rows
            if p.exact_match != 1 and p.edit_similarity >= float(self.threshold)
        )

    @property
    def key(self) -> str:
        return f"{self.left.pk}-{self.right.pk}"

    @property
    def sentence(self) -> str:
        return (
            f"{self.identical} of {self.asked} prompts answered identically, "
            f"{self.near_identical} near-identically (edit similarity at least "
            f"{self.threshold}, not identical)"
        )


def summarise(prompt_set: PromptSet) -> list[PairSummary]:
    """One summary per pair of systems that both answered a prompt in the set."""
    by_pair: dict[tuple[int, int], PairSummary] = {}
    for comparison in prompt_set.comparisons.all():
        for pair in comparison.pair_measures.all():
            a, b = sorted((pair.left.system, pair.right.system), key=lambda s: s.pk)
            summary = by_pair.setdefault(
                (a.pk, b.pk), PairSummary(a, b, prompt_set.near_threshold)
            )
            summary.rows.append((comparison, pair))
    return sorted(by_pair.values(), key=lambda s: (-s.identical, s.left.name))


def dispute_for_workbench(*, user, slug: str) -> Dispute:
    return visible(Dispute, user).get(slug=slug)


def comparisons_by_evidence(*, user, dispute: Dispute) -> dict[int, list]:
    """Visible comparisons of a dispute, keyed by evidence id."""
    grouped: dict[int, list] = defaultdict(list)
    for comparison in comparison_queryset(user=user).filter(evidence__dispute=dispute):
        grouped[comparison.evidence_id].append(comparison)
    return grouped
