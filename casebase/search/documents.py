"""Records become search documents here, and only here.

Only what the public may see is ever built: published records through the one
visibility rule (`visible(Model, None)`), related rows through the same rule, sealed
evidence never, redacted evidence by its public description only. A key whose record
is missing or not public builds nothing, and the indexer deletes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields

from casebase.cases import models as cases
from casebase.core.dates import format_partial_date
from casebase.law import models as law
from casebase.search.provisions import provision_keys
from casebase.search.public_records import (
    dispute_queryset,
    evidence_queryset,
    party_queryset,
    precedent_queryset,
    provision_queryset,
    system_queryset,
)
from casebase.search.query import DocType
from casebase.search.tokens import words


@dataclass(frozen=True, kw_only=True)
class SearchDocument:
    """One searchable record. Text fields feed full-text search; `f_*` fields are the
    facet values (slugs and choice values), `year` and `date` the facet and sort."""

    key: str
    doc_type: str
    object_id: int
    title: str
    url: str
    citations: tuple[str, ...] = ()
    body: str = ""
    parties: str = ""
    systems: str = ""
    court: str = ""
    jurisdiction: str = ""
    theory: str = ""
    f_court: str = ""
    f_jurisdiction: tuple[str, ...] = ()
    f_theory: tuple[str, ...] = ()
    stage: str = ""
    outcome: str = ""
    year: int | None = None
    date: dt.date | None = None
    # The date as precisely as it is known (`March 2023`, never a made-up day).
    date_display: str = ""
    # Further keys it is looked up by, never shown (a provision's reference key).
    lookup_keys: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        """Changes whenever anything searchable changes: how `check_search_index`
        finds stale entries."""
        data = json.dumps([getattr(self, f.name) for f in fields(self)], default=str)
        return hashlib.sha1(data.encode("utf-8")).hexdigest()

    @property
    def citation_keys(self) -> list[str]:
        from casebase.search.citations import citation_keys

        return [*citation_keys(self.citations), *self.lookup_keys]


def make_key(doc_type: str, pk: int) -> str:
    return f"{doc_type}:{pk}"


def split_key(key: str) -> tuple[str, int] | None:
    doc_type, _, pk = key.partition(":")
    if doc_type not in DocType.values or not pk.isdigit():
        return None
    return doc_type, int(pk)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(*parts) -> str:
    """Join text, dropping control characters (the highlight markers among them)."""
    text = " ".join(str(p) for p in parts if p)
    return " ".join(_CONTROL.sub(" ", text).split())


def _names(items: Iterable) -> str:
    return clean(*items)


def _named(name: str, *aliases: str) -> str:
    """`name`, then the words of `aliases` that it does not hold already: a court's
    TNA code and slug (`court:cjeu`, `court:sdny`), a jurisdiction's slug
    (`jurisdiction:eu`)."""
    known = set(words(name))
    extra = []
    for word in (w for alias in aliases for w in words(alias)):
        if word not in known:
            known.add(word)
            extra.append(word)
    return clean(name, *extra)


def _is_case_number(text: str) -> bool:
    """Whether a dispute's case number is one: the reference research writes "not
    found" where it found none, which the dispute's page shows as such but a result
    must not show as a citation."""
    return bool(text) and text.strip().lower() != "not found"


def _court(court: law.Court | None) -> str:
    return _named(court.name, court.tna_code, court.slug) if court else ""


def _jurisdictions(jurisdictions: Iterable) -> str:
    return _names(_named(j.name, j.slug) for j in jurisdictions)


# -- builders ------------------------------------------------------------------------------
#
# Each `*_document(record)` reads the record's related rows through the prefetches of
# its queryset (public_records.py; the single-record path: index upkeep after a commit). Each
# `*_from_parts` builds the document from the record and those rows given explicitly;
# bulk_documents.py gives them from a few batched queries (the rebuild path), so both
# paths build the same document by construction of the same text.


def _dispute_date(d: cases.Dispute, events: list) -> tuple[dt.date | None, str]:
    """Filing date, else the first event's: the date and how it may be shown."""
    if d.filed_date:
        return d.filed_date, format_partial_date(d.filed_date, d.filed_date_precision)
    events = sorted(events, key=lambda e: e.date)
    if events:
        return events[0].date, format_partial_date(
            events[0].date, events[0].date_precision
        )
    return None, ""


def dispute_document(d: cases.Dispute) -> SearchDocument:
    return dispute_from_parts(
        d,
        url=d.get_absolute_url(),
        court=d.court,
        roles=list(d.party_roles.all()),
        claims=list(d.claims.all()),
        jurisdictions=list(d.jurisdictions.all()),
        systems=[r.system for r in d.system_roles.all()],
        events=list(d.events.all()),
        precedents=[link.precedent for link in d.precedent_links.all()],
    )


def dispute_from_parts(
    d: cases.Dispute,
    *,
    url: str,
    court: law.Court | None,
    roles: list,
    claims: list,
    jurisdictions: list,
    systems: list,
    events: list,
    precedents: list,
) -> SearchDocument:
    theories = {c.theory.slug: c.theory.name for c in claims}
    date, date_display = _dispute_date(d, events)
    return SearchDocument(
        key=make_key(DocType.DISPUTE, d.pk),
        doc_type=DocType.DISPUTE,
        object_id=d.pk,
        title=clean(str(d)),
        url=url,
        citations=tuple(n for n in [d.case_number] if _is_case_number(n)),
        body=clean(
            d.title if d.short_title else "",
            d.summary,
            d.status_text,
            d.defence_position,
            d.court_detail,
            d.jurisdiction_detail,
            d.notes,
            *(f"{c.theory.name}: {c.description}. {c.result_note}" for c in claims),
            *(f"{e.title}. {e.description}" for e in events),
            *(f"{p.case_name} {' '.join(p.all_citations)}" for p in precedents),
        ),
        parties=_names(
            name for r in roles for name in [r.party.name, *r.names_as_pleaded]
        ),
        systems=_names(f"{s.name} {s.version}" for s in systems),
        court=_court(court),
        jurisdiction=_jurisdictions(jurisdictions),
        theory=_names(theories.values()),
        f_court=court.slug if court else "",
        f_jurisdiction=tuple(sorted(j.slug for j in jurisdictions)),
        f_theory=tuple(sorted(theories)),
        stage=d.stage,
        outcome=d.outcome,
        year=date.year if date else None,
        date=date,
        date_display=date_display,
    )


def precedent_document(p: law.Precedent) -> SearchDocument:
    try:
        court = p.court
    except law.Precedent.court.RelatedObjectDoesNotExist:
        court = None  # not public: prefetch_visible left it out
    return precedent_from_parts(
        p,
        url=p.get_absolute_url(),
        court=court,
        theories=list(p.legal_theories.all()),
    )


def precedent_from_parts(
    p: law.Precedent, *, url: str, court: law.Court | None, theories: list
) -> SearchDocument:
    return SearchDocument(
        key=make_key(DocType.PRECEDENT, p.pk),
        doc_type=DocType.PRECEDENT,
        object_id=p.pk,
        title=clean(p.case_name),
        url=url,
        citations=tuple(p.all_citations),
        body=clean(
            p.holding,
            p.subject,
            p.later_history,
            p.judges,
            p.court_detail,
            p.decision_date_note,
            p.notes,
        ),
        court=_court(court),
        jurisdiction=_jurisdictions([court.jurisdiction]) if court else "",
        theory=_names(t.name for t in theories),
        f_court=court.slug if court else "",
        f_jurisdiction=(court.jurisdiction.slug,) if court else (),
        f_theory=tuple(sorted(t.slug for t in theories)),
        year=p.decision_date.year,
        date=p.decision_date,
        date_display=p.decision_date_display,
    )


def provision_document(p: law.Provision) -> SearchDocument:
    return provision_from_parts(
        p, url=p.get_absolute_url(), theories=list(p.legal_theories.all())
    )


def provision_from_parts(
    p: law.Provision, *, url: str, theories: list
) -> SearchDocument:
    s = p.statute
    return SearchDocument(
        key=make_key(DocType.PROVISION, p.pk),
        doc_type=DocType.PROVISION,
        object_id=p.pk,
        title=clean(f"{s.short_title}, {p.label}", p.heading and f"({p.heading})"),
        url=url,
        citations=(f"{s.short_title} {p.label}", s.chapter_or_si),
        lookup_keys=provision_keys(s.short_title, p.unit, p.number, p.label),
        body=clean(p.summary, p.relevance, p.notes, s.legislation_path),
        theory=_names(t.name for t in theories),
        f_theory=tuple(sorted(t.slug for t in theories)),
        year=s.year,
    )


def evidence_document(e: cases.Evidence) -> SearchDocument:
    d = e.dispute
    return evidence_from_parts(
        e,
        dispute_url=d.get_absolute_url(),
        court=d.court,
        claims=list(e.claims.all()),
        jurisdictions=list(d.jurisdictions.all()),
    )


def evidence_from_parts(
    e: cases.Evidence,
    *,
    dispute_url: str,
    court: law.Court | None,
    claims: list,
    jurisdictions: list,
) -> SearchDocument:
    d = e.dispute
    theories = {c.theory.slug: c.theory.name for c in claims}
    return SearchDocument(
        key=make_key(DocType.EVIDENCE, e.pk),
        doc_type=DocType.EVIDENCE,
        object_id=e.pk,
        title=clean(str(e), f"({d})"),
        url=f"{dispute_url}#evidence",
        citations=tuple(filter(None, [e.reference])),
        # shown_description is what a public page prints: nothing of a redaction.
        body=clean(
            e.get_kind_display(),
            e.shown_description,
            e.shown_assessment_note,
        ),
        court=_court(court),
        jurisdiction=_jurisdictions(jurisdictions),
        theory=_names(theories.values()),
        f_court=court.slug if court else "",
        f_jurisdiction=tuple(sorted(j.slug for j in jurisdictions)),
        f_theory=tuple(sorted(theories)),
        stage=d.stage,
        outcome=d.outcome,
    )


def party_document(p: cases.Party) -> SearchDocument:
    return party_from_parts(p, url=p.get_absolute_url())


def party_from_parts(p: cases.Party, *, url: str) -> SearchDocument:
    return SearchDocument(
        key=make_key(DocType.PARTY, p.pk),
        doc_type=DocType.PARTY,
        object_id=p.pk,
        title=clean(p.name),
        url=url,
        body=clean(p.get_kind_display(), p.description),
        parties=clean(p.name),
    )


def system_document(s: cases.AISystem) -> SearchDocument:
    return system_from_parts(s, url=s.get_absolute_url(), developer=s.developer)


def system_from_parts(
    s: cases.AISystem, *, url: str, developer: cases.Party | None
) -> SearchDocument:
    return SearchDocument(
        key=make_key(DocType.SYSTEM, s.pk),
        doc_type=DocType.SYSTEM,
        object_id=s.pk,
        title=clean(str(s)),
        url=url,
        body=clean(s.get_weights_display(), s.description),
        parties=clean(developer.name) if developer else "",
        systems=clean(s.name, s.version),
    )


BUILDERS = {
    DocType.DISPUTE: (dispute_queryset, dispute_document),
    DocType.PRECEDENT: (precedent_queryset, precedent_document),
    DocType.PROVISION: (provision_queryset, provision_document),
    DocType.EVIDENCE: (evidence_queryset, evidence_document),
    DocType.PARTY: (party_queryset, party_document),
    DocType.SYSTEM: (system_queryset, system_document),
}


def build_documents(keys: Iterable[str]) -> tuple[list[SearchDocument], list[str]]:
    """Documents for `keys`, and the keys that have no public record (to delete)."""
    wanted: dict[str, set[int]] = {}
    for key in keys:
        parts = split_key(key)
        if parts:
            wanted.setdefault(parts[0], set()).add(parts[1])
    documents: list[SearchDocument] = []
    gone: list[str] = []
    for doc_type, ids in wanted.items():
        queryset, build = BUILDERS[doc_type]
        found = {obj.pk: build(obj) for obj in queryset().filter(pk__in=ids)}
        documents.extend(found.values())
        gone.extend(make_key(doc_type, pk) for pk in sorted(ids - found.keys()))
    return documents, gone


def count_public() -> int:
    return sum(queryset().count() for queryset, _ in BUILDERS.values())


def iter_documents(batch_size: int = 500) -> Iterator[list[SearchDocument]]:
    """Every public document, in batches of about `batch_size` (for rebuilds and
    checks), built in bulk: the same documents as `build_documents` gives."""
    from casebase.search.bulk_documents import iter_bulk_documents

    yield from iter_bulk_documents(batch_size)
