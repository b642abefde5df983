"""Store a parsed judgment or press summary as a precedent, in one transaction.

- A new judgment becomes a DRAFT precedent for an editor to review and publish
  through the editorial workflow; its holding is left for the editor to write and
  is listed among its unverified elements.
- A judgment casebase already holds (same source URI, or same neutral citation) is
  updated: its paragraphs and references are replaced, empty facts (judges, parties)
  filled in, and its publication status and editors' text left alone.
- The same file imported twice changes nothing (its content hash is stored).
Every precedent save is a revision (django-reversion), naming the importing user.
"""

import hashlib
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils.text import slugify

from casebase.citations.neutral import citation_path
from casebase.citations.site.lookup import build_lookup
from casebase.core.models import PublicationStatus
from casebase.editorial.history import ensure_baseline
from casebase.importers.judgments.akn import ParsedJudgment, parse_judgment
from casebase.law.models import (
    Court,
    ImportedDocument,
    JudgmentParagraph,
    JudgmentReference,
    Jurisdiction,
    Precedent,
)

HOLDING_TO_WRITE = "holding (to be written by an editor)"
# The first letters of a TNA court code, to the jurisdiction a new court sits in.
_JURISDICTIONS = {
    "UK": ("united-kingdom", "United Kingdom"),
    "EW": ("england-and-wales", "England and Wales"),
}


@dataclass(frozen=True)
class ImportResult:
    precedent: Precedent
    document: ImportedDocument
    outcome: str  # "created", "updated" or "unchanged"
    paragraphs: int
    references: int

    def line(self) -> str:
        return (
            f"{self.precedent.primary_citation}: {self.document.get_kind_display()} "
            f"{self.outcome} ({self.paragraphs} paragraphs, "
            f"{self.references} references)."
        )


def import_judgment(data: bytes, *, user=None) -> ImportResult:
    """Parse and store `data`. Raises XMLImportError (nothing stored) when the file is
    malformed or not a LegalDocML judgment or press summary."""
    same = (
        ImportedDocument.objects.filter(content_hash=hashlib.sha256(data).hexdigest())
        .select_related("precedent")
        .first()
    )
    if same is not None:
        # These very bytes were imported (so parsed safely) before.
        return ImportResult(
            same.precedent,
            same,
            "unchanged",
            same.paragraphs.count(),
            same.references.count(),
        )
    lookup = build_lookup(None)
    parsed = parse_judgment(data, lookup.index)
    with transaction.atomic():
        return _Store(parsed, user).run()


class _Store:
    def __init__(self, parsed: ParsedJudgment, user):
        self.parsed = parsed
        self.user = user if user is not None and user.is_authenticated else None

    def run(self) -> ImportResult:
        parsed = self.parsed
        document = (
            ImportedDocument.objects.select_for_update()
            .filter(source_uri=parsed.source_uri)
            .select_related("precedent")
            .first()
        )
        if document and document.content_hash == parsed.content_hash:
            return ImportResult(
                document.precedent,
                document,
                "unchanged",
                document.paragraphs.count(),
                document.references.count(),
            )
        precedent = document.precedent if document else self.held_precedent()
        outcome = "updated" if precedent else "created"
        precedent = self.save_precedent(precedent)
        if document is None:
            document = ImportedDocument(source_uri=parsed.source_uri)
        document.precedent = precedent
        document.kind = parsed.kind
        document.content_hash = parsed.content_hash
        document.enriched = parsed.enriched
        document.imported_by = self.user
        document.save()
        paragraphs, references = self.replace_text(document)
        return ImportResult(precedent, document, outcome, paragraphs, references)

    def held_precedent(self) -> Precedent | None:
        path = citation_path(self.parsed.neutral_citation)
        return (
            Precedent.objects.select_for_update()
            .filter(neutral_citation=self.parsed.neutral_citation)
            .first()
            or (path and Precedent.objects.filter(citation_path=path).first())
            or None
        )

    def save_precedent(self, precedent: Precedent | None) -> Precedent:
        parsed = self.parsed
        if precedent is None:
            precedent = Precedent(
                slug=_free_slug(parsed),
                case_name=parsed.case_name[:500],
                neutral_citation=parsed.neutral_citation,
                court=self.court(),
                court_detail=_court_detail(parsed),
                decision_date=parsed.decision_date,
                decision_date_note=parsed.date_note,
                holding="",
                publication_status=PublicationStatus.DRAFT,
                verified=False,
                unverified_elements=[HOLDING_TO_WRITE],
            )
            comment = f"Imported from {parsed.source_uri} as a draft."
        else:
            ensure_baseline(precedent)
            comment = f"Updated from {parsed.source_uri}."
        # Facts the file states fill what is empty; an editor's text is kept.
        if not precedent.judges and parsed.judges:
            precedent.judges = "; ".join(parsed.judges)[:500]
        if not precedent.parties and parsed.parties:
            precedent.parties = list(parsed.parties)
        with reversion.create_revision():
            if self.user is not None:
                reversion.set_user(self.user)
            reversion.set_comment(comment)
            precedent.save()
        return precedent

    def court(self) -> Court:
        parsed = self.parsed
        code = parsed.court_code
        court = code and Court.objects.filter(tna_code=code).first()
        if court:
            return court
        name = parsed.court_name or code or "Unknown court"
        court = Court.objects.filter(name=name).first()
        if court:
            return court
        slug, jurisdiction_name = _JURISDICTIONS.get(
            code[:2].upper(), ("united-kingdom", "United Kingdom")
        )
        jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
        if jurisdiction is None:
            jurisdiction = Jurisdiction.objects.create(
                slug=slug, name=jurisdiction_name, is_uk=True
            )
        # A court new to casebase is a draft too: an editor checks it.
        return Court.objects.create(
            slug=_unique(Court, slugify(name)[:110] or "court"),
            name=name,
            jurisdiction=jurisdiction,
            tna_code=code,
            publication_status=PublicationStatus.DRAFT,
        )

    def replace_text(self, document: ImportedDocument) -> tuple[int, int]:
        # Rows owned by the document alone (references first: they point at the
        # paragraphs). A raw delete skips per-row signals: a 250 KB judgment has
        # hundreds of rows, and the precedent's own save has already announced
        # the change to whatever listens (caches, the search index).
        for rows in (document.references.all(), document.paragraphs.all()):
            rows._raw_delete(rows.db)
        rows = JudgmentParagraph.objects.bulk_create(
            JudgmentParagraph(
                document=document,
                position=position,
                number=p.number,
                anchor=p.anchor,
                heading=p.heading,
                text=p.text,
            )
            for position, p in enumerate(self.parsed.paragraphs, start=1)
        )
        references = [
            _reference(document, None, ref) for ref in self.parsed.cover_refs
        ] + [
            _reference(document, row, ref)
            for row, p in zip(rows, self.parsed.paragraphs, strict=True)
            for ref in p.refs
        ]
        JudgmentReference.objects.bulk_create(references)
        return len(rows), len(references)


def _reference(document, paragraph, ref) -> JudgmentReference:
    return JudgmentReference(
        document=document,
        paragraph=paragraph,
        kind=ref.kind,
        text=ref.text,
        canonical=ref.canonical,
        uri=ref.uri,
        from_markup=ref.from_markup,
    )


def _court_detail(parsed: ParsedJudgment) -> str:
    parts = [parsed.court_name]
    if parsed.docket:
        parts.append(f"Case No: {parsed.docket}")
    return ", ".join(p for p in parts if p)[:500]


def _free_slug(parsed: ParsedJudgment) -> str:
    base = citation_path(parsed.neutral_citation).replace("/", "-")
    return _unique(Precedent, base or slugify(parsed.case_name)[:180] or "judgment")


def _unique(model, base: str) -> str:
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
