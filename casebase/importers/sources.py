"""Turn a recorded source string into a Source row's fields."""

import re
from urllib.parse import urlsplit

from casebase.core.models import SourceKind

_URL = re.compile(r"^(https?://\S+)\s*(.*)$")

# Hosts whose pages are judgments, legislation or dockets; the rest is commentary.
_KIND_BY_HOST = [
    ("caselaw.nationalarchives.gov.uk", SourceKind.JUDGMENT),
    ("bailii.org", SourceKind.JUDGMENT),
    ("legislation.gov.uk", SourceKind.LEGISLATION),
    ("law.justia.com", SourceKind.JUDGMENT),
    ("docs.justia.com", SourceKind.DOCKET),
    ("docketalarm.com", SourceKind.DOCKET),
    ("courtlistener.com", SourceKind.DOCKET),
    ("ecases.us", SourceKind.DOCKET),
    ("gesetze-bayern.de", SourceKind.JUDGMENT),
    ("curia.europa.eu", SourceKind.JUDGMENT),
    ("eur-lex.europa.eu", SourceKind.JUDGMENT),
    ("supremecourt.uk", SourceKind.JUDGMENT),
    ("gov.uk", SourceKind.OFFICIAL),
    ("justice.gov", SourceKind.OFFICIAL),
    ("copyright.gov", SourceKind.OFFICIAL),
]


def source_fields(reference: str) -> dict[str, str]:
    """`https://x.test/a (a note)` -> url, publisher (host), note, kind.

    A reference without a URL (`seed-article.txt (press commentary article ...)`) keeps
    its words as the note; nothing is guessed beyond the host name.
    """
    match = _URL.match(reference.strip())
    if not match:
        note = reference.strip()
        kind = SourceKind.PRESS if "press" in note.lower() else SourceKind.OTHER
        return {"url": "", "publisher": "", "note": note[:500], "kind": kind}
    url, rest = match.groups()
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    kind = next(
        (
            k
            for suffix, k in _KIND_BY_HOST
            if host == suffix or host.endswith("." + suffix)
        ),
        SourceKind.COMMENTARY,
    )
    return {"url": url, "publisher": host, "note": rest[:500], "kind": kind}
