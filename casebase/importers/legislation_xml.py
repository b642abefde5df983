"""Import a legislation.gov.uk CLML document or fragment as provisions.

Each top-level provision (`<P1>`, a section or regulation) with an `IdURI` becomes,
or updates, the `Provision` at that legislation.gov.uk path, with its heading (the
`<Title>` of its `<P1group>`), its URI and its words. Its statute is the one casebase
holds at that identity; a statute new to casebase is created as a draft, titled from
the document's metadata (`dc:title`) where the file carries it, else from the
statutes `casebase.citations` knows, else marked as untitled for an editor. New
provisions are drafts; a held provision keeps its status and its editors' text
(label, summary), and gets the imported heading (where it had none) and words.
Importing the same file again changes nothing.
"""

import re
from dataclasses import dataclass

import reversion
from django.db import transaction
from lxml import etree

from casebase.citations.statutes import KNOWN_STATUTES
from casebase.core.models import PublicationStatus
from casebase.importers.judgments.safexml import XMLImportError, parse_xml
from casebase.law.models import Provision, Statute

_ID_URI = re.compile(
    r"^https?://www\.legislation\.gov\.uk/id/(?P<type>[a-z]+)/(?P<year>\d{4})/"
    r"(?P<number>\d+)/(?P<unit>section|regulation)/(?P<section>[0-9A-Za-z]+)$"
)
_LABEL = {"section": "s.", "regulation": "reg."}
UNTITLED = "short title (not in the imported file)"


@dataclass(frozen=True)
class ParsedProvision:
    legislation_type: str
    year: int
    number: int
    unit: str
    section: str
    heading: str
    text: str

    @property
    def label(self) -> str:
        return f"{_LABEL[self.unit]} {self.section}"

    @property
    def uri(self) -> str:
        return (
            f"https://www.legislation.gov.uk/{self.legislation_type}/{self.year}/"
            f"{self.number}/{self.unit}/{self.section}"
        )


@dataclass(frozen=True)
class LegislationResult:
    created: list[str]
    updated: list[str]
    unchanged: list[str]

    def line(self) -> str:
        return (
            f"{len(self.created)} provision(s) created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged."
        )


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def parse_clml(data: bytes) -> tuple[list[ParsedProvision], str]:
    """The provisions in `data` and the document's title ("" for a fragment)."""
    root = parse_xml(data).root
    provisions = []
    for p1 in root.iter("{*}P1"):
        match = _ID_URI.match(p1.get("IdURI") or "")
        if not match:
            continue
        parent = p1.getparent()
        heading = ""
        if parent is not None and _local(parent) == "P1group":
            title = next((c for c in parent if _local(c) == "Title"), None)
            heading = _words(title) if title is not None else ""
        provisions.append(
            ParsedProvision(
                legislation_type=match["type"],
                year=int(match["year"]),
                number=int(match["number"]),
                unit=match["unit"],
                section=match["section"],
                heading=heading[:255],
                text=_provision_text(p1),
            )
        )
    if not provisions:
        raise XMLImportError(
            "no section or regulation with a legislation.gov.uk IdURI was found."
        )
    title = next(
        (_words(t) for t in root.iter("{http://purl.org/dc/elements/1.1/}title")), ""
    )
    return provisions, title


def _provision_text(p1) -> str:
    """One line per block of words, a subsection's first led by its number:
    `(1) The Secretary of State may ...`."""
    lines, numbered = [], set()
    tree = p1.getroottree()
    for text in p1.iter("{*}Text"):
        owner = next(
            (a for a in text.iterancestors() if _local(a) in {"P2", "P3", "P4"}),
            None,
        )
        number = ""
        if owner is not None and tree.getpath(owner) not in numbered:
            numbered.add(tree.getpath(owner))
            pnumber = next((c for c in owner if _local(c) == "Pnumber"), None)
            number = f"({_words(pnumber)}) " if pnumber is not None else ""
        words = _words(text)
        if words:
            lines.append(f"{number}{words}")
    return "\n".join(lines)


def import_legislation(data: bytes, *, user=None) -> LegislationResult:
    """Parse and store `data` in one transaction. Raises XMLImportError (nothing
    stored) when the file is malformed or holds no provision."""
    provisions, title = parse_clml(data)
    result = LegislationResult([], [], [])
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment("Imported from legislation.gov.uk (CLML).")
        statutes: dict[tuple, Statute] = {}
        for parsed in provisions:
            key = (parsed.legislation_type, parsed.year, parsed.number)
            if key not in statutes:
                statutes[key] = _statute(parsed, title)
            outcome = _store_provision(statutes[key], parsed)
            getattr(result, outcome).append(parsed.uri)
    return result


def _statute(parsed: ParsedProvision, title: str) -> Statute:
    found = Statute.objects.filter(
        legislation_type=parsed.legislation_type,
        year=parsed.year,
        number=parsed.number,
    ).first()
    if found:
        return found
    path = f"{parsed.legislation_type}/{parsed.year}/{parsed.number}"
    known = next((s for s in KNOWN_STATUTES if s.path == path), None)
    short_title = title or (known.title if known else "")
    return Statute.objects.create(
        legislation_type=parsed.legislation_type,
        year=parsed.year,
        number=parsed.number,
        short_title=short_title or f"Untitled ({path})",
        chapter_or_si=(
            f"{parsed.year} c. {parsed.number}"
            if parsed.legislation_type == "ukpga"
            else f"SI {parsed.year}/{parsed.number}"
            if parsed.legislation_type == "uksi"
            else path
        ),
        publication_status=PublicationStatus.DRAFT,
        unverified_elements=[] if short_title else [UNTITLED],
    )


def _store_provision(statute: Statute, parsed: ParsedProvision) -> str:
    at_path = list(
        Provision.objects.filter(
            statute=statute, unit=parsed.unit, number=parsed.section
        )
    )
    provision = next((p for p in at_path if p.label == parsed.label), None)
    if provision is None and len(at_path) == 1:
        provision = at_path[0]
    if provision is None:
        Provision.objects.create(
            statute=statute,
            label=parsed.label,
            unit=parsed.unit,
            number=parsed.section,
            heading=parsed.heading,
            text=parsed.text,
            legislation_uri=parsed.uri,
            source_type="legislation.gov.uk CLML import",
            publication_status=PublicationStatus.DRAFT,
        )
        return "created"
    changes = {"text": parsed.text}
    if not provision.heading and parsed.heading:
        changes["heading"] = parsed.heading
    if not provision.legislation_uri:
        changes["legislation_uri"] = parsed.uri
    if all(getattr(provision, k) == v for k, v in changes.items()):
        return "unchanged"
    for name, value in changes.items():
        setattr(provision, name, value)
    provision.save()
    return "updated"
