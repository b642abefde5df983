"""Independent recomputation of the analytics figures for the tests.

Plain Python over model instances read one by one, with the rules written out again
from the page's own explanation: no aggregate query and no code from
`casebase.analytics` (the figures under test). Numbers that agree with these were
counted twice, two different ways.
"""

import datetime as dt
import statistics
from collections import Counter

from casebase.cases.models import (
    AISystem,
    Claim,
    Dispute,
    DisputeParty,
    DisputeSystem,
    Remedy,
)
from casebase.core.models import PublicationStatus

PUBLISHED = PublicationStatus.PUBLISHED


def selected_disputes(
    *,
    jurisdiction=None,
    theory=None,
    year_from=None,
    year_to=None,
    party=None,
    system=None,
) -> list[Dispute]:
    chosen = []
    for dispute in Dispute.objects.all():
        if dispute.publication_status != PUBLISHED:
            continue
        if jurisdiction and jurisdiction not in dispute.jurisdictions.all():
            continue
        if theory and not any(
            c.theory_id == theory.pk and c.publication_status == PUBLISHED
            for c in Claim.objects.filter(dispute=dispute)
        ):
            continue
        year = dispute.filed_date.year if dispute.filed_date else None
        if year_from is not None and (year is None or year < year_from):
            continue
        if year_to is not None and (year is None or year > year_to):
            continue
        if (
            party
            and not DisputeParty.objects.filter(dispute=dispute, party=party).exists()
        ):
            continue
        if (
            system
            and not DisputeSystem.objects.filter(
                dispute=dispute, system=system
            ).exists()
        ):
            continue
        chosen.append(dispute)
    return chosen


def published_claims(disputes: list[Dispute]) -> list[Claim]:
    ids = {d.pk for d in disputes}
    return [
        c
        for c in Claim.objects.select_related("theory")
        if c.dispute_id in ids and c.publication_status == PUBLISHED
    ]


def by_stage(disputes) -> Counter:
    return Counter(d.get_stage_display() for d in disputes)


def by_outcome(disputes) -> Counter:
    return Counter(d.get_outcome_display() for d in disputes)


def by_theory(disputes) -> Counter:
    pairs = {(c.theory.name, c.dispute_id) for c in published_claims(disputes)}
    return Counter(name for name, _dispute in pairs)


def by_jurisdiction(disputes) -> Counter:
    counter = Counter()
    for dispute in disputes:
        for jurisdiction in dispute.jurisdictions.all():
            counter[jurisdiction.name] += 1
    return counter


def claim_rates(disputes) -> dict[str, tuple[int, int, int]]:
    """theory name -> (all claims, upheld or partly upheld, decided); claims only."""
    out: dict[str, list[int]] = {}
    for claim in published_claims(disputes):
        if claim.nature != "claim":
            continue
        row = out.setdefault(claim.theory.name, [0, 0, 0])
        row[0] += 1
        if claim.result in ("upheld", "partly_upheld"):
            row[1] += 1
        if claim.result in ("upheld", "partly_upheld", "rejected"):
            row[2] += 1
    return {name: tuple(v) for name, v in out.items()}


def filed_per_year(disputes) -> Counter:
    return Counter(d.filed_date.year for d in disputes if d.filed_date)


def _day(value: dt.date | None, precision: str) -> dt.date | None:
    if value is None or precision == "year":
        return None
    return value if precision == "day" else dt.date(value.year, value.month, 15)


def durations(disputes, end: str) -> tuple[list[int], int]:
    """Days from filing to `end` ('first_decision' or 'resolved'); and left out."""
    days, left_out = [], 0
    for d in disputes:
        end_date = getattr(d, f"{end}_date")
        if d.filed_date is None or end_date is None:
            continue
        start = _day(d.filed_date, d.filed_date_precision)
        finish = _day(end_date, getattr(d, f"{end}_precision"))
        if start is None or finish is None:
            left_out += 1
        else:
            days.append(max(0, (finish - start).days))
    return days, left_out


def five_numbers(days: list[int]) -> tuple:
    if len(days) == 1:
        return (days[0],) * 5
    q1, median, q3 = statistics.quantiles(days, n=4, method="inclusive")
    return (min(days), q1, median, q3, max(days))


def remedies(disputes) -> Counter:
    ids = {d.pk for d in disputes}
    return Counter(
        (r.get_kind_display(), r.status)
        for r in Remedy.objects.all()
        if r.dispute_id in ids and r.publication_status == PUBLISHED
    )


def developer_roles(disputes) -> dict[str, Counter]:
    developer_ids = {
        s.developer_id
        for s in AISystem.objects.all()
        if s.developer_id and s.publication_status == PUBLISHED
    }
    ids = {d.pk for d in disputes}
    out: dict[str, Counter] = {}
    for role in DisputeParty.objects.select_related("party"):
        if role.dispute_id not in ids or role.party_id not in developer_ids:
            continue
        if role.party.publication_status != PUBLISHED:
            continue
        out.setdefault(role.party.name, Counter())[role.role] += 1
    return out
