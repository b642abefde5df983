"""Parse untrusted XML safely: no entity expansion, no DTD, no network.

A file with a DOCTYPE is refused outright (LegalDocML and CLML never carry one, and
a DOCTYPE is how entity bombs and external entities get in). A malformed file (real
judgments can hold stray control characters) is reported with its line and column.
"""

from dataclasses import dataclass

from lxml import etree


class XMLImportError(ValueError):
    """The file cannot be imported; nothing has been stored. `line` and `column`
    say where, when the problem is at a place in the file."""

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None
    ):
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{message}")


_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


@dataclass(frozen=True)
class ParsedXML:
    root: etree._Element
    namespace: str

    def local(self, element) -> str:
        return etree.QName(element).localname


def parse_xml(data: bytes) -> ParsedXML:
    """The document's root element; raises XMLImportError for anything unsafe or
    malformed."""
    if not data or not data.strip():
        raise XMLImportError("the file is empty.")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        raise XMLImportError(_message(exc), line, column) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XMLImportError(
            "the file has a DOCTYPE declaration, which is not accepted."
        )
    return ParsedXML(root, etree.QName(root).namespace or "")


def _message(exc: etree.XMLSyntaxError) -> str:
    text = exc.msg or str(exc)
    # lxml appends ", line N, column M"; the position is given once, in front.
    return text.split(", line ")[0].strip().rstrip(".") + "."
