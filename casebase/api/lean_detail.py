"""A dispute's detail built from plain rows: the detail's fast path.

`DisputeDetailOut` documents the shape and serializes a dispute anywhere else.
Built through it, one dispute costs a model instance and a dozen serializer
objects per embedded row, and a query per prefetched relation (13 for a dispute
without evidence). Here it is one query: the dispute's row with its jurisdictions,
parties, AI systems, claims (with their provisions and sources), events (with
their sources) and sources as JSON columns (`jsonrows.JSONRows`, each through the
same visibility rule; the query is detail_lists.py's), compiled once and reused
with each slug. Evidence and precedent links (rare, and carrying the
confidentiality rule and the citator flag) keep their serializers and are read only
when the row says there are any.
The validators are those `conditional.validators` computes from the prefetched
instance. Output and validators are the serializer's, key for key
(tests/api/test_lean_detail.py compares them, every reference dispute byte for
byte).
"""

import datetime as dt
import hashlib

from django.db.models import F, Prefetch, QuerySet

from casebase.api import compiled
from casebase.api.detail_lists import (
    LIST_COLUMNS,
    linked_precedents,
    served_evidence_of,
    with_lists,
)
from casebase.api.jsonrows import rows, to_date, to_datetime
from casebase.api.lean import (
    COLUMNS,
    DATES,
    TIMES,
    _court,
    _date_text,
    _Links,
    _time_text,
    jurisdictions_out,
    parties_out,
    systems_out,
    with_court,
)
from casebase.api.serializers.cases import DisputePrecedentOut, EvidenceOut
from casebase.cases.models import (
    Claim,
    ComparisonOutput,
    Dispute,
    OutputComparison,
)
from casebase.core.dates import format_partial_date
from casebase.core.models import Source, can_see_unpublished
from casebase.core.visibility import through_visible, visible
from casebase.law.selectors import status_prefetch

DETAIL = ["summary", "defence_position", "notes", "source_type"]
PUBLISHABLE = ["publication_status", "verified", "unverified_elements"]


def _publishable(row: dict) -> dict:
    return {
        "publication_status": row["publication_status"],
        "verified": bool(row["verified"]),
        "unverified_elements": row["unverified_elements"],
        "created_at": _time_text(to_datetime(row["created_at"])),
        "updated_at": _time_text(to_datetime(row["updated_at"])),
    }


def _source_refs(sources: list[dict], link: _Links) -> list[dict]:
    return [
        {
            "id": s["id"],
            "reference": s["reference"],
            "address": s["address"],
            "title": s["title"],
            "url": link("source", s["id"]),
        }
        for s in sources
    ]


def _evidence(pk, user) -> list:
    outputs = through_visible(ComparisonOutput.objects.all(), user, "system")
    return list(
        served_evidence_of(pk, user)
        .select_related("dispute")
        .prefetch_related(
            Prefetch("sources", queryset=visible(Source, user)),
            Prefetch("claims", queryset=visible(Claim, user).select_related("theory")),
            Prefetch(
                "comparisons",
                queryset=visible(OutputComparison, user).prefetch_related(
                    Prefetch("outputs", queryset=outputs.select_related("system"))
                ),
            ),
        )
    )


def _precedent_links(pk, user) -> list:
    return list(
        linked_precedents(pk, user)
        .select_related("precedent")
        .prefetch_related(status_prefetch("precedent__citing_authorities", user))
    )


class Validators:
    """`conditional.validators` over the rows read here: the same relations, in
    the same order, with the same stamps (`updated_at`, where the model has one)."""

    def __init__(self, row: dict, user):
        self.stamps = [row["updated_at"]]
        self.parts = [row["updated_at"].isoformat(), str(can_see_unpublished(user))]

    def add(self, path: str, items: list, *, key="stamp", stamped=True) -> None:
        ids = ",".join(str(item["id"]) for item in items)
        self.parts.append(f"{path}:{len(items)}:{ids}")
        if stamped:
            stamps = (item[key] for item in items)
            self.stamps.extend(
                s if isinstance(s, dt.datetime) else to_datetime(s) for s in stamps if s
            )

    def result(self) -> tuple[str, dt.datetime]:
        digest = hashlib.sha256("|".join(self.parts).encode()).hexdigest()[:32]
        newest = max(self.stamps)
        return f'"{digest}-{newest.timestamp():.6f}"', newest


def _row_query(disputes: QuerySet[Dispute], *, user) -> QuerySet:
    return (
        with_lists(with_court(disputes, user=user), user=user)
        .annotate(court_updated_at=F("court__updated_at"))
        .values(*COLUMNS, *DETAIL, "court_updated_at", *LIST_COLUMNS)[:2]
    )


def _dispute_row(
    disputes: QuerySet[Dispute], slug: str, *, user, filtered: bool
) -> list[dict]:
    """The dispute's row with its JSON lists. Building and compiling that query
    costs Django more than running it, and it differs between requests only in the
    slug: it is compiled once (`compiled.run`) per database, visibility and base
    query. A base query no filter narrowed is the visibility rule alone, the same
    for every such request; a filtered one is told apart by its SQL."""
    base = disputes.query.sql_with_params() if filtered else None
    base_key = None if base is None else (base[0], repr(base[1]))
    return compiled.run(
        (__name__, base_key, can_see_unpublished(user)),
        lambda: _row_query(disputes.filter(slug=compiled.stand_in("slug")), user=user),
        {"slug": slug},
        using=disputes.db,
    )


def dispute_detail(
    disputes: QuerySet[Dispute],
    slug: str,
    *,
    user,
    context: dict,
    filtered: bool = True,
) -> tuple[dict, str, dt.datetime] | None:
    """`(data, etag, last_modified)` for the dispute `slug` among `disputes`, shaped
    as `DisputeDetailOut`; None when there is none (`user` may not see it).
    `filtered=False` says `disputes` is the visibility rule alone (no filter from
    the URL narrowed it)."""
    found = _dispute_row(disputes, slug, user=user, filtered=filtered)
    if len(found) != 1:
        return None
    row = found[0]
    pk = row["pk"]
    link = _Links(context)
    jurisdictions = rows(row["jurisdictions_json"])
    parties = rows(row["parties_json"])
    systems = rows(row["systems_json"])
    claims = rows(row["claims_json"])
    events = rows(row["events_json"])
    sources = rows(row["sources_json"])
    evidence = _evidence(pk, user) if row["has_evidence"] else []
    precedent_links = _precedent_links(pk, user) if row["has_precedents"] else []

    dispute_ref = {
        "slug": row["slug"],
        "title": row["title"],
        "short_title": row["short_title"],
        "url": link("dispute", row["slug"]),
    }
    claims_out = [
        {
            "id": c["id"],
            "dispute": dispute_ref,
            "theory": {
                "slug": c["theory_slug"],
                "name": c["theory_name"],
                "url": link("theory", c["theory_slug"]),
            },
            "nature": c["nature"],
            "description": c["description"],
            "result": c["result"],
            "result_note": c["result_note"],
            "provisions": [
                {
                    "id": p["id"],
                    "statute": p["statute"],
                    "label": p["label"],
                    "legislation_uri": p["legislation_uri"],
                    "url": link("provision", p["id"]),
                }
                for p in c["provisions"]
            ],
            "sources": _source_refs(c["sources"], link),
            "position": c["position"],
            "url": link("claim", c["id"]),
            **_publishable(c),
        }
        for c in claims
    ]
    events_out = []
    for e in events:
        date = to_date(e["date"])
        events_out.append(
            {
                "id": e["id"],
                "dispute": dispute_ref,
                "date": _date_text(date),
                "date_precision": e["date_precision"],
                "date_display": format_partial_date(date, e["date_precision"]),
                "kind": e["kind"],
                "title": e["title"],
                "description": e["description"],
                "sources": _source_refs(e["sources"], link),
                "position": e["position"],
                "url": link("event", e["id"]),
                **_publishable(e),
            }
        )
    dates = {name: _date_text(row[name]) for name in DATES}
    out = {
        "slug": row["slug"],
        "title": row["title"],
        "short_title": row["short_title"],
        "jurisdictions": jurisdictions_out(jurisdictions, link),
        "jurisdiction_detail": row["jurisdiction_detail"],
        "court": _court(row, link),
        "court_detail": row["court_detail"],
        "case_number": row["case_number"],
        "stage": row["stage"],
        "outcome": row["outcome"],
        "status_text": row["status_text"],
        "status_as_of": dates["status_as_of"],
        "status_as_of_precision": row["status_as_of_precision"],
        "filed_date": dates["filed_date"],
        "filed_date_precision": row["filed_date_precision"],
        "first_decision_date": dates["first_decision_date"],
        "first_decision_precision": row["first_decision_precision"],
        "resolved_date": dates["resolved_date"],
        "resolved_precision": row["resolved_precision"],
        "parties": parties_out(parties, link),
        "ai_systems": systems_out(systems, link),
        "claims": claims_out,
        "events": events_out,
        "summary": row["summary"],
        # Mostly empty: the serializers (four objects to build) only for some.
        "evidence": evidence and EvidenceOut(evidence, many=True, context=context).data,
        "precedents": precedent_links
        and DisputePrecedentOut(precedent_links, many=True, context=context).data,
        "defence_position": row["defence_position"],
        "notes": row["notes"],
        "source_type": row["source_type"],
        "sources": _source_refs(sources, link),
        "version": row["version"],
        "url": link("dispute", row["slug"]),
        "html_url": link.page("cases:dispute-detail", row["slug"]),
        **{name: row[name] for name in PUBLISHABLE},
        **{name: _time_text(row[name]) for name in TIMES},
    }

    # The validators, over the relations DisputeViewSet.etag_relations names.
    check = Validators(row, user)
    check.add("jurisdictions", jurisdictions, stamped=False)
    court = [{"id": row["court_id"], "stamp": row["court_updated_at"]}]
    check.add("court", court if out["court"] else [])
    check.add("party_roles__party", parties)
    check.add("system_roles__system", systems)
    check.add("claims", claims, key="updated_at")
    check.add("claims__provisions", [p for c in claims for p in c["provisions"]])
    check.add("evidence", [{"id": e.pk, "stamp": e.updated_at} for e in evidence])
    comparisons = [c for e in evidence for c in e.comparisons.all()]
    check.add(
        "evidence__comparisons",
        [{"id": c.pk, "stamp": c.updated_at} for c in comparisons],
    )
    check.add("events", events, key="updated_at")
    linked = [link_.precedent for link_ in precedent_links]
    check.add(
        "precedent_links__precedent",
        [{"id": p.pk, "stamp": p.updated_at} for p in linked],
    )
    check.add("sources", sources)
    etag, modified = check.result()
    return out, etag, modified
