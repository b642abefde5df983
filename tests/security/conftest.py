"""A small published graph touching every public page type, and URL samples for it."""

import pytest

from tests.security.graph import build_graph


@pytest.fixture
def graph(db):
    """One of each public record, linked together, all published."""
    return build_graph()


@pytest.fixture
def samples(graph):
    """Values to try for each URL argument name (see urlwalk.instantiate)."""
    from casebase.editorial.registry import WORKFLOW_MODELS

    dispute, precedent = graph["dispute"], graph["precedent"]
    provision, statute = graph["provision"], graph["statute"]
    slugs = [
        str(getattr(obj, "slug", ""))
        for obj in graph.values()
        if getattr(obj, "slug", "")
    ]
    pks = sorted({str(obj.pk) for obj in graph.values()})
    return {
        "pk": pks,
        "id": pks,
        "object_id": pks,
        "slug": slugs,
        "key": list(WORKFLOW_MODELS),
        "action": ["submit", "publish", "withdraw", "return-to-draft", "approve"],
        "version_id": ["1"],
        "app_label": ["cases", "law", "core", "auth"],
        "format": ["json"],
        "dispute": [dispute.slug],
        "precedent": [precedent.slug],
        "path": [precedent.citation_path],
        "legislation_type": [statute.legislation_type],
        "year": [str(statute.year)],
        "number": [str(statute.number)],
        "unit": [provision.unit],
        "unit_number": [provision.number],
    }
