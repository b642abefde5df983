"""OSCOLA citations from the citations library (`casebase.citations.oscola`), the one
formatter the pages use too. If it cannot be imported the API serves null rather than
a citation formatted here by guesswork."""

from importlib import import_module


def _formatter(name: str):
    try:
        module = import_module("casebase.citations.oscola")
    except ImportError:
        return None
    return getattr(module, name, None)


def oscola_citation(record, kind: str) -> str | None:
    """`kind` is `precedent`, `provision` or `dispute`."""
    formatter = _formatter(f"format_{kind}")
    return (formatter(record) or None) if formatter else None
