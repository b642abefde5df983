"""Which records have revisions and a workflow, and what a revision of each holds.

A dispute's revision holds the dispute and every row entered with it (its parties'
roles, AI systems, claims, evidence with their output comparisons, events and the
judgments it relies on), so one save of the dispute page is one revision, and a
restore brings back the rows as they were. A precedent's revision holds the
authorities it cites.
"""

import reversion
from django.apps import apps
from django.db import models

# model label -> the reverse relations a revision follows (the rows it owns).
FOLLOW: dict[str, tuple[str, ...]] = {
    "cases.dispute": (
        "party_roles",
        "system_roles",
        "claims",
        "evidence",
        "events",
        "precedent_links",
        "remedies",
    ),
    "cases.disputeparty": (),
    "cases.disputesystem": (),
    "cases.disputeprecedent": (),
    "cases.claim": (),
    "cases.evidence": ("comparisons",),
    "cases.outputcomparison": ("outputs",),
    "cases.comparisonoutput": (),
    "cases.event": (),
    "cases.remedy": (),
    "cases.party": (),
    "cases.aisystem": (),
    "law.precedent": ("authorities_cited",),
    "law.authority": (),
    "law.provision": (),
    "law.statute": (),
    "law.court": (),
    "core.source": (),
}

# Records with a workflow page, by the key used in editorial URLs.
WORKFLOW_MODELS: dict[str, str] = {
    "dispute": "cases.dispute",
    "precedent": "law.precedent",
    "provision": "law.provision",
    "statute": "law.statute",
    "court": "law.court",
    "authority": "law.authority",
    "party": "cases.party",
    "aisystem": "cases.aisystem",
    "claim": "cases.claim",
    "evidence": "cases.evidence",
    "event": "cases.event",
    "outputcomparison": "cases.outputcomparison",
    "source": "core.source",
}

# Fields a restore never writes back: the workflow owns the status, and the times
# follow from the save itself. (The lock's `version` is skipped too, in `history`,
# for locked models only: an AI system's `version` is a fact.)
NOT_RESTORED = {"publication_status", "created_at", "updated_at"}
# Fields a comparison does not list: they change on every save (as does the lock's
# `version`, skipped in `history`).
NOT_COMPARED = {"created_at", "updated_at", "citation_path"}


def model_for_key(key: str) -> type[models.Model] | None:
    label = WORKFLOW_MODELS.get(key)
    return apps.get_model(label) if label else None


def key_for(model: type[models.Model]) -> str | None:
    label = model._meta.label_lower
    return next((k for k, v in WORKFLOW_MODELS.items() if v == label), None)


def follows(model: type[models.Model]) -> tuple[str, ...]:
    return FOLLOW.get(model._meta.label_lower, ())


def owned_rows(obj: models.Model) -> list[models.Model]:
    """The rows a revision of `obj` holds besides `obj`, parents before children."""
    rows: list[models.Model] = []
    for accessor in follows(type(obj)):
        for child in getattr(obj, accessor).all():
            rows.append(child)
            rows.extend(owned_rows(child))
    return rows


def register_revisions() -> None:
    for label, follow in FOLLOW.items():
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
