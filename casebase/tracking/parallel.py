"""Parallel disputes: the same fight, or the same AI system, in several jurisdictions.

The rule (computed from published records only, nothing is stored):

* **Same parties.** Two disputes are parallel when they have no jurisdiction in common
  and the same two parties face each other in both: one on the claimant side
  (claimant, appellant) and the other on the defendant side (defendant, respondent),
  in either order (an appeal may swap them). Interveners do not count.
* **Same AI system.** Two disputes are parallel when they have no jurisdiction in
  common and both involve the same AI system, whatever its role.

Groups for the /parallel page: one per pair of opposing parties, and one per AI
system, each listing its disputes when they span two or more jurisdictions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from casebase.cases.models import (
    AISystem,
    Dispute,
    DisputeParty,
    DisputeSystem,
    Party,
    PartyRole,
)
from casebase.core.visibility import through_visible

CLAIMANT_SIDE = {PartyRole.CLAIMANT, PartyRole.APPELLANT}
DEFENDANT_SIDE = {PartyRole.DEFENDANT, PartyRole.RESPONDENT}


@dataclass
class ParallelGroup:
    """Disputes linked by one shared pair of parties or one shared AI system."""

    key: str
    label: str
    kind: str  # "parties" or "system"
    disputes: list[Dispute] = field(default_factory=list)
    url: str = ""

    @property
    def jurisdictions(self) -> list[str]:
        names = {j.name for d in self.disputes for j in d.jurisdictions.all()}
        return sorted(names)


@dataclass(frozen=True)
class ParallelLink:
    """Another dispute parallel to the one shown, and why."""

    dispute: Dispute
    reasons: tuple[str, ...]


def _jurisdictions(ids: set[int] | None = None) -> dict[int, frozenset[int]]:
    through = Dispute.jurisdictions.through.objects.filter(
        dispute__in=Dispute.objects.published()
    )
    if ids is not None:
        through = through.filter(dispute_id__in=ids)
    found: dict[int, set[int]] = defaultdict(set)
    for dispute_id, jurisdiction_id in through.values_list(
        "dispute_id", "jurisdiction_id"
    ):
        found[dispute_id].add(jurisdiction_id)
    return {k: frozenset(v) for k, v in found.items()}


def _party_pairs(parties: set[int] | None = None) -> dict[tuple[int, int], set[int]]:
    """(party, party) -> disputes where the two face each other (published only);
    with `parties`, only pairs within those parties."""
    roles = through_visible(DisputeParty.objects.all(), None, "dispute", "party")
    if parties is not None:
        roles = roles.filter(party_id__in=parties)
    sides: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for dispute_id, party_id, role in roles.values_list(
        "dispute_id", "party_id", "role"
    ):
        if role in CLAIMANT_SIDE:
            sides[dispute_id][0].add(party_id)
        elif role in DEFENDANT_SIDE:
            sides[dispute_id][1].add(party_id)
    pairs: dict[tuple[int, int], set[int]] = defaultdict(set)
    for dispute_id, (claimants, defendants) in sides.items():
        for c in claimants:
            for d in defendants:
                if c != d:
                    pairs[(min(c, d), max(c, d))].add(dispute_id)
    return pairs


def _systems(systems: set[int] | None = None) -> dict[int, set[int]]:
    """system -> disputes involving it (published only)."""
    rows = through_visible(DisputeSystem.objects.all(), None, "dispute", "system")
    if systems is not None:
        rows = rows.filter(system_id__in=systems)
    found: dict[int, set[int]] = defaultdict(set)
    for dispute_id, system_id in rows.values_list("dispute_id", "system_id"):
        found[system_id].add(dispute_id)
    return found


def _spans(dispute_ids: set[int], juris: dict[int, frozenset[int]]) -> bool:
    """True when two of the disputes have no jurisdiction in common."""
    return any(
        juris.get(a) and juris.get(b) and not (juris[a] & juris[b])
        for a, b in combinations(sorted(dispute_ids), 2)
    )


def _disputes(ids: set[int]) -> dict[int, Dispute]:
    return {
        d.pk: d
        for d in Dispute.objects.published()
        .filter(pk__in=ids)
        .select_related("court")
        .prefetch_related("jurisdictions")
    }


def _ordered(ids: set[int], disputes: dict[int, Dispute]) -> list[Dispute]:
    found = [disputes[i] for i in ids if i in disputes]
    return sorted(found, key=lambda d: (d.filed_date is None, d.filed_date, d.pk))


def parallel_groups() -> tuple[list[ParallelGroup], list[ParallelGroup]]:
    """(groups by pair of parties, groups by AI system), each spanning jurisdictions."""
    juris = _jurisdictions()
    pairs = {k: v for k, v in _party_pairs().items() if _spans(v, juris)}
    systems = {k: v for k, v in _systems().items() if _spans(v, juris)}
    ids = set().union(*pairs.values(), *systems.values())
    disputes = _disputes(ids)
    party_ids = {p for pair in pairs for p in pair}
    parties = Party.objects.published().in_bulk(party_ids)
    by_parties = [
        ParallelGroup(
            key=f"{parties[a].slug}--{parties[b].slug}",
            label=f"{parties[a].name} and {parties[b].name}",
            kind="parties",
            disputes=_ordered(members, disputes),
        )
        for (a, b), members in pairs.items()
    ]
    system_rows = AISystem.objects.published().in_bulk(list(systems))
    by_system = [
        ParallelGroup(
            key=system_rows[s].slug,
            label=str(system_rows[s]),
            kind="system",
            disputes=_ordered(members, disputes),
            url=system_rows[s].get_absolute_url(),
        )
        for s, members in systems.items()
    ]
    by_parties.sort(key=lambda g: g.label.casefold())
    by_system.sort(key=lambda g: g.label.casefold())
    return by_parties, by_system


def parallel_to(dispute: Dispute) -> list[ParallelLink]:
    """Published disputes parallel to `dispute` (none unless it is published). Reads
    only the rows of its own parties and systems, so it stays cheap on a big table."""
    if not dispute.is_published:
        return []
    own_parties = set(dispute.party_roles.values_list("party_id", flat=True))
    own_systems = set(dispute.system_roles.values_list("system_id", flat=True))
    reasons: dict[int, list[str]] = defaultdict(list)
    pairs = {k: v for k, v in _party_pairs(own_parties).items() if dispute.pk in v}
    names = Party.objects.in_bulk({p for pair in pairs for p in pair})
    for (a, b), members in pairs.items():
        for other in members - {dispute.pk}:
            reasons[other].append(f"same parties: {names[a]} and {names[b]}")
    systems = _systems(own_systems)
    system_rows = AISystem.objects.in_bulk(list(systems))
    for system_id, members in systems.items():
        for other in members - {dispute.pk}:
            reasons[other].append(f"same AI system: {system_rows[system_id]}")
    juris = _jurisdictions({dispute.pk, *reasons})
    mine = juris.get(dispute.pk)
    if not mine:
        return []
    others = {i for i in reasons if juris.get(i) and not (juris[i] & mine)}
    disputes = _disputes(others)
    return [ParallelLink(d, tuple(reasons[d.pk])) for d in _ordered(others, disputes)]
