"""Links that change one search parameter and keep the others (facets, pages)."""

from django import template

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
