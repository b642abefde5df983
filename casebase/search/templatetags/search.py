"""Links that change one search parameter and keep the others (facets, pages)."""

from django import template
from django.utils.html import format_html

from casebase.search.citations import pinpoint

register = template.Library()


def _link(request, **changes) -> str:
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def querystring_set(context, name: str, value) -> str:
    """The current search with `name` set to `value` (back to page 1 unless it is the
    page being set)."""
    changes = {name: str(value)}
    if name != "page":
        changes["page"] = None
    return _link(context["request"], **changes)


@register.simple_tag(takes_context=True)
def querystring_remove(context, name: str) -> str:
    return _link(context["request"], **{name: None, "page": None})


@register.simple_tag(takes_context=True)
def pinpoint_note(context) -> str:
    """On a record reached from a citation with a pinpoint (`[2023] UKSC 49 at [73]`,
    the search page adds `?pinpoint=`): say that the pinpoint was not followed, as the
    results page would. Only a pinpoint's form is echoed back (citations.pinpoint)."""
    request = context.get("request")
    typed = pinpoint(request.GET.get("pinpoint", "")) if request else ""
    if not typed:
        return ""
    return format_html(
        '<p class="alert search-notice" role="status">You searched with the pinpoint '
        "“{}”. casebase does not hold the text of paragraphs or pages, so this is the "
        "record as a whole; the passage is in the full text.</p>",
        typed,
    )
