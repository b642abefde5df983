"""Every public document, built in bulk: the rebuild's (and the check's) path.

`documents.py`'s single-record builders read each record's related rows through
Django's prefetches and its URL through `reverse()`. Both cost per record: a prefetch
makes a queryset for every record and relation, and `reverse()` matches the URL
patterns each time, which made a rebuild spend most of its time before Whoosh saw a
document. Here a batch of records (in primary-key order, read by key range) takes one
query per relation, grouped in Python; small tables (courts, jurisdictions, legal
theories) are read once; URLs come from a template made by one `reverse()` call.

The documents are the same as the single-record builders give (the `*_from_parts`
functions build both; tests/search/test_bulk_documents.py compares every record
type), and the same visibility rule decides what is read: published records through
`visible()`, related rows through `through_visible()`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from django.urls import reverse

from casebase.cases import models as cases
from casebase.core.visibility import through_visible, visible
from casebase.law import models as law
from casebase.search import documents as docs
from casebase.search.documents import SearchDocument
from casebase.search.public_records import PUBLIC, dispute_related


class UrlTemplate:
    """`reverse(name, args=values)` without matching URL patterns per row.

    The URL is reversed once with sentinel arguments; a row's URL puts its values
    where the sentinels were. A value that does not fully match its `pattern` (the
    argument's pattern in the URLconf, or narrower) goes through `reverse()` itself,
    so an odd value gives exactly what `reverse()` would (or its error)."""

    def __init__(self, name: str, args: list[tuple[str, str]]) -> None:
        self.name = name
        self.patterns = [re.compile(pattern) for pattern, _ in args]
        self.sentinels = [sentinel for _, sentinel in args]
        self._parts: list[str] | None = None

    def _split(self) -> list[str]:
        url = reverse(self.name, args=self.sentinels)
        parts, rest = [], url
        for sentinel in self.sentinels:
            before, found, rest = rest.partition(sentinel)
            if not found:
                raise ValueError(f"URL template for {self.name}: {url!r}")
            parts.append(before)
        parts.append(rest)
        return parts

    def __call__(self, *values) -> str:
        texts = [str(v) for v in values]
        if len(texts) != len(self.patterns) or not all(
            p.fullmatch(t) for p, t in zip(self.patterns, texts, strict=True)
        ):
            return reverse(self.name, args=list(values))
        if self._parts is None:
            self._parts = self._split()
        out = [self._parts[0]]
        for text, part in zip(texts, self._parts[1:], strict=True):
            out += [text, part]
        return "".join(out)


_SLUG = r"[-a-zA-Z0-9_]+"


class Urls:
    """The URL templates of one bulk build (made afresh each build, so a change of
    script prefix between builds is seen)."""

    def __init__(self) -> None:
        slug = [(_SLUG, "zqslugsentinelqz")]
        self.dispute = UrlTemplate("cases:dispute-detail", slug)
        self.party = UrlTemplate("cases:party-detail", slug)
        self.system = UrlTemplate("cases:system-detail", slug)
        self.precedent = UrlTemplate("law:precedent-detail", slug)
        self.citation = UrlTemplate(
            "law:precedent-by-citation",
            [(r"[a-z]+(?:/[a-z0-9]+)?/\d{4}/\d+", "zqpath/7777/888888888")],
        )
        # The unit (section / regulation) is part of the template: it is one of two.
        self._provision: dict[str, UrlTemplate] = {}

    def provision(self, p: law.Provision) -> str:
        s = p.statute
        template = self._provision.get(p.unit)
        if template is None:
            template = UrlTemplate(
                "law:provision-detail",
                [
                    (r"[a-z]+", "zqtypeqz"),
                    (r"\d{4}", "7777"),
                    (r"\d{1,9}", "888888888"),
                    (re.escape(p.unit), p.unit),
                    (r"[0-9A-Za-z]{1,20}", "ZQ9unitnumber9QZ"[:20]),
                ],
            )
            self._provision[p.unit] = template
        return template(s.legislation_type, s.year, s.number, p.unit, p.number)

    def for_precedent(self, p: law.Precedent) -> str:
        if p.citation_path:
            return self.citation(p.citation_path)
        return self.precedent(p.slug)


# -- reading in batches -------------------------------------------------------------------


def _batches(queryset: QuerySet, size: int) -> Iterator[list]:
    """The queryset's rows in primary-key order, `size` at a time (keyset paging:
    each batch is one indexed range read, never a long IN list)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk
        if len(rows) < size:
            return


def _grouped(queryset: QuerySet, column: str, rows: list) -> dict[int, list]:
    """`queryset`'s rows whose `column` (a foreign key's attname) falls within the
    primary keys of `rows` (sorted), grouped by it, each group in the queryset's
    order. Rows of records outside the batch are read and dropped."""
    lo, hi = rows[0].pk, rows[-1].pk
    found: dict[int, list] = defaultdict(list)
    for obj in queryset.filter(**{f"{column}__gte": lo, f"{column}__lte": hi}):
        found[getattr(obj, column)].append(obj)
    return found


def _m2m(through: type, owner: str, target: str, ids, ranked: dict) -> dict[int, list]:
    """A many-to-many relation read from its through table for the owners `ids`,
    targets from `ranked` ({pk: (rank, object)}, in the target's default ordering)."""
    pairs: dict[int, list] = defaultdict(list)
    rows = through.objects.filter(**{f"{owner}__in": list(ids)}).values_list(
        owner, target
    )
    for owner_id, target_id in rows:
        if target_id in ranked:
            pairs[owner_id].append(ranked[target_id])
    return {key: [obj for _, obj in sorted(found)] for key, found in pairs.items()}


def _ranked(queryset: QuerySet) -> dict:
    """{pk: (position in the default ordering, object)}: a small table read once."""
    return {obj.pk: (n, obj) for n, obj in enumerate(queryset)}


class _Context:
    """What every batch shares: the small tables and the URL templates."""

    def __init__(self) -> None:
        self.urls = Urls()
        self.courts = {
            c.pk: c for c in visible(law.Court, PUBLIC).select_related("jurisdiction")
        }
        self.jurisdictions = _ranked(law.Jurisdiction.objects.all())
        self.theories = _ranked(law.LegalTheory.objects.all())

    def dispute_jurisdictions(self, ids) -> dict[int, list]:
        return _m2m(
            cases.Dispute.jurisdictions.through,
            "dispute_id",
            "jurisdiction_id",
            ids,
            self.jurisdictions,
        )


def _disputes(ctx: _Context, size: int) -> Iterator[list[SearchDocument]]:
    claims, roles, systems, links = dispute_related()
    events = visible(cases.Event, PUBLIC)
    for rows in _batches(visible(cases.Dispute, PUBLIC), size):
        by_claims = _grouped(claims, "dispute_id", rows)
        by_roles = _grouped(roles, "dispute_id", rows)
        by_systems = _grouped(systems, "dispute_id", rows)
        by_links = _grouped(links, "dispute_id", rows)
        by_events = _grouped(events, "dispute_id", rows)
        by_jurisdictions = ctx.dispute_jurisdictions(d.pk for d in rows)
        yield [
            docs.dispute_from_parts(
                d,
                url=ctx.urls.dispute(d.slug),
                court=ctx.courts.get(d.court_id),
                roles=by_roles.get(d.pk, []),
                claims=by_claims.get(d.pk, []),
                jurisdictions=by_jurisdictions.get(d.pk, []),
                systems=[r.system for r in by_systems.get(d.pk, [])],
                events=by_events.get(d.pk, []),
                precedents=[link.precedent for link in by_links.get(d.pk, [])],
            )
            for d in rows
        ]


def _precedents(ctx: _Context, size: int) -> Iterator[list[SearchDocument]]:
    through = law.Precedent.legal_theories.through
    for rows in _batches(visible(law.Precedent, PUBLIC), size):
        theories = _m2m(
            through,
            "precedent_id",
            "legaltheory_id",
            [p.pk for p in rows],
            ctx.theories,
        )
        yield [
            docs.precedent_from_parts(
                p,
                url=ctx.urls.for_precedent(p),
                court=ctx.courts.get(p.court_id),
                theories=theories.get(p.pk, []),
            )
            for p in rows
        ]


def _provisions(ctx: _Context, size: int) -> Iterator[list[SearchDocument]]:
    through = law.Provision.legal_theories.through
    queryset = through_visible(
        visible(law.Provision, PUBLIC), PUBLIC, "statute"
    ).select_related("statute")
    for rows in _batches(queryset, size):
        theories = _m2m(
            through,
            "provision_id",
            "legaltheory_id",
            [p.pk for p in rows],
            ctx.theories,
        )
        yield [
            docs.provision_from_parts(
                p, url=ctx.urls.provision(p), theories=theories.get(p.pk, [])
            )
            for p in rows
        ]


def _evidence(ctx: _Context, size: int) -> Iterator[list[SearchDocument]]:
    through = cases.Evidence.claims.through
    claim_order = [f"claim__{name}" for name in cases.Claim._meta.ordering]
    public_claims = visible(cases.Claim, PUBLIC)
    queryset = through_visible(
        visible(cases.Evidence, PUBLIC), PUBLIC, "dispute"
    ).select_related("dispute")
    for rows in _batches(queryset, size):
        links = (
            through.objects.filter(
                evidence_id__gte=rows[0].pk,
                evidence_id__lte=rows[-1].pk,
                claim__in=public_claims,
            )
            .select_related("claim__theory")
            .order_by(*claim_order)
        )
        claims: dict[int, list] = defaultdict(list)
        for link in links:
            claims[link.evidence_id].append(link.claim)
        jurisdictions = ctx.dispute_jurisdictions({e.dispute_id for e in rows})
        yield [
            docs.evidence_from_parts(
                e,
                dispute_url=ctx.urls.dispute(e.dispute.slug),
                court=ctx.courts.get(e.dispute.court_id),
                claims=claims.get(e.pk, []),
                jurisdictions=jurisdictions.get(e.dispute_id, []),
            )
            for e in rows
        ]


def _parties(ctx: _Context, size: int) -> Iterator[list[SearchDocument]]:
    for rows in _batches(visible(cases.Party, PUBLIC), size):
        yield [docs.party_from_parts(p, url=ctx.urls.party(p.slug)) for p in rows]


def _systems(ctx: _Context, size: int) -> Iterator[list[SearchDocument]]:
    for rows in _batches(visible(cases.AISystem, PUBLIC), size):
        wanted = {s.developer_id for s in rows if s.developer_id}
        developers = {
            p.pk: p for p in visible(cases.Party, PUBLIC).filter(pk__in=wanted)
        }
        yield [
            docs.system_from_parts(
                s,
                url=ctx.urls.system(s.slug),
                developer=developers.get(s.developer_id),
            )
            for s in rows
        ]


# In the order of documents.BUILDERS (the order a rebuild has always written).
BULK: dict[str, Callable[[_Context, int], Iterator[list[SearchDocument]]]] = {
    docs.DocType.DISPUTE: _disputes,
    docs.DocType.PRECEDENT: _precedents,
    docs.DocType.PROVISION: _provisions,
    docs.DocType.EVIDENCE: _evidence,
    docs.DocType.PARTY: _parties,
    docs.DocType.SYSTEM: _systems,
}


def iter_bulk_documents(batch_size: int = 500) -> Iterator[list[SearchDocument]]:
    """Every public document, in batches of at most `batch_size` records."""
    ctx = _Context()
    for doc_type in docs.BUILDERS:
        yield from BULK[doc_type](ctx, max(1, batch_size))
