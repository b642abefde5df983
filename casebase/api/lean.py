"""A page of disputes built from plain rows: the list's fast path.

`DisputeListOut` documents the shape (the schema) and serializes a dispute anywhere
else; a page of 25 disputes with their parties, systems, claims and events costs
DRF hundreds of field objects and model instances. Here the page's disputes are
read as values, each embedded list in one more `values()` query through the same
visibility rule (`visible()` / `through_visible()`), and the dicts are put together
directly, with links filled into templates reversed once (`filled_url`). The output
is the serializer's, key for key (tests/api/test_lean.py compares them).
"""

from collections import defaultdict

from django.db.models import Exists, F, OuterRef, QuerySet
from rest_framework import serializers

from casebase.api.serializers.common import filled_url
from casebase.cases.models import (
    Claim,
    Dispute,
    DisputeParty,
    DisputeSystem,
    Event,
)
from casebase.core.dates import format_partial_date
from casebase.core.visibility import through_visible, visible
from casebase.law.models import Court

PLAIN = [
    "slug",
    "title",
    "short_title",
    "jurisdiction_detail",
    "court_detail",
    "case_number",
    "stage",
    "outcome",
    "status_text",
    "status_as_of_precision",
    "filed_date_precision",
    "first_decision_precision",
    "resolved_precision",
    "version",
    "publication_status",
    "verified",
    "unverified_elements",
]
DATES = ["status_as_of", "filed_date", "first_decision_date", "resolved_date"]
TIMES = ["created_at", "updated_at"]
# What the page query reads (the cursor needs its ordering fields too).
COLUMNS = [
    "pk",
    "court_id",
    "court_visible",
    "court_slug",
    "court_name",
    *PLAIN,
    *DATES,
    *TIMES,
]

_date = serializers.DateField()
_time = serializers.DateTimeField()


def _date_text(value):
    return None if value is None else _date.to_representation(value)


def _time_text(value):
    return None if value is None else _time.to_representation(value)


class _Links:
    """API and site URLs for one response."""

    def __init__(self, context: dict):
        self.context = context

    def __call__(self, view: str, value) -> str:
        return filled_url(self.context, f"api:{view}-detail", value)

    def page(self, view: str, value) -> str:
        return filled_url(self.context, view, value)


def _grouped(rows, key: str = "dispute_id") -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _jurisdictions(ids, link: _Links) -> dict:
    through = Dispute.jurisdictions.through.objects.filter(dispute_id__in=ids)
    rows = through.order_by("-jurisdiction__is_uk", "jurisdiction__name").values(
        "dispute_id", "jurisdiction__slug", "jurisdiction__name"
    )
    return {
        k: [
            {
                "slug": r["jurisdiction__slug"],
                "name": r["jurisdiction__name"],
                "url": link("jurisdiction", r["jurisdiction__slug"]),
            }
            for r in group
        ]
        for k, group in _grouped(rows).items()
    }


def with_court(disputes: QuerySet[Dispute], *, user) -> QuerySet[Dispute]:
    """The page query reads each dispute's court too, and whether `user` may see it
    (the visibility rule as a subquery), saving a query."""
    return disputes.annotate(
        court_visible=Exists(visible(Court, user).filter(pk=OuterRef("court_id"))),
        court_slug=F("court__slug"),
        court_name=F("court__name"),
    )


def _court(row: dict, link: _Links) -> dict | None:
    if not (row["court_id"] and row["court_visible"]):
        return None
    slug = row["court_slug"]
    return {"slug": slug, "name": row["court_name"], "url": link("court", slug)}


def _parties(ids, user, link: _Links) -> dict:
    roles = through_visible(
        DisputeParty.objects.filter(dispute_id__in=ids), user, "party"
    )
    rows = roles.values(
        "dispute_id",
        "role",
        "names_as_pleaded",
        "party__slug",
        "party__name",
        "party__kind",
    )
    return {
        k: [
            {
                "party": {
                    "slug": r["party__slug"],
                    "name": r["party__name"],
                    "kind": r["party__kind"],
                    "url": link("party", r["party__slug"]),
                },
                "role": r["role"],
                "names_as_pleaded": r["names_as_pleaded"],
            }
            for r in group
        ]
        for k, group in _grouped(rows).items()
    }


def _systems(ids, user, link: _Links) -> dict:
    roles = through_visible(
        DisputeSystem.objects.filter(dispute_id__in=ids), user, "system"
    )
    rows = roles.values(
        "dispute_id", "role", "note", "system__slug", "system__name", "system__version"
    )
    return {
        k: [
            {
                "system": {
                    "slug": r["system__slug"],
                    "name": r["system__name"],
                    "version": r["system__version"],
                    "url": link("system", r["system__slug"]),
                },
                "role": r["role"],
                "note": r["note"],
            }
            for r in group
        ]
        for k, group in _grouped(rows).items()
    }


def _claims(ids, user, link: _Links) -> dict:
    rows = (
        visible(Claim, user)
        .filter(dispute_id__in=ids)
        .values(
            "id",
            "dispute_id",
            "nature",
            "description",
            "result",
            "theory__slug",
            "theory__name",
        )
    )
    return {
        k: [
            {
                "id": r["id"],
                "theory": {
                    "slug": r["theory__slug"],
                    "name": r["theory__name"],
                    "url": link("theory", r["theory__slug"]),
                },
                "nature": r["nature"],
                "description": r["description"],
                "result": r["result"],
                "url": link("claim", r["id"]),
            }
            for r in group
        ]
        for k, group in _grouped(rows).items()
    }


def _events(ids, user, link: _Links) -> dict:
    rows = (
        visible(Event, user)
        .filter(dispute_id__in=ids)
        .values("id", "dispute_id", "date", "date_precision", "kind", "title")
    )
    return {
        k: [
            {
                "id": r["id"],
                "date": _date_text(r["date"]),
                "date_precision": r["date_precision"],
                "date_display": format_partial_date(r["date"], r["date_precision"]),
                "kind": r["kind"],
                "title": r["title"],
                "url": link("event", r["id"]),
            }
            for r in group
        ]
        for k, group in _grouped(rows).items()
    }


def dispute_rows(rows: list[dict], *, user, context: dict) -> list[dict]:
    """The list's representation of `rows` (dicts of `COLUMNS` from a queryset
    passed through `with_court`), in their order."""
    if not rows:
        return []
    link = _Links(context)
    ids = [r["pk"] for r in rows]
    jurisdictions = _jurisdictions(ids, link)
    parties = _parties(ids, user, link)
    systems = _systems(ids, user, link)
    claims = _claims(ids, user, link)
    events = _events(ids, user, link)
    out = []
    for r in rows:
        pk = r["pk"]
        item = {name: r[name] for name in PLAIN}
        item.update({name: _date_text(r[name]) for name in DATES})
        item.update({name: _time_text(r[name]) for name in TIMES})
        item.update(
            jurisdictions=jurisdictions.get(pk, []),
            court=_court(r, link),
            parties=parties.get(pk, []),
            ai_systems=systems.get(pk, []),
            claims=claims.get(pk, []),
            events=events.get(pk, []),
            url=link("dispute", r["slug"]),
            html_url=link.page("cases:dispute-detail", r["slug"]),
        )
        out.append(item)
    return out
