"""What to tell an editor (or an API client) whose save was refused as stale.

`describe_conflict()` finds the revision the editor started from (the one stored with
the version number they sent) and compares it with the record as it is now, so the
message lists exactly what the other editor changed, who, and when. Where no such
revision exists (a record loaded by `load_reference` and not edited since), it says
who changed the record last, if known, and the form lists the stored values beside
the editor's input.

For the API: `conflict_body()` is the JSON body of a 409 answer in the API's error
shape, and `stale_version_response()` the whole answer.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.http import JsonResponse

from casebase.core.locking import StaleVersionError
from casebase.editorial.history import (
    Comparison,
    compare,
    live_snapshot,
    revision_snapshot,
    root_key,
    stored_version_number,
    versions_of,
)

# How far back to look for the revision the editor started from.
_SEARCH_DEPTH = 200


@dataclass
class Conflict:
    model_name: str
    pk: object
    expected: int
    current: int | None
    changed_by: str = ""
    changed_at: datetime | None = None
    comparison: Comparison | None = None  # None: the starting revision is unknown
    notes: list[str] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.current is None

    def summary(self) -> str:
        if self.deleted:
            return f"This {self.model_name} was deleted while you were editing it."
        who = f" by {self.changed_by}" if self.changed_by else ""
        when = f" at {self.changed_at:%d %b %Y %H:%M}" if self.changed_at else ""
        return (
            f"This {self.model_name} was changed{who}{when} while you were editing "
            f"it (you started from version {self.expected}; it is now at version "
            f"{self.current}). Your changes were not saved and nothing was "
            "overwritten."
        )

    def lines(self) -> list[str]:
        """One line per change made meanwhile."""
        if self.comparison is None:
            return []
        lines = [
            f"{c.label}: “{c.before}” → “{c.after}”" for c in self.comparison.fields
        ]
        for row in self.comparison.rows:
            if row.kind == "changed":
                detail = "; ".join(
                    f"{c.label}: “{c.before}” → “{c.after}”" for c in row.fields
                )
                lines.append(f"{row.model_name} “{row.repr}” changed: {detail}")
            else:
                lines.append(f"{row.model_name} “{row.repr}” {row.kind}")
        return lines


def describe_conflict(model: type[models.Model], pk, expected: int) -> Conflict:
    name = str(model._meta.verbose_name)
    current = model._default_manager.filter(pk=pk).first()
    if current is None:
        return Conflict(name, pk, expected, None)
    conflict = Conflict(name, pk, expected, current.version)
    versions = list(versions_of(current)[:_SEARCH_DEPTH])
    if versions:
        latest = versions[0].revision
        conflict.changed_by = latest.user.get_username() if latest.user else ""
        conflict.changed_at = latest.date_created
    baseline = next((v for v in versions if stored_version_number(v) == expected), None)
    if baseline is not None:
        conflict.comparison = compare(
            revision_snapshot(baseline.revision, current),
            live_snapshot(current),
            root_key(current),
        )
    return conflict


def conflict_from_error(error: StaleVersionError) -> Conflict:
    return describe_conflict(error.model, error.pk, error.expected)


def conflict_body(error: StaleVersionError) -> dict:
    """The 409 body, in the API's error shape plus what the client needs to retry."""
    conflict = conflict_from_error(error)
    message = conflict.summary()
    return {
        "status": 409,
        "code": "stale",
        "message": message,
        "errors": {"version": [message]},
        "current_version": conflict.current,
        "your_version": conflict.expected,
        "changed_by": conflict.changed_by or None,
        "changed_at": conflict.changed_at.isoformat() if conflict.changed_at else None,
        "changes": [
            {"field": c.name, "label": c.label, "before": c.before, "after": c.after}
            for c in (conflict.comparison.fields if conflict.comparison else [])
        ],
        "related_changes": [
            {"kind": r.kind, "model": r.model_name, "record": r.repr}
            for r in (conflict.comparison.rows if conflict.comparison else [])
        ],
    }


def stale_version_response(error: StaleVersionError) -> JsonResponse:
    """HTTP 409 for a write made from a stale version (for the API's views)."""
    return JsonResponse(conflict_body(error), status=409)
