"""Which search documents a change to a record can affect.

A save or delete is first reduced to *anchors* (model label, pk) using only the
instance's own fields, so a signal receiver never queries. After the commit,
`document_keys` expands anchors into document keys (a renamed court touches its
disputes and precedents; a dispute's publication touches its evidence).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model

from casebase.cases import models as cases
from casebase.law import models as law
from casebase.search.documents import make_key
from casebase.search.query import DocType

Anchor = tuple[str, int]

# Rows that belong to a dispute: a change to them is a change to the dispute.
_DISPUTE_PARTS = {
    cases.DisputeParty,
    cases.DisputeSystem,
    cases.DisputePrecedent,
    cases.Claim,
    cases.Event,
}
# Models whose rows are anchors themselves.
WATCHED = {
    cases.Dispute,
    cases.Evidence,
    cases.Party,
    cases.AISystem,
    law.Precedent,
    law.Provision,
    law.Statute,
    law.Court,
    law.Jurisdiction,
    law.LegalTheory,
    *_DISPUTE_PARTS,
}


def label(model: type[Model]) -> str:
    return model._meta.label_lower


def anchors_for(instance: Model) -> list[Anchor]:
    """The anchors of one saved or deleted row, from its own fields only."""
    model = type(instance)
    if model in _DISPUTE_PARTS:
        return [(label(cases.Dispute), instance.dispute_id)]
    if model in WATCHED and instance.pk is not None:
        return [(label(model), instance.pk)]
    return []


def anchors_for_pks(model: type[Model], pks: Iterable[int]) -> list[Anchor]:
    if model not in WATCHED or model in _DISPUTE_PARTS:
        return []
    return [(label(model), pk) for pk in pks]


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _dispute_keys(dispute_ids: set[int]) -> set[str]:
    keys = {make_key(DocType.DISPUTE, pk) for pk in dispute_ids}
    evidence = cases.Evidence.objects.filter(dispute_id__in=dispute_ids)
    return keys | {make_key(DocType.EVIDENCE, pk) for pk in _ids(evidence)}


def document_keys(anchors: Iterable[Anchor]) -> set[str]:
    """Expand anchors into the keys of every document they can change."""
    by_label: dict[str, set[int]] = {}
    for model_label, pk in anchors:
        by_label.setdefault(model_label, set()).add(pk)
    keys: set[str] = set()
    disputes: set[int] = set()
    precedents: set[int] = set()
    provisions: set[int] = set()
    for model_label, pks in by_label.items():
        if model_label == label(cases.Dispute):
            disputes |= pks
        elif model_label == label(cases.Evidence):
            keys |= {make_key(DocType.EVIDENCE, pk) for pk in pks}
        elif model_label == label(cases.Party):
            keys |= {make_key(DocType.PARTY, pk) for pk in pks}
            keys |= {
                make_key(DocType.SYSTEM, pk)
                for pk in _ids(cases.AISystem.objects.filter(developer_id__in=pks))
            }
            disputes |= set(
                cases.DisputeParty.objects.filter(party_id__in=pks).values_list(
                    "dispute_id", flat=True
                )
            )
        elif model_label == label(cases.AISystem):
            keys |= {make_key(DocType.SYSTEM, pk) for pk in pks}
            disputes |= set(
                cases.DisputeSystem.objects.filter(system_id__in=pks).values_list(
                    "dispute_id", flat=True
                )
            )
        elif model_label == label(law.Precedent):
            precedents |= pks
            disputes |= set(
                cases.DisputePrecedent.objects.filter(precedent_id__in=pks).values_list(
                    "dispute_id", flat=True
                )
            )
        elif model_label == label(law.Provision):
            provisions |= pks
        elif model_label == label(law.Statute):
            provisions |= _ids(law.Provision.objects.filter(statute_id__in=pks))
        elif model_label == label(law.Court):
            disputes |= _ids(cases.Dispute.objects.filter(court_id__in=pks))
            precedents |= _ids(law.Precedent.objects.filter(court_id__in=pks))
        elif model_label == label(law.Jurisdiction):
            disputes |= _ids(cases.Dispute.objects.filter(jurisdictions__in=pks))
            precedents |= _ids(
                law.Precedent.objects.filter(court__jurisdiction_id__in=pks)
            )
        elif model_label == label(law.LegalTheory):
            disputes |= set(
                cases.Claim.objects.filter(theory_id__in=pks).values_list(
                    "dispute_id", flat=True
                )
            )
            precedents |= _ids(law.Precedent.objects.filter(legal_theories__in=pks))
            provisions |= _ids(law.Provision.objects.filter(legal_theories__in=pks))
    keys |= _dispute_keys(disputes) if disputes else set()
    keys |= {make_key(DocType.PRECEDENT, pk) for pk in precedents}
    keys |= {make_key(DocType.PROVISION, pk) for pk in provisions}
    return keys
