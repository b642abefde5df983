"""Citations and legislation references in stored text, turned into links.

Everything that is not a link is escaped, and so is every part of a link, so no
stored text can add markup to a page. A citation of a judgment casebase holds links
to its page; otherwise to Find Case Law (UK), CURIA or EUR-Lex (EU). A provision
casebase holds links to its page and anchor; otherwise to legislation.gov.uk.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from casebase.citations.finder import Found, SpanSet, find_citations
from casebase.citations.legislation import (
    ProvisionRef,
    StatuteMention,
    find_legislation,
)
from casebase.citations.site.lookup import CitationLookup, Target


def _link(text: str, target: Target | None, external: str = "") -> str:
    if target:
        return (
            f'<a class="cite-link" href="{escape(target.url)}" '
            f'title="{escape(target.title)}">{escape(text)}</a>'
        )
    if external:
        return (
            f'<a class="cite-link external" href="{escape(external)}" '
            f'rel="noopener noreferrer">{escape(text)}</a>'
        )
    return escape(text)


def _render(span, lookup: CitationLookup) -> str:
    if isinstance(span, Found):
        return _link(span.text, lookup.precedent(span.canonical), span.url)
    if isinstance(span, ProvisionRef):
        path = span.statute.path
        target = lookup.provision(path, span.number, span.subsections)
        return _link(span.text, target, span.url)
    if isinstance(span, StatuteMention):
        held = lookup.statutes.get(span.statute.path)
        return _link(span.text, held, span.statute.legislation_url)
    return escape(str(span))


def autolink(
    text: str, lookup: CitationLookup, *, linebreaks: bool = False
) -> SafeString:
    """`text`, escaped, with its citations and legislation references as links;
    with `linebreaks`, a newline becomes `<br>` as the `linebreaksbr` filter does."""
    text = "" if text is None else str(text)
    kept = SpanSet()
    spans = [
        span
        for span in find_citations(text) + find_legislation(text, lookup.index)
        if kept.add(span.start, span.end)
    ]
    spans.sort(key=lambda s: s.start)
    out, position = [], 0
    for span in spans:
        out.append(escape(text[position : span.start]))
        out.append(_render(span, lookup))
        position = span.end
    out.append(escape(text[position:]))
    html = "".join(out)
    if linebreaks:
        html = html.replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(html)  # noqa: S308 - every piece above is escaped
