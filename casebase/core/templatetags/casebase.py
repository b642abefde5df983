"""Template tags for casebase's pages: dates, markers, citator flags, grouping."""

from django import template
from django.utils.html import format_html

from casebase.citations.neutral import find_case_law_url
from casebase.core.dates import format_partial_date
from casebase.core.models import PublicationStatus

register = template.Library()


@register.filter
def partial_date(value, precision="day"):
    """`{{ dispute.filed_date|partial_date:dispute.filed_date_precision }}`."""
    return format_partial_date(value, precision or "day")


@register.inclusion_tag("includes/unverified.html")
def unverified(record, compact=False):
    """The "Unverified" marker, with the elements that could not be confirmed
    (unless `compact`, for tables)."""
    return {
        "show": bool(record is not None and record.needs_unverified_marker),
        "elements": list(getattr(record, "unverified_elements", None) or []),
        "compact": compact,
    }


@register.simple_tag
def draft_marker(record):
    """A badge on anything not published; only editors ever see such records."""
    status = getattr(record, "publication_status", PublicationStatus.PUBLISHED)
    if status == PublicationStatus.PUBLISHED:
        return ""
    return format_html(
        '<span class="badge badge-draft" title="Not public">{}</span>',
        PublicationStatus(status).label,
    )


@register.inclusion_tag("includes/status_flag.html")
def status_flag(precedent, with_reason=False):
    """The citator flag (good law, caution, negative, appeal pending); with the
    later judgment that causes it when `with_reason`."""
    status, authority = precedent.status_with_reason()
    return {
        "status": status,
        "label": status.label if hasattr(status, "label") else status,
        "authority": authority if with_reason else None,
    }


@register.filter
def group_by(rows, attribute):
    """[(key, [rows])] in the order of the field's choices, or of first appearance.

    For a choices field the key is the display label (`Claimant`); otherwise the
    related object itself (a claim's theory).
    """
    rows = list(rows)
    if not rows:
        return []
    groups: dict = {}
    for row in rows:
        groups.setdefault(getattr(row, attribute), []).append(row)
    field = rows[0]._meta.get_field(attribute)
    if field.choices:
        return [
            (label, groups[value]) for value, label in field.choices if value in groups
        ]
    return list(groups.items())


@register.filter
def theories_of(claims):
    """The distinct legal theories of some claims, in order of first appearance."""
    seen = {}
    for claim in claims:
        seen.setdefault(claim.theory_id, claim.theory)
    return list(seen.values())


@register.filter
def attr_of(record, name):
    """`{{ authority|attr_of:side }}`: one end of a relation chosen by the caller."""
    return getattr(record, name)


@register.filter
def find_case_law(neutral_citation):
    """The judgment's address on Find Case Law, or "" when it has none."""
    return find_case_law_url(neutral_citation or "")
