"""A page of disputes built from plain rows: the list's fast path.

`DisputeListOut` documents the shape (the schema) and serializes a dispute anywhere
else; a page of 25 disputes with their parties, systems, claims and events costs
DRF hundreds of field objects and model instances. Here the page's disputes are
read as values, and every embedded list in one more statement through the same
visibility rule (`visible()` / `through_visible()`): each list a JSON column
(`jsonrows.JSONRows`) of the rows of all the page's disputes. That statement
differs between pages only in the page's ids, so it is compiled once
(`compiled.run`) and sent again with the ids as one parameter. The dicts are put
together directly, with links filled into templates made once per response
(`url_parts`). The output is the serializer's, byte for byte and key for key
(tests/api/test_lean.py and test_lean_pages.py compare them).

Why not the detail's correlated JSON columns on the page query: for a page they
run once a dispute, and cost PostgreSQL more than separate queries with the page's
ids (3.8 ms of server time against 2.0 ms, measured on the reference data). Here
each list is built once for the whole page; the one statement replaced five
(one a list), and each row's Django converters with one JSON parse a list.
"""

from collections import defaultdict

import orjson
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from casebase.api import compiled, jsonrows
from casebase.api.jsonrows import JSONRows, to_date
from casebase.api.serializers.common import PLAIN as PLAIN_VALUE
from casebase.api.serializers.common import url_parts
from casebase.cases.models import (
    Claim,
    Dispute,
    DisputeParty,
    DisputeSystem,
    Event,
)
from casebase.core.dates import format_partial_date
from casebase.core.models import can_see_unpublished
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
    if value is None:
        return None
    if api_settings.DATE_FORMAT == ISO_8601:
        return value.isoformat()
    return _date.to_representation(value)


def _time_text(value):
    """DRF's DateTimeField output without its field machinery (fifty times a page):
    a stored (aware) time in the current time zone, ISO 8601, UTC written `Z`."""
    if value is None:
        return None
    if api_settings.DATETIME_FORMAT != ISO_8601 or timezone.is_naive(value):
        return _time.to_representation(value)
    text = value.astimezone(timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class _Links:
    """API and site URLs for one response: each view reversed once, each link its
    slug or id put between the two halves (as `filled_url`, called hundreds of
    times a page)."""

    def __init__(self, context: dict):
        self.context = context
        self.parts = {}

    def __call__(self, view: str, value) -> str | None:
        return self.page(f"api:{view}-detail", value)

    def page(self, view: str, value) -> str | None:
        text = str(value)
        if not PLAIN_VALUE.fullmatch(text):
            return None
        parts = self.parts.get(view)
        if parts is None:
            parts = self.parts[view] = url_parts(self.context, view)
        return parts[0] + text + parts[1]


def _court(row: dict, link: _Links) -> dict | None:
    if not (row["court_id"] and row["court_visible"]):
        return None
    slug = row["court_slug"]
    return {"slug": slug, "name": row["court_name"], "url": link("court", slug)}


def with_court(disputes: QuerySet[Dispute], *, user) -> QuerySet[Dispute]:
    """The page query reads each dispute's court too, and whether `user` may see it
    (the visibility rule as a subquery), saving a query."""
    return disputes.annotate(
        court_visible=Exists(visible(Court, user).filter(pk=OuterRef("court_id"))),
        court_slug=F("court__slug"),
        court_name=F("court__name"),
    )


# The embedded lists: for each, the rows of the page's disputes (`ids`, an
# `IdList`) through the visibility rule, in the serializer's order.

# Claims and events are ordered by their dispute first, which is the dispute's own
# ordering (its `updated_at`) and costs a join to the dispute; among one dispute's
# rows (all these lists are read or grouped by dispute) the rest is the same order.
WITHIN_DISPUTE = {
    Claim: [f for f in Claim._meta.ordering if f != "dispute"],
    Event: [f for f in Event._meta.ordering if f != "dispute"],
}


LISTS = ("jurisdictions", "parties", "systems", "claims", "events")
JURISDICTION_ORDER = ("-jurisdiction__is_uk", "jurisdiction__name")

# The fields of the embedded lists' rows, as the list and the detail both read them
# (the detail, detail_lists.py, adds what its links, validators and own fields
# need); the names are those `*_out` below shape.
JURISDICTION_FIELDS = {"slug": "jurisdiction__slug", "name": "jurisdiction__name"}
PARTY_FIELDS = {
    "role": "role",
    "names_as_pleaded": "names_as_pleaded",
    "slug": "party__slug",
    "name": "party__name",
    "kind": "party__kind",
}
SYSTEM_FIELDS = {
    "role": "role",
    "note": "note",
    "slug": "system__slug",
    "name": "system__name",
    "version": "system__version",
}
CLAIM_FIELDS = {
    "id": "id",
    "nature": "nature",
    "description": "description",
    "result": "result",
    "theory_slug": "theory__slug",
    "theory_name": "theory__name",
}
EVENT_FIELDS = {
    "id": "id",
    "date": "date",
    "date_precision": "date_precision",
    "kind": "kind",
    "title": "title",
}


def _list_columns(ids, user) -> dict[str, JSONRows]:
    """Each list, as one JSON column: its rows for every dispute of the page."""
    jurisdictions = Dispute.jurisdictions.through.objects.filter(dispute_id__in=ids)
    parties = DisputeParty.objects.filter(dispute_id__in=ids)
    systems = DisputeSystem.objects.filter(dispute_id__in=ids)
    claims = visible(Claim, user).filter(dispute_id__in=ids)
    events = visible(Event, user).filter(dispute_id__in=ids)
    return {
        "jurisdictions": JSONRows(
            jurisdictions.order_by(*JURISDICTION_ORDER),
            dispute="dispute_id",
            **JURISDICTION_FIELDS,
        ),
        "parties": JSONRows(
            through_visible(parties, user, "party"),
            dispute="dispute_id",
            **PARTY_FIELDS,
        ),
        "systems": JSONRows(
            through_visible(systems, user, "system"),
            dispute="dispute_id",
            **SYSTEM_FIELDS,
        ),
        "claims": JSONRows(
            claims.order_by(*WITHIN_DISPUTE[Claim]),
            dispute="dispute_id",
            **CLAIM_FIELDS,
        ),
        "events": JSONRows(
            events.order_by(*WITHIN_DISPUTE[Event]),
            dispute="dispute_id",
            **EVENT_FIELDS,
        ),
    }


def _lists_query(ids, user) -> QuerySet:
    """One row carrying every list as a JSON column. The lists do not depend on the
    row: it is only somewhere to put them (one of the page's disputes; the database
    builds each list once, not once a row, as it would for correlated lists)."""
    columns = {f"{name}_json": rows for name, rows in _list_columns(ids, user).items()}
    host = Dispute.objects.filter(pk__in=ids).order_by()
    return host.annotate(**columns).values(*columns)[:1]


def _grouped_lists(ids_text: str, *, user, using: str) -> dict[str, defaultdict]:
    """For each list, the rows of the disputes `ids_text` names, by dispute: one
    statement, compiled once per database and visibility."""
    found = compiled.run(
        (__name__, "lists", can_see_unpublished(user)),
        lambda: _lists_query(compiled.IdList(compiled.stand_in("ids")), user),
        {"ids": ids_text},
        using=using,
    )
    grouped = {name: defaultdict(list) for name in LISTS}
    for name in LISTS if found else ():
        for row in jsonrows.rows(found[0][f"{name}_json"]):
            grouped[name][row["dispute"]].append(row)
    return grouped


# The detail's JSON columns (lean_detail.py) and the list's name their fields
# alike (`slug`, not `party__slug`): both are shaped here.


def jurisdictions_out(rows, link: _Links) -> list:
    return [
        {"slug": j["slug"], "name": j["name"], "url": link("jurisdiction", j["slug"])}
        for j in rows
    ]


def parties_out(rows, link: _Links) -> list[dict]:
    return [
        {
            "party": {
                "slug": p["slug"],
                "name": p["name"],
                "kind": p["kind"],
                "url": link("party", p["slug"]),
            },
            "role": p["role"],
            "names_as_pleaded": p["names_as_pleaded"],
        }
        for p in rows
    ]


def systems_out(rows, link: _Links) -> list[dict]:
    return [
        {
            "system": {
                "slug": s["slug"],
                "name": s["name"],
                "version": s["version"],
                "url": link("system", s["slug"]),
            },
            "role": s["role"],
            "note": s["note"],
        }
        for s in rows
    ]


def _claims(rows, link: _Links) -> list[dict]:
    return [
        {
            "id": c["id"],
            "theory": {
                "slug": c["theory_slug"],
                "name": c["theory_name"],
                "url": link("theory", c["theory_slug"]),
            },
            "nature": c["nature"],
            "description": c["description"],
            "result": c["result"],
            "url": link("claim", c["id"]),
        }
        for c in rows
    ]


def _events(rows, link: _Links) -> list[dict]:
    out = []
    for e in rows:
        date = to_date(e["date"])
        out.append(
            {
                "id": e["id"],
                "date": _date_text(date),
                "date_precision": e["date_precision"],
                "date_display": format_partial_date(date, e["date_precision"]),
                "kind": e["kind"],
                "title": e["title"],
                "url": link("event", e["id"]),
            }
        )
    return out


def dispute_rows(
    rows: list[dict], *, user, context: dict, using: str = DEFAULT_DB_ALIAS
) -> list[dict]:
    """The list's representation of `rows` (dicts of `COLUMNS` from a queryset
    passed through `with_court`), in their order, each dispute's keys in the
    serializer's order."""
    if not rows:
        return []
    link = _Links(context)
    ids = orjson.dumps([r["pk"] for r in rows]).decode()
    lists = _grouped_lists(ids, user=user, using=using)
    none = ()
    return [
        {
            "slug": r["slug"],
            "title": r["title"],
            "short_title": r["short_title"],
            "jurisdictions": jurisdictions_out(
                lists["jurisdictions"].get(r["pk"], none), link
            ),
            "jurisdiction_detail": r["jurisdiction_detail"],
            "court": _court(r, link),
            "court_detail": r["court_detail"],
            "case_number": r["case_number"],
            "stage": r["stage"],
            "outcome": r["outcome"],
            "status_text": r["status_text"],
            "status_as_of": _date_text(r["status_as_of"]),
            "status_as_of_precision": r["status_as_of_precision"],
            "filed_date": _date_text(r["filed_date"]),
            "filed_date_precision": r["filed_date_precision"],
            "first_decision_date": _date_text(r["first_decision_date"]),
            "first_decision_precision": r["first_decision_precision"],
            "resolved_date": _date_text(r["resolved_date"]),
            "resolved_precision": r["resolved_precision"],
            "parties": parties_out(lists["parties"].get(r["pk"], none), link),
            "ai_systems": systems_out(lists["systems"].get(r["pk"], none), link),
            "claims": _claims(lists["claims"].get(r["pk"], none), link),
            "events": _events(lists["events"].get(r["pk"], none), link),
            "version": r["version"],
            "url": link("dispute", r["slug"]),
            "html_url": link.page("cases:dispute-detail", r["slug"]),
            "publication_status": r["publication_status"],
            "verified": r["verified"],
            "unverified_elements": r["unverified_elements"],
            "created_at": _time_text(r["created_at"]),
            "updated_at": _time_text(r["updated_at"]),
        }
        for r in rows
    ]
