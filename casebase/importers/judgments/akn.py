"""Read a Find Case Law LegalDocML (Akoma Ntoso) judgment or press summary.

No Django here: `parse_judgment(bytes)` gives a `ParsedJudgment` with every fact taken
from the file (citation, court, date, parties, judges, numbered paragraphs) and the
citations and legislation each paragraph refers to: from the `<ref>` markup where TNA
enriched the file (`uk:` attributes), found in the text by `casebase.citations`
otherwise.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from casebase.citations import neutral
from casebase.citations.finder import find_citations
from casebase.citations.legislation import (
    ProvisionRef,
    StatuteIndex,
    find_legislation,
)
from casebase.importers.judgments.safexml import XMLImportError, parse_xml

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UK = "https://caselaw.nationalarchives.gov.uk/akn"
NS = {"a": AKN, "uk": UK}
JUDGMENT, PRESS_SUMMARY = "judgment", "press_summary"
_ROLE_IN_TITLE = re.compile(
    r"\s*\((?P<role>(?:Appellant|Respondent|Claimant|Defendant|Intervener|"
    r"Petitioner|Applicant)s?)\)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedRef:
    kind: str  # "case" or "legislation"
    text: str
    canonical: str
    uri: str
    from_markup: bool


@dataclass(frozen=True)
class ParsedParagraph:
    number: str
    anchor: str
    heading: str
    text: str
    refs: tuple[ParsedRef, ...] = ()


@dataclass(frozen=True)
class ParsedJudgment:
    kind: str
    source_uri: str
    content_hash: str
    enriched: bool
    neutral_citation: str
    court_code: str
    court_name: str
    case_name: str
    decision_date: date
    date_note: str
    docket: str
    judges: tuple[str, ...]
    parties: tuple[dict, ...]
    paragraphs: tuple[ParsedParagraph, ...]
    cover_refs: tuple[ParsedRef, ...] = field(default=())


def parse_judgment(data: bytes, index: StatuteIndex | None = None) -> ParsedJudgment:
    """Parse `data`; raises XMLImportError when it is not a usable LegalDocML file.

    `index` names the statutes to look for in the text of a file without markup
    (by default the ones `casebase.citations` knows)."""
    doc = parse_xml(data).root
    if etree.QName(doc).namespace != AKN:
        raise XMLImportError("not a LegalDocML (Akoma Ntoso) document.")
    body = _first(doc, "a:judgment | a:doc[@name='pressSummary']")
    if body is None:
        raise XMLImportError("neither a judgment nor a press summary.")
    kind = JUDGMENT if etree.QName(body).localname == "judgment" else PRESS_SUMMARY
    reader = _Reader(body, kind, index)
    citation = reader.neutral_citation()
    if not citation:
        raise XMLImportError("the document has no neutral citation.")
    return ParsedJudgment(
        kind=kind,
        source_uri=reader.source_uri(),
        content_hash=hashlib.sha256(data).hexdigest(),
        enriched=reader.enriched,
        neutral_citation=citation,
        court_code=_text(_first(body, "a:meta/a:proprietary/uk:court")),
        court_name=reader.court_name(),
        case_name=reader.case_name(),
        decision_date=reader.decision_date(),
        date_note=(
            "The date the press summary was released." if kind == PRESS_SUMMARY else ""
        ),
        docket=_text(_first(body, ".//a:header//a:docketNumber")),
        judges=reader.judges(),
        parties=reader.parties(),
        paragraphs=reader.paragraphs(),
        cover_refs=reader.cover_refs(),
    )


def _first(element, path: str):
    found = element.xpath(path, namespaces=NS)
    return found[0] if found else None


def _text(element) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


class _Reader:
    def __init__(self, body, kind: str, index: StatuteIndex | None):
        self.body = body
        self.kind = kind
        self.index = index
        self.meta = _first(body, "a:meta")
        self.enriched = bool(
            body.xpath(
                "a:meta/a:proprietary/uk:tna-enrichment-engine"
                " | a:meta//a:FRBRdate[@name='tna-enriched']"
                " | .//a:ref[@uk:origin='TNA']",
                namespaces=NS,
            )
        )

    def _meta_value(self, path: str) -> str:
        found = self.body.xpath(f"a:meta/a:identification/{path}", namespaces=NS)
        return (found[0] or "").strip() if found else ""

    def source_uri(self) -> str:
        uri = self._meta_value("a:FRBRExpression/a:FRBRthis/@value")
        uri = uri or self._meta_value("a:FRBRWork/a:FRBRthis/@value").replace(
            "/id/", "/", 1
        )
        if not uri.startswith(("https://", "http://")):
            raise XMLImportError("the document has no FRBR URI to identify it by.")
        return uri

    def neutral_citation(self) -> str:
        for path in (
            "a:meta/a:proprietary/uk:cite",
            "a:meta/a:proprietary/uk:summaryOfCite",
            "(a:header | a:preface)//a:neutralCitation",
        ):
            value = _text(_first(self.body, path))
            if value:
                return neutral.normalise(value)
        return ""

    def court_name(self) -> str:
        author = self._meta_value("a:FRBRWork/a:FRBRauthor/@href").lstrip("#")
        for org in self.body.xpath(
            "a:meta/a:references/a:TLCOrganization", namespaces=NS
        ):
            if org.get("eId") == author:
                return (org.get("showAs") or "").strip()
        return ""

    def case_name(self) -> str:
        title = _first(self.body, "(a:header | a:preface)//a:docTitle")
        if title is not None and self.kind == PRESS_SUMMARY:
            parts = [_text(p) for p in _split_on_br(title)]
            return "; ".join(_ROLE_IN_TITLE.sub(" ", p).strip() for p in parts if p)
        name = self._meta_value("a:FRBRWork/a:FRBRname/@value")
        return " ".join(name.split()) or _text(title)

    def decision_date(self) -> date:
        value = self._meta_value("a:FRBRWork/a:FRBRdate/@date")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise XMLImportError(
                f"the document's date {value!r} is not a date."
            ) from exc

    def judges(self) -> tuple[str, ...]:
        names = [_text(j) for j in self.body.xpath("a:header//a:judge", namespaces=NS)]
        if not names:
            names = [
                (p.get("showAs") or "").strip()
                for p in self.body.xpath(
                    "a:meta/a:references/a:TLCPerson[starts-with(@eId, 'judge-')]",
                    namespaces=NS,
                )
            ]
        if not names and self.kind == PRESS_SUMMARY:
            line = _text(_first(self.body, "a:preface/a:p[@class='Justices']"))
            if line.lower().startswith("justices:"):
                names = [n.strip() for n in line.split(":", 1)[1].split(",")]
        return tuple(dict.fromkeys(n for n in names if n))

    def parties(self) -> tuple[dict, ...]:
        if self.kind == PRESS_SUMMARY:
            return self._parties_from_title()
        found = []
        for row in self.body.xpath("a:header//a:tr[.//a:role]", namespaces=NS):
            cells = row.xpath("a:td", namespaces=NS)
            role_cells = [c for c in cells if c.xpath(".//a:role", namespaces=NS)]
            roles = [_text(p) for p in role_cells[-1].xpath(".//a:p", namespaces=NS)]
            names = [
                _text(p)
                for c in cells
                if c is not role_cells[-1]
                for p in c.xpath(".//a:p", namespaces=NS)
            ]
            roles = [r for r in roles if r]
            names = [n for n in names if n and n.strip("- ").lower() != "and"]
            if len(roles) == 1 and names:
                found.extend({"name": n, "role": roles[0]} for n in names)
            else:
                found.extend(
                    {"name": n, "role": r} for n, r in zip(names, roles, strict=False)
                )
        if not found:
            roles = {
                f"#{r.get('eId')}": r.get("showAs", "")
                for r in self.body.xpath("a:meta//a:TLCRole", namespaces=NS)
            }
            found = [
                {"name": _text(p), "role": roles.get(p.get("as", ""), "")}
                for p in self.body.xpath("a:header//a:party", namespaces=NS)
            ]
        return tuple(found)

    def _parties_from_title(self) -> tuple[dict, ...]:
        title = _first(self.body, "a:preface//a:docTitle")
        found = []
        for part in _split_on_br(title) if title is not None else []:
            text = _text(part)
            for side in re.split(r"\s+v\.?\s+", text):
                match = _ROLE_IN_TITLE.search(side)
                name = _ROLE_IN_TITLE.sub(" ", side).strip()
                party = {"name": name, "role": match["role"].title() if match else ""}
                if name and party not in found:
                    found.append(party)
        return tuple(found)

    def paragraphs(self) -> tuple[ParsedParagraph, ...]:
        main = _first(self.body, "a:judgmentBody | a:mainBody")
        if main is None:
            return ()
        numbered = main.xpath(
            ".//a:paragraph[not(ancestor::a:paragraph)]", namespaces=NS
        )
        if numbered:
            return tuple(self._numbered(numbered))
        prefix = "summary" if self.kind == PRESS_SUMMARY else "p"
        blocks = main.xpath(".//a:p[not(ancestor::a:p)]", namespaces=NS)
        result = []
        for element in blocks:
            text = _text(element)
            if text:
                anchor = f"{prefix}-{len(result) + 1}"
                result.append(self._paragraph("", anchor, element, [element]))
        return tuple(result)

    def _numbered(self, elements) -> list[ParsedParagraph]:
        result, seen = [], set()
        for position, element in enumerate(elements, start=1):
            number = _text(_first(element, "a:num")).rstrip(".").strip("[]() ")
            anchor = f"para-{number}" if number else f"p-{position}"
            if anchor in seen:
                anchor = f"{anchor}-{position}"
            seen.add(anchor)
            result.append(self._paragraph(number, anchor, element, [element]))
        return result

    def _paragraph(self, number, anchor, element, roots) -> ParsedParagraph:
        text = "\n".join(line for root in roots for line in _lines(root))
        return ParsedParagraph(
            number=number[:20],
            anchor=anchor[:40],
            heading=_heading_of(element)[:500],
            text=text,
            refs=tuple(self.refs_in(element, text)),
        )

    def refs_in(self, element, text: str) -> list[ParsedRef]:
        refs = [_markup_ref(r) for r in element.xpath(".//a:ref", namespaces=NS)]
        refs = [r for r in refs if r]
        if not self.enriched:
            refs.extend(_found_refs(text, self.index))
        unique = {}
        for ref in refs:
            unique.setdefault((ref.kind, ref.canonical or ref.text), ref)
        return list(unique.values())

    def cover_refs(self) -> tuple[ParsedRef, ...]:
        cover = _first(self.body, "a:header | a:preface")
        if cover is None:
            return ()
        refs = [_markup_ref(r) for r in cover.xpath(".//a:ref", namespaces=NS)]
        return tuple(r for r in refs if r)


def _split_on_br(element) -> list:
    """The parts of `element` between `<br/>`s, as elements (its span children), or
    the element itself when it has no break."""
    if not element.xpath(".//a:br", namespaces=NS):
        return [element]
    return [c for c in element if etree.QName(c).localname != "br"]


def _lines(element) -> list[str]:
    """The element's text, one line per block (`<p>`), with sub-paragraph numbers."""
    lines, pending = [], ""
    for node in element.iter(f"{{{AKN}}}p", f"{{{AKN}}}num"):
        if etree.QName(node).localname == "num":
            if node.getparent() is not element:
                pending = _text(node)
            continue
        if node.xpath("ancestor::a:p", namespaces=NS):
            continue
        text = _text(node)
        if text:
            lines.append(f"{pending} {text}".strip())
            pending = ""
    return lines or [_text(element)]


def _heading_of(element) -> str:
    found = element.xpath("ancestor::a:level[a:heading][1]/a:heading", namespaces=NS)
    return _text(found[0]) if found else ""


def _markup_ref(ref) -> ParsedRef | None:
    kind = ref.get(f"{{{UK}}}type") or ""
    text = _text(ref)
    if kind not in ("case", "legislation") or not text:
        return None
    canonical = (ref.get(f"{{{UK}}}canonical") or "").strip()
    href = (ref.get("href") or "").strip()
    if kind == "case":
        canonical = canonical or text
        uri = href if href.startswith("https://") else ""
        uri = uri or neutral.find_case_law_url(canonical)
    else:
        uri = _legislation_url(href)
        canonical = canonical or uri.removeprefix("https://www.legislation.gov.uk/")
    return ParsedRef(kind, text[:500], canonical[:255], uri[:500], True)


def _legislation_url(href: str) -> str:
    """legislation.gov.uk's `/id/` URIs, as the page address (https, no `/id/`)."""
    match = re.match(r"^https?://www\.legislation\.gov\.uk/(?:id/)?(.+)$", href)
    return f"https://www.legislation.gov.uk/{match[1]}" if match else ""


def _found_refs(text: str, index: StatuteIndex | None) -> list[ParsedRef]:
    refs = [
        ParsedRef("case", f.text, f.canonical, f.url, False)
        for f in find_citations(text)
    ]
    for found in find_legislation(text, index):
        if isinstance(found, ProvisionRef):
            statute = found.statute
            canonical = f"{statute.title}, {statute.unit} {found.number}"
            refs.append(
                ParsedRef("legislation", found.text, canonical, found.url, False)
            )
        else:
            statute = found.statute
            refs.append(
                ParsedRef(
                    "legislation",
                    found.text,
                    statute.title,
                    statute.legislation_url,
                    False,
                )
            )
    return refs
