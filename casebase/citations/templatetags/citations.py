"""Template tags: auto-linked text, OSCOLA citations with a Cite control, the
precedent map. `{% load citations %}`."""

import re

from django import template
from django.utils.safestring import mark_safe

from casebase.citations import oscola
from casebase.citations.precedent_map import CATEGORIES, MapNode, category, render_map
from casebase.citations.site.linking import autolink as _autolink
from casebase.citations.site.lookup import lookup_for
from casebase.law.models import Precedent, Provision

register = template.Library()


@register.simple_tag(takes_context=True)
def autolink(context, text, linebreaks=False):
    """`{% autolink dispute.summary linebreaks=True %}`: the text escaped, with its
    citations and legislation references as links. The lookup of what casebase holds
    is loaded once per request, whatever the number of calls."""
    return _autolink(text, lookup_for(context.get("request")), linebreaks=linebreaks)


@register.simple_tag
def oscola_citation(record):
    """The OSCOLA citation of a precedent, a provision or a dispute, as plain text."""
    if isinstance(record, Precedent):
        return oscola.format_precedent(record)
    if isinstance(record, Provision):
        return oscola.format_provision(record)
    # A dispute (cases sits above this layer, so it is recognised by its fields).
    return oscola.format_dispute(record, court=getattr(record, "court", None))


@register.inclusion_tag("citations/cite_box.html")
def cite_box(record, dom_id="cite"):
    """The citation shown as text, and a Copy button that static/js/cite.js reveals."""
    return {"citation": oscola_citation(record), "dom_id": dom_id}


def _node(precedent, authority, direction) -> MapNode:
    return MapNode(
        case_name=precedent.case_name,
        citation=precedent.primary_citation,
        date=precedent.decision_date,
        url=precedent.get_absolute_url(),
        treatment=authority.treatment,
        treatment_label=authority.get_treatment_display(),
        direction=direction,
    )


@register.inclusion_tag("citations/precedent_map.html")
def precedent_map(precedent, relations):
    """The map of what `precedent` cites and what cites it, from the relations the
    page has already loaded (no query of its own), with a table as its text."""
    nodes = [_node(a.cited, a, "cites") for a in relations.cites] + [
        _node(a.citing, a, "cited_by") for a in relations.cited_by
    ]
    subject = MapNode(
        precedent.case_name,
        precedent.primary_citation,
        precedent.decision_date,
        precedent.get_absolute_url(),
    )
    rows = [
        {"node": n, "category": category(n.treatment)[0]}
        for n in sorted(nodes, key=lambda n: n.date)
    ]
    return {
        "svg": mark_safe(render_map(subject, nodes)),  # noqa: S308 - escaped there
        "rows": rows,
        "legend": [(key, label, colour) for key, label, _, colour in CATEGORIES],
        "precedent": precedent,
    }


_LEGISLATION_PATH = re.compile(
    r"^https://www\.legislation\.gov\.uk/(?P<statute>[a-z]+/\d{4}/\d+)"
    r"(?:/(?:section|regulation)/(?P<number>[0-9A-Za-z]+)(?P<subs>(?:/\w+)*))?"
)


def _held(ref, lookup):
    """Where casebase holds what `ref` names, its page there; else None."""
    if ref.kind == "case":
        return lookup.precedent(ref.canonical)
    match = _LEGISLATION_PATH.match(ref.uri or "")
    if not match:
        return None
    if match["number"]:
        subs = "".join(f"({s})" for s in (match["subs"] or "").split("/") if s)
        found = lookup.provision(match["statute"], match["number"], subs)
        if found:
            return found
    return lookup.statutes.get(match["statute"])


@register.inclusion_tag("citations/judgment_references.html", takes_context=True)
def judgment_references(context, document):
    """The cases and legislation an imported judgment refers to, each once, linked
    to its casebase page where held (else to Find Case Law or legislation.gov.uk),
    with the paragraphs it is cited in. Reads the prefetched paragraphs only."""
    lookup = lookup_for(context.get("request"))
    groups: dict[tuple[str, str], dict] = {}
    for paragraph in document.paragraphs.all():
        for ref in paragraph.references.all():
            key = (ref.kind, ref.canonical or ref.text)
            entry = groups.get(key)
            if entry is None:
                target = _held(ref, lookup)
                entry = groups[key] = {
                    "kind": ref.kind,
                    "label": ref.canonical or ref.text,
                    "text": ref.text,
                    "url": target.url if target else ref.uri,
                    "title": target.title if target else "",
                    "held": target is not None,
                    "paragraphs": [],
                }
            if paragraph not in entry["paragraphs"]:
                entry["paragraphs"].append(paragraph)
    entries = sorted(groups.values(), key=lambda e: e["label"])
    return {
        "cases": [e for e in entries if e["kind"] == "case"],
        "legislation": [e for e in entries if e["kind"] == "legislation"],
        "document": document,
    }
